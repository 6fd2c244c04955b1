"""My program: stars that carry the selection in the address, a page of the marked sessions
with clashes, its .ics file and feed; no cookie, a fixed number of queries, no 500 on bad input."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import icalendar
import pytest

from program.cache import bump_cache_version
from program.my_program import MAX_SELECTED, code_of
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory, add_bulk_sessions, add_rooms_and_tracks

SCHEDULE = "/2026/programme/"
MINE = "/2026/programme/mon-programme/"
MINE_EN = "/en/2026/programme/my-program/"
FEED = "/2026/programme/mon-programme.ics"


def codes(*sessions):
    return "-".join(code_of(session) for session in sessions)


def star_of(html, session):
    match = re.search(rf'<a class="star[^"]*" href="([^"]*)" data-code="{code_of(session)}"', html)
    assert match, f"no star for {session.title}"
    return match.group(0), match.group(1).replace("&amp;", "&")


def test_schedule_stars_add_a_session_and_keep_the_reader_there(
    client, program_page, small_program
):
    talk = small_program["talk"]
    response = client.get(SCHEDULE + "?kind=talk")
    html = response.content.decode()

    tag, href = star_of(html, talk)
    assert "star--on" not in tag
    assert href == f"{SCHEDULE}?kind=talk&s={code_of(talk)}#s-{code_of(talk)}"
    assert f'id="s-{code_of(talk)}"' in html
    assert "Ajouter à mon programme" in html
    whole = client.get(SCHEDULE).content.decode()
    assert "Pause café" in whole and "star" not in whole.split("Pause café")[1][:200]
    assert not response.cookies and "Set-Cookie" not in response


def test_schedule_star_of_a_chosen_session_removes_it(client, program_page, small_program):
    talk, keynote = small_program["talk"], small_program["keynote"]
    html = client.get(f"{SCHEDULE}?s={codes(talk, keynote)}").content.decode()

    tag, href = star_of(html, talk)
    assert "star--on" in tag and "★" in html
    assert href == f"{SCHEDULE}?s={code_of(keynote)}#s-{code_of(talk)}"
    assert "Retirer de mon programme" in html
    assert f'href="{MINE}?s={codes(talk, keynote)}"' in html
    assert "Mon programme (2)" in html


def test_session_page_has_a_star_too(client, program_page, small_program):
    talk = small_program["talk"]
    url = f"{SCHEDULE}{talk.slug}/"
    html = client.get(url).content.decode()
    _, href = star_of(html, talk)
    assert href == f"{url}?s={code_of(talk)}"

    html = client.get(href).content.decode()
    tag, href = star_of(html, talk)
    assert "star--on" in tag and href == url


def test_page_lists_the_chosen_sessions_in_time_order_with_clashes(
    client, program_page, small_program
):
    talk, english = small_program["talk"], small_program["english"]
    keynote = small_program["keynote"]
    response = client.get(f"{MINE}?s={codes(english, keynote, talk)}")
    html = response.content.decode()

    assert response.status_code == 200
    assert html.index(keynote.title.split(" :")[0]) < html.index(talk.title)
    # The talk and the English talk both start at 10:00: a clash, shown on both.
    assert html.count("my-program__item--clash") == 2
    assert "2 séances se chevauchent" in html or "chevauche" in html
    assert f"http://testserver{MINE}?s={codes(english, keynote, talk)}" in html
    assert f"{FEED}?s={codes(english, keynote, talk)}" in html
    assert "webcal://testserver" in html
    assert not response.cookies


def test_page_in_english(client, program_page_en, small_program):
    talk = small_program["talk"]
    response = client.get(f"{MINE_EN}?s={codes(talk)}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>My program</h1>" in html and talk.title in html
    assert "/en/2026/programme/my-program.ics?s=" in html
    schedule = client.get(f"/en/2026/programme/?s={codes(talk)}").content.decode()
    assert "Remove from my program" in schedule and "Add to my program" in schedule


def test_empty_page_says_how_to_choose(client, program_page, small_program):
    html = client.get(MINE).content.decode()
    assert "Aucune séance choisie" in html


def test_ics_file_and_feed_hold_the_chosen_sessions(client, program_page, small_program):
    talk, workshop = small_program["talk"], small_program["workshop"]
    response = client.get(f"{FEED}?s={codes(talk, workshop)}")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert {str(e["UID"]) for e in events} == {f"{talk.guid}@alposs", f"{workshop.guid}@alposs"}
    assert "Mon programme" in str(calendar["X-WR-CALNAME"])
    assert "s-maxage" in response["Cache-Control"] and not response.cookies

    # A later change of a chosen session shows in the same feed.
    talk.title = "Migrer une mairie vers LibreOffice (salle changée)"
    talk.save()
    bump_cache_version()
    again = client.get(f"{FEED}?s={codes(talk, workshop)}").content.decode()
    assert "salle changée" in again


def test_feed_without_a_selection_is_404(client, program_page, small_program):
    assert client.get(FEED).status_code == 404
    assert client.get(FEED + "?s=zzz").status_code == 404


@pytest.mark.parametrize(
    "raw", ["zzzz", "12345678", "<script>", "a" * 5000, "g" * 8, "0" * 8 + "," * 50]
)
def test_bad_codes_get_a_clear_page(client, program_page, small_program, raw):
    talk = small_program["talk"]
    response = client.get(MINE, {"s": f"{raw}-{code_of(talk)}"})
    html = response.content.decode()
    assert response.status_code == 200
    assert talk.title in html
    assert "laissé" in html  # "... laissé(s) de côté"
    assert "<script>" not in html.split("<main")[1].replace('<script src="', "")


def test_another_editions_session_is_left_out(client, program_page, small_program):
    other = EditionFactory(year=2025, name="AlpOSS 2025")
    foreign = SessionFactory(edition=other, title="Session de 2025")
    talk = small_program["talk"]
    html = client.get(f"{MINE}?s={codes(foreign, talk)}").content.decode()
    assert "Session de 2025" not in html and talk.title in html
    assert "1 code de cette adresse" in html
    feed = client.get(f"{FEED}?s={codes(foreign, talk)}").content.decode()
    assert str(foreign.guid) not in feed and str(talk.guid) in feed


def test_thousands_of_codes_are_capped(client, program_page, small_program):
    many = "-".join(f"{n:08x}" for n in range(3000))
    response = client.get(MINE, {"s": many + "-" + codes(small_program["talk"])})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Seules les {MAX_SELECTED} premières" in html
    assert client.get(SCHEDULE, {"s": many}).status_code == 200
    assert client.get(FEED, {"s": many}).status_code == 200


@pytest.fixture
def busy_edition(edition):
    add_rooms_and_tracks(edition, rooms=5, tracks=3)
    add_bulk_sessions(edition, 60, minutes=5)
    return edition


def _queries(client, url):
    client.get(url)
    bump_cache_version()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    return len(context.captured_queries)


@pytest.mark.parametrize("base", [SCHEDULE, MINE, FEED])
def test_query_count_does_not_depend_on_the_selection(client, program_page, busy_edition, base):
    sessions = list(busy_edition.sessions.filter(live=True).order_by("start"))
    five = codes(*sessions[:5])
    fifty = codes(*sessions[:50])
    with_five = _queries(client, f"{base}?s={five}")
    with_fifty = _queries(client, f"{base}?s={fifty}")
    assert with_five == with_fifty == _queries(client, f"{base}?s={codes(sessions[0])}")
    assert with_five <= 15
