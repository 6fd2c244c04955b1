"""Issue 14: importing a program straight from pretalx's REST API, current and older.

A real HTTP server on 127.0.0.1 plays pretalx with the fixtures of import_fixtures/pretalx_api/
(written by make_pretalx_api.py in the shapes pretalx documents).
"""

import datetime
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.core.management import CommandError, call_command
from django.utils import timezone, translation

import pytest

from program.choices import SessionKind
from program.importing import load
from program.importing import pretalx as pretalx_module
from program.models import Room, Session, Speaker, Track

FIXTURES = Path(__file__).parent / "import_fixtures" / "pretalx_api"
EVENT = "/api/events/alposs-2027/"
SUBMISSIONS = EVENT + "submissions/?state=confirmed&state=accepted&expand=slots"
TOKEN = "e1l6gq2ye72thbwkacj7jbri7a7tvxe614ojv8yb"
PARIS = timezone.get_default_timezone()


def _png():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (48, 48), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


AVATAR = _png()


class FakePretalx:
    """What the server answers (routes from a fixture file, overrides) and what it was asked."""

    def __init__(self):
        self.routes = {}
        self.overrides = {}  # request -> (status, content type, body)
        self.token = TOKEN
        self.requests = []  # (request, Authorization header), to the API
        self.media = []  # requests for pictures (public, no token)
        self.origin = ""

    def use(self, name):
        self.routes = json.loads((FIXTURES / name).read_text())
        self.overrides = {}

    def answer(self, request, authorization):
        if request.startswith("/media/"):
            self.media.append(request)
            return 200, "image/png", AVATAR
        self.requests.append((request, authorization))
        if self.token and authorization != f"Token {self.token}":
            return 401, "application/json", b'{"detail": "Invalid token."}'
        if request in self.overrides:
            return self.overrides[request]
        if request not in self.routes:
            return 404, "application/json", b'{"detail": "Not found."}'
        body = json.dumps(self.routes[request], ensure_ascii=False)
        return 200, "application/json", body.replace("https://pretalx.test", self.origin).encode()

    def asked(self, prefix):
        return [request for request, _ in self.requests if request.startswith(prefix)]


