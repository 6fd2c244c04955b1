"""An edition of 2026 with its program page, in French and in English."""

import datetime
import os
from pathlib import Path

from django.core.cache import cache

import pytest

from program.choices import SessionKind
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.program import (
    ProgramPageFactory,
    RoomFactory,
    SessionFactory,
    SessionLinkFactory,
    SpeakerFactory,
    TrackFactory,
    at,
)


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
def edition2027(db):
    """The edition the import fixtures (import_fixtures/) are written for: two days in March."""
    return EditionFactory(
        year=2027,
        name="AlpOSS 2027",
        start_date=datetime.date(2027, 3, 10),
        end_date=datetime.date(2027, 3, 11),
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
    copy.title = "Program"
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


@pytest.fixture
def shared_ref():
    """The steering repository's reference files (schemas), never copied into the project."""
    path = Path(__file__).resolve().parents[2] / ".." / "shared" / "ref"
    if os.environ.get("ALPOSS_SHARED_REF"):  # a git worktree elsewhere than beside it
        path = Path(os.environ["ALPOSS_SHARED_REF"])
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is required under CI")
        pytest.skip("../shared/ref absent: the schema files live in the steering repository")
    return path


@pytest.fixture
def small_program(edition, rooms, track):
    """A morning of 2026: a keynote, a break, talks in two rooms, a workshop, one English talk."""
    ines = SpeakerFactory(name="Inès Martin", organization="Ville de Fontaine")
    hugo = SpeakerFactory(name="Hugo Perret")
    keynote = SessionFactory(
        edition=edition,
        kind=SessionKind.KEYNOTE,
        title="Ouverture : des logiciels libres pour le territoire",
        room=rooms[0],
        hour=9,
        minutes=30,
        track=track,
        speakers=[ines],
    )
    pause = SessionFactory(
        edition=edition,
        kind=SessionKind.BREAK,
        title="Pause café",
        room=None,
        start=at(edition, 9, 30),
        end=at(edition, 10, 0),
    )
    talk = SessionFactory(
        edition=edition,
        title="Migrer une mairie vers LibreOffice",
        room=rooms[0],
        hour=10,
        speakers=[hugo],
        track=track,
    )
    english = SessionFactory(
        edition=edition,
        title="Accessible forms without JavaScript",
        language="en",
        room=rooms[1],
        hour=10,
        speakers=[ines],
    )
    workshop = SessionFactory(
        edition=edition,
        kind=SessionKind.WORKSHOP,
        title="Atelier : installer Linux sur un vieux portable",
        room=rooms[2],
        hour=10,
        minutes=90,
        seats=16,
        registration_required=True,
    )
    SessionLinkFactory(session=talk, title="Diapositives", url="https://forge.example.org/t.pdf")
    return {
        "keynote": keynote,
        "pause": pause,
        "talk": talk,
        "english": english,
        "workshop": workshop,
        "speakers": [ines, hugo],
    }
