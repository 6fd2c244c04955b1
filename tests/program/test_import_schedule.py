"""Issue 14: importing a program from frab XML or C3VOC JSON (pretalx, frab, Pentabarf)."""

import datetime
import io
import json
from pathlib import Path

from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from django.utils.html import escape

import pytest

from home.models import Edition
from program.choices import SessionKind
from program.importing import apply_import, parse, plan_import
from program.models import Room, Session, SessionLink, Speaker
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory
from tests.program.import_fixtures import event_guid

FIXTURES = Path(__file__).parent / "import_fixtures"
PARIS = timezone.get_default_timezone()


def run(*args, language="en"):
    """The command's report; in English unless asked (the site's default language is French)."""
    out = io.StringIO()
    with translation.override(language):
        call_command("import_schedule", *map(str, args), stdout=out)
    return out.getvalue()


def importing(edition, name):
    return apply_import(edition, plan_import(edition, parse((FIXTURES / name).read_bytes())))


def program_of(edition):
    """What must survive an import or a round trip, independent of database ids."""
    rows = Session.objects.filter(edition=edition).select_related("room")
    return sorted(
        (
            str(s.guid),
            s.title,
            timezone.localtime(s.start).isoformat(),
            timezone.localtime(s.end).isoformat(),
            s.room.name if s.room else None,
            tuple(row.speaker.name for row in s.session_speakers.select_related("speaker")),
            s.do_not_record,
        )
        for s in rows
    )


@pytest.mark.parametrize(
    ("name", "format_name"),
    [
        ("alposs2027.json", "C3VOC JSON v1"),
        ("alposs2027.xml", "frab XML"),
        ("alposs2027-schedule2.json", "C3VOC JSON v2"),
    ],
)
def test_each_format_is_told_from_the_content_and_imports(edition2027, name, format_name):
    report = run(2027, FIXTURES / name)

    assert f"Format: {format_name}" in report
    expected = 31 if "schedule2" in name else 32  # one event of the v2 file is CANCELED
    assert Session.objects.filter(edition=edition2027, live=True).count() == expected
    assert Room.objects.filter(edition=edition2027).count() == 3
    session = Session.objects.filter(edition=edition2027).order_by("start", "room__name").first()
    assert timezone.localtime(session.start).isoformat() == "2027-03-10T09:00:00+01:00"
    assert session.start.tzinfo is not None


def test_json_and_xml_give_the_same_program(db):
    json_edition = EditionFactory(
        year=2027, start_date=datetime.date(2027, 3, 10), end_date=datetime.date(2027, 3, 11)
    )
    importing(json_edition, "alposs2027.json")
    from_json = program_of(json_edition)
    Session.objects.filter(edition=json_edition).delete()
    Room.objects.filter(edition=json_edition).delete()
    importing(json_edition, "alposs2027.xml")
    assert program_of(json_edition) == from_json