@pytest.fixture
def pretalx(settings):
    fake = FakePretalx()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            status, content_type, body = fake.answer(self.path, self.headers.get("Authorization"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ALPOSS_IMPORT_TRUSTED_HOSTS = ["127.0.0.1"]
    fake.use("current-v1.json")
    yield fake
    server.shutdown()
    server.server_close()
    thread.join()


def run(pretalx, path=EVENT, token=TOKEN):
    out = io.StringIO()
    args = ["2027", pretalx.origin + path] + (["--token", token] if token else [])
    with translation.override("en"):
        call_command("import_schedule", *args, stdout=out)
    return out.getvalue()


def failing(pretalx, path=EVENT, token=TOKEN):
    with pytest.raises(CommandError) as error:
        run(pretalx, path, token)
    return str(error.value)


def program_of(edition):
    rows = Session.objects.filter(edition=edition).select_related("room", "track")
    return sorted(
        (
            s.import_key,
            s.title,
            s.abstract,
            timezone.localtime(s.start).isoformat(),
            timezone.localtime(s.end).isoformat(),
            s.room.name if s.room else None,
            s.track.name if s.track else None,
            s.kind,
            s.language,
            s.do_not_record,
            s.live,
            tuple(
                row.speaker.name
                for row in s.session_speakers.select_related("speaker").order_by("sort_order")
            ),
        )
        for s in rows
    )


def test_the_current_api_imports_the_program_with_the_token(edition2027, pretalx):
    report = run(pretalx)

    assert "Format: pretalx API, version “?”, 30 sessions." in report, report
    assert "30 created, 0 updated, 0 unchanged, 0 withdrawn" in report
    sessions = Session.objects.filter(edition=edition2027, live=True)
    assert sessions.count() == 30  # the confirmed talk without a slot is not imported
    assert not Session.objects.filter(title="Pas encore placée").exists()
    assert sorted(Room.objects.filter(edition=edition2027).values_list("name", flat=True)) == [
        "Atelier Vercors",
        "Grande salle",
        "Salle Belledonne",
    ]
    assert Room.objects.get(edition=edition2027, name="Grande salle").guid is not None
    assert Track.objects.filter(edition=edition2027).count() == 3
    assert Speaker.objects.count() == 12
    # The API gives UTC; the program is in Europe/Paris.
    first = sessions.order_by("start", "room__name").first()
    assert timezone.localtime(first.start).isoformat() == "2027-03-10T09:00:00+01:00"
    assert first.end - first.start == datetime.timedelta(minutes=45)
    talk4 = Session.objects.get(import_key="id:T004A")
    assert [row.speaker.name for row in talk4.session_speakers.order_by("sort_order")] == [
        "Noé Brun",
        "Maëlle Blanc",
    ]
    assert talk4.kind == SessionKind.TALK and talk4.track.name == "Développement"
    assert Session.objects.get(import_key="id:T001A").kind == SessionKind.WORKSHOP
    assert Session.objects.get(import_key="id:T002A").kind == SessionKind.LIGHTNING
    assert Session.objects.get(import_key="id:T005A").language == "en"
    assert Session.objects.get(import_key="id:T009A").do_not_record
    assert Session.objects.get(import_key="id:T003A").abstract == "Résumé de la séance 3."
    # A speaker shared by several talks is one person.
    assert Speaker.objects.get(name="Hugo Perret").session_roles.count() > 1
    # Every request carried the token, as pretalx documents it.
    assert pretalx.requests and all(auth == f"Token {TOKEN}" for _, auth in pretalx.requests)
    with_avatar = Speaker.objects.exclude(photo=None)
    assert pretalx.media and with_avatar.count() == len(set(pretalx.media))
    assert "Avatars stored" in report


def test_speakers_avatars_and_biographies_are_read(pretalx, settings):
    pretalx.routes[EVENT + "speakers/"]["results"][1]["avatar_url"] = "/media/avatars/sp01.png"
    schedule = load(pretalx.origin + EVENT, token=TOKEN)

    speaker = schedule.speakers["code:SP00X"]
    assert speaker.name == "Inès Martin" and speaker.biography == "Bio de Inès Martin."
    assert speaker.avatar == pretalx.origin + "/media/avatars/sp00.png"
    assert schedule.speakers["code:SP01X"].avatar == pretalx.origin + "/media/avatars/sp01.png"
    assert schedule.speakers["code:SP02X"].avatar == ""
    assert schedule.conference.title == "AlpOSS 2027"
    assert schedule.conference.start == datetime.date(2027, 3, 10)
    assert schedule.conference.end == datetime.date(2027, 3, 11)
    assert schedule.conference.time_zone_name == "Europe/Paris"
    assert schedule.tracks == ["Collectivités", "Développement", "Éducation"]


def test_a_second_run_reports_nothing_to_change(edition2027, pretalx):
    run(pretalx)
    before, pictures = program_of(edition2027), len(pretalx.media)

    report = run(pretalx)

    assert "0 created, 0 updated, 30 unchanged, 0 withdrawn" in report
    assert "Nothing to change" in report
    assert program_of(edition2027) == before
    assert len(pretalx.media) == pictures  # avatars are fetched once


@pytest.mark.parametrize("api", ["current", "older"])
def test_the_changed_version_shows_exactly_the_changes(edition2027, pretalx, api):
    pretalx.use(f"{api}-v1.json")
    run(pretalx)
    before = {row[0]: row for row in program_of(edition2027)}
    pretalx.use(f"{api}-v2.json")

    report = run(pretalx)

    assert "1 created, 4 updated, 25 unchanged, 1 withdrawn" in report, report
    after = {row[0]: row for row in program_of(edition2027)}
    changed = {key for key in after if after[key] != before.get(key)}
    assert changed == {"id:T001A", "id:T002A", "id:T003A", "id:T005A", "id:T006A", "id:T099A"}
    moved = Session.objects.get(import_key="id:T001A")
    assert timezone.localtime(moved.start) == datetime.datetime(2027, 3, 11, 17, tzinfo=PARIS)
    assert Session.objects.get(import_key="id:T002A").room.name == "Atelier Vercors"
    assert Session.objects.get(import_key="id:T003A").title == "Séance 3, nouveau titre"
    assert Session.objects.get(import_key="id:T005A").abstract == "Résumé réécrit."
    assert not Session.objects.get(import_key="id:T006A").live  # unpublished, not deleted
    assert "Withdrawn, unpublished" in report
    assert Session.objects.get(import_key="id:T099A").title == "Nouvelle séance"
    assert "Nothing to change" in run(pretalx)


def test_the_older_talks_api_gives_the_same_program(edition2027, pretalx):
    pretalx.use("older-v1.json")
    report = run(pretalx)

    assert "Format: pretalx API (talks, older), version “?”, 30 sessions." in report, report
    # /submission-types/ answered 404: the older /talks/ was read, page after page.
    assert pretalx.asked(EVENT + "submission-types/")
    assert pretalx.asked(EVENT + "talks/?limit=10&offset=20")
    assert not pretalx.asked(EVENT + "submissions/")
    older = program_of(edition2027)
    schedule = load(pretalx.origin + EVENT, token=TOKEN)
    assert schedule.speakers["code:SP03X"].avatar == pretalx.origin + "/media/avatars/sp03.png"
    # The same event through the current API changes nothing.
    pretalx.use("current-v1.json")
    assert "Nothing to change" in run(pretalx)
    assert program_of(edition2027) == older


def test_every_page_is_followed(edition2027, pretalx):
    run(pretalx)

    for page in (2, 3, 4):
        assert pretalx.asked(f"{SUBMISSIONS}&page={page}")
    assert pretalx.asked(EVENT + "speakers/?page=2")
    assert not pretalx.asked(f"{SUBMISSIONS}&page=5")


def test_more_pages_than_the_bound_are_refused(edition2027, pretalx, monkeypatch):
    monkeypatch.setattr(pretalx_module, "MAX_PAGES", 3)

    error = failing(pretalx)

    assert "has more than 3 pages: refused" in error and "submissions/" in error
    assert not Session.objects.exists()


def test_all_pages_together_stay_under_the_size_limit(edition2027, pretalx, settings):
    pages = [json.dumps(body) for body in pretalx.routes.values()]
    assert max(map(len, pages)) < 12_000 < sum(map(len, pages))
    settings.ALPOSS_IMPORT_MAX_BYTES = 12_000

    assert "larger than" in failing(pretalx)
    assert not Session.objects.exists()


def test_a_wrong_token_is_a_clear_error(edition2027, pretalx):
    error = failing(pretalx, token="not-the-token")

    assert "refused the token (HTTP 401)" in error
    assert "not-the-token" not in error
    assert not Session.objects.exists()


def test_a_missing_token_is_asked_for(edition2027, pretalx):
    assert "asks for an API token (HTTP 401)" in failing(pretalx, token="")


def test_a_public_event_needs_no_token(edition2027, pretalx):
    pretalx.token = None
    run(pretalx, token="")

    assert Session.objects.filter(edition=edition2027).count() == 30
    assert all(auth is None for _, auth in pretalx.requests)


def test_an_html_answer_is_a_clear_error(edition2027, pretalx):
    pretalx.overrides[EVENT] = (200, "text/html", b"<!DOCTYPE html><html><body>pretalx</body>")

    assert "answered HTML, not JSON" in failing(pretalx)
    assert not Session.objects.exists()


def test_an_unknown_event_is_a_clear_error(edition2027, pretalx):
    error = failing(pretalx, path="/api/events/no-such-event/")

    assert "No pretalx event at" in error and "no-such-event" in error
    assert not Session.objects.exists()


def test_an_address_within_the_event_api_reads_the_whole_event(edition2027, pretalx):
    run(pretalx, path=EVENT + "talks/?page=2")

    assert Session.objects.filter(edition=edition2027).count() == 30


def test_a_private_address_is_refused_unless_trusted(edition2027, pretalx, settings):
    settings.ALPOSS_IMPORT_TRUSTED_HOSTS = []

    assert "private or local address: refused" in failing(pretalx)
    assert not pretalx.requests


def test_a_next_page_on_another_host_is_refused(edition2027, pretalx):
    pretalx.routes[SUBMISSIONS]["next"] = "https://elsewhere.example/api/events/x/?page=2"

    assert "gives its next page on another host: refused" in failing(pretalx)


def _first_talk(pretalx):
    return pretalx.routes[SUBMISSIONS]["results"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda p: _first_talk(p).update(title=""),
            "event T001A “” has an empty title",
        ),
        (
            lambda p: _first_talk(p)["slots"][0].update(room=99),
            "event T001A “Séance 1 : logiciels libres & territoires”: its room 99 is not in",
        ),
        (
            lambda p: _first_talk(p)["slots"][0].update(start="2027-03-10T08:00:00"),
            "event T001A “Séance 1 : logiciels libres & territoires”: its time "
            "“2027-03-10T08:00:00” has no time zone",
        ),
        (
            lambda p: _first_talk(p).update(speakers=["NOBODY"]),
            "its speaker NOBODY is not in the event's speakers",
        ),
        (
            lambda p: _first_talk(p).update(track=77),
            "event T001A “Séance 1 : logiciels libres & territoires”: its track 77 is not in",
        ),
        (
            lambda p: p.routes[EVENT + "speakers/?page=2"]["results"].append(
                dict(p.routes[EVENT + "speakers/"]["results"][0])
            ),
            "The speaker code SP00X is given twice",
        ),
        (
            lambda p: p.routes[SUBMISSIONS + "&page=2"]["results"].append(_first_talk(p)),
            "share the GUID or id id:T001A",
        ),
        (
            lambda p: p.routes[EVENT + "rooms/"]["results"][0].update(name={"en": ""}),
            "room 11 has no name",
        ),
        (
            lambda p: p.routes[EVENT + "submission-types/"].pop("results"),
            "submission-types/ is not a list of pretalx's API",
        ),
    ],
)
def test_bad_data_names_the_element_at_fault_and_writes_nothing(
    edition2027, pretalx, change, message
):
    run(pretalx)
    before = program_of(edition2027)
    pretalx.use("current-v2.json")  # a newer version, which would change things...
    change(pretalx)  # ...but is wrong somewhere

    error = failing(pretalx)

    assert message in error, error
    assert program_of(edition2027) == before


