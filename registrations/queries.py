"""Read-only questions about workshop seats, shared by the forms, the pages, the e-mails and
the rules (which ask them inside their transactions)."""

from django.db.models import Count, Q

from program.models import Session

from .choices import ACTIVE_STATUSES, SeatStatus
from .models import WorkshopSeat


def seats_taken():
    """The seats a workshop has given: what the form, the pages and the rules count."""
    return Count("workshop_seats", filter=Q(workshop_seats__status=SeatStatus.CONFIRMED))


def bookable_queryset(edition):
    """The live workshops of the edition that take registrations, or None when there are none."""
    queryset = (
        Session.objects.filter(edition=edition, live=True, registration_required=True)
        .select_related("room")
        .annotate(seats_taken=seats_taken())
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


def seats_left_of(sessions):
    """{session pk: seats left} of those of `sessions` that take registrations with a number of
    seats (0 when full: new choices go to the waiting list). One query, none if there are none."""
    wanted = {
        session.pk: session.seats
        for session in sessions
        if session.registration_required and session.seats is not None
    }
    if not wanted:
        return {}
    taken = (
        Session.objects.filter(pk__in=wanted)
        .annotate(taken=seats_taken())
        .values_list("pk", "taken")
    )
    return {pk: max(wanted[pk] - count, 0) for pk, count in taken}


def seats_of(registration):
    return list(
        registration.seats.select_related("session", "session__room").order_by(
            "session__start", "session__title"
        )
    )


def seat_holders(sessions):
    """{session pk: (seats confirmed, people waiting)} of active registrations, in one query."""
    rows = (
        WorkshopSeat.objects.filter(session__in=sessions, registration__status__in=ACTIVE_STATUSES)
        .values("session_id")
        .annotate(
            seats=Count("pk", filter=Q(status=SeatStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=SeatStatus.WAITING)),
        )
    )
    return {row["session_id"]: (row["seats"], row["waiting"]) for row in rows}