def test_imported_sessions_keep_the_source_guids_kinds_tracks_and_speakers(edition2027):
    importing(edition2027, "alposs2027.json")
    document = json.loads((FIXTURES / "alposs2027.json").read_text())
    events = [
        e
        for day in document["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for e in room
    ]
    guids = {str(g) for g in Session.objects.values_list("guid", flat=True)}
    assert guids == {e["guid"] for e in events}
    kinds = set(Session.objects.values_list("kind", flat=True))
    assert {SessionKind.TALK, SessionKind.WORKSHOP, SessionKind.BREAK} <= kinds
    assert SessionKind.LIGHTNING in kinds and SessionKind.ROUND_TABLE in kinds
    room = Room.objects.get(edition=edition2027, name="Grande salle")
    assert str(room.guid) == document["schedule"]["conference"]["rooms"][0]["guid"]
    ines = Speaker.objects.get(name="Inès Martin")
    assert ines.import_code == "P000"
    assert ines.session_roles.count() > 1  # shared by several sessions, one record
    session = Session.objects.get(guid=events[0]["guid"])
    assert session.description.startswith("<p>Première ligne")
    assert "&lt;avec&gt; &amp;" in session.description
    assert Session.objects.filter(do_not_record=True).exists()
    assert SessionLink.objects.filter(link_type="slides").count() >= 5


def test_importing_twice_changes_nothing(edition2027):
    run(2027, FIXTURES / "alposs2027.json")
    before = program_of(edition2027)
    report = run(2027, FIXTURES / "alposs2027.json")

    assert "0 created, 0 updated, 32 unchanged, 0 withdrawn" in report
    assert "Nothing to change" in report
    assert program_of(edition2027) == before
    # The XML of the same program is the same program too.
    assert "Nothing to change" in run(2027, FIXTURES / "alposs2027.xml")


def test_a_newer_version_moves_retitles_withdraws_and_adds(edition2027):
    run(2027, FIXTURES / "alposs2027.json")
    workshop = Session.objects.filter(edition=edition2027, kind=SessionKind.WORKSHOP).first()
    # What organizers own, set here after the first import.
    first = Session.objects.get(import_key=event_guid(0))
    first.video_url = ""
    first.level = "advanced"
    first.do_not_record = True
    first.save()
    Session.objects.filter(pk=workshop.pk).update(seats=12)
    slug = first.slug

    report = run(2027, FIXTURES / "alposs2027-v2.json")

    assert "1 created, 4 updated, 27 unchanged, 1 withdrawn" in report, report
    first.refresh_from_db()
    assert timezone.localtime(first.start) == datetime.datetime(2027, 3, 11, 17, tzinfo=PARIS)
    assert first.level == "advanced" and first.do_not_record and first.slug == slug
    second = Session.objects.get(import_key=event_guid(1))
    assert second.room.name == "Atelier Vercors"
    assert Session.objects.get(import_key=event_guid(2)).title == "Séance 3, nouveau titre"
    assert Session.objects.get(import_key=event_guid(4)).abstract == "Résumé réécrit."
    withdrawn = Session.objects.get(import_key=event_guid(5))
    assert not withdrawn.live  # unpublished, not deleted
    assert "Withdrawn, unpublished" in report
    assert Session.objects.filter(title="Nouvelle séance", live=True).count() == 1
    assert Session.objects.get(pk=workshop.pk).seats == 12
    assert Session.objects.filter(edition=edition2027).count() == 33
    assert "Nothing to change" in run(2027, FIXTURES / "alposs2027-v2.json")


def test_dry_run_writes_nothing(edition2027):
    report = run(2027, FIXTURES / "alposs2027.json", "--dry-run")
    assert "32 created" in report and "Dry run" in report
    assert not Session.objects.exists() and not Room.objects.exists()


def test_pretalx_democon_imports_twice_without_change(db, shared_ref):
    source = shared_ref / "examples" / "pretalx-democon.json"
    report = run(2020, source, "--create-edition")

    edition = Edition.objects.get(year=2020)
    assert edition.name == "DemoCon"
    assert (edition.start_date, edition.end_date) == (
        datetime.date(2020, 12, 14),
        datetime.date(2020, 12, 16),
    )
    assert "C3VOC JSON v1" in report
    assert "share the GUID" in report  # two rooms, one GUID: a warning, rooms by name
    assert set(Room.objects.filter(edition=edition).values_list("name", flat=True)) == {
        "Gray Room",
        "Tan Room",
    }
    assert Session.objects.filter(edition=edition).count() == 36
    assert Session.objects.filter(kind=SessionKind.WORKSHOP).count() == 9
    before = program_of(edition)
    again = run(2020, source)
    assert "0 created, 0 updated, 36 unchanged" in again
    assert program_of(edition) == before


def test_round_trip_through_our_own_exports(client, program_page, small_program):
    edition = program_page.edition
    for name, fmt in (("schedule.json", "C3VOC JSON v1"), ("schedule.xml", "frab XML")):
        exported = client.get(f"/2026/programme/{name}").content
        before = program_of(edition)
        # A fresh edition: the exported one is gone, speakers (shared by editions) remain.
        Session.objects.filter(edition=edition).delete()
        Room.objects.filter(edition=edition).delete()
        fresh = EditionFactory(year=2030, start_date=edition.start_date, end_date=edition.end_date)
        schedule = parse(exported)
        assert schedule.format == fmt
        apply_import(fresh, plan_import(fresh, schedule))
        after = program_of(fresh)
        # Our exports name the room of a session without one after the venue: that becomes a
        # room here (the only difference).
        assert [row[:4] + row[5:] for row in after] == [row[:4] + row[5:] for row in before]
        assert [row[4] for row in after] == [row[4] or edition.venue_name for row in before]
        # Back to the exported edition for the other format.
        Session.objects.filter(edition=fresh).update(edition=edition)
        Room.objects.filter(edition=fresh).update(edition=edition)
        fresh.delete()
        Room.objects.filter(edition=edition, name=edition.venue_name).delete()
        Speaker.objects.exclude(session_roles__isnull=False).delete()
        assert program_of(edition) == before


BAD = {
    "malformed XML": (b"<schedule><day>", "Malformed XML"),
    "malformed JSON": (b'{"schedule": ', "Malformed JSON"),
    "unknown format": (b"title,start\nx,y\n", "Unknown format"),
    "unknown JSON": (b'{"hello": 1}', "Unknown format"),
    "unknown XML": (b"<html></html>", "Unknown format"),
    "XML bomb": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<schedule>&lol2;</schedule>",
        "declares entities",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_refused_with_a_clear_error(edition2027, tmp_path, case):
    data, message = BAD[case]
    path = tmp_path / "program.dat"
    path.write_bytes(data)
    with pytest.raises(CommandError, match=message):
        run(2027, path)
    assert not Session.objects.exists()


def _events_json(**changes):
    document = json.loads((FIXTURES / "alposs2027.json").read_text())
    events = [
        e
        for d in document["schedule"]["conference"]["days"]
        for r in d["rooms"].values()
        for e in r
    ]
    return document, events


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda events: events[3].update(guid=events[2]["guid"]), "share the GUID"),
        (lambda events: events[3].update(date="2027-03-10T12:00:00"), "has no time zone"),
        (lambda events: events[3].update(date="2027-03-12T10:00:00+01:00"), "outside the edition"),
        (lambda events: events[3].update(title="  "), "empty title"),
        (lambda events: events[3].update(duration="soon"), "not a duration"),
    ],
    ids=["duplicate GUID", "no zone", "outside dates", "empty title", "bad duration"],
)
def test_bad_sessions_are_refused_naming_the_event_and_nothing_is_written(
    edition2027, tmp_path, change, message
):
    document, events = _events_json()
    change(events)
    path = tmp_path / "program.json"
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match=message) as error:
        run(2027, path)
    assert "event " in str(error.value)
    assert not Session.objects.exists() and not Room.objects.exists()
    assert not Speaker.objects.exists()


