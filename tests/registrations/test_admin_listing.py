"""The registrations listing opens on the newest edition, in a region that fits 1280 px and
scrolls sideways (reachable from the keyboard, labelled) when names are longer."""

import datetime

from django.urls import reverse

import pytest

from tests.factories.home import EditionFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_newest_edition_comes_first_in_a_labelled_scrolling_region(client, organizer, edition):
    day = datetime.date(edition.year + 1, 3, 9)
    newer = EditionFactory(year=edition.year + 1, start_date=day, end_date=day)
    RegistrationFactory(edition=newer, last_name="Récente")
    RegistrationFactory(edition=edition, last_name="Ancienne")  # registered after
    client.force_login(organizer)

    response = client.get(reverse("registrations:index"))

    rows = list(response.context["object_list"])
    assert [row.last_name for row in rows] == ["Récente", "Ancienne"]
    html = response.content.decode()
    assert 'class="alposs-listing-scroll" role="region" tabindex="0" aria-label=' in html