def test_a_talk_scheduled_twice_gives_two_sessions(edition2027, pretalx):
    talk = _first_talk(pretalx)
    again = {**talk["slots"][0], "id": 900, "start": "2027-03-11T16:00:00Z"}
    again["end"] = "2027-03-11T16:45:00Z"
    talk["slots"] = [again, talk["slots"][0]]  # in any order: numbered by time

    run(pretalx)

    first, second = (Session.objects.get(import_key=k) for k in ("id:T001A", "id:T001A-2"))
    assert timezone.localtime(first.start) == datetime.datetime(2027, 3, 10, 9, tzinfo=PARIS)
    assert timezone.localtime(second.start) == datetime.datetime(2027, 3, 11, 17, tzinfo=PARIS)
    assert second.title == first.title


def test_slots_given_by_id_are_read_from_the_slots_list(edition2027, pretalx):
    slots = []
    for request, page in pretalx.routes.items():
        if request.startswith(SUBMISSIONS):
            for talk in page["results"]:
                slots += [dict(slot, submission=talk["code"]) for slot in talk["slots"]]
                talk["slots"] = [slot["id"] for slot in talk["slots"]]
    pretalx.routes[EVENT + "slots/"] = {
        "count": len(slots),
        "next": None,
        "previous": None,
        "results": slots,
    }

    run(pretalx)

    assert pretalx.asked(EVENT + "slots/")
    assert Session.objects.filter(edition=edition2027, live=True).count() == 30


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"not json at all", "did not answer JSON"),
        (b'{"count": 0, "results": []}', "is not a pretalx event"),
    ],
)
def test_an_answer_that_is_not_an_event_is_a_clear_error(edition2027, pretalx, body, message):
    pretalx.overrides[EVENT] = (200, "application/json", body)

    assert message in failing(pretalx)
    assert not Session.objects.exists()


