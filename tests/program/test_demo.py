"""The demo program loads once, reads like a real conference day, and its exports validate."""

import io
import json

from django.core.cache import cache

import icalendar
import jsonschema
import pytest
from lxml import etree

from home import demo as home_demo
from home.models import Edition
from program import demo as program_demo
from program.choices import SessionKind
from program.models import ProgramPage, Room, Session, Speaker


@pytest.fixture
def demo(db, locales):
    home_demo.load(io.StringIO())
    program_demo.load(io.StringIO())
    cache.clear()


def test_demo_2026_is_a_full_day_over_four_to_six_rooms(demo):
    edition = Edition.objects.get(year=2026)
    sessions = Session.objects.filter(edition=edition, live=True)

    assert sessions.count() >= 40
    assert 4 <= Room.objects.filter(edition=edition).count() <= 6
    assert {s.start.date() for s in sessions} == {edition.start_date}
    kinds = set(sessions.values_list("kind", flat=True))
    assert kinds == set(SessionKind.values)
    seats = sessions.filter(kind=SessionKind.WORKSHOP).values_list("seats", flat=True)
    assert seats and all(12 <= n <= 30 for n in seats)
    assert sessions.filter(language="en").count() >= 3


def test_demo_upcoming_edition_is_partly_announced_with_workshop_seats(demo):
    upcoming = Edition.objects.get(number=4)
    sessions = Session.objects.filter(edition=upcoming)

    assert sessions.filter(live=True, kind=SessionKind.KEYNOTE).count() == 1
    workshops = sessions.filter(live=True, kind=SessionKind.WORKSHOP)
    assert workshops.count() >= 2
    assert all(w.seats and w.registration_required for w in workshops)
    assert sessions.filter(live=False).count() == 1  # a draft not shown yet


def test_demo_loads_once(demo):
    counts = (Session.objects.count(), Speaker.objects.count(), ProgramPage.objects.count())

    program_demo.load(io.StringIO())

    assert (Session.objects.count(), Speaker.objects.count(), ProgramPage.objects.count()) == counts
    assert ProgramPage.objects.count() == 2 * Edition.objects.count()


def test_demo_exports_validate_against_the_schemas(client, demo, shared_ref):
    xsd = etree.XMLSchema(etree.parse(str(shared_ref / "frab-schedule.xsd")))
    schema = json.loads((shared_ref / "c3voc-schedule.schema.json").read_text())
    validator = jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )

    for year in (2024, 2025, 2026):
        xml = etree.fromstring(client.get(f"/{year}/programme/schedule.xml").content)
        xsd.assertValid(xml)
        document = client.get(f"/en/{year}/programme/schedule.json").json()
        assert [e.message for e in validator.iter_errors(document)] == []
        calendar = icalendar.Calendar.from_ical(
            client.get(f"/{year}/programme/schedule.ics").content
        )
        live = Session.objects.filter(edition__year=year, live=True).count()
        assert len(calendar.walk("VEVENT")) == len(xml.findall("day/room/event")) == live


def test_demo_schedule_pages_render_in_both_languages(client, demo):
    french = client.get("/2026/programme/")
    english = client.get("/en/2026/programme/")

    assert french.status_code == english.status_code == 200
    assert "Table ronde : la souveraineté numérique des collectivités" in french.text
    assert 'lang="en">Open source as public infrastructure</a>' in french.text
    assert 'lang="fr">Migrer 600 postes vers Linux' in english.text
