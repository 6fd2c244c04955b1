"""The rules of registration, in one place: register, confirm, cancel, promote, expire, change.

Who gets a seat. Each list is served first come, first served, and nobody passes anyone:
- An edition seat goes to the first person of the edition's waiting list; a confirmation takes
  one directly only when one is free and nobody is waiting (an organizer may still promote
  anyone from the list, above the capacity).
- A workshop seat goes to the first person of that workshop's waiting list who holds (or is
  given) an edition seat. People waiting for the edition are on no workshop list: their choices
  stay "requested". Whoever gets an edition seat (a confirmation, a promotion from the edition's
  list, an organizer's promotion) joins the end of the list of each workshop they asked for,
  and takes a seat directly only when one is free and nobody eligible is waiting ahead.
So when one cancellation frees an edition seat and a workshop seat, the workshop seat goes to
that workshop's list, and the person promoted to the edition queues behind it. Every path ends
by serving the lists it touched, which makes the outcome independent of the order in which the
freed seats are handed out (workshops.py does the workshops' part).

Every function that takes or frees a seat runs in one transaction and first locks the edition
row (`SELECT ... FOR UPDATE` on PostgreSQL), so that two people can never take the last seat
at once; workshop rows are locked next, always in primary-key order. On SQLite the whole
database is locked by each writing transaction (settings use BEGIN IMMEDIATE), which is just as
safe.

E-mails are queued with `transaction.on_commit` (notify.py): a rolled-back change sends
nothing, and a mail server that fails never loses a registration.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Edition

from ..choices import EmailKind, RegistrationStatus
from ..exceptions import (
    ConfirmationExpired,
    NoNewLink,
    NotConfirmable,
    RegistrationClosed,
    RegistrationError,
)
from ..models import Registration
from ..notify import queue_email
from ..queries import seats_of
from ..retention import links_expired
from ..tokens import confirmation_delay
from . import workshops


@dataclass
class RegisterOutcome:
    registration: Registration
    created: bool


@dataclass
class ConfirmOutcome:
    registration: Registration
    newly_confirmed: bool
    seats: list = field(default_factory=list)

    @property
    def on_waiting_list(self):
        return self.registration.status == RegistrationStatus.WAITING


def lock_edition(edition_id):
    return Edition.objects.select_for_update().get(pk=edition_id)


def _lock_registration(registration_id):
    return Registration.objects.select_for_update().get(pk=registration_id)


def normalize_email(email):
    """Strip spaces and lower the domain (the local part may legally be case-sensitive)."""
    email = (email or "").strip()
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}" if local else email


def find_active(edition, email):
    return (
        Registration.objects.active()
        .filter(edition=edition, email__iexact=normalize_email(email))
        .first()
    )


def register(
    edition,
    *,
    first_name,
    last_name,
    email,
    category,
    organization="",
    accessibility_needs="",
    dietary_needs="",
    newsletter=False,
    language=None,
    sessions=(),
    now=None,
):
    """Create a pending registration and queue its confirmation e-mail.

    An address that already holds an active registration for the edition creates nothing: the
    person is sent their private link again (the caller shows the same page either way).
    """
    now = now or timezone.now()
    language = language or settings.LANGUAGE_CODE
    email = normalize_email(email)
    with transaction.atomic():
        edition = lock_edition(edition.pk)
        if not edition.is_registration_open(now):
            raise RegistrationClosed
        sessions = workshops.validate_choice(edition, sessions)
        _expire_stale(edition, now)  # keeps the lists tidy without a scheduler
        existing = find_active(edition, email)
        if existing is not None:
            queue_email(
                existing,
                EmailKind.CONFIRM
                if existing.status == RegistrationStatus.PENDING
                else EmailKind.LINK,
            )
            return RegisterOutcome(existing, created=False)
        registration = Registration(
            edition=edition,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            organization=(organization or "").strip(),
            category=category,
            accessibility_needs=(accessibility_needs or "").strip(),
            dietary_needs=(dietary_needs or "").strip() if edition.serves_food else "",
            newsletter=bool(newsletter),
            language=language,
            consented_at=now,
            created_at=now,
        )
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:  # pragma: no cover - the edition lock makes this unreachable
            existing = find_active(edition, email)
            queue_email(existing, EmailKind.LINK)
            return RegisterOutcome(existing, created=False)
        workshops.request_seats(registration, sessions, now)
        queue_email(registration, EmailKind.CONFIRM)
    return RegisterOutcome(registration, created=True)


def _next_waiting_position(edition):
    top = Registration.objects.filter(edition=edition, status=RegistrationStatus.WAITING).aggregate(
        top=Max("waiting_position")
    )["top"]
    return (top or 0) + 1


def _seat_counts(edition):
    """How many registrations of the edition hold a seat, and how many wait for one."""
    return Registration.objects.filter(edition=edition).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )


def _give_seat(registration, now):
    """Confirm a registration that holds the edition lock, then take its workshop seats."""
    registration.status = RegistrationStatus.CONFIRMED
    registration.waiting_position = None
    registration.confirmed_at = registration.confirmed_at or now
    registration.save(update_fields=["status", "waiting_position", "confirmed_at"])
    return workshops.take_seats(registration, now)


def confirm(registration, now=None):
    """Double opt-in: take the edition seat (or a place on its waiting list), then workshops.

    Idempotent: confirming twice changes nothing and sends no second e-mail.
    """
    now = now or timezone.now()
    with transaction.atomic():
        edition = lock_edition(registration.edition_id)
        registration = _lock_registration(registration.pk)
        registration.edition = edition
        if registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING):
            return ConfirmOutcome(registration, newly_confirmed=False, seats=seats_of(registration))
        if registration.status != RegistrationStatus.PENDING:
            raise NotConfirmable
        if now - registration.created_at <= confirmation_delay():
            return _seat_or_wait(edition, registration, now)
        _expire(registration)
    raise ConfirmationExpired  # once the expiry is committed


def _seat_or_wait(edition, registration, now):
    """A seat if one is still free once the people already waiting had theirs (an organizer
    may have raised the capacity), else the end of the edition's list."""
    _promoted, seat_free = _fill_edition(edition, now)
    if seat_free:
        seats = _give_seat(registration, now)
        queue_email(registration, EmailKind.TICKET)
        return ConfirmOutcome(registration, newly_confirmed=True, seats=seats)
    registration.status = RegistrationStatus.WAITING
    registration.waiting_position = _next_waiting_position(edition)
    registration.confirmed_at = now
    registration.save(update_fields=["status", "waiting_position", "confirmed_at"])
    queue_email(registration, EmailKind.WAITING)
    seats = seats_of(registration)
    return ConfirmOutcome(registration, newly_confirmed=True, seats=seats)


