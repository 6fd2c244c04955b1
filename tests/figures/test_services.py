import datetime
import io

from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from figures import services
from figures.models import AttendanceTally
from program.choices import SessionKind
from registrations import services as registration_services
from registrations.choices import Category, RegistrationStatus, SeatStatus
from registrations.models import Registration, WorkshopAttendance, WorkshopSeat
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory, SpeakerFactory
from tests.factories.registrations import RegistrationFactory
from tests.factories.sponsors import SponsorshipFactory, SponsorTierFactory

pytestmark = pytest.mark.django_db

CONFIRMED = RegistrationStatus.CONFIRMED


def held_edition(year=2026, **kwargs):
    return EditionFactory(
        year=year,
        start_date=datetime.date(year, 2, 17),
        end_date=datetime.date(year, 2, 17),
        **kwargs,
    )


def confirmed(edition, n, checked_in=0, category=Category.INDIVIDUAL):
    arrived = timezone.now()
    return [
        RegistrationFactory(
            edition=edition,
            status=CONFIRMED,
            category=category,
            checked_in_at=arrived if i < checked_in else None,
        )
        for i in range(n)
    ]


@pytest.fixture
def edition_2026():
    """A held edition: 6 confirmed (4 arrived), 2 waiting, 1 cancelled, 1 expired, 1 pending."""
    edition = held_edition(2026)
    confirmed(edition, 4, checked_in=3, category=Category.COMPANY)
    confirmed(edition, 2, checked_in=1, category=Category.STUDENT)
    for position in (1, 2):
        RegistrationFactory(
            edition=edition, status=RegistrationStatus.WAITING, waiting_position=position
        )
    RegistrationFactory(edition=edition, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(edition=edition, status=RegistrationStatus.EXPIRED)
    RegistrationFactory(edition=edition, status=RegistrationStatus.PENDING)
    return edition


def test_compute_tally_counts_registrations_by_status_and_check_in(edition_2026):
    figures = services.compute_tally(edition_2026)

    assert figures["registered"] == 10  # all but the expired one
    assert figures["confirmed"] == 6
    assert figures["waiting"] == 2
    assert figures["cancelled"] == 1
    assert figures["pending"] == 1
    assert figures["checked_in"] == 4
    assert figures["participants"] == 4
    assert figures["participants_basis"] == "checked_in"
    assert figures["no_show_rate"] == pytest.approx(2 / 6, abs=1e-4)
    assert figures["by_category"] == [
        {"category": "company", "confirmed": 4, "checked_in": 3},
        {"category": "student", "confirmed": 2, "checked_in": 1},
    ]


def test_an_edition_to_come_counts_confirmed_participants_and_no_no_show_rate():
    edition = EditionFactory(
        year=2099, start_date=datetime.date(2099, 2, 17), end_date=datetime.date(2099, 2, 17)
    )
    confirmed(edition, 3)

    figures = services.compute_tally(edition)

    assert figures["participants"] == 3
    assert figures["participants_basis"] == "confirmed"
    assert figures["no_show_rate"] is None


def test_compute_tally_counts_program_sponsors_and_real_workshop_attendance(edition_2026):
    alice, bob = SpeakerFactory(), SpeakerFactory()
    SessionFactory(edition=edition_2026, kind=SessionKind.KEYNOTE, speakers=[alice])
    SessionFactory(edition=edition_2026, kind=SessionKind.TALK, speakers=[alice, bob])
    SessionFactory(edition=edition_2026, kind=SessionKind.BREAK)
    SessionFactory(
        edition=edition_2026, kind=SessionKind.TALK, live=False, speakers=[SpeakerFactory()]
    )
    workshop = SessionFactory(
        edition=edition_2026, kind=SessionKind.WORKSHOP, seats=3, registration_required=True
    )
    # Not ordered by checked_in_at: PostgreSQL puts NULLs first in descending order.
    people = Registration.objects.filter(edition=edition_2026, status=CONFIRMED).order_by("pk")
    at_the_door = people.filter(checked_in_at__isnull=False)[0]
    not_at_the_door = people.filter(checked_in_at__isnull=True)[0]
    WorkshopSeat.objects.create(
        registration=at_the_door, session=workshop, status=SeatStatus.CONFIRMED
    )
    came = WorkshopSeat.objects.create(
        registration=not_at_the_door, session=workshop, status=SeatStatus.CONFIRMED
    )
    # Attendance is what volunteers marked at the workshop, not a check-in at the door: the
    # person checked in at the door but not seen at the workshop does not count.
    WorkshopAttendance.objects.create(seat=came)
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITING).first()
    WorkshopSeat.objects.create(
        registration=waiting, session=workshop, status=SeatStatus.WAITING, position=1
    )
    booth, no_booth = (
        SponsorTierFactory(edition=edition_2026, includes_booth=True),
        SponsorTierFactory(edition=edition_2026, includes_booth=False),
    )
    SponsorshipFactory(tier=booth)
    SponsorshipFactory(tier=booth)
    SponsorshipFactory(tier=no_booth)

    figures = services.compute_tally(edition_2026)

    assert figures["sessions"] == 3
    assert figures["sessions_by_kind"] == {"keynote": 1, "talk": 1, "workshop": 1}
    assert figures["workshops"] == 1
    assert figures["speakers"] == 2
    assert figures["sponsors"] == 3
    assert figures["exhibitors"] == 2
    assert figures["workshop_attendance"] == [
        {
            "title": workshop.title,
            "start": workshop.start.isoformat(),
            "seats": 3,
            "confirmed": 2,
            "waiting": 1,
            "attended": 1,
        }
    ]


