"""Several volunteers scanning at the same moment, with real threads and connections.

Only PostgreSQL runs these (SQLite serializes writers itself):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/alposs_checkin pytest tests/registrations
"""

import threading

from django.contrib.auth import get_user_model

from program.choices import SessionKind
from registrations import services
from registrations.choices import RegistrationStatus, SeatStatus
from registrations.models import Registration, WorkshopAttendance, WorkshopSeat
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory
from tests.registrations.concurrency import POSTGRES_THREADS, run_at_once

pytestmark = POSTGRES_THREADS

VOLUNTEERS = 12
PEOPLE = 40


def volunteers(count):
    users = get_user_model().objects
    return [users.create_user(f"volunteer{n}", f"v{n}@example.org", "pw") for n in range(count)]


def confirmed_people(edition, count):
    return Registration.objects.bulk_create(
        Registration(
            edition=edition,
            first_name=f"Person{n}",
            last_name="Door",
            email=f"door{n}@example.org",
            status=RegistrationStatus.CONFIRMED,
        )
        for n in range(count)
    )


class Results:
    """What each thread saw, collected under a lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = []

    def add(self, item):
        with self.lock:
            self.items.append(item)


def test_twelve_volunteers_scanning_the_same_ticket_check_it_in_once(db):
    edition = EditionFactory(capacity=100)
    [person] = confirmed_people(edition, 1)
    results = Results()

    def scan(user):
        outcome = services.check_in(person, by=user)
        results.add((user.pk, outcome.done_now, outcome.registration.checked_in_by_id))

    run_at_once(scan, volunteers(VOLUNTEERS))

    winners = [user for user, done_now, _by in results.items if done_now]
    assert len(winners) == 1
    person.refresh_from_db()
    assert person.checked_in_by_id == winners[0]
    # Everyone else was told who it was.
    assert {by for _user, _done, by in results.items} == {winners[0]}


def test_forty_tickets_scanned_at_once_are_all_checked_in(db):
    edition = EditionFactory(capacity=100)
    people = confirmed_people(edition, PEOPLE)
    [user] = volunteers(1)
    results = Results()

    def scan(person):
        results.add(services.check_in(person, by=user).done_now)

    run_at_once(scan, people)

    assert results.items == [True] * PEOPLE
    assert services.check_in_counts(edition) == {"confirmed": PEOPLE, "checked_in": PEOPLE}


def test_checking_in_and_undoing_at_once_leaves_a_consistent_row(db):
    edition = EditionFactory(capacity=100)
    [person] = confirmed_people(edition, 1)
    users = volunteers(VOLUNTEERS)

    def act(user):
        if user.pk % 2:
            services.check_in(person, by=user)
        else:
            services.undo_check_in(person)

    run_at_once(act, users)

    person.refresh_from_db()
    assert (person.checked_in_at is None) == (person.checked_in_by_id is None)


def test_twelve_volunteers_marking_the_same_seat_record_one_attendance(db):
    edition = EditionFactory(capacity=100)
    session = SessionFactory(edition=edition, kind=SessionKind.WORKSHOP, registration_required=True)
    [person] = confirmed_people(edition, 1)
    seat = WorkshopSeat.objects.create(
        registration=person, session=session, status=SeatStatus.CONFIRMED
    )
    results = Results()

    def mark(user):
        outcome = services.attend_workshop(seat, by=user)
        results.add((user.pk, outcome.done_now, outcome.attendance.checked_in_by_id))

    run_at_once(mark, volunteers(VOLUNTEERS))

    winners = [user for user, done_now, _by in results.items if done_now]
    assert len(winners) == 1
    attendance = WorkshopAttendance.objects.get()
    assert attendance.checked_in_by_id == winners[0]
    assert {by for _user, _done, by in results.items} == {winners[0]}


def test_forty_seats_marked_at_once_are_all_recorded(db):
    edition = EditionFactory(capacity=100)
    session = SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True, seats=PEOPLE
    )
    seats = WorkshopSeat.objects.bulk_create(
        WorkshopSeat(registration=person, session=session, status=SeatStatus.CONFIRMED)
        for person in confirmed_people(edition, PEOPLE)
    )
    [user] = volunteers(1)

    run_at_once(lambda seat: services.attend_workshop(seat, by=user), seats)

    assert WorkshopAttendance.objects.filter(seat__session=session).count() == PEOPLE
