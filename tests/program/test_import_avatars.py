"""Issue 14: speakers' avatars are fetched once, kept as Wagtail images, skipped with a warning."""

import datetime
import io
import json
import socket
from pathlib import Path

from django.utils import translation

import pytest
import responses
from PIL import Image

from program.importing import apply_import, parse, plan_import
from program.models import Speaker
from tests.factories.home import EditionFactory

FIXTURES = Path(__file__).parent / "import_fixtures"
PUBLIC = "93.184.215.14"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def public_resolver(monkeypatch):
    def getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def edition(db):
    return EditionFactory(
        year=2027, start_date=datetime.date(2027, 3, 10), end_date=datetime.date(2027, 3, 11)
    )


def png(width=64, height=64):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def with_avatars(addresses):
    """The fixture schedule, its first persons given these avatar addresses."""
    document = json.loads((FIXTURES / "alposs2027.json").read_text())
    persons = {}
    for day in document["schedule"]["conference"]["days"]:
        for events in day["rooms"].values():
            for event in events:
                for person in event["persons"]:
                    persons.setdefault(person["code"], []).append(person)
    codes = sorted(persons)
    for code, address in zip(codes, addresses, strict=False):
        for person in persons[code]:
            person["avatar"] = address
    return parse(json.dumps(document).encode()), codes


def run(edition, schedule):
    return apply_import(edition, plan_import(edition, schedule))


@responses.activate
def test_an_avatar_is_stored_once_as_a_wagtail_image(edition):
    responses.get("https://cfp.example.org/media/a.png", body=png(), content_type="image/png")
    schedule, codes = with_avatars(["https://cfp.example.org/media/a.png"])

    plan = run(edition, schedule)

    speaker = Speaker.objects.get(import_code=codes[0])
    assert speaker.photo is not None and speaker.photo.alt_text == speaker.name
    assert speaker.photo.file.name.endswith(".jpg")  # re-encoded
    assert "Avatars stored: 1." in plan.report_lines()
    plan = run(edition, with_avatars(["https://cfp.example.org/media/a.png"])[0])
    assert len(responses.calls) == 1  # never fetched again
    assert plan.changes_nothing


@responses.activate
def test_a_photo_organizers_chose_is_never_replaced(edition):
    responses.get("https://cfp.example.org/media/a.png", body=png(), content_type="image/png")
    schedule, codes = with_avatars(["https://cfp.example.org/media/a.png"])
    plan = plan_import(edition, schedule)
    assert plan.avatars_wanted == 1
    apply_import(edition, plan, fetch_pictures=False)
    assert Speaker.objects.get(import_code=codes[0]).photo is None
    assert not responses.calls


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ({"status": 404}, "answered HTTP 404"),
        ({"body": b"<html>not a picture</html>", "content_type": "text/html"}, "not a picture"),
        ({"body": responses.ConnectionError("refused")}, "Cannot fetch"),
    ],
)
@responses.activate
def test_an_unreachable_or_broken_avatar_is_skipped_with_a_warning(edition, answer, problem):
    responses.get("https://cfp.example.org/media/bad", **answer)
    responses.get("https://cfp.example.org/media/ok.png", body=png(), content_type="image/png")
    schedule, codes = with_avatars(
        ["https://cfp.example.org/media/bad", "https://cfp.example.org/media/ok.png"]
    )

    plan = run(edition, schedule)

    assert Speaker.objects.get(import_code=codes[0]).photo is None
    assert Speaker.objects.get(import_code=codes[1]).photo is not None
    warning = next(line for line in plan.report_lines() if "Avatar of" in line)
    assert problem in warning and "skipped" in warning
    assert len(plan.created) == 32  # the program is imported all the same


@responses.activate
def test_an_avatar_on_a_private_address_is_refused(edition, monkeypatch):
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", port))
        ],
    )
    schedule, codes = with_avatars(["http://intranet.example.org/a.png"])

    plan = run(edition, schedule)

    assert not responses.calls
    assert any("private or local" in line for line in plan.report_lines())