def test_compute_tally_takes_seven_queries(edition_2026):
    with CaptureQueriesContext(connection) as queries:
        services.compute_tally(edition_2026)
    assert len(queries) == 7


def test_an_edition_without_records_shows_the_figures_entered_by_hand():
    edition = held_edition(2024, reported_participants=250, reported_online_audience=1200)

    figures = services.edition_figures(edition)

    assert figures["source"] == "reported"
    assert figures["participants"] == 250
    assert figures["online_audience"] == 1200
    assert figures["checked_in"] is None


def test_an_edition_with_records_is_computed_even_with_a_figure_entered_by_hand(edition_2026):
    edition_2026.reported_participants = 999
    edition_2026.save()

    figures = services.edition_figures(edition_2026)

    assert figures["source"] == "computed"
    assert figures["participants"] == 4


def test_figures_across_editions_give_growth_from_one_edition_to_the_next(edition_2026):
    held_edition(2024, reported_participants=250)
    held_edition(2025, reported_participants=350)

    rows = services.figures_across_editions()

    assert [(r["year"], r["participants"], r["source"]) for r in rows] == [
        (2024, 250, "reported"),
        (2025, 350, "reported"),
        (2026, 4, "computed"),
    ]
    assert [(r["growth"], r["growth_rate"]) for r in rows] == [
        (None, None),
        (100, 0.4),
        (-346, pytest.approx(-346 / 350, abs=1e-4)),
    ]


def _count_queries():
    with CaptureQueriesContext(connection) as queries:
        services.figures_across_editions()
    return len(queries)


def test_figures_across_editions_take_the_same_queries_for_two_or_six_editions():
    for year in (2026, 2027):
        confirmed(held_edition(year), 2, checked_in=1)
    at_two = _count_queries()
    for year in (2028, 2029, 2030):
        edition = held_edition(year)
        confirmed(edition, 3, checked_in=2)
        SessionFactory(edition=edition, speakers=[SpeakerFactory()])
    services.freeze_tally(held_edition(2031, reported_participants=10))

    assert _count_queries() == at_two == 9


def test_freeze_tally_is_idempotent_and_never_recomputes(edition_2026):
    first = services.freeze_tally(edition_2026)
    confirmed(edition_2026, 5, checked_in=5)

    again = services.freeze_tally(edition_2026)

    assert again.pk == first.pk
    assert AttendanceTally.objects.count() == 1
    assert again.participants == 4
    assert services.edition_figures(edition_2026)["participants"] == 4
    assert services.edition_figures(edition_2026)["source"] == "frozen"


def test_figures_before_the_purge_are_the_figures_after_it(edition_2026):
    SessionFactory(edition=edition_2026, speakers=[SpeakerFactory()])
    before = services.edition_figures(edition_2026)
    across_before = services.figures_across_editions()

    registration_services.purge_edition(edition_2026)
    # Even if the rows were deleted outright later, the frozen figures stay.
    Registration.objects.filter(edition=edition_2026).delete()

    after = services.edition_figures(edition_2026)
    assert Registration.objects.filter(edition=edition_2026).count() == 0
    assert after.pop("source") == "frozen"
    assert after.pop("frozen_at") is not None
    assert before.pop("source") == "computed"
    assert after == before
    across_after = services.figures_across_editions()
    for row in across_before + across_after:
        row.pop("source")
        row.pop("frozen_at", None)
    assert across_after == across_before


def test_the_purge_freezes_the_tally_first(edition_2026):
    registration_services.purge_edition(edition_2026)

    tally = AttendanceTally.objects.get(edition=edition_2026)
    assert (tally.registered, tally.confirmed, tally.checked_in, tally.participants) == (
        10,
        6,
        4,
        4,
    )
    assert tally.figures["by_category"][0] == {
        "category": "company",
        "confirmed": 4,
        "checked_in": 3,
    }


def test_current_edition_counts_for_the_dashboard(edition_2026):
    workshop = SessionFactory(edition=edition_2026, kind=SessionKind.WORKSHOP, seats=1)
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITING).first()
    WorkshopSeat.objects.create(
        registration=waiting, session=workshop, status=SeatStatus.WAITING, position=1
    )

    assert services.current_edition_counts(edition_2026) == {
        "registered": 10,
        "confirmed": 6,
        "checked_in": 4,
        "waiting": 2,
        "seats_waiting": 1,
    }


def test_the_freeze_command_keeps_the_figures_of_an_edition(edition_2026):
    out = io.StringIO()

    call_command("freeze_tally", "2026", stdout=out)
    call_command("freeze_tally", "2026", stdout=io.StringIO())

    assert AttendanceTally.objects.get().participants == 4
    assert out.getvalue().startswith("AlpOSS 2026: 4 participants, 4 checked in, 10 registered;")


def test_the_freeze_command_refuses_an_unknown_year():
    with pytest.raises(CommandError, match="No edition for 1999"):
        call_command("freeze_tally", "1999")
