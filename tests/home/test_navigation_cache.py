"""Menus and the language switcher come from the cache, and never outlive a page change.

The base template's menus cost about ten queries to build: they are cached per site and
language, under a version that any page publish, unpublish, save, move or delete bumps.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.navigation import VERSION_KEY
from home.page_cache import public_content_changed
from tests.factories.home import EditionPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

BUDGET = 15  # issue 3: at most 15 queries per page


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def menu_page(parent, title, slug):
    return StandardPageFactory(parent=parent, title=title, slug=slug, show_in_menus=True)


def main_menu_of(client, url="/"):
    html = client.get(url).content.decode()
    return html[html.index('class="main-nav"') : html.index("</nav>", html.index("main-nav"))]


def count_queries(client, url):
    client.get(url)  # menus built and cached
    public_content_changed()  # the page itself is rendered again, from the cached menus
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/", "/2026/", "/2026/infos/"])
def test_html_pages_run_the_same_queries_whatever_the_menus_size(client, home_page, url):
    edition_page = EditionPageFactory(parent=home_page, slug="2026", show_in_menus=True)
    menu_page(edition_page, "Infos", "infos")
    menu_page(home_page, "Contact", "contact")
    small = count_queries(client, url)
    for n in range(12):
        menu_page(home_page, f"Rubrique {n}", f"rubrique-{n}")
        menu_page(edition_page, f"Section {n}", f"section-{n}")
    large = count_queries(client, url)

    html = client.get(url).content.decode()
    assert "Rubrique 11" in html
    assert small == large <= BUDGET


def test_menus_cost_no_query_once_cached(client, home_page):
    for n in range(5):
        menu_page(home_page, f"Rubrique {n}", f"rubrique-{n}")
    client.get("/")
    with CaptureQueriesContext(connection) as context:
        client.get("/")

    conditions = [q["sql"].partition(" WHERE ")[2] for q in context.captured_queries]
    assert not [sql for sql in conditions if '"show_in_menus"' in sql]


def test_a_published_page_appears_in_the_menu(client, home_page):
    menu_page(home_page, "Contact", "contact")
    assert "Nouveautés" not in main_menu_of(client)

    page = menu_page(home_page, "Nouveautés", "nouveautes")
    page.unpublish()
    assert "Nouveautés" not in main_menu_of(client)
    page.save_revision().publish()

    assert "Nouveautés" in main_menu_of(client)


def test_a_renamed_page_shows_its_new_title_in_the_menu(client, home_page):
    page = menu_page(home_page, "Contact", "contact")
    assert "Contact" in main_menu_of(client)

    page.title = "Nous écrire"
    page.save_revision().publish()

    menu = main_menu_of(client)
    assert "Nous écrire" in menu
    assert ">Contact<" not in menu


def test_a_moved_page_leaves_the_menu_it_was_in(client, home_page):
    page = menu_page(home_page, "Contact", "contact")
    elsewhere = StandardPageFactory(parent=home_page, title="Archives", slug="archives")
    assert "/contact/" in main_menu_of(client)

    page.move(elsewhere, pos="last-child")

    menu = main_menu_of(client)
    assert "/contact/" not in menu
    assert "Contact" not in menu


def test_an_unpublished_page_leaves_the_menu(client, home_page):
    page = menu_page(home_page, "Contact", "contact")
    assert "Contact" in main_menu_of(client)

    page.unpublish()

    assert "Contact" not in main_menu_of(client)


def test_a_deleted_page_leaves_the_menu(client, home_page):
    page = menu_page(home_page, "Contact", "contact")
    assert "Contact" in main_menu_of(client)

    page.delete()

    assert "Contact" not in main_menu_of(client)


def test_section_menu_follows_its_pages(client, home_page):
    edition_page = EditionPageFactory(parent=home_page, slug="2026")
    page = menu_page(edition_page, "Infos pratiques", "infos")
    assert "Infos pratiques" in client.get("/2026/").content.decode()

    page.title = "Venir à la Rampe"
    page.save_revision().publish()

    html = client.get("/2026/").content.decode()
    assert "Venir à la Rampe" in html
    assert "Infos pratiques" not in html


def test_language_switcher_finds_a_translation_published_after_caching(
    client, home_page, home_page_en, locales
):
    edition_page = EditionPageFactory(parent=home_page, slug="2026")
    assert 'href="/en/" lang="en"' in client.get("/2026/").content.decode()

    translation = edition_page.copy_for_translation(locales["en"])
    translation.save_revision().publish()

    assert 'href="/en/2026/" lang="en"' in client.get("/2026/").content.decode()


def test_current_page_is_marked_per_request_from_the_cached_menu(client, home_page):
    menu_page(home_page, "Contact", "contact")
    menu_page(home_page, "Presse", "presse")

    on_contact = main_menu_of(client, "/contact/")
    on_press = main_menu_of(client, "/presse/")

    assert 'href="/contact/" aria-current="page"' in on_contact
    assert 'href="/presse/" aria-current="page"' not in on_contact
    assert 'href="/presse/" aria-current="page"' in on_press


def test_menus_stay_fresh_when_the_cache_evicts_their_version(client, home_page):
    page = menu_page(home_page, "Contact", "contact")
    cache.clear()  # a fresh cache: the first version is made by the first page shown
    assert "Contact" in main_menu_of(client)
    page.title = "Nous écrire"
    page.save_revision().publish()
    assert "Nous écrire" in main_menu_of(client)

    cache.delete(VERSION_KEY)  # evicted: a full cache drops entries, even timeless ones

    assert "Nous écrire" in main_menu_of(client)


def test_past_editions_out_of_the_menu_are_reached_through_one_archive_entry(client, home_page):
    import datetime

    from tests.factories.home import EditionFactory, EditionPageFactory

    past = EditionFactory(
        year=2020, start_date=datetime.date(2020, 3, 1), end_date=datetime.date(2020, 3, 1)
    )
    page = EditionPageFactory(parent=home_page, edition=past, slug="2020", show_in_menus=True)
    coming = EditionFactory(
        year=2099, start_date=datetime.date(2099, 3, 1), end_date=datetime.date(2099, 3, 1)
    )
    EditionPageFactory(parent=home_page, edition=coming, slug="2099", show_in_menus=True)
    assert "Éditions précédentes" not in main_menu_of(client)

    page.show_in_menus = False
    page.save_revision().publish()

    menu = main_menu_of(client)
    assert 'href="/#past-editions"' in menu and "Éditions précédentes" in menu
    assert 'id="past-editions"' in client.get("/").content.decode()
