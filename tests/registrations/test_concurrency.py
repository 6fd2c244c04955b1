"""Real threads, real connections: many people confirming or cancelling at the same moment.

Only PostgreSQL runs these (SQLite serializes writers itself, with no row locks to prove):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/alposs_reg pytest tests/registrations
"""

from program.choices import SessionKind
from registrations import services
from registrations.choices import RegistrationStatus, SeatStatus
from registrations.models import Registration, WorkshopSeat
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory
from tests.registrations.concurrency import POSTGRES_THREADS, run_at_once

pytestmark = POSTGRES_THREADS

PEOPLE = 60
SEATS = 20


def pending_people(edition, count, session=None):
    registrations = Registration.objects.bulk_create(
        Registration(
            edition=edition,
            first_name=f"Person{n}",
            last_name="Concurrent",
            email=f"concurrent{n}@example.org",
        )
        for n in range(count)
    )
    if session is not None:
        WorkshopSeat.objects.bulk_create(
            WorkshopSeat(registration=registration, session=session)
            for registration in registrations
        )
    return registrations


def test_sixty_people_confirming_at_once_for_twenty_edition_seats(db):
    edition = EditionFactory(registration_open=True, capacity=SEATS)
    people = pending_people(edition, PEOPLE)

    run_at_once(services.confirm, people)

    registrations = Registration.objects.filter(edition=edition)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == SEATS
    waiting = list(registrations.waiting().values_list("waiting_position", flat=True))
    assert waiting == list(range(1, PEOPLE - SEATS + 1))

    first_waiting = list(registrations.waiting().values_list("pk", flat=True)[:5])
    cancelled = list(registrations.filter(status=RegistrationStatus.CONFIRMED)[:5])
    run_at_once(services.cancel, cancelled)

    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == SEATS
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == PEOPLE - SEATS - 5
    assert registrations.filter(status=RegistrationStatus.CANCELLED).count() == 5
    promoted = set(registrations.filter(pk__in=first_waiting).values_list("status", flat=True))
    assert promoted == {RegistrationStatus.CONFIRMED}


def test_sixty_people_confirming_at_once_for_a_twenty_seat_workshop(db):
    edition = EditionFactory(registration_open=True, capacity=500)
    session = SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True, seats=SEATS
    )
    people = pending_people(edition, PEOPLE, session)

    run_at_once(services.confirm, people)

    seats = WorkshopSeat.objects.filter(session=session)
    assert seats.filter(status=SeatStatus.CONFIRMED).count() == SEATS
    positions = sorted(seats.filter(status=SeatStatus.WAITING).values_list("position", flat=True))
    assert positions == list(range(1, PEOPLE - SEATS + 1))

    first_waiting = list(
        seats.filter(status=SeatStatus.WAITING)
        .order_by("position")
        .values_list("registration_id", flat=True)[:5]
    )
    holders = Registration.objects.filter(
        seats__session=session, seats__status=SeatStatus.CONFIRMED
    )[:5]
    run_at_once(services.cancel, list(holders))

    assert seats.filter(status=SeatStatus.CONFIRMED).count() == SEATS
    assert seats.filter(status=SeatStatus.WAITING).count() == PEOPLE - SEATS - 5
    promoted = set(seats.filter(registration_id__in=first_waiting).values_list("status", flat=True))
    assert promoted == {SeatStatus.CONFIRMED}


def test_the_same_address_registering_ten_times_at_once_makes_one_registration(db):
    edition = EditionFactory(registration_open=True)

    def register(n):
        services.register(
            edition,
            first_name="Same",
            last_name="Person",
            email="same@example.org",
            category="individual",
        )

    run_at_once(register, list(range(10)))
    assert Registration.objects.filter(edition=edition).count() == 1
