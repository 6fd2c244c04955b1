"""The rules of registration, in one place: register, confirm, cancel, promote, expire, change.

Every function that takes or frees a seat runs in one transaction and first locks the edition
row (`SELECT ... FOR UPDATE` on PostgreSQL), so that two people can never take the last seat
at once; workshop rows are locked next, always in the same order. On SQLite the whole database
is locked by each writing transaction (settings use BEGIN IMMEDIATE), which is just as safe.

E-mails are queued with `transaction.on_commit`: a rolled-back change sends nothing, and a mail
server that fails never loses a registration.
"""

import datetime
import functools
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Edition

from . import workshops
from .choices import EmailKind, RegistrationStatus
from .models import Registration
from .signals import personal_data_purge_requested
from .tokens import confirmation_delay

logger = logging.getLogger(__name__)


class RegistrationError(Exception):
    """A rule said no; `message` is translated and safe to show to the participant."""

    message = _("This action is not possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class RegistrationClosed(RegistrationError):
    message = _("Registration for this edition is closed.")


class ConfirmationExpired(RegistrationError):
    message = _(
        "This confirmation link has expired and the registration was not kept. "
        "You can register again."
    )


class NotConfirmable(RegistrationError):
    message = _("This registration was cancelled or has expired. You can register again.")


class InvalidWorkshops(RegistrationError):
    message = _("Some of the chosen workshops cannot be booked for this edition.")


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


def retention_days():
    return getattr(settings, "REGISTRATIONS_RETENTION_DAYS", 180)


def queue_email(registration, kind):
    """Send `kind` to the participant once the current transaction commits."""
    from .tasks import send_registration_email

    transaction.on_commit(
        functools.partial(send_registration_email.enqueue, registration.pk, str(kind)),
        robust=True,
    )


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


def _has_free_seat(edition):
    if edition.capacity is None:
        return True
    return Registration.objects.confirmed().filter(edition=edition).count() < edition.capacity


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
    expired = False
    with transaction.atomic():
        edition = lock_edition(registration.edition_id)
        registration = _lock_registration(registration.pk)
        registration.edition = edition
        if registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING):
            return ConfirmOutcome(
                registration, newly_confirmed=False, seats=workshops.seats_of(registration)
            )
        if registration.status != RegistrationStatus.PENDING:
            raise NotConfirmable
        if now - registration.created_at > confirmation_delay():
            _expire(registration)
            expired = True
        elif _has_free_seat(edition):
            seats = _give_seat(registration, now)
            queue_email(registration, EmailKind.TICKET)
            return ConfirmOutcome(registration, newly_confirmed=True, seats=seats)
        else:
            registration.status = RegistrationStatus.WAITING
            registration.waiting_position = _next_waiting_position(edition)
            registration.confirmed_at = now
            registration.save(update_fields=["status", "waiting_position", "confirmed_at"])
            queue_email(registration, EmailKind.WAITING)
            return ConfirmOutcome(
                registration, newly_confirmed=True, seats=workshops.seats_of(registration)
            )
    if expired:
        raise ConfirmationExpired
    raise AssertionError("unreachable")  # pragma: no cover


def _expire(registration):
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
    """Fill the free seats of a locked edition from its waiting list, in order."""
    promoted = []
    while _has_free_seat(edition):
        candidate = (
            Registration.objects.waiting().filter(edition=edition).select_for_update().first()
        )
        if candidate is None:
            break
        _give_seat(candidate, now)
        queue_email(candidate, EmailKind.PROMOTED)
        promoted.append(candidate)
    return promoted


def promote_next(edition, now=None):
    """Give every free seat of the edition to the next people waiting; returns who moved up."""
    now = now or timezone.now()
    with transaction.atomic():
        edition = lock_edition(edition.pk)
        return _promote_edition(edition, now)


def promote(registration, now=None):
    """An organizer's decision: confirm this waiting person now, even above capacity."""
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


def change_workshops(registration, sessions, now=None):
    """Replace the workshops chosen: freed seats go to the next people waiting for them."""
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
        return workshops.replace_seats(registration, sessions, now)


def check_in(registration, now=None):
    """Mark a confirmed participant as arrived; False when already done (or not confirmed)."""
    now = now or timezone.now()
    updated = Registration.objects.filter(
        pk=registration.pk, status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=True
    ).update(checked_in_at=now)
    return bool(updated)


def anonymize_queryset(queryset, now=None):
    """Remove names, e-mails and free-text answers; keep status, category and check-in."""
    now = now or timezone.now()
    return queryset.filter(purged_at__isnull=True).update(
        first_name="",
        last_name="",
        email="",
        organization="",
        accessibility_needs="",
        dietary_needs="",
        newsletter=False,
        key="",
        purged_at=now,
    )


def delete_personal_data(registration, now=None):
    """The participant's own request: cancel (freeing seats), then remove personal data."""
    now = now or timezone.now()
    with transaction.atomic():
        cancel(registration, now=now, notify=False)
        anonymize_queryset(Registration.objects.filter(pk=registration.pk), now)


def purge_edition(edition, now=None):
    """Remove the personal data of an edition's registrations (idempotent); returns a count."""
    with transaction.atomic():
        personal_data_purge_requested.send(sender=Registration, edition=edition)
        return anonymize_queryset(Registration.objects.filter(edition=edition), now)


def purge_due_date(edition):
    return edition.end_date + datetime.timedelta(days=retention_days())
