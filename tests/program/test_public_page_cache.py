"""Anonymous readers of public pages and exports are answered from the shared cache, before any
SQL query; a change makes the next read fresh; nothing personal or with a form is ever kept."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

import pytest

from program.models import Session
from tests.factories.home import StandardPageFactory
from tests.factories.program import SessionFactory
from tests.factories.registrations import RegistrationPageFactory

PUBLIC_URLS = [
    "/",
    "/2026/",
    "/2026/programme/",
    "/2026/programme/intervenants/",
    "/2026/programme/schedule.xml",
    "/2026/programme/schedule.ics",
    "/2026/direct/",
]


def queries_of(client, url, **headers):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    return len(context.captured_queries), response


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_second_anonymous_read_costs_no_sql_query(client, program_page, small_program, url):
    first = client.get(url)
    assert first.status_code == 200

    count, again = queries_of(client, url)

    assert count == 0
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert "s-maxage=" in again["Cache-Control"] and "public" in again["Cache-Control"]


def test_an_app_polling_the_schedule_gets_not_modified_by_etag_or_by_date(
    client, program_page, small_program
):
    first = client.get("/2026/programme/schedule.xml")

    by_etag = client.get("/2026/programme/schedule.xml", headers={"If-None-Match": first["ETag"]})
    by_date = client.get(
        "/2026/programme/schedule.xml", headers={"If-Modified-Since": first["Last-Modified"]}
    )
    older = http_date((timezone.now() - datetime.timedelta(days=1)).timestamp())
    changed = client.get("/2026/programme/schedule.xml", headers={"If-Modified-Since": older})

    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag.content == b""
    assert changed.status_code == 200


def test_a_saved_session_is_read_fresh_at_once(client, program_page, small_program):
    before = client.get("/2026/programme/").content.decode()
    talk = small_program["talk"]
    assert talk.title in before

    Session.objects.filter(pk=talk.pk).update(title="Titre changé")  # no signal: still cached
    assert "Titre changé" not in client.get("/2026/programme/").content.decode()
    talk.refresh_from_db()
    talk.save()  # what the admin does

    assert "Titre changé" in client.get("/2026/programme/").content.decode()


def test_a_published_page_is_read_fresh_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Accès", slug="acces")
    assert "Accès" in client.get("/acces/").content.decode()

    page.title = "Venir à La Rampe"
    page.save_revision().publish()

    assert "Venir à La Rampe" in client.get("/acces/").content.decode()


def test_language_query_and_host_each_have_their_own_copy(
    client, program_page_en, small_program, settings
):
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "alposs.example.org"]
    french = client.get("/2026/programme/")
    english = client.get("/en/2026/program/")
    filtered = client.get("/2026/programme/", {"kind": "workshop"})
    other_host, _ = queries_of(client, "/2026/programme/", host="alposs.example.org")

    assert french.content != english.content
    assert filtered.content != french.content
    assert other_host > 0  # not the copy made for the first host
    assert english["Content-Language"] == "en"
    assert client.get("/2026/programme/")["Content-Language"] == "fr"


def test_a_signed_in_reader_is_never_served_the_shared_copy_nor_stored(
    client, admin_user, program_page, small_program
):
    client.get("/2026/programme/")  # stored for anonymous readers
    client.force_login(admin_user)

    count, response = queries_of(client, "/2026/programme/")

    assert count > 0
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert queries_of(client, "/2026/programme/")[0] == 0  # the anonymous copy is untouched


def test_a_page_with_a_form_is_never_kept_so_seats_stay_exact(client, home_page):
    from tests.factories.home import EditionFactory, EditionPageFactory

    edition = EditionFactory(registration_open=True, capacity=3)
    page = RegistrationPageFactory(parent=EditionPageFactory(parent=home_page, edition=edition))
    url = page.get_url()

    first = client.get(url)
    count, again = queries_of(client, url)

    assert first.status_code == again.status_code == 200
    assert count > 0
    assert "public" not in again.get("Cache-Control", "")
    assert "csrftoken" in again.cookies or "csrftoken" in first.cookies


def test_a_session_page_follows_the_minute_during_the_event(
    client, program_page, small_program, edition
):
    edition.start_date = edition.end_date = timezone.localdate()
    edition.save()

    response = client.get("/2026/programme/")

    seconds = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 1 <= seconds <= 60


def test_a_long_query_string_is_answered_but_not_kept(client, program_page, small_program):
    url = "/2026/programme/?q=" + "x" * 300
    client.get(url)

    assert queries_of(client, url)[0] > 0


@pytest.mark.parametrize("size", [5, 50])
def test_cached_reads_cost_nothing_at_any_program_size(client, program_page, edition, size):
    for n in range(size):
        SessionFactory(edition=edition, title=f"Session {n}", hour=9 + n % 8)
    client.get("/2026/programme/")

    assert queries_of(client, "/2026/programme/")[0] == 0


def test_site_settings_made_on_first_use_keep_the_cache_but_a_change_does_not(client, home_page):
    from wagtail.models import Site

    from home.models import SiteSettings

    client.get("/")  # makes the site settings with their defaults
    assert queries_of(client, "/")[0] == 0

    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.save()

    assert queries_of(client, "/")[0] > 0
