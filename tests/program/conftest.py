"""An edition of 2026 with its program page, in French and in English."""

import datetime

from django.core.cache import cache

import pytest

from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.program import ProgramPageFactory, RoomFactory, TrackFactory


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edition(db):
    return EditionFactory(
        year=2026,
        name="AlpOSS 2026",
        number=3,
        start_date=datetime.date(2026, 2, 17),
        end_date=datetime.date(2026, 2, 17),
        venue_name="La Rampe",
    )


@pytest.fixture
def program_page(home_page, edition):
    edition_page = EditionPageFactory(parent=home_page, edition=edition)
    return ProgramPageFactory(parent=edition_page)


@pytest.fixture
def program_page_en(program_page, home_page_en, locales):
    edition_page = program_page.get_parent().specific
    edition_copy = edition_page.copy_for_translation(locales["en"])
    edition_copy.save_revision().publish()
    copy = program_page.copy_for_translation(locales["en"])
    copy.title = "Programme"
    copy.save_revision().publish()
    return copy.specific.__class__.objects.get(pk=copy.pk)


@pytest.fixture
def rooms(edition):
    return [
        RoomFactory(edition=edition, name="Grande salle", capacity=400, sort_order=1),
        RoomFactory(edition=edition, name="Salle Belledonne", capacity=80, sort_order=2),
        RoomFactory(edition=edition, name="Atelier Vercors", capacity=20, sort_order=3),
    ]


@pytest.fixture
def track(edition):
    return TrackFactory(edition=edition, name="Collectivités", slug="collectivites")