def _expire(registration):
    """A pending registration holds only requested workshop seats: expiring it frees no seat."""
    registration.status = RegistrationStatus.EXPIRED
    registration.save(update_fields=["status"])
    workshops.release_seats(registration)


def _expire_stale(edition, now):
    """Expire, in bulk, the edition's registrations never confirmed within the delay."""
    stale = Registration.objects.filter(
        edition=edition,
        status=RegistrationStatus.PENDING,
        created_at__lt=now - confirmation_delay(),
    )
    ids = list(stale.values_list("pk", flat=True))
    if ids:
        workshops.release_seats_of(ids)
        Registration.objects.filter(pk__in=ids).update(status=RegistrationStatus.EXPIRED)
    return len(ids)


def _promote_edition(edition, now):
    """Fill the free seats of a locked edition from its waiting list, in order.

    Each person promoted joins the end of their workshops' lists (see workshops.take_seats).
    """
    return _fill_edition(edition, now)[0]


def _fill_edition(edition, now):
    """_promote_edition's work; also says whether a seat is still free afterwards (then nobody
    is waiting), which spares confirm() counting the seats again.

    The seats are counted once: nobody else changes them while the edition is locked.
    """
    counts = _seat_counts(edition)
    confirmed, waiting = counts["confirmed"], counts["waiting"]
    promoted = []
    while edition.capacity is None or confirmed < edition.capacity:
        if not waiting:
            return promoted, True
        candidate = (
            Registration.objects.waiting().filter(edition=edition).select_for_update().first()
        )
        if candidate is None:  # pragma: no cover - counted under the same lock
            return promoted, True
        _give_seat(candidate, now)
        queue_email(candidate, EmailKind.PROMOTED)
        promoted.append(candidate)
        confirmed, waiting = confirmed + 1, waiting - 1
    return promoted, False


def promote_next(edition, now=None):
    """Give every free seat of the edition, then of its workshops, to the people waiting, in
    order (after an organizer raised a capacity); returns who got an edition seat."""
    now = now or timezone.now()
    with transaction.atomic():
        edition = lock_edition(edition.pk)
        promoted = _promote_edition(edition, now)
        workshops.promote_edition_workshops(edition, now)
        return promoted


def promote(registration, now=None):
    """An organizer's decision: confirm this waiting person now, even above capacity.

    The edition seat is theirs at once; for workshops they queue like anyone promoted.
    """
    now = now or timezone.now()
    with transaction.atomic():
        lock_edition(registration.edition_id)
        registration = _lock_registration(registration.pk)
        if registration.status != RegistrationStatus.WAITING:
            raise RegistrationError(_("Only a registration on the waiting list can be promoted."))
        _give_seat(registration, now)
        queue_email(registration, EmailKind.PROMOTED)
    return registration


def cancel(registration, now=None, notify=True):
    """Free the seats of a registration and promote the next people waiting, exactly once.

    The freed workshop seats go to those workshops' lists; whoever is promoted to the edition
    queues behind them (the order of the two hand-outs below does not matter).
    Returns the registrations promoted to the edition. Cancelling twice does nothing more.
    """
    now = now or timezone.now()
    with transaction.atomic():
        edition = lock_edition(registration.edition_id)
        registration = _lock_registration(registration.pk)
        if not registration.is_active:
            return []
        registration.status = RegistrationStatus.CANCELLED
        registration.waiting_position = None
        registration.cancelled_at = now
        registration.save(update_fields=["status", "waiting_position", "cancelled_at"])
        revoke_links(registration)
        freed_sessions = workshops.release_seats(registration)
        promoted = _promote_edition(edition, now)
        workshops.promote_sessions(freed_sessions, now)
        if notify:
            queue_email(registration, EmailKind.CANCELLED)
    return promoted


