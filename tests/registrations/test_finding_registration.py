"""Every public page of an edition leads to its registration: a "Register" action while it is
open, the opening date before, "closed" after; workshops show their seats left, counted as the
registration form counts them (issue 15)."""

import datetime
import re

from django.core.cache import cache
from django.utils import timezone

import pytest

from program.choices import SessionKind
from registrations import services
from registrations.choices import Category
from tests.factories.program import ProgramPageFactory, SessionFactory

pytestmark = pytest.mark.django_db

REGISTER_FR = re.compile(r'<a class="button registration-action__button" href="([^"]+)">S.inscrire')
REGISTER_EN = re.compile(r'<a class="button registration-action__button" href="([^"]+)">Register')


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def program_page(edition_page):
    return ProgramPageFactory(parent=edition_page)


@pytest.fixture
def workshop(edition):
    return SessionFactory(
        edition=edition,
        kind=SessionKind.WORKSHOP,
        title="Atelier Linux",
        slug="atelier-linux",
        registration_required=True,
        seats=2,
        hour=14,
    )


def pages(edition_page, program_page, workshop):
    return {
        "home": "/",
        "edition": edition_page.url,
        "program": program_page.url,
        "workshop": f"{program_page.url}{workshop.slug}/",
    }


def sign_up(edition, n, sessions):
    registration = services.register(
        edition,
        first_name=f"P{n}",
        last_name="Test",
        email=f"p{n}@example.org",
        category=Category.COMPANY,
        sessions=sessions,
    ).registration
    services.confirm(registration)


def test_while_open_every_page_of_the_edition_links_to_its_registration_form(
    client, edition, edition_page, registration_page, program_page, workshop
):
    for name, url in pages(edition_page, program_page, workshop).items():
        response = client.get(url)
        assert response.status_code == 200, name
        links = REGISTER_FR.findall(response.content.decode())
        assert links == [registration_page.url], name


def test_a_talk_page_does_not_ask_to_register(client, edition, registration_page, program_page):
    talk = SessionFactory(edition=edition, slug="une-conference")
    html = client.get(f"{program_page.url}{talk.slug}/").content.decode()
    assert "registration-action" not in html


def test_in_english_the_action_leads_to_the_english_form(
    client, edition, edition_page, registration_page_en, home_page_en
):
    english_edition_page = edition_page.get_translation(registration_page_en.locale)
    for url in ("/en/", english_edition_page.url):
        html = client.get(url).content.decode()
        assert REGISTER_EN.findall(html) == [registration_page_en.url]
        assert registration_page_en.url.startswith("/en/")


def test_before_opening_the_pages_say_when_in_paris_time_and_are_shared_until_then(
    client, edition, edition_page, registration_page, program_page, workshop
):
    opens = timezone.now() + datetime.timedelta(minutes=3)
    edition.registration_opens_at = opens
    edition.save()
    when = timezone.localtime(opens).strftime("%H:%M")
    for name, url in pages(edition_page, program_page, workshop).items():
        response = client.get(url)
        html = response.content.decode()
        assert "Les inscriptions ouvrent le" in html, name
        assert f"{when} (heure de Paris)" in html, name
        assert not REGISTER_FR.findall(html), name
        seconds = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
        assert seconds <= 180, name


def test_after_closing_the_pages_say_registration_is_closed(
    client, edition, edition_page, registration_page, program_page, workshop
):
    edition.registration_opens_at = timezone.now() - datetime.timedelta(days=10)
    edition.registration_closes_at = timezone.now() - datetime.timedelta(days=1)
    edition.save()
    for name, url in pages(edition_page, program_page, workshop).items():
        html = client.get(url).content.decode()
        assert "Les inscriptions à cette édition sont fermées." in html, name
        assert not REGISTER_FR.findall(html), name


def test_without_online_registration_nothing_is_said(
    client, edition, edition_page, registration_page
):
    edition.registration_opens_at = edition.registration_closes_at = None
    edition.save()
    assert "registration-action" not in client.get(edition_page.url).content.decode()


def test_program_and_workshop_page_show_the_seats_left_as_the_form_counts_them(
    client, edition, registration_page, program_page, workshop
):
    sign_up(edition, 1, [workshop])
    session_url = f"{program_page.url}{workshop.slug}/"
    assert "1 place restante" in client.get(program_page.url).content.decode()
    assert "1 place restante" in client.get(session_url).content.decode()
    assert "1 place restante" in client.get(registration_page.url).content.decode()
    response = client.get(program_page.url)
    assert int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1)) <= 60

    sign_up(edition, 2, [workshop])
    cache.clear()
    assert "complet — liste d’attente" in client.get(program_page.url).content.decode()
    assert "complet — liste d’attente" in client.get(session_url).content.decode()
    assert "complet" in client.get(registration_page.url).content.decode()


def test_seats_left_in_english(client, edition, registration_page_en, workshop, locales):
    program_page = ProgramPageFactory(parent=registration_page_en.get_parent())
    html = client.get(f"{program_page.url}{workshop.slug}/").content.decode()
    assert "2 seats left" in html


def test_seats_left_and_the_register_action_cost_the_same_queries_for_2_or_12_workshops(
    client, edition, registration_page, program_page
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from program.cache import bump_cache_version

    def count():
        client.get(program_page.url)  # menus and the registration page's URL cached
        bump_cache_version()
        with CaptureQueriesContext(connection) as context:
            html = client.get(program_page.url).content.decode()
        return len(context.captured_queries), html

    for n in range(2):
        SessionFactory(
            edition=edition,
            kind=SessionKind.WORKSHOP,
            registration_required=True,
            seats=5,
            hour=9 + n,
        )
    few, html = count()
    assert html.count("5 places restantes") == 2
    for n in range(10):
        SessionFactory(
            edition=edition,
            kind=SessionKind.WORKSHOP,
            registration_required=True,
            seats=5,
            hour=9 + n % 8,
        )
    many, html = count()
    assert html.count("5 places restantes") == 12
    assert few == many
