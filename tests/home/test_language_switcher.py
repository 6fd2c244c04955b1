"""The language switcher leads to the same page in the other language, whatever the page:
Wagtail pages, routes of routable pages with their arguments and private keys, Django views,
and the query string; where there is no translation it says so and never leads to an error."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

import pytest

from registrations import tokens
from sponsors.portal import make_token
from tests.factories.home import EditionFactory, EditionPageFactory, StandardPageFactory
from tests.factories.program import ProgramPageFactory, SessionFactory, SpeakerFactory
from tests.factories.registrations import RegistrationFactory, RegistrationPageFactory
from tests.factories.sponsors import BoothInfoFactory

SWITCHER = re.compile(r'<nav class="lang-switch".*?</nav>', re.S)
LINK = re.compile(r'<a href="([^"]*)" lang="(\w+)"')


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def translate(page, locale, slug=None):
    copy = page.copy_for_translation(locale)
    if slug:
        copy.slug = slug
        copy.save()
    copy.save_revision().publish()
    return copy.specific_class.objects.get(pk=copy.pk)


@pytest.fixture
def site(home_page, home_page_en, locales):
    """An edition of 2030 whose edition, program and registration pages exist in both
    languages, with a session, its speaker and a confirmed registration."""
    edition = EditionFactory(year=2030, registration_open=True, capacity=50)
    edition_page = EditionPageFactory(parent=home_page, edition=edition)
    program = ProgramPageFactory(parent=edition_page)
    registration_page = RegistrationPageFactory(parent=edition_page)
    translate(edition_page, locales["en"])
    translate(program, locales["en"])
    translate(registration_page, locales["en"], slug="register")
    speaker = SpeakerFactory(name="Inès Martin")
    session = SessionFactory(
        edition=edition, title="Des logiciels libres en mairie", speakers=[speaker]
    )
    registration = RegistrationFactory(edition=edition, status="confirmed")
    return {
        "edition": edition,
        "edition_page": edition_page,
        "session": session,
        "speaker": speaker,
        "registration": registration,
    }


def switcher(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    nav = SWITCHER.search(response.content.decode())
    assert nav is not None, url
    return nav.group(0), response


def link_of(client, url):
    """The switcher's only link from `url`, checked to answer 200."""
    nav, _ = switcher(client, url)
    links = LINK.findall(nav)
    assert len(links) == 1, nav
    target = links[0][0].replace("&amp;", "&")
    assert client.get(target).status_code == 200, target
    return target


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("/2030/", "/en/2030/"),
        ("/2030/programme/", "/en/2030/programme/"),
        ("/2030/programme/intervenants/", "/en/2030/programme/speakers/"),
        ("/2030/direct/", "/en/2030/live/"),
        ("/2030/inscription/", "/en/2030/register/"),
        ("/2030/inscription/envoyee/", "/en/2030/register/sent/"),
    ],
)
def test_section_pages_and_their_routes_lead_to_the_same_page(client, site, french, english):
    assert link_of(client, french) == english
    assert link_of(client, english) == french


def test_a_session_leads_to_the_same_session(client, site):
    slug = site["session"].slug

    assert link_of(client, f"/2030/programme/{slug}/") == f"/en/2030/programme/{slug}/"
    assert link_of(client, f"/en/2030/programme/{slug}/") == f"/2030/programme/{slug}/"


def test_a_speaker_leads_to_the_same_speaker_under_the_translated_route(client, site):
    slug = site["speaker"].slug

    english = link_of(client, f"/2030/programme/intervenants/{slug}/")

    assert english == f"/en/2030/programme/speakers/{slug}/"
    assert link_of(client, english) == f"/2030/programme/intervenants/{slug}/"


def test_the_schedule_keeps_its_query_string(client, site):
    query = "?day=2030-02-17&track=collectivites"

    assert link_of(client, f"/2030/programme/{query}") == f"/en/2030/programme/{query}"
    assert link_of(client, f"/en/2030/programme/{query}") == f"/2030/programme/{query}"