def test_a_file_over_the_size_limit_is_refused(edition2027, tmp_path, settings):
    settings.ALPOSS_IMPORT_MAX_BYTES = 1000
    with pytest.raises(CommandError, match="larger than"):
        run(2027, FIXTURES / "alposs2027.json")


def test_a_utc_time_is_converted_to_paris(edition2027):
    schedule = parse((FIXTURES / "alposs2027.xml").read_bytes())  # its times are in UTC
    assert schedule.sessions[0].start.utcoffset() == datetime.timedelta(hours=1)
    assert schedule.sessions[0].start.hour == 9


def test_an_edition_is_required_unless_asked_to_create_it(db):
    with pytest.raises(CommandError, match="--create-edition"):
        run(2027, FIXTURES / "alposs2027.json")
    report = run(2027, FIXTURES / "alposs2027.json", "--create-edition")
    assert "Edition AlpOSS 2027 created" in report
    assert "The site has no home page" in report
    assert Edition.objects.get(year=2027).end_date == datetime.date(2027, 3, 11)


def test_unknown_types_become_talks_and_the_map_is_extensible(edition2027, tmp_path, settings):
    document, events = _events_json()
    events[0]["type"] = "Fireside chat"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(document))
    report = run(2027, path, "--dry-run")
    assert "Unknown session type “Fireside chat”" in report
    settings.ALPOSS_IMPORT_KIND_MAP = {
        **settings.ALPOSS_IMPORT_KIND_MAP,
        "fireside-chat": "round_table",
    }
    run(2027, path)
    assert Session.objects.get(guid=events[0]["guid"]).kind == SessionKind.ROUND_TABLE


def test_a_session_made_here_is_never_withdrawn(edition2027):
    local = SessionFactory(
        edition=edition2027,
        start=datetime.datetime(2027, 3, 10, 17, tzinfo=PARIS),
        end=datetime.datetime(2027, 3, 10, 18, tzinfo=PARIS),
        room=None,
    )
    run(2027, FIXTURES / "alposs2027.json")
    local.refresh_from_db()
    assert local.live and not local.import_key


def test_the_report_and_errors_are_translated(edition2027, tmp_path):
    report = run(2027, FIXTURES / "alposs2027.json", "--dry-run", language="fr")
    path = tmp_path / "p.xml"
    path.write_bytes(b"<schedule>")
    with pytest.raises(CommandError, match="XML mal formé"):
        run(2027, path, language="fr")
    assert "32 créées, 0 modifiées, 0 inchangées, 0 retirées" in report
    assert "Essai à blanc" in report


def test_two_sessions_at_once_in_one_room_are_imported_with_a_warning(edition2027, tmp_path):
    document, events = _events_json()
    events[1].update(date=events[0]["date"], room=events[0]["room"])
    path = tmp_path / "p.json"
    path.write_text(json.dumps(document))
    assert "overlaps" in run(2027, path, "--dry-run")


