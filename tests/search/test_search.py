"""Site search finds pages in the active language, and published sessions and speakers of every
edition, in both languages."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from program.choices import SessionKind
from tests.factories.home import EditionFactory, EditionPageFactory, StandardPageFactory
from tests.factories.program import (
    ProgramPageFactory,
    SessionFactory,
    SpeakerFactory,
    add_bulk_sessions,
)


def test_search_finds_pages_in_the_active_language(client, home_page):
    StandardPageFactory(parent=home_page, title="Code de conduite", slug="code-de-conduite")

    response = client.get("/recherche/", {"q": "conduite"})

    assert response.status_code == 200
    assert "Code de conduite" in response.content.decode()
    assert "1 résultat" in response.content.decode()


def test_search_with_a_bad_page_number_shows_the_first_page(client, home_page):
    response = client.get("/recherche/", {"q": "rien", "page": "abc"})

    assert response.status_code == 200


def test_search_lists_matching_sessions_linked_to_their_program_page(client, program_page, edition):
    speaker = SpeakerFactory(name="Ada Lovelace")
    SessionFactory(edition=edition, title="Linux à la mairie", slug="linux", speakers=[speaker])
    SessionFactory(edition=edition, title="Autre chose", slug="autre", abstract="Sans rapport.")

    html = client.get("/recherche/", {"q": "linux"}).content.decode()

    assert "Sessions" in html
    assert 'href="/2026/programme/linux/"' in html
    assert "Ada Lovelace" in html
    assert "Autre chose" not in html


def test_search_finds_a_session_by_its_abstract_or_a_speakers_name(client, program_page, edition):
    speaker = SpeakerFactory(name="Linus Git")
    SessionFactory(edition=edition, title="Versionner", slug="versionner", speakers=[speaker])
    SessionFactory(edition=edition, title="Forges", slug="forges", abstract="Git chez soi.")

    html = client.get("/recherche/", {"q": "git"}).content.decode()

    assert "/2026/programme/versionner/" in html
    assert "/2026/programme/forges/" in html


def test_search_leaves_out_drafts_and_breaks(client, program_page, edition):
    SessionFactory(edition=edition, title="Linux en brouillon", slug="brouillon", live=False)
    SessionFactory(edition=edition, title="Pause Linux", slug="pause", kind=SessionKind.BREAK)

    html = client.get("/recherche/", {"q": "linux"}).content.decode()

    assert "brouillon" not in html
    assert "/pause/" not in html


def test_search_lists_speakers_with_a_published_session(client, program_page, edition):
    known = SpeakerFactory(name="Grace Hopper", organization="Linux Alpes")
    SessionFactory(edition=edition, speakers=[known])
    SpeakerFactory(name="Sans Session", organization="Linux Alpes")

    html = client.get("/recherche/", {"q": "linux alpes"}).content.decode()

    assert "Intervenants" in html
    assert 'href="/2026/programme/intervenants/grace-hopper/"' in html
    assert "Sans Session" not in html


def test_english_search_links_to_the_english_program_pages(client, program_page_en, edition):
    speaker = SpeakerFactory(name="Grace Hopper", bio="Wrote about Linux.")
    SessionFactory(edition=edition, title="Linux in town halls", slug="linux", speakers=[speaker])

    html = client.get("/en/search/", {"q": "linux"}).content.decode()

    assert "Speakers" in html
    assert 'href="/en/2026/programme/linux/"' in html
    assert 'href="/en/2026/programme/speakers/grace-hopper/"' in html


def test_search_finds_sessions_of_past_editions_on_their_own_program_page(
    client, program_page, home_page
):
    old = EditionFactory(
        year=2024, start_date=datetime.date(2024, 2, 1), end_date=datetime.date(2024, 2, 1)
    )
    ProgramPageFactory(parent=EditionPageFactory(parent=home_page, edition=old, slug="2024"))
    SessionFactory(edition=old, title="Linux d'antan", slug="antan")

    html = client.get("/recherche/", {"q": "antan"}).content.decode()

    assert 'href="/2024/programme/antan/"' in html


def _search_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/recherche/", {"q": "fictive"}).status_code == 200
    return len(captured)


def test_search_queries_do_not_grow_with_the_number_of_results(
    client, program_page, edition, rooms
):
    add_bulk_sessions(edition, 3)
    small = _search_queries(client)
    add_bulk_sessions(edition, 15)

    assert _search_queries(client) <= small
