"""import_schedule from an address: size bound, redirects, private addresses refused."""

import socket
from pathlib import Path

from django.utils import translation

import pytest
import responses

from program.importing.fetching import fetch
from program.importing.parsers import ScheduleImportError

FIXTURE = (Path(__file__).parent / "import_fixtures" / "alposs2027.json").read_bytes()
ADDRESSES = {"cfp.example.org": "93.184.215.14", "evil.example.org": "127.0.0.1"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def resolver(monkeypatch):
    def getaddrinfo(host, port, *args, **kwargs):
        address = ADDRESSES.get(host, host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@responses.activate
def test_a_public_address_is_fetched():
    responses.get("https://cfp.example.org/schedule.json", body=FIXTURE)
    assert fetch("https://cfp.example.org/schedule.json") == FIXTURE


@pytest.mark.parametrize(
    "url", ["http://evil.example.org/s.json", "http://127.0.0.1/s.json", "http://10.0.0.8/"]
)
@responses.activate
def test_private_addresses_are_refused(url):
    with pytest.raises(ScheduleImportError, match="private or local"):
        fetch(url)
    assert not responses.calls


@responses.activate
def test_a_redirect_to_a_private_address_is_refused():
    responses.get(
        "https://cfp.example.org/s.json",
        status=302,
        headers={"Location": "http://169.254.169.254/latest/meta-data"},
    )
    with pytest.raises(ScheduleImportError, match="private or local"):
        fetch("https://cfp.example.org/s.json")


@responses.activate
def test_a_body_over_the_limit_is_refused(settings):
    settings.ALPOSS_IMPORT_MAX_BYTES = 1000
    responses.get("https://cfp.example.org/s.json", body=FIXTURE)
    with pytest.raises(ScheduleImportError, match="larger than"):
        fetch("https://cfp.example.org/s.json")


def test_other_schemes_are_refused():
    with pytest.raises(ScheduleImportError, match="http and https"):
        fetch("file:///etc/passwd")


@responses.activate
def test_the_headers_are_sent_and_the_token_stays_on_its_host(monkeypatch):
    monkeypatch.setitem(ADDRESSES, "files.example.net", "93.184.215.15")
    responses.get(
        "https://cfp.example.org/api/events/x/",
        status=302,
        headers={"Location": "https://cfp.example.org/api/events/x/?lang=en"},
    )
    responses.get(
        "https://cfp.example.org/api/events/x/?lang=en",
        status=302,
        headers={"Location": "https://files.example.net/x.json"},
    )
    responses.get("https://files.example.net/x.json", body=FIXTURE)

    fetch("https://cfp.example.org/api/events/x/", headers={"Authorization": "Token s3cret"})

    sent = [call.request.headers.get("Authorization") for call in responses.calls]
    assert sent == ["Token s3cret", "Token s3cret", None]


@responses.activate
def test_what_earlier_pages_took_counts_against_the_limit(settings):
    settings.ALPOSS_IMPORT_MAX_BYTES = len(FIXTURE) + 100
    responses.get("https://cfp.example.org/s.json", body=FIXTURE)
    assert fetch("https://cfp.example.org/s.json", spent=50) == FIXTURE
    with pytest.raises(ScheduleImportError, match="larger than"):
        fetch("https://cfp.example.org/s.json", spent=200)


@pytest.mark.parametrize("host", ["evil.example.org", "EVIL.example.org"])
@responses.activate
def test_a_trusted_host_may_be_private(settings, monkeypatch, host):
    settings.ALPOSS_IMPORT_TRUSTED_HOSTS = ["evil.example.org"]
    monkeypatch.setitem(ADDRESSES, "EVIL.example.org", "127.0.0.1")
    responses.get(f"http://{host}/s.json", body=FIXTURE)
    assert fetch(f"http://{host}/s.json") == FIXTURE
    with pytest.raises(ScheduleImportError, match="private or local"):
        fetch("http://10.0.0.8/s.json")