def test_our_own_export_reimported_into_its_edition_changes_nothing(
    client, program_page, small_program
):
    edition = program_page.edition
    before = program_of(edition)
    kinds = dict(Session.objects.values_list("pk", "kind"))
    for name in ("schedule.json", "schedule.xml"):
        exported = client.get(f"/2026/programme/{name}").content
        plan = plan_import(edition, parse(exported))
        # Only the room of the break (exported under the venue's name) is new.
        assert [s.title for s, _r, _c in plan.updated] == ["Pause café"]
        assert not plan.created and not plan.withdrawn
    assert dict(Session.objects.values_list("pk", "kind")) == kinds  # keynote, break kept
    assert program_of(edition) == before


def test_a_withdrawn_session_that_comes_back_is_published_again(edition2027):
    run(2027, FIXTURES / "alposs2027.json")
    run(2027, FIXTURES / "alposs2027-v2.json")
    assert not Session.objects.get(import_key=event_guid(5)).live

    report = run(2027, FIXTURES / "alposs2027.json")

    assert "Back in the schedule, published again" in report, report
    back = Session.objects.get(import_key=event_guid(5))
    assert back.live and not back.import_withdrawn
    assert "Nothing to change" in run(2027, FIXTURES / "alposs2027.json")


def test_a_session_an_organizer_republished_after_its_withdrawal_is_left_published(edition2027):
    run(2027, FIXTURES / "alposs2027.json")
    run(2027, FIXTURES / "alposs2027-v2.json")
    Session.objects.filter(import_key=event_guid(5)).update(live=True)  # the organizer's choice

    report = run(2027, FIXTURES / "alposs2027-v2.json")

    assert "Nothing to change" in report, report
    assert Session.objects.get(import_key=event_guid(5)).live


def test_a_session_an_organizer_unpublished_stays_unpublished(edition2027):
    run(2027, FIXTURES / "alposs2027.json")
    Session.objects.filter(import_key=event_guid(3)).update(live=False)

    run(2027, FIXTURES / "alposs2027.json")

    assert not Session.objects.get(import_key=event_guid(3)).live


def test_imported_sessions_have_a_history_naming_who_imported(edition2027):
    from django.contrib.auth import get_user_model

    from wagtail.models import ModelLogEntry

    user = get_user_model().objects.create_user("organizer", password="x")
    schedule = parse((FIXTURES / "alposs2027.json").read_bytes())
    apply_import(edition2027, plan_import(edition2027, schedule), user=user)
    session = Session.objects.get(import_key=event_guid(0))
    assert session.live_revision == session.latest_revision
    assert session.latest_revision.user == user
    as_saved = session.get_latest_revision_as_object()
    assert as_saved.title == session.title
    assert [row.speaker_id for row in as_saved.session_speakers.all()]

    run(2027, FIXTURES / "alposs2027-v2.json")

    moved = Session.objects.get(import_key=event_guid(0))
    assert moved.revisions.count() == 2
    actions = set(
        ModelLogEntry.objects.filter(
            object_id=str(Session.objects.get(import_key=event_guid(5)).pk)
        ).values_list("action", flat=True)
    )
    assert actions == {"wagtail.publish", "wagtail.unpublish"}
    untouched = Session.objects.get(import_key=event_guid(10))
    assert untouched.revisions.count() == 1  # an unchanged session gets no new revision


def test_the_organizer_chooses_the_kind_of_a_source_type_for_one_import(edition2027):
    from program.importing.service import source_types

    schedule = parse((FIXTURES / "alposs2027.json").read_bytes())
    types = source_types(schedule)
    assert types and all(kind in SessionKind.values for kind in types.values())
    some_type = next(t for t, kind in types.items() if kind == SessionKind.TALK)

    apply_import(
        edition2027, plan_import(edition2027, schedule, kinds={some_type: SessionKind.LIGHTNING})
    )

    assert not Session.objects.filter(edition=edition2027, kind=SessionKind.TALK).exists()
    assert Session.objects.filter(edition=edition2027, kind=SessionKind.LIGHTNING).exists()


def test_create_edition_makes_its_pages_so_the_program_is_online_at_once(client, home_page_en):
    report = run(2027, FIXTURES / "alposs2027.json", "--create-edition")

    assert "Page created: Programme (/2027/programme/)" in report, report
    assert "Page created: Registration (/en/2027/register/)" in report
    response = client.get("/2027/programme/")
    assert response.status_code == 200
    first = Session.objects.filter(edition__year=2027).order_by("start", "room__name").first()
    assert escape(first.title) in response.content.decode()
    assert "Nothing to change" in run(2027, FIXTURES / "alposs2027.json", "--create-edition")
