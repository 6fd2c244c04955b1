"""Issue 14: a re-import that moves or withdraws a workshop keeps its seats and says so."""

import datetime
from pathlib import Path

from django.utils import translation

import pytest

from program.importing import apply_import, parse, plan_import
from program.models import Session
from registrations.choices import RegistrationStatus, SeatStatus
from registrations.models import WorkshopSeat
from tests.factories.home import EditionFactory
from tests.factories.registrations import RegistrationFactory
from tests.program.import_fixtures import event_guid

FIXTURES = Path(__file__).parents[1] / "program" / "import_fixtures"


def importing(edition, name):
    schedule = parse((FIXTURES / name).read_bytes())
    return apply_import(edition, plan_import(edition, schedule))


def hold(session, seat_status, registration_status=RegistrationStatus.CONFIRMED):
    registration = RegistrationFactory(edition=session.edition, status=registration_status)
    position = 1 if seat_status == SeatStatus.WAITING else None
    return WorkshopSeat.objects.create(
        registration=registration, session=session, status=seat_status, position=position
    )


@pytest.mark.django_db
def test_seats_in_a_moved_or_withdrawn_session_are_kept_and_reported():
    edition = EditionFactory(
        year=2027, start_date=datetime.date(2027, 3, 10), end_date=datetime.date(2027, 3, 11)
    )
    importing(edition, "alposs2027.json")
    moved = Session.objects.get(import_key=event_guid(1))  # changes room in v2
    withdrawn = Session.objects.get(import_key=event_guid(5))  # leaves in v2
    seats = [
        hold(moved, SeatStatus.CONFIRMED),
        hold(moved, SeatStatus.CONFIRMED),
        hold(moved, SeatStatus.WAITING),
        hold(moved, SeatStatus.CONFIRMED, RegistrationStatus.CANCELLED),  # not counted
        hold(withdrawn, SeatStatus.CONFIRMED),
    ]

    with translation.override("en"):
        plan = plan_import(edition, parse((FIXTURES / "alposs2027-v2.json").read_bytes()))
        lines = plan.report_lines()
    apply_import(edition, plan)

    assert f"“{moved.title}” moves: 2 seats held, 1 waiting (kept)." in lines, lines
    assert any(
        line.startswith(f"“{withdrawn.title}” leaves the schedule: 1 seats") for line in lines
    )
    assert WorkshopSeat.objects.filter(pk__in=[s.pk for s in seats]).count() == 5
