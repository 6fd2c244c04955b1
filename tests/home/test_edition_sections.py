"""The sections of an edition (program, registration, partners pages) share one base page:
where they may live, how they find their edition, and how an edition finds them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from home.models import EditionPage, EditionSectionPage, StandardPage
from program.models import ProgramPage, Track
from registrations.models import RegistrationPage
from sponsors.models import Sponsor, SponsorsPage
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.program import ProgramPageFactory
from tests.factories.registrations import RegistrationPageFactory
from tests.factories.sponsors import SponsorsPageFactory

pytestmark = pytest.mark.django_db

SECTIONS = (ProgramPage, RegistrationPage, SponsorsPage)


def queries(action):
    with CaptureQueriesContext(connection) as captured:
        result = action()
    return len(captured), result


def translated(page, locale, slug):
    copy = page.copy_for_translation(locale)
    copy.slug = slug
    copy.save()
    copy.save_revision().publish()
    return type(page.specific).objects.get(pk=copy.pk)


@pytest.fixture
def edition_page(home_page):
    return EditionPageFactory(parent=home_page, edition=EditionFactory(year=2070))


@pytest.fixture
def edition_page_en(edition_page, home_page_en, locales):
    return translated(edition_page, locales["en"], "2070")


@pytest.mark.parametrize("section", SECTIONS)
def test_each_section_is_a_section_page_that_lives_only_under_an_edition_page(section):
    assert issubclass(section, EditionSectionPage)
    assert section.allowed_parent_page_models() == [EditionPage]
    assert section.allowed_subpage_models() == []


@pytest.mark.parametrize("section", SECTIONS)
def test_an_edition_page_holds_one_section_of_each_kind(section, edition_page, home_page):
    assert section.can_create_at(edition_page)
    assert not section.can_create_at(home_page)
    {
        ProgramPage: ProgramPageFactory,
        RegistrationPage: RegistrationPageFactory,
        SponsorsPage: SponsorsPageFactory,
    }[section](parent=edition_page)
    assert not section.can_create_at(edition_page)
    others = [other for other in SECTIONS if other is not section]
    assert all(other.can_create_at(edition_page) for other in others)
    assert StandardPage.can_create_at(edition_page)


def test_a_section_reads_its_edition_in_one_query_then_keeps_it(edition_page):
    page = RegistrationPage.objects.get(pk=RegistrationPageFactory(parent=edition_page).pk)
    assert queries(lambda: page.edition) == (1, edition_page.edition)
    assert queries(lambda: page.edition) == (0, edition_page.edition)


def test_a_section_under_an_edition_page_without_edition_has_none(home_page):
    # The admin form refuses an edition page without edition; a script could still make one.
    parent = EditionPageFactory(parent=home_page, edition=EditionFactory(year=2071))
    EditionPage.objects.filter(pk=parent.pk).update(edition=None)
    page = SponsorsPageFactory(parent=EditionPage.objects.get(pk=parent.pk))
    assert SponsorsPage.objects.get(pk=page.pk).edition is None


def test_the_program_page_keeps_its_edition_in_the_cache_for_its_cached_routes(edition_page):
    page_id = ProgramPageFactory(parent=edition_page).pk
    assert queries(lambda: ProgramPage.objects.get(pk=page_id).edition)[0] == 2  # page, edition
    assert queries(lambda: ProgramPage.objects.get(pk=page_id).edition)[0] == 1  # page only


def test_an_edition_finds_its_section_in_the_locale_asked_and_no_other(
    edition_page, edition_page_en, locales
):
    french = SponsorsPageFactory(parent=edition_page)
    edition = edition_page.edition
    assert SponsorsPage.for_edition(edition, locales["fr"]) == french
    assert SponsorsPage.for_edition(edition, locales["en"]) is None
    english = translated(french, locales["en"], "partners")
    assert queries(lambda: SponsorsPage.for_edition(edition, locales["en"])) == (2, english)
    assert SponsorsPage.for_edition(edition.pk, locales["fr"]) == french


def test_an_edition_finds_its_section_in_a_language_else_the_default_one_else_any(
    edition_page, edition_page_en, locales
):
    french = RegistrationPageFactory(parent=edition_page)
    english = translated(french, locales["en"], "register")
    edition = edition_page.edition
    assert RegistrationPage.for_edition(edition, language="en") == english
    assert RegistrationPage.for_edition(edition, language="fr") == french
    assert RegistrationPage.for_edition(edition, language="de") == french
    assert RegistrationPage.for_edition(edition) == french
    french.unpublish()
    assert RegistrationPage.for_edition(edition, language="fr") == english
    assert RegistrationPage.for_edition(edition) == english


def test_an_edition_finds_only_its_own_live_sections(edition_page, home_page):
    other = EditionPageFactory(parent=home_page, edition=EditionFactory(year=2072))
    ProgramPageFactory(parent=other)
    draft = ProgramPageFactory(parent=edition_page, live=False)
    assert ProgramPage.for_edition(edition_page.edition) is None
    assert ProgramPage.for_edition(None) is None
    assert ProgramPage.for_edition(EditionFactory(year=2073)) is None  # no edition page at all
    draft.save_revision().publish()
    assert ProgramPage.for_edition(edition_page.edition) == draft


def test_every_edition_finds_its_section_at_once_in_two_queries(home_page, locales):
    pages = {}
    for year in (2074, 2075, 2076):
        parent = EditionPageFactory(parent=home_page, edition=EditionFactory(year=year))
        pages[parent.edition_id] = ProgramPageFactory(parent=parent)
    EditionPageFactory(parent=home_page, edition=EditionFactory(year=2077))  # no program yet
    count, found = queries(lambda: ProgramPage.by_edition(locales["fr"]))
    assert (count, found) == (2, pages)
    assert ProgramPage.by_edition(locales["en"]) == {}


def test_short_texts_are_in_english_on_english_pages_when_translated_else_in_french():
    sponsor = Sponsor(name="Ville", slug="ville", description="Une ville", description_en="A town")
    track = Track(name="Communs", name_en="")
    with translation.override("en"):
        assert (sponsor.localized_description, track.localized_name) == ("A town", "Communs")
    with translation.override("fr"):
        assert (sponsor.localized_description, track.localized_name) == ("Une ville", "Communs")
