"""An edition's pages are made in one step, in every language of the site, and only once."""

import datetime

import pytest

from home.editions import create_edition_pages, section_models
from home.models import EditionPage
from program.models import ProgramPage
from registrations.models import RegistrationPage
from sponsors.models import SponsorsPage
from tests.factories.home import EditionFactory


@pytest.fixture
def edition(db):
    return EditionFactory(
        year=2028,
        name="AlpOSS 2028",
        start_date=datetime.date(2028, 3, 9),
        end_date=datetime.date(2028, 3, 9),
    )


def test_every_section_page_of_every_app_is_known_to_home():
    assert set(section_models()) == {ProgramPage, RegistrationPage, SponsorsPage}


def test_the_edition_and_its_sections_are_published_in_both_languages(
    client, home_page_en, edition
):
    created = create_edition_pages(edition)

    assert len(created) == 8
    assert EditionPage.objects.get(edition=edition, locale__language_code="fr").slug == "2028"
    urls = {
        "/2028/": 200,
        "/2028/programme/": 200,
        "/2028/inscription/": 200,
        "/2028/partenaires/": 200,
        "/en/2028/": 200,
        "/en/2028/programme/": 200,
        "/en/2028/register/": 200,
        "/en/2028/partners/": 200,
    }
    assert {url: client.get(url).status_code for url in urls} == urls
    english = RegistrationPage.objects.get(locale__language_code="en")
    assert english.title == "Registration" and english.live
    assert RegistrationPage.objects.get(locale__language_code="fr").title == "Inscription"


def test_running_it_again_adds_only_what_is_missing(home_page_en, edition):
    create_edition_pages(edition)
    SponsorsPage.objects.filter(locale__language_code="en").delete()

    created = create_edition_pages(edition)

    assert [page.title for page in created] == ["Partners"]
    assert create_edition_pages(edition) == []
    assert EditionPage.objects.filter(edition=edition).count() == 2


def test_a_site_in_one_language_gets_pages_in_that_language(home_page, edition):
    created = create_edition_pages(edition)

    assert len(created) == 4
    assert {page.locale.language_code for page in created} == {"fr"}


def test_without_a_home_page_nothing_is_made(edition):
    from wagtail.models import Page, Site

    Site.objects.all().delete()
    Page.objects.filter(depth__gt=1).delete()

    assert create_edition_pages(edition) is None
