"""The three exports validate against the real schemas and parsers, and keep stable GUIDs."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

import icalendar
import jsonschema
import pytest
from lxml import etree

from program.cache import bump_cache_version
from program.exporters import acronym_for
from program.models import Session
from tests.factories.program import SessionFactory


@pytest.fixture
def frab_schema(shared_ref):
    return etree.XMLSchema(etree.parse(str(shared_ref / "frab-schedule.xsd")))


@pytest.fixture
def c3voc_validator(shared_ref):
    schema = json.loads((shared_ref / "c3voc-schedule.schema.json").read_text())
    return jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )


def test_frab_xml_validates_against_the_xsd(client, program_page, small_program, frab_schema):
    response = client.get("/2026/programme/schedule.xml")

    assert response["Content-Type"] == "application/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    frab_schema.assertValid(document)
    events = document.findall("day/room/event")
    assert len(events) == 5
    talk = small_program["talk"]
    event = document.find(f"day/room/event[@guid='{talk.guid}']")
    assert event.findtext("date") == "2026-02-17T10:00:00+01:00"
    assert event.findtext("start") == "10:00"
    assert event.findtext("duration") == "00:45"
    assert event.findtext("persons/person") == "Hugo Perret"
    assert event.find("links/link").get("type") == "slides"
    assert document.findtext("conference/acronym") == "alposs2026"
    assert document.findtext("conference/time_zone_name") == "Europe/Paris"


def test_c3voc_json_validates_against_the_schema(
    client, program_page, small_program, c3voc_validator
):
    response = client.get("/2026/programme/schedule.json")

    assert response["Content-Type"] == "application/json"
    document = response.json()
    errors = [error.message for error in c3voc_validator.iter_errors(document)]
    assert errors == []
    conference = document["schedule"]["conference"]
    assert conference["acronym"] == "alposs2026"
    events = [e for day in conference["days"] for room in day["rooms"].values() for e in room]
    assert len(events) == 5
    english = next(e for e in events if e["guid"] == str(small_program["english"].guid))
    assert english["language"] == "en"
    assert english["persons"] == [
        {"name": "Inès Martin", "guid": str(small_program["speakers"][0].guid)}
    ]
    assert english["id"] == small_program["english"].pk
    assert english["duration"] == "00:45"


def test_c3voc_json_video_link_uses_a_type_from_the_fixed_list(
    client, program_page, small_program, c3voc_validator
):
    talk = small_program["talk"]
    talk.video_url = "https://video.echirolles.fr/w/9c9de5e8-0a1e-484a-b099-e80766180a6d"
    talk.save()

    document = client.get("/2026/programme/schedule.json").json()

    assert list(c3voc_validator.iter_errors(document)) == []
    rooms = document["schedule"]["conference"]["days"][0]["rooms"]
    event = next(e for e in rooms["Grande salle"] if e["guid"] == str(talk.guid))
    assert event["links"][-1] == {"url": talk.video_url, "title": "Video", "type": "media"}


def test_ical_export_parses_with_time_zone_location_and_url(client, program_page, small_program):
    response = client.get("/2026/programme/schedule.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 5
    talk = small_program["talk"]
    event = events[f"{talk.guid}@alposs"]
    assert event.decoded("DTSTART").isoformat() == "2026-02-17T10:00:00+01:00"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert str(event["LOCATION"]) == "Grande salle, La Rampe"
    assert str(event["URL"]) == f"http://testserver/2026/programme/{talk.slug}/"
    assert "Hugo Perret" in str(event["DESCRIPTION"])


def test_session_ical_holds_that_session_only(client, program_page, small_program):
    workshop = small_program["workshop"]

    response = client.get(f"/2026/programme/{workshop.slug}.ics")

    assert response["Content-Disposition"] == f'attachment; filename="{workshop.slug}.ics"'
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [workshop.title]


def test_guid_stays_the_same_across_edits_and_exports(client, program_page, small_program):
    talk = small_program["talk"]
    guid = talk.guid
    talk.title = "Migrer une mairie vers LibreOffice : le retour"
    talk.start = talk.start.replace(hour=11)
    talk.end = talk.end.replace(hour=11)
    talk.save()

    xml = etree.fromstring(client.get("/2026/programme/schedule.xml").content)
    document = client.get("/2026/programme/schedule.json").json()
    calendar = icalendar.Calendar.from_ical(client.get("/2026/programme/schedule.ics").content)

    assert Session.objects.get(pk=talk.pk).guid == guid
    assert xml.find(f"day/room/event[@guid='{guid}']").findtext("title") == talk.title
    rooms = document["schedule"]["conference"]["days"][0]["rooms"]
    assert str(guid) in {e["guid"] for events in rooms.values() for e in events}
    assert f"{guid}@alposs" in {str(e["UID"]) for e in calendar.walk("VEVENT")}


def test_drafts_are_left_out_of_every_export(client, program_page, small_program):
    Session.objects.filter(pk=small_program["talk"].pk).update(live=False)

    xml = client.get("/2026/programme/schedule.xml").content.decode()
    json_text = client.get("/2026/programme/schedule.json").content.decode()
    ics = client.get("/2026/programme/schedule.ics").content.decode()

    for text in (xml, json_text, ics):
        assert str(small_program["talk"].guid) not in text
        assert str(small_program["english"].guid) in text


def test_acronym_has_no_hyphen(edition):
    edition.name = "AlpOSS-2026"

    assert acronym_for(edition) == "alposs2026"


def test_recording_opt_out_is_carried_into_both_schedule_formats(
    client, program_page, small_program, frab_schema, c3voc_validator
):
    private = small_program["english"]
    Session.objects.filter(pk=private.pk).update(do_not_record=True)
    talk = small_program["talk"]

    xml = etree.fromstring(client.get("/2026/programme/schedule.xml").content)
    document = client.get("/2026/programme/schedule.json").json()

    frab_schema.assertValid(xml)
    assert xml.findtext(f"day/room/event[@guid='{private.guid}']/recording/optout") == "true"
    assert xml.findtext(f"day/room/event[@guid='{talk.guid}']/recording/optout") == "false"
    assert list(c3voc_validator.iter_errors(document)) == []
    events = {
        e["guid"]: e
        for day in document["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for e in room
    }
    assert events[str(private.guid)]["do_not_record"] is True
    assert events[str(talk.guid)]["do_not_record"] is False


def test_a_session_not_recorded_exports_no_video_link(client, program_page, small_program):
    talk = small_program["talk"]
    url = "https://video.echirolles.fr/w/kkGMgK9ZtnKfYAgnEtQxbv"
    Session.objects.filter(pk=talk.pk).update(video_url=url, do_not_record=True)

    xml = client.get("/2026/programme/schedule.xml").content.decode()
    json_text = client.get("/2026/programme/schedule.json").content.decode()

    assert url not in xml and url not in json_text


def test_exports_read_the_opt_out_without_a_query_per_session(
    client, program_page, small_program, django_assert_max_num_queries
):
    client.get("/2026/programme/schedule.json")  # fills the per-process caches
    bump_cache_version()
    with CaptureQueriesContext(connection) as small:
        client.get("/2026/programme/schedule.xml")
    edition = small_program["talk"].edition
    for hour in range(13, 18):
        SessionFactory(edition=edition, room=small_program["talk"].room, hour=hour)
    bump_cache_version()
    with django_assert_max_num_queries(len(small)):
        client.get("/2026/programme/schedule.xml")
