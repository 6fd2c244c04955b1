"""A registered participant keeps the sessions they starred on their management page, beside
their workshops (one list, clashes shown), and subscribes to a private calendar feed of both,
revoked with their other links and emptied by the purge."""

import datetime
import json
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import icalendar
import pytest

from program.choices import SessionKind
from program.my_program import code_of
from registrations import services, tokens
from registrations.choices import Category, RegistrationStatus
from registrations.links import RegistrationLinks
from registrations.models import Registration
from registrations.services import program as program_services
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.program import ProgramPageFactory, SessionFactory, at
from tests.factories.registrations import RegistrationFactory, RegistrationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program_page(edition_page):
    return ProgramPageFactory(parent=edition_page)


def confirmed(edition, sessions=()):
    registration = services.register(
        edition,
        first_name="Ada",
        last_name="Lovelace",
        email=f"ada{Registration.objects.count()}@example.org",
        category=Category.INDIVIDUAL,
        sessions=sessions,
    ).registration
    return services.confirm(registration).registration


def workshop(edition, hour=14, title="Atelier Git"):
    return SessionFactory(
        edition=edition,
        kind=SessionKind.WORKSHOP,
        registration_required=True,
        seats=10,
        hour=hour,
        minutes=90,
        title=title,
    )


def manage_url(page, registration):
    return f"{page.url}gerer/{tokens.make_token(registration, tokens.MANAGE)}/"


def feed_path(page, registration):
    url = RegistrationLinks(registration, page).feed
    return urlsplit(url).path


def my_program_address(*sessions):
    codes = "-".join(code_of(session) for session in sessions)
    return f"https://alposs.example/2026/programme/mon-programme/?s={codes}"


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event.get("summary")): event for event in calendar.walk("VEVENT")}


