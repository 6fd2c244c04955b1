import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from home.choices import RegistrationState
from home.models import Edition
from tests.factories.home import EditionFactory, EditionPageFactory

pytestmark = pytest.mark.django_db


def test_edition_current_is_the_next_one_to_come():
    EditionFactory(year=2025, start_date=datetime.date(2025, 2, 13))
    coming = EditionFactory(year=2027, start_date=datetime.date(2027, 2, 16))
    EditionFactory(year=2028, start_date=datetime.date(2028, 2, 15))

    assert Edition.objects.current(today=datetime.date(2026, 11, 23)) == coming


def test_edition_current_falls_back_to_the_latest_held():
    EditionFactory(year=2024, start_date=datetime.date(2024, 2, 15))
    latest = EditionFactory(year=2025, start_date=datetime.date(2025, 2, 13))

    assert Edition.objects.current(today=datetime.date(2026, 11, 23)) == latest


def test_edition_ending_before_it_starts_is_refused_with_a_message():
    edition = EditionFactory.build(
        year=2031, start_date=datetime.date(2031, 2, 2), end_date=datetime.date(2031, 2, 1)
    )

    with pytest.raises(ValidationError) as caught:
        edition.full_clean()

    assert caught.value.message_dict["end_date"] == [
        "Le dernier jour ne peut pas précéder le premier."
    ]


def test_edition_ending_before_it_starts_is_refused_by_the_database():
    edition = EditionFactory.build(
        year=2031, start_date=datetime.date(2031, 2, 2), end_date=datetime.date(2031, 2, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()


def test_edition_map_link_must_point_to_openstreetmap():
    edition = EditionFactory.build(year=2032, venue_map_url="https://maps.example.com/place")

    with pytest.raises(ValidationError) as caught:
        edition.full_clean()

    assert "venue_map_url" in caught.value.message_dict


@pytest.mark.parametrize(
    ("offset_hours", "state"),
    [
        (-48, RegistrationState.NOT_YET_OPEN),
        (0, RegistrationState.OPEN),
        (48, RegistrationState.CLOSED),
    ],
)
def test_edition_registration_state_follows_its_window(offset_hours, state):
    opens = timezone.now()
    edition = EditionFactory(
        year=2033,
        start_date=timezone.localdate() + datetime.timedelta(days=30),
        registration_opens_at=opens - datetime.timedelta(hours=24),
        registration_closes_at=opens + datetime.timedelta(hours=24),
    )

    now = opens + datetime.timedelta(hours=offset_hours)

    assert edition.registration_state(now) == state


def test_edition_without_window_has_no_online_registration():
    edition = EditionFactory(year=2034)

    assert edition.registration_state() == RegistrationState.NOT_PLANNED


def test_second_edition_page_in_the_same_language_is_refused(home_page):
    edition = EditionFactory(year=2035)
    EditionPageFactory(parent=home_page, edition=edition)
    duplicate = EditionPageFactory.build(edition=edition, slug="doublon", title="Doublon")
    duplicate.locale = home_page.locale

    with pytest.raises(ValidationError) as caught:
        duplicate.clean()

    assert caught.value.message_dict["edition"] == [
        "Cette édition a déjà une page dans cette langue."
    ]
