"""Workshop seats: the part of the rules that concerns `program.Session`.

Called by services.py inside its transactions, after the edition row is locked; the session
rows are then locked too, always in primary-key order. A registration takes workshop seats only
once it holds an edition seat: until then its choices stay "requested".
"""

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from program.models import Session

from .choices import EmailKind, RegistrationStatus, SeatStatus
from .models import WorkshopSeat


def bookable_queryset(edition):
    """The live workshops of the edition that take registrations, or None when there are none."""
    queryset = (
        Session.objects.filter(edition=edition, live=True, registration_required=True)
        .select_related("room")
        .annotate(
            seats_taken=Count(
                "workshop_seats", filter=Q(workshop_seats__status=SeatStatus.CONFIRMED)
            )
        )
        .order_by("start", "title")
    )
    return queryset if queryset.exists() else None


def seats_left(session):
    if session.seats is None:
        return None
    taken = getattr(session, "seats_taken", None)
    if taken is None:
        taken = session.workshop_seats.filter(status=SeatStatus.CONFIRMED).count()
    return max(session.seats - taken, 0)


def choice_label(session, seat=None):
    parts = [session.title]
    if session.start and session.end:
        start = timezone.localtime(session.start)
        end = timezone.localtime(session.end)
        parts.append(f"{date_format(start, 'H:i')}–{date_format(end, 'H:i')}")
    if session.room_id:
        parts.append(session.room.name)
    left = seats_left(session)
    if seat is not None:
        parts.append(_("your choice: %(status)s") % {"status": seat.status_text})
    elif left is None:
        parts.append(_("open seating"))
    elif left == 0:
        parts.append(_("full: you will be on the waiting list"))
    else:
        parts.append(
            ngettext("%(count)s seat left", "%(count)s seats left", left) % {"count": left}
        )
    return " — ".join(parts)


def validate_choice(edition, sessions):
    """The chosen sessions, checked: workshops of this edition, not at the same time."""
    from .services import InvalidWorkshops

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


def _take(seat, session):
    confirmed = WorkshopSeat.objects.filter(session=session, status=SeatStatus.CONFIRMED).count()
    if session.seats is None or confirmed < session.seats:
        seat.status, seat.position = SeatStatus.CONFIRMED, None
    else:
        top = WorkshopSeat.objects.filter(session=session, status=SeatStatus.WAITING).aggregate(
            top=Max("position")
        )["top"]
        seat.status, seat.position = SeatStatus.WAITING, (top or 0) + 1
    seat.save(update_fields=["status", "position"])


def request_seats(registration, sessions, now):
    return WorkshopSeat.objects.bulk_create(
        WorkshopSeat(registration=registration, session=session, created_at=now)
        for session in sessions
    )


def take_seats(registration, now):
    """Turn the requested workshops of a registration now confirmed into seats or places."""
    requested = list(registration.seats.filter(status=SeatStatus.REQUESTED).order_by("pk"))
    sessions = {session.pk: session for session in _lock_sessions(s.session_id for s in requested)}
    for seat in requested:
        _take(seat, sessions[seat.session_id])
    return seats_of(registration)


def seats_of(registration):
    return list(
        registration.seats.select_related("session", "session__room").order_by(
            "session__start", "session__title"
        )
    )


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
    """Give the free seats of these workshops to the next people waiting, in order."""
    from .services import queue_email

    promoted = []
    for session in _lock_sessions(set(session_ids)):
        while session.seats is None or (
            WorkshopSeat.objects.filter(session=session, status=SeatStatus.CONFIRMED).count()
            < session.seats
        ):
            seat = (
                WorkshopSeat.objects.filter(
                    session=session,
                    status=SeatStatus.WAITING,
                    registration__status=RegistrationStatus.CONFIRMED,
                )
                .select_related("registration")
                .order_by("position", "pk")
                .first()
            )
            if seat is None:
                break
            seat.status, seat.position = SeatStatus.CONFIRMED, None
            seat.save(update_fields=["status", "position"])
            if notify:
                queue_email(seat.registration, EmailKind.SEAT)
            promoted.append(seat)
    return promoted


def replace_seats(registration, sessions, now):
    """Keep the seats still wanted, free the others, ask for the new ones."""
    current = {seat.session_id: seat for seat in registration.seats.all()}
    wanted = {session.pk for session in sessions}
    locked = {s.pk: s for s in _lock_sessions(set(current) | wanted)}
    freed = []
    for session_id, seat in current.items():
        if session_id not in wanted:
            if seat.status == SeatStatus.CONFIRMED:
                freed.append(session_id)
            seat.delete()
    for session_id in sorted(wanted - set(current)):
        seat = WorkshopSeat.objects.create(
            registration=registration, session=locked[session_id], created_at=now
        )
        if registration.status == RegistrationStatus.CONFIRMED:
            _take(seat, locked[session_id])
    promote_sessions(freed, now)
    return seats_of(registration)