def expire_pending(now=None):
    """Expire the registrations never confirmed within the delay; they never held a seat."""
    now = now or timezone.now()
    limit = now - confirmation_delay()
    count = 0
    stale = Registration.objects.filter(status=RegistrationStatus.PENDING, created_at__lt=limit)
    for registration_id in stale.values_list("pk", flat=True):
        with transaction.atomic():
            registration = _lock_registration(registration_id)
            if registration.status == RegistrationStatus.PENDING:
                _expire(registration)
                count += 1
    return count


@task()
def expire_pending_registrations():
    return expire_pending()


def change_workshops(registration, sessions, now=None):
    """Replace the workshops chosen: freed seats go to the next people waiting for them; a
    confirmed registration joins the end of the lists of the workshops it adds."""
    now = now or timezone.now()
    with transaction.atomic():
        edition = lock_edition(registration.edition_id)
        registration = _lock_registration(registration.pk)
        if not registration.is_active:
            raise NotConfirmable
        if not edition.is_registration_open(now):
            raise RegistrationClosed(
                _("Workshop choices can no longer be changed: registration is closed.")
            )
        sessions = workshops.validate_choice(edition, sessions)
        before = set(registration.seats.values_list("session_id", "status"))
        seats = workshops.replace_seats(registration, sessions, now)
        after = {(seat.session_id, seat.status) for seat in seats}
        if registration.status == RegistrationStatus.CONFIRMED and after != before:
            # The ticket lists the workshops (and its calendar holds them): send it again.
            queue_email(registration, EmailKind.TICKET)
        return seats


def revoke_links(registration):
    """Every private link sent so far (management page, ticket QR code, confirmation) stops
    working: they all carry the registration's key."""
    registration.rotate_key()
    registration.save(update_fields=["key"])


def send_new_link(registration, now=None):
    """Revoke the links of an active registration and mail a new one (the confirmation link
    while it is pending, else the management link with the ticket)."""
    with transaction.atomic():
        registration = _lock_registration(registration.pk)
        if not registration.is_active or registration.purged_at:
            raise NoNewLink
        if links_expired(registration.edition, timezone.localdate(now)):
            raise NoNewLink(_("The private links of this edition have expired."))
        revoke_links(registration)
        pending = registration.status == RegistrationStatus.PENDING
        queue_email(registration, EmailKind.CONFIRM if pending else EmailKind.LINK)
    return registration


DETAILS = ("first_name", "last_name", "organization", "accessibility_needs", "dietary_needs")


def update_details(registration, **details):
    """The participant corrects their name, organization or needs (`DETAILS`)."""
    fields = [name for name in DETAILS if name in details]
    with transaction.atomic():
        registration = _lock_registration(registration.pk)
        if registration.purged_at:
            raise NotConfirmable
        for name in fields:
            setattr(registration, name, details[name])
        registration.save(update_fields=fields)
    return registration


def _address_taken(registration, email):
    return (
        Registration.objects.active()
        .filter(edition_id=registration.edition_id, email__iexact=email)
        .exclude(pk=registration.pk)
        .exists()
    )


def request_email_change(registration, email):
    """Mail a confirmation link to `email`; the address changes only once it is opened
    (`confirm_email_change`). Asking again replaces the address waiting, and its link."""
    email = normalize_email(email)
    with transaction.atomic():
        registration = _lock_registration(registration.pk)
        if not registration.is_active or registration.purged_at:
            raise NotConfirmable
        if email.casefold() == registration.email.casefold():
            raise RegistrationError(_("This is already the address of your registration."))
        if _address_taken(registration, email):
            raise RegistrationError(
                _("Another registration to this edition uses this address already.")
            )
        registration.pending_email = email
        registration.save(update_fields=["pending_email"])
        queue_email(registration, EmailKind.EMAIL_CHANGE)
    return registration


def confirm_email_change(registration):
    """The new address is confirmed: it becomes the registration's; the old one is told."""
    with transaction.atomic():
        registration = _lock_registration(registration.pk)
        new = registration.pending_email
        if not new or not registration.is_active or registration.purged_at:
            raise RegistrationError(_("This address change is no longer waiting."))
        if _address_taken(registration, new):
            raise RegistrationError(
                _("Another registration to this edition uses this address already.")
            )
        old = registration.email
        registration.email = new
        registration.pending_email = ""
        try:
            with transaction.atomic():
                registration.save(update_fields=["email", "pending_email"])
        except IntegrityError as error:
            raise RegistrationError(
                _("Another registration to this edition uses this address already.")
            ) from error
        queue_email(registration, EmailKind.EMAIL_CHANGED, address=old)
    return registration