def test_a_pasted_my_program_address_is_kept_on_the_registration(
    client, registration_page, program_page, edition
):
    talk = SessionFactory(edition=edition, hour=10, title="Conférence Wagtail")
    other = SessionFactory(edition=edition, hour=16, title="Table ronde")
    person = confirmed(edition)
    url = manage_url(registration_page, person)
    response = client.post(url, {"codes": my_program_address(talk, other), "mark_sessions": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 séances ajoutées à votre programme." in page
    assert set(person.marked_sessions.all()) == {talk, other}
    assert page.index("Conférence Wagtail") < page.index("Table ronde")
    assert f'href="{program_page.url}{talk.slug}/"' in page
    # The codes alone, separated by spaces, do as well; nothing is added twice.
    response = client.post(url, {"codes": f" {code_of(talk)}\n", "mark_sessions": "1"})
    assert "1 séance y était déjà." in response.content.decode()
    assert person.marked_sessions.count() == 2


def test_unknown_or_another_editions_codes_are_reported_and_left_out(
    client, registration_page, edition
):
    kept = SessionFactory(edition=edition, title="Session gardée")
    elsewhere = SessionFactory(edition=EditionFactory(year=edition.year - 1))
    unpublished = SessionFactory(edition=edition, live=False)
    person = confirmed(edition)
    codes = f"{code_of(kept)} {code_of(elsewhere)} {code_of(unpublished)} deadbeef zz"
    response = client.post(
        manage_url(registration_page, person), {"codes": codes, "mark_sessions": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 séance ajoutée à votre programme." in page
    assert (
        "4 codes ne correspondent à aucune séance du programme de cette édition\u202f: "
        "ils ont été laissés de côté." in page
    )
    assert list(person.marked_sessions.all()) == [kept]


def test_nothing_recognised_is_an_error_on_the_field_that_keeps_what_was_typed(
    client, registration_page, edition
):
    SessionFactory(edition=edition)
    person = confirmed(edition)
    for typed in ("deadbeef", "https://alposs.example/2026/programme/", "é" * 30_000):
        response = client.post(
            manage_url(registration_page, person), {"codes": typed, "mark_sessions": "1"}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "<title>Erreur" in page
        if len(typed) < 100:
            assert "Aucune séance du programme de cette édition n’a été trouvée" in page
            assert typed in page
    assert person.marked_sessions.count() == 0


def test_a_program_keeps_max_selected_sessions_at_most(
    client, registration_page, edition, monkeypatch
):
    monkeypatch.setattr(program_services, "MAX_SELECTED", 2)
    sessions = [SessionFactory(edition=edition, hour=9 + n) for n in range(3)]
    person = confirmed(edition)
    response = client.post(
        manage_url(registration_page, person),
        {"codes": my_program_address(*sessions), "mark_sessions": "1"},
    )
    assert "1 séance a été laissée de côté" in response.content.decode()
    assert person.marked_sessions.count() == 2


def test_a_marked_session_is_removed_with_its_button(client, registration_page, edition):
    talk = SessionFactory(edition=edition, title="Conférence à retirer")
    person = confirmed(edition)
    person.marked_sessions.add(talk)
    url = manage_url(registration_page, person)
    page = client.get(url).content.decode()
    assert f'name="unmark_session" value="{talk.pk}"' in page
    for hostile in ("abc", "9" * 40, "-1", str(talk.pk + 1000)):
        assert client.post(url, {"unmark_session": hostile}).status_code == 200
    assert person.marked_sessions.count() == 1
    response = client.post(url, {"unmark_session": str(talk.pk)})
    assert "«\u202fConférence à retirer\u202f» n’est plus dans votre programme." in (
        response.content.decode()
    )
    assert person.marked_sessions.count() == 0
    assert person.seats.count() == 0  # the workshops form was not touched


def test_workshops_and_marked_sessions_are_listed_together_with_their_clashes(
    client, registration_page, edition
):
    git = workshop(edition, hour=14, title="Atelier Git")
    overlapping = SessionFactory(
        edition=edition,
        title="Conférence en même temps",
        start=at(edition, 14, 30),
        end=at(edition, 15, 0),
    )
    morning = SessionFactory(edition=edition, hour=9, title="Conférence du matin")
    person = confirmed(edition, [git])
    person.marked_sessions.add(overlapping, morning)
    page = client.get(manage_url(registration_page, person)).content.decode()
    listing = page[page.index('id="program-title"') :]
    assert listing.index("Conférence du matin") < listing.index("Atelier Git")
    assert listing.index("Atelier Git") < listing.index("Conférence en même temps")
    assert "2 séances se chevauchent." in listing
    assert listing.count("my-program__item--clash") == 2


def test_the_feed_holds_the_workshop_and_the_marked_sessions_and_follows_changes(
    client, registration_page, program_page, edition
):
    git = workshop(edition, hour=14, title="Atelier Git")
    talk = SessionFactory(edition=edition, hour=10, title="Conférence Wagtail")
    dropped = SessionFactory(edition=edition, hour=11, title="Conférence annulée")
    person = confirmed(edition, [git])
    person.marked_sessions.add(talk, dropped)
    path = feed_path(registration_page, person)
    assert path.endswith("/agenda.ics")
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert not response.cookies
    found = events(response)
    assert set(found) == {"Atelier Git", "Conférence Wagtail", "Conférence annulée"}
    assert found["Conférence Wagtail"].decoded("dtstart") == talk.start
    assert str(found["Conférence Wagtail"]["uid"]) == f"{talk.guid}@alposs"
    assert f"{program_page.url}{talk.slug}/" in str(found["Conférence Wagtail"]["url"])

    # The organizers move one session and withdraw another: the next read shows it.
    talk.start += datetime.timedelta(hours=5)
    talk.end += datetime.timedelta(hours=5)
    talk.save()
    dropped.live = False
    dropped.save()
    found = events(client.get(path))
    assert set(found) == {"Atelier Git", "Conférence Wagtail"}
    assert found["Conférence Wagtail"].decoded("dtstart") == talk.start


def test_the_management_page_shows_the_feed_and_says_it_is_private(
    client, registration_page, edition
):
    person = confirmed(edition)
    page = client.get(manage_url(registration_page, person)).content.decode()
    feed = RegistrationLinks(person, registration_page).feed
    assert f'value="{feed}"' in page
    assert 'href="webcal://' in page
    assert "Cette adresse est privée" in page
    # The address stays the same from one visit to the next.
    assert RegistrationLinks(person, registration_page).feed == feed


def test_the_english_feed_path_answers_too(client, registration_page, edition):
    person = confirmed(edition)
    token = tokens.make_token(person, tokens.FEED)
    response = client.get(f"{registration_page.url}manage/{token}/calendar.ics")
    assert response.status_code == 200


def test_a_tampered_or_wrong_kind_of_token_answers_404_to_calendar_apps(
    client, registration_page, edition
):
    person = confirmed(edition)
    good = tokens.make_token(person, tokens.FEED)
    pk, key, stamp, signature = good.split("-", 3)
    for token in (
        f"{pk}-{key}-{stamp}-{signature[:-1]}x",
        f"{int(pk) + 1}-{key}-{stamp}-{signature}",
        tokens.make_token(person, tokens.MANAGE),
        "nothing",
    ):
        response = client.get(f"{registration_page.url}gerer/{token}/agenda.ics")
        assert response.status_code == 404, token
        assert response["Content-Type"].startswith("text/plain")
        assert "private" in response["Cache-Control"]


def test_the_feed_is_revoked_with_the_other_links(client, registration_page, edition):
    person = confirmed(edition)
    path = feed_path(registration_page, person)
    assert client.get(path).status_code == 200
    services.send_new_link(person)
    assert client.get(path).status_code == 404
    person.refresh_from_db()
    path = feed_path(registration_page, person)
    assert client.get(path).status_code == 200
    services.cancel(person)
    assert client.get(path).status_code == 404


def test_the_purge_and_a_deletion_forget_the_marked_sessions(edition):
    talk = SessionFactory(edition=edition)
    leaving, staying = confirmed(edition), confirmed(edition)
    leaving.marked_sessions.add(talk)
    staying.marked_sessions.add(talk)
    through = Registration.marked_sessions.through.objects
    services.delete_personal_data(leaving)
    assert list(through.values_list("registration_id", flat=True)) == [staying.pk]
    services.purge_edition(edition)
    assert through.count() == 0
    assert talk.__class__.objects.filter(pk=talk.pk).exists()


def test_the_data_download_lists_the_marked_sessions(client, registration_page, edition):
    talk = SessionFactory(edition=edition, title="Conférence notée")
    person = confirmed(edition)
    person.marked_sessions.add(talk)
    response = client.get(manage_url(registration_page, person) + "donnees/")
    data = json.loads(response.content)
    assert [item["title"] for item in data["marked_sessions"]] == ["Conférence notée"]


def test_the_management_page_costs_the_same_queries_for_2_or_12_marked_sessions(
    client, registration_page, program_page, edition
):
    person = confirmed(edition, [workshop(edition, hour=8)])
    url = manage_url(registration_page, person)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    person.marked_sessions.add(*(SessionFactory(edition=edition, hour=9 + n) for n in range(2)))
    client.get(url)  # warm the caches
    two = count_queries()
    more = [SessionFactory(edition=edition, hour=9, minutes=20 + n) for n in range(10)]
    person.marked_sessions.add(*more)
    assert count_queries() == two
    assert client.get(url).content.decode().count('name="unmark_session"') == 12


def test_the_feed_costs_the_same_queries_for_2_or_12_sessions(
    client, registration_page, program_page, edition
):
    person = confirmed(edition)
    path = feed_path(registration_page, person)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        return len(queries)

    person.marked_sessions.add(*(SessionFactory(edition=edition, hour=9 + n) for n in range(2)))
    client.get(path)
    two = count_queries()
    person.marked_sessions.add(*(SessionFactory(edition=edition, hour=10) for _ in range(10)))
    assert count_queries() == two
    assert len(events(client.get(path))) == 12


def test_a_registration_of_another_edition_cannot_mark_this_editions_sessions(edition):
    other = RegistrationFactory(edition=EditionFactory(year=edition.year + 1))
    talk = SessionFactory(edition=edition)
    outcome = services.mark_sessions(other, code_of(talk))
    assert not outcome.found_any and outcome.unknown == 1
    assert other.marked_sessions.count() == 0


def test_the_feed_stops_on_the_editions_purge_date_like_the_other_links(
    client, home_page, settings
):
    settings.ALPOSS_REGISTRATION_RETENTION_DAYS = 180
    pages = {}
    for days in (179, 180):
        end = timezone.localdate() - datetime.timedelta(days=days)
        edition = EditionFactory(start_date=end, end_date=end)
        pages[days] = RegistrationPageFactory(
            parent=EditionPageFactory(parent=home_page, edition=edition)
        )
    for days, status in ((179, 200), (180, 410)):
        person = RegistrationFactory(
            edition=pages[days].edition, status=RegistrationStatus.CONFIRMED
        )
        response = client.get(feed_path(pages[days], person))
        assert response.status_code == status, days


def test_the_my_program_page_tells_registered_people_where_to_keep_their_program(
    client, program_page, edition
):
    talk = SessionFactory(edition=edition)
    response = client.get(f"{program_page.url}mon-programme/?s={code_of(talk)}")
    assert "Collez cette adresse sur la page de gestion de votre inscription" in (
        response.content.decode()
    )


def test_the_english_management_page_gives_the_english_feed_address(
    client, registration_page_en, edition
):
    person = confirmed(edition)
    token = tokens.make_token(person, tokens.MANAGE)
    page = client.get(f"{registration_page_en.url}manage/{token}/").content.decode()
    assert "My private calendar" in page
    feed = RegistrationLinks(person, registration_page_en).feed
    assert "/en/" in feed and "/manage/" in feed and feed.endswith("/calendar.ics")
    assert f'value="{feed}"' in page
    assert client.get(urlsplit(feed).path).status_code == 200
