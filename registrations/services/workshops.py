"""Workshop seats: the part of the rules that concerns `program.Session`.

Called by registration.py inside its transactions, after the edition row is locked; the session
rows are then locked too, always in primary-key order. A registration takes workshop seats only
once it holds an edition seat: until then its choices stay "requested".

The rule for a workshop seat: it goes to the first person of that workshop's waiting list who
holds an edition seat (everyone on the list does: people waiting for the edition only have
"requested" seats). Someone who gets an edition seat (confirmation, promotion from the edition's
list, an organizer's promotion) or adds a workshop joins the end of that workshop's list; the
list is then served in order, so they take a seat at once only when one is free and nobody is
waiting ahead of them. Every path that takes or frees seats ends by serving the lists of the
workshops it touched (`_serve`), which is why the outcome never depends on the order in which
freed edition and workshop seats are handed out.
"""

from django.db.models import Max
from django.utils.translation import gettext as _

from program.models import Session

from ..choices import EmailKind, RegistrationStatus, SeatStatus
from ..exceptions import InvalidWorkshops
from ..models import WorkshopSeat
from ..notify import queue_email
from ..queries import seats_of


def validate_choice(edition, sessions):
    """The chosen sessions, checked: workshops of this edition, not at the same time."""
    ids = {getattr(session, "pk", session) for session in sessions or []}
    if not ids:
        return []
    chosen = list(
        Session.objects.filter(
            pk__in=ids, edition=edition, live=True, registration_required=True
        ).order_by("start", "pk")
    )
    if len(chosen) != len(ids):
        raise InvalidWorkshops
    for first, second in zip(chosen, chosen[1:], strict=False):
        if first.end and second.start and second.start < first.end:
            raise InvalidWorkshops(
                _("“%(first)s” and “%(second)s” take place at the same time: choose one.")
                % {"first": first.title, "second": second.title}
            )
    return chosen


def _lock_sessions(ids):
    return list(Session.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _join(seat):
    """Put a seat at the end of its workshop's waiting list (the session row is locked)."""
    top = WorkshopSeat.objects.filter(
        session_id=seat.session_id, status=SeatStatus.WAITING
    ).aggregate(top=Max("position"))["top"]
    seat.status, seat.position = SeatStatus.WAITING, (top or 0) + 1
    seat.save(update_fields=["status", "position"])


def _serve(session):
    """Give the free seats of a locked workshop to the first people of its list; returns them."""
    waiting = (
        WorkshopSeat.objects.filter(
            session=session,
            status=SeatStatus.WAITING,
            registration__status=RegistrationStatus.CONFIRMED,
        )
        .select_related("registration")
        .order_by("position", "pk")
    )
    if session.seats is not None:
        taken = WorkshopSeat.objects.filter(session=session, status=SeatStatus.CONFIRMED).count()
        waiting = waiting[: max(session.seats - taken, 0)]
    seats = list(waiting)
    WorkshopSeat.objects.filter(pk__in=[seat.pk for seat in seats]).update(
        status=SeatStatus.CONFIRMED, position=None
    )
    for seat in seats:
        seat.status, seat.position = SeatStatus.CONFIRMED, None
    return seats


def _serve_all(sessions, notify=True, mailed_anyway=None):
    """Serve each locked workshop's list; mail the updated ticket to whoever moved up, except
    `mailed_anyway` (the registration the caller sends its own ticket to)."""
    given = [seat for session in sessions for seat in _serve(session)]
    if notify:
        moved_up = {seat.registration_id: seat.registration for seat in given}
        moved_up.pop(getattr(mailed_anyway, "pk", None), None)
        for registration in moved_up.values():
            queue_email(registration, EmailKind.SEAT)
    return given


def request_seats(registration, sessions, now):
    return WorkshopSeat.objects.bulk_create(
        WorkshopSeat(registration=registration, session=session, created_at=now)
        for session in sessions
    )


def take_seats(registration, now):
    """Queue a registration that now holds an edition seat for the workshops it asked for.

    It joins the end of each list, then the lists are served: it gets a seat at once only where
    one is free and nobody waits ahead. Returns its seats.
    """
    requested = list(registration.seats.filter(status=SeatStatus.REQUESTED).order_by("pk"))
    if not requested:  # no workshop asked for; and until now its seats were all requested
        return []
    sessions = _lock_sessions(seat.session_id for seat in requested)
    for seat in requested:
        _join(seat)
    _serve_all(sessions, mailed_anyway=registration)
    return seats_of(registration)


def release_seats(registration):
    """Delete the seats of a registration; returns the ids of sessions where a seat was freed."""
    seats = list(registration.seats.all())
    freed = [seat.session_id for seat in seats if seat.status == SeatStatus.CONFIRMED]
    registration.seats.all().delete()
    return freed


def release_seats_of(registration_ids):
    """Drop the requested seats of registrations that never held any (bulk expiry)."""
    return WorkshopSeat.objects.filter(
        registration_id__in=registration_ids, status=SeatStatus.REQUESTED
    ).delete()


def promote_sessions(session_ids, now, notify=True):
    """Give the free seats of these workshops to the first people of their lists, in order."""
    return _serve_all(_lock_sessions(set(session_ids)), notify=notify)


def promote_edition_workshops(edition, now, notify=True):
    """Serve the lists of every workshop of the edition (an organizer may have added seats)."""
    sessions = Session.objects.filter(edition=edition, registration_required=True)
    return promote_sessions(sessions.values_list("pk", flat=True), now, notify=notify)


def replace_seats(registration, sessions, now):
    """Keep the seats still wanted, free the others, ask for the new ones.

    A confirmed registration joins the end of the new workshops' lists; then the lists of every
    workshop it left, kept or joined are served, in primary-key order.
    """
    current = {seat.session_id: seat for seat in registration.seats.all()}
    wanted = {session.pk for session in sessions}
    locked = _lock_sessions(set(current) | wanted)
    for session_id, seat in current.items():
        if session_id not in wanted:
            seat.delete()
    for session_id in sorted(wanted - set(current)):
        seat = WorkshopSeat.objects.create(
            registration=registration, session_id=session_id, created_at=now
        )
        if registration.status == RegistrationStatus.CONFIRMED:
            _join(seat)
    _serve_all(locked, mailed_anyway=registration)
    return seats_of(registration)