def test_the_private_management_page_keeps_its_key_and_stays_private(client, site):
    token = tokens.make_token(site["registration"], tokens.MANAGE)
    french = f"/2030/inscription/gerer/{token}/"

    nav, response = switcher(client, french)
    english = LINK.findall(nav)[0][0]

    assert english == f"/en/2030/register/manage/{token}/"
    assert "no-store" in response["Cache-Control"]
    answer = client.get(english)
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    assert link_of(client, english) == french


def test_the_ticket_keeps_its_key(client, site):
    token = tokens.make_token(site["registration"], tokens.CHECKIN)

    english = link_of(client, f"/2030/inscription/accueil/{token}/")

    assert english == f"/en/2030/register/checkin/{token}/"
    assert link_of(client, english) == f"/2030/inscription/accueil/{token}/"


def test_the_sponsor_portal_keeps_its_key(client, site):
    booth = BoothInfoFactory(contact_name="", description="", arrival_time=None)
    token = make_token(booth.sponsorship)
    with override("en"):
        english = reverse("sponsors:portal", kwargs={"token": token})
    with override("fr"):
        french = reverse("sponsors:portal", kwargs={"token": token})

    assert link_of(client, french) == english
    assert link_of(client, english) == french


def test_figures_and_search_lead_to_the_same_view(client, site):
    with override("fr"):
        figures_fr = reverse("figures:index")
    with override("en"):
        figures_en = reverse("figures:index")

    assert link_of(client, figures_fr) == figures_en
    assert link_of(client, figures_en) == figures_fr
    assert link_of(client, "/recherche/?q=libre") == "/en/search/?q=libre"


def test_standard_pages_lead_to_their_translation(client, site, home_page, locales):
    page = StandardPageFactory(parent=home_page, title="Infos pratiques", slug="infos")
    translate(page, locales["en"], slug="practical")

    assert link_of(client, "/infos/") == "/en/practical/"
    assert link_of(client, "/en/practical/") == "/infos/"


def test_a_page_without_translation_leads_to_its_nearest_translated_page_and_says_so(client, site):
    StandardPageFactory(parent=site["edition_page"], title="Bénévoles", slug="benevoles")

    nav, _ = switcher(client, "/2030/benevoles/")

    assert LINK.findall(nav) == [("/en/2030/", "en")]
    assert "(this page is not translated)" in nav
    assert 'aria-describedby="lang-note-en"' in nav


def test_a_route_of_an_untranslated_page_leads_to_the_nearest_translated_page(
    client, site, locales
):
    """The 2031 program exists in French only: its sessions lead to the English home page."""
    edition = EditionFactory(year=2031)
    edition_page = EditionPageFactory(parent=site["edition_page"].get_parent(), edition=edition)
    ProgramPageFactory(parent=edition_page)
    session = SessionFactory(edition=edition, title="Une session de 2031")

    nav, _ = switcher(client, f"/2031/programme/{session.slug}/")

    assert LINK.findall(nav) == [("/en/", "en")]
    assert "(this page is not translated)" in nav
    assert client.get("/en/").status_code == 200


def test_a_missing_page_offers_the_other_home_page_not_another_404(client, site):
    response = client.get("/2030/programme/pas-de-session/")

    assert response.status_code == 404
    nav = SWITCHER.search(response.content.decode()).group(0)
    assert LINK.findall(nav) == [("/en/", "en")]
    assert "lang-switch__note" not in nav


def test_the_switcher_note_is_translated_for_french_readers(client, site, home_page, locales):
    english_only = StandardPageFactory(
        parent=site["edition_page"].get_translation(locales["en"]),
        title="Volunteers",
        slug="volunteers",
        locale=locales["en"],
    )

    nav, _ = switcher(client, english_only.url)

    assert LINK.findall(nav) == [("/2030/", "fr")]
    assert "(cette page n’est pas traduite)" in nav


def test_the_translation_is_read_once_per_page_whatever_the_route(client, site):
    """Kept per page: another session, a speaker or a query string adds no query."""
    client.get(f"/2030/programme/{site['session'].slug}/")

    with CaptureQueriesContext(connection) as queries:
        switcher(client, f"/2030/programme/intervenants/{site['speaker'].slug}/?x=1")

    assert not [q for q in queries.captured_queries if '"translation_key" IN' in q["sql"]]
