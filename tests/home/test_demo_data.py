"""The site's demo content is data (home/fixtures/demo/*.toml) that home/demo.py loads."""

import datetime
import io

import pytest

from home import demo
from home.demo_tools import demo_data
from home.models import Edition, SiteSettings, StandardPage

LANGUAGES = ("fr", "en")


def test_the_demo_data_files_parse():
    editions = demo_data("home", "editions")
    pages = demo_data("home", "pages")
    settings = demo_data("home", "settings")
    assert {"venues", "past", "upcoming", "intro"} <= editions.keys()
    assert all(edition["venue"] in editions["venues"] for edition in editions["past"])
    assert editions["upcoming"]["venue"] in editions["venues"]
    assert {"home", "venue_image", "pages"} <= pages.keys()
    assert {"site", "settings", "settings_pages"} <= settings.keys()


def test_every_standard_page_has_a_french_and_an_english_version():
    pages = demo_data("home", "pages")["pages"]
    assert pages
    for page in pages:
        for language in LANGUAGES:
            version = page[language]
            assert version["slug"] and version["title"] and version["intro"] and version["body"]


def test_both_versions_of_a_page_have_the_same_blocks():
    for page in demo_data("home", "pages")["pages"]:
        kinds = {}
        for language in LANGUAGES:
            assert all(len(block) == 1 for block in page[language]["body"])
            kinds[language] = [next(iter(block)) for block in page[language]["body"]]
        assert kinds["fr"] == kinds["en"], page["fr"]["slug"]


def test_the_home_page_and_the_edition_introductions_exist_in_both_languages():
    pages = demo_data("home", "pages")
    intro = demo_data("home", "editions")["intro"]
    for language in LANGUAGES:
        assert pages["home"][language]["intro"]
        assert pages["venue_image"]["caption"][language]
        assert intro[language]["past"] and intro[language]["upcoming"]


def test_the_settings_point_to_standard_pages_of_the_demo():
    slugs = {page["fr"]["slug"] for page in demo_data("home", "pages")["pages"]}
    assert set(demo_data("home", "settings")["settings_pages"].values()) <= slugs


def test_an_edition_introduction_writes_its_date_in_the_page_language():
    templates = demo_data("home", "editions")["intro"]
    edition = Edition(
        number=2,
        start_date=datetime.date(2025, 2, 13),
        end_date=datetime.date(2025, 2, 13),
        venue_name="La Rampe",
        reported_participants=350,
    )
    [(_, french)] = demo.edition_intro(edition, "fr", templates)
    [(_, english)] = demo.edition_intro(edition, "en", templates)
    assert "s'est tenue le 13 février 2025 (La Rampe)" in french.source
    assert "The second AlpOSS took place on 13 February 2025 at La Rampe" in english.source


@pytest.mark.django_db
def test_the_demo_site_has_every_standard_page_in_both_languages_and_loads_once():
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    specs = demo_data("home", "pages")["pages"]
    for language in LANGUAGES:
        slugs = set(
            StandardPage.objects.filter(locale__language_code=language).values_list(
                "slug", flat=True
            )
        )
        assert slugs == {spec[language]["slug"] for spec in specs}
    assert Edition.objects.count() == len(demo_data("home", "editions")["past"]) + 1
    upcoming = Edition.objects.get(number=demo_data("home", "editions")["upcoming"]["number"])
    assert upcoming.start_date.weekday() == 1 and not upcoming.is_past()
    assert upcoming.reminder_days == 3  # the demo shows the reminder; off by default
    assert SiteSettings.objects.get().legal_notice_page.slug == "mentions-legales"