def pretalx_export_of(edition):
    """A C3VOC JSON file as pretalx exports it for the same talks: its own GUIDs (pretalx makes
    them from its instance's secret identifier), each talk's address holding its code."""
    import uuid

    days = {}
    for session in Session.objects.filter(edition=edition).select_related("room"):
        start = timezone.localtime(session.start)
        minutes = int((session.end - session.start).total_seconds() // 60)
        days.setdefault(start.date().isoformat(), {}).setdefault(session.room.name, []).append(
            {
                "id": session.pk,
                "guid": str(uuid.uuid4()),
                "url": f"https://pretalx.test/alposs-2027/talk/{session.import_code}/",
                "date": start.isoformat(),
                "start": start.strftime("%H:%M"),
                "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
                "room": session.room.name,
                "title": session.title,
                "type": "Talk",
                "language": session.language,
                "abstract": session.abstract,
                "persons": [],
            }
        )
    return json.dumps(
        {
            "schedule": {
                "version": "1",
                "conference": {
                    "acronym": "alposs-2027",
                    "title": "AlpOSS 2027",
                    "days": [
                        {"index": i + 1, "date": day, "rooms": rooms}
                        for i, (day, rooms) in enumerate(sorted(days.items()))
                    ],
                },
            }
        }
    ).encode()


def test_a_talk_imported_from_the_api_is_the_same_talk_in_pretalx_export(edition2027, pretalx):
    from program.importing import apply_import, parse, plan_import

    run(pretalx)
    codes = set(Session.objects.values_list("import_code", flat=True))
    assert len(codes) == 30 and "" not in codes

    plan = plan_import(edition2027, parse(pretalx_export_of(edition2027)))

    assert not plan.created and not plan.withdrawn, plan.report_lines()
    apply_import(edition2027, plan)
    assert Session.objects.filter(edition=edition2027).count() == 30
    assert "0 created" in run(pretalx)  # and back to the API: still the same talks
