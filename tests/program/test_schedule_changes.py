"""Issue 16: every publication that changes the program is a schedule version, listed newest first
on the "Changes" page and in its Atom feed, and the exports' version follows it."""

import datetime
import io
import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

import pytest
from lxml import etree

from program.changes import record_version
from program.models import ScheduleVersion, Session
from tests.factories.program import RoomFactory, SessionFactory, SpeakerFactory
from tests.program.test_import_schedule import importing

PARIS = timezone.get_default_timezone()
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def admin_in_english(admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()


def edit_form(session, **fields):
    """The admin's edit form of the session as it is, with `fields` changed; published."""
    rows = list(session.session_speakers.all())
    speakers = fields.pop("speakers", None)
    # The rows as they are (deleted when `speakers` replaces them), then the new ones.
    items = [
        {"id": row.pk, "speaker": row.speaker_id, "role": row.role}
        | ({"DELETE": "1"} if speakers is not None else {})
        for row in rows
    ] + [{"speaker": s.pk, "role": "speaker"} for s in speakers or []]
    data = {
        "edition": session.edition_id,
        "kind": session.kind,
        "language": session.language,
        "level": session.level,
        "title": session.title,
        "slug": session.slug,
        "subtitle": "",
        "start": timezone.localtime(session.start).strftime("%Y-%m-%d %H:%M:%S"),
        "end": timezone.localtime(session.end).strftime("%Y-%m-%d %H:%M:%S"),
        "room": session.room_id or "",
        "track": "",
        "abstract": session.abstract,
        "description": rich_text("<p>Une description.</p>"),
        "tags": "",
        "video_url": "",
        "seats": "",
        "session_speakers": inline_formset(items, initial=len(rows)),
        "links": inline_formset([]),
        "action-publish": "publish",
        **fields,
    }
    return nested_form_data(data)


def publish(admin_client, session, **fields):
    url = f"/admin/snippets/program/session/edit/{session.pk}/"
    response = admin_client.post(url, edit_form(session, **fields))
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.fixture
def published(edition):
    """Two published sessions, and the version that holds them (version 1)."""
    room = RoomFactory(edition=edition, name="Grande salle")
    talk = SessionFactory(
        edition=edition, room=room, title="Git pour tous", hour=10, speakers=[SpeakerFactory()]
    )
    other = SessionFactory(edition=edition, room=room, title="Rust à l'école", hour=14)
    record_version(edition.pk)
    return {"room": room, "talk": talk, "other": other}


def latest(edition):
    return ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()


def test_a_moved_session_makes_a_version_with_its_old_and_new_start(
    admin_client, edition, published
):
    publish(admin_client, published["talk"], start="2026-02-17 11:00:00", end="2026-02-17 11:45:00")

    version = latest(edition)
    assert version.number == 2
    [change] = version.changes
    assert change["title"] == "Git pour tous" and change["kind"] == "changed"
    start = next(item for item in change["fields"] if item["field"] == "start")
    assert datetime.datetime.fromisoformat(start["old"]) == datetime.datetime(
        2026, 2, 17, 10, tzinfo=PARIS
    )
    assert datetime.datetime.fromisoformat(start["new"]) == datetime.datetime(
        2026, 2, 17, 11, tzinfo=PARIS
    )
    assert {item["field"] for item in change["fields"]} == {"start", "end"}


def test_a_retitled_session_and_its_new_room_make_one_version(admin_client, edition, published):
    other_room = RoomFactory(edition=edition, name="Salle Belledonne")
    publish(admin_client, published["talk"], title="Git pour toutes et tous", room=other_room.pk)

    assert ScheduleVersion.objects.filter(edition=edition).count() == 2
    [change] = latest(edition).changes
    fields = {item["field"]: (item["old"], item["new"]) for item in change["fields"]}
    assert fields == {
        "title": ("Git pour tous", "Git pour toutes et tous"),
        "room": ("Grande salle", "Salle Belledonne"),
    }


def test_changed_speakers_are_a_change(admin_client, edition, published):
    newcomer = SpeakerFactory(name="Noé Valette")
    publish(admin_client, published["talk"], speakers=[newcomer])

    [change] = latest(edition).changes
    [field] = change["fields"]
    assert field["field"] == "speakers" and field["new"] == ["Noé Valette"]


def test_an_unpublished_session_is_cancelled(admin_client, edition, published):
    talk = published["talk"]
    response = admin_client.post(f"/admin/snippets/program/session/unpublish/{talk.pk}/")

    assert response.status_code == 302
    assert latest(edition).changes == [
        {"guid": str(talk.guid), "title": talk.title, "kind": "cancelled", "fields": []}
    ]


def test_a_published_new_session_is_added(admin_client, edition, published):
    session = SessionFactory(edition=edition, room=published["room"], title="Nouvelle", hour=16)
    Session.objects.filter(pk=session.pk).update(live=False)
    session.refresh_from_db()

    publish(admin_client, session)

    [change] = latest(edition).changes
    assert (change["title"], change["kind"]) == ("Nouvelle", "added")


def test_saving_again_without_changes_makes_no_version(admin_client, edition, published):
    publish(admin_client, published["talk"], title="Git, pour tous")
    talk = Session.objects.get(pk=published["talk"].pk)
    publish(admin_client, talk)  # published again, abstract unchanged
    publish(admin_client, talk, abstract="Un autre résumé.")  # not a schedule change

    assert list(
        ScheduleVersion.objects.filter(edition=edition).values_list("number", flat=True)
    ) == [2, 1]


def test_an_import_is_one_version(edition2027):
    importing(edition2027, "alposs2027.json")
    assert ScheduleVersion.objects.filter(edition=edition2027).count() == 1
    assert len(latest(edition2027).changes) == 32

    importing(edition2027, "alposs2027-v2.json")

    version = latest(edition2027)
    assert version.number == 2
    kinds = sorted(change["kind"] for change in version.changes)
    assert kinds.count("added") == 1 and kinds.count("cancelled") == 1
    assert kinds.count("changed") >= 3  # moved, new room, retitled (an abstract is not listed)
    importing(edition2027, "alposs2027-v2.json")
    assert ScheduleVersion.objects.filter(edition=edition2027).count() == 2


def test_changes_page_lists_versions_newest_first_in_french(
    admin_client, client, program_page, edition, published
):
    publish(admin_client, published["talk"], start="2026-02-17 11:00:00", end="2026-02-17 11:45:00")
    publish(admin_client, published["other"], title="Rust au collège")

    response = client.get("/2026/programme/changements/")

    html = re.sub(r"\s+", " ", response.content.decode())
    assert response.status_code == 200
    assert html.index("Version 3") < html.index("Version 2") < html.index("Version 1")
    assert "<del>Rust à l&#x27;école</del> → <ins>Rust au collège</ins>" in html
    assert "<del>17 février 2026 à 10:00</del> → <ins>17 février 2026 à 11:00</ins>" in html
    published_at = timezone.localtime(latest(edition).created_at, PARIS)
    heading = f'<h2 id="version-3-title">Version 3, <time datetime="{published_at.isoformat()}">'
    assert heading in html
    assert 'href="/2026/programme/changements/" aria-current="page"' in html
    assert 'href="/2026/programme/changements.atom"' in html


def test_changes_page_in_english_and_linked_from_the_schedule(
    admin_client, client, program_page_en, edition, published
):
    publish(admin_client, published["talk"], title="Git for everyone")

    response = client.get("/en/2026/programme/changes/")

    html = re.sub(r"\s+", " ", response.content.decode())
    assert response.status_code == 200
    assert "Changes to the program of AlpOSS 2026" in html
    assert "Title — <del>Git pour tous</del> → <ins>Git for everyone</ins>" in html
    schedule = client.get("/en/2026/programme/").content.decode()
    assert 'href="/en/2026/programme/changes/"' in schedule


def test_atom_feed_lists_versions_newest_first(
    admin_client, client, program_page, edition, published
):
    publish(admin_client, published["talk"], title="Git pour toutes et tous")

    response = client.get("/2026/programme/changements.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert titles == ["Version 2 du programme", "Version 1 du programme"]
    assert "Git pour toutes et tous" in entries[0].find(f"{ATOM}summary").text
    assert entries[0].find(f"{ATOM}id").text.endswith("/2026/programme/changements/#version-2")
    assert (
        client.get("/2026/programme/changements.atom")["Cache-Control"] == response["Cache-Control"]
    )


def test_exports_version_follows_the_latest_version(
    admin_client, client, program_page, edition, published
):
    xml = client.get("/2026/programme/schedule.xml").content.decode()
    assert "<version>1</version>" in xml

    publish(admin_client, published["talk"], title="Git pour toutes et tous")

    xml = client.get("/2026/programme/schedule.xml").content.decode()
    assert "<version>2</version>" in xml
    data = client.get("/2026/programme/schedule.json").json()
    assert data["schedule"]["version"] == "2"


def _versions(edition, count, first=1):
    change = {
        "guid": "00000000-0000-0000-0000-000000000000",
        "title": "Séance",
        "kind": "changed",
        "fields": [{"field": "title", "old": "Avant", "new": "Après"}],
    }
    for number in range(first, first + count):
        ScheduleVersion.objects.create(
            edition=edition, number=number, changes=[change] * 10, snapshot={}
        )


def _queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path", ["/2026/programme/changements/", "/2026/programme/changements.atom"]
)
def test_changes_page_and_feed_cost_the_same_queries_for_20_or_200_changes(
    client, program_page, edition, path
):
    _versions(edition, 2)
    _queries(client, path)  # the site's root paths and the like, cached once
    few = _queries(client, path)
    _versions(edition, 18, first=3)

    assert _queries(client, path) == few


def test_the_demo_records_a_baseline_and_one_late_addition_not_a_version_per_session(
    db, home_page_en
):
    from django.core.management import call_command

    from program.models import ScheduleVersion

    call_command("load_demo_data", stdout=io.StringIO())

    # Per edition with a program: a hidden baseline, then two sessions added after it.
    numbers = sorted(set(ScheduleVersion.objects.values_list("number", flat=True)))
    assert numbers == [0, 1]
    for version in ScheduleVersion.objects.filter(number=1):
        assert [change["kind"] for change in version.changes] == ["added", "added"]
