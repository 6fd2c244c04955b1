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
