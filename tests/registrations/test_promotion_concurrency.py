"""The promotion rule under concurrent cancellations, with real connections on PostgreSQL:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/alposs_reg pytest tests/registrations
"""

from program.choices import SessionKind
from registrations import services
from registrations.choices import Category
from registrations.models import Registration
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory
from tests.registrations.concurrency import POSTGRES_THREADS, run_at_once
from tests.registrations.seat_lists import (
    Lists,
    assert_nobody_waits_for_a_free_seat,
    assert_served_in_order,
)

pytestmark = POSTGRES_THREADS


def confirmed_people(edition, label, count, sessions=()):
    people = []
    for n in range(count):
        registration = services.register(
            edition,
            first_name=f"{label}{n}",
            last_name="Concurrent",
            email=f"{label}{n}@example.org",
            category=Category.INDIVIDUAL,
            sessions=sessions,
        ).registration
        people.append(services.confirm(registration).registration.pk)
    return people


def test_concurrent_cancellations_give_the_workshop_seats_to_its_list_before_the_promoted(db):
    """Ten edition seats; two workshops of five seats, at different times. Five people hold
    the edition and both workshops; three wait for the morning one and one for the afternoon
    one; eight wait for the edition, asking for both. The five holders cancel at once."""
    edition = EditionFactory(registration_open=True, capacity=10)
    morning, afternoon = (
        SessionFactory(
            edition=edition,
            kind=SessionKind.WORKSHOP,
            registration_required=True,
            seats=5,
            hour=hour,
            minutes=90,
        )
        for hour in (9, 14)
    )
    both = [morning, afternoon]
    leaving = confirmed_people(edition, "holder", 5, both)
    morning_list = confirmed_people(edition, "morning", 3, [morning])
    afternoon_list = confirmed_people(edition, "afternoon", 1, [afternoon])
    confirmed_people(edition, "plain", 1)
    edition_list = confirmed_people(edition, "late", 8, both)
    before = Lists.read(edition, both)
    assert (before.waiting[morning.pk], before.waiting[afternoon.pk]) == (
        morning_list,
        afternoon_list,
    )
    assert before.edition_waiting == edition_list

    run_at_once(services.cancel, list(Registration.objects.filter(pk__in=leaving)))

    after = Lists.read(edition, both)
    assert_nobody_waits_for_a_free_seat(after, edition, both)
    assert_served_in_order(before, after)
    # Promotions happen one cancellation after another: the edition's list moves up in order,
    # and each person promoted joins the workshops' lists behind the people already there.
    promoted, still_waiting = edition_list[:5], edition_list[5:]
    assert after.edition_waiting == still_waiting
    assert after.holders[morning.pk] == {*morning_list, *promoted[:2]}
    assert after.waiting[morning.pk] == promoted[2:]
    assert after.holders[afternoon.pk] == {*afternoon_list, *promoted[:4]}
    assert after.waiting[afternoon.pk] == promoted[4:]
