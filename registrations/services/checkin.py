"""Check-in at the door: a participant arrives, a seat holder comes to a workshop, volunteers
search and count. Each change is one conditional UPDATE or runs under a row lock, so volunteers
scanning the same ticket at once count it once and are told who did."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.text import fold
from program.models import Session

from .. import codes
from ..choices import RegistrationStatus, SeatStatus
from ..exceptions import NotCheckable
from ..models import Registration, WorkshopAttendance, WorkshopSeat


@dataclass
class CheckInOutcome:
    """Where a check-in stands after a volunteer's action, read back from the database."""

    registration: Registration
    done_now: bool  # this call changed it (False: someone else had, or nothing to undo)


def read_check_in(registration_id):
    """A registration as the door pages show it: with who checked it in."""
    return Registration.objects.select_related("checked_in_by", "edition").get(pk=registration_id)


def check_in(registration, by=None, now=None):
    """Mark a confirmed participant as arrived, once.

    One conditional UPDATE: when several volunteers scan the same ticket at once, PostgreSQL
    makes the later ones wait for the first, re-read the row and update nothing, so exactly one
    wins and the others are told when, and by whom, it was done. Raises NotCheckable for a
    registration that holds no seat (pending, waiting list, cancelled, expired).
    """
    now = now or timezone.now()
    updated = Registration.objects.filter(
        pk=registration.pk, status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=True
    ).update(checked_in_at=now, checked_in_by=by)
    current = read_check_in(registration.pk)
    if not updated and current.status != RegistrationStatus.CONFIRMED:
        raise NotCheckable
    return CheckInOutcome(current, done_now=bool(updated))


def undo_check_in(registration):
    """A volunteer's mistake: the participant is no longer checked in."""
    updated = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=False).update(
        checked_in_at=None, checked_in_by=None
    )
    return CheckInOutcome(read_check_in(registration.pk), done_now=bool(updated))


@dataclass
class AttendanceOutcome:
    seat: WorkshopSeat
    attendance: WorkshopAttendance | None
    done_now: bool


def _seat_for_attendance(seat_id):
    return WorkshopSeat.objects.select_related("registration", "session").get(pk=seat_id)


def _current_attendance(seat_id):
    return (
        WorkshopAttendance.objects.select_related("checked_in_by").filter(seat_id=seat_id).first()
    )


def attend_workshop(seat, by=None, now=None):
    """Mark a workshop seat holder as present, once.

    The seat row is locked first (SELECT ... FOR UPDATE), so volunteers marking the same person
    at once queue up: the first creates the attendance, the others find it. The one-to-one
    constraint on the seat backs this up. Only a confirmed seat of a confirmed registration counts.
    """
    now = now or timezone.now()
    with transaction.atomic():
        seat = (
            WorkshopSeat.objects.select_for_update(of=("self",))
            .select_related("registration", "session")
            .get(pk=seat.pk)
        )
        if (
            seat.status != SeatStatus.CONFIRMED
            or seat.registration.status != RegistrationStatus.CONFIRMED
        ):
            raise NotCheckable(_("This person holds no confirmed seat in this workshop."))
        existing = _current_attendance(seat.pk)
        if existing is not None:
            return AttendanceOutcome(seat, existing, done_now=False)
        WorkshopAttendance.objects.create(seat=seat, checked_in_at=now, checked_in_by=by)
    return AttendanceOutcome(seat, _current_attendance(seat.pk), done_now=True)


def undo_attendance(seat):
    """A volunteer's mistake: the seat holder did not come after all."""
    deleted, _details = WorkshopAttendance.objects.filter(seat_id=seat.pk).delete()
    return AttendanceOutcome(_seat_for_attendance(seat.pk), None, done_now=bool(deleted))


def search_for_check_in(edition, text, limit=30):
    """The edition's registrations matching a ticket code, or every word of a name or e-mail.

    Accents and case are ignored ("esteve" finds "Estève"), the same on SQLite and
    PostgreSQL: the edition's names are matched here rather than by the database, in one
    query whatever the number of results (a few thousand short rows at most).
    Purged registrations are left out; the others are all shown, so that a volunteer sees at
    once that a person's registration is cancelled or on the waiting list.
    """
    people = Registration.objects.filter(edition=edition, purged_at__isnull=True)
    words = [fold(word) for word in text.split()[:6]]
    if not words:
        return people.none()
    rows = people.values_list("pk", "first_name", "last_name", "email", "organization")
    found = [row[0] for row in rows if all(word in fold(" ".join(row[1:])) for word in words)]
    # A six-letter name may also read as a code: show both rather than guess.
    pk = codes.pk_from_code(text)
    if pk is not None:
        found.append(pk)
    people = people.filter(pk__in=found).select_related("checked_in_by")
    return people.order_by("last_name", "first_name", "pk")[:limit]


def check_in_counts(edition):
    """The door counter: confirmed participants and how many of them are in, in one query."""
    return Registration.objects.filter(
        edition=edition, status=RegistrationStatus.CONFIRMED
    ).aggregate(
        confirmed=Count("pk"),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )


def checkin_workshops(edition):
    """The edition's workshops at the door, each with its seat holders and how many came."""
    return (
        Session.objects.filter(edition=edition, live=True, registration_required=True)
        .annotate(
            holders=Count("workshop_seats", filter=Q(workshop_seats__status=SeatStatus.CONFIRMED)),
            present=Count(
                "workshop_seats",
                filter=Q(
                    workshop_seats__status=SeatStatus.CONFIRMED,
                    workshop_seats__attendance__isnull=False,
                ),
            ),
        )
        .order_by("start", "title")
    )
