"""PeerTube URLs: every form organizers paste is understood, anything else is refused."""

from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

import pytest

from program.peertube import (
    CHANNEL,
    PLAYLIST,
    VIDEO,
    PeerTubeRef,
    PeerTubeURLError,
    allowed_hosts,
    embed_url,
    frame_src_origins,
    parse_url,
    short_to_uuid,
    uuid_to_short,
    validate_peertube_url,
    watch_url,
)

# The allowed instances are read from the site settings (in the database), else the setting.
pytestmark = pytest.mark.django_db

HOST = "video.echirolles.fr"
UUID = "9c9de5e8-0a1e-484a-b099-e80766180a6d"
SHORT = "kkGMgK9ZtnKfYAgnEtQxbv"
UUID2 = "73804a40-da9a-40c2-b1eb-2c6d9eec8f0a"
SHORT2 = "fgei1ws1oa6FCaJ2qZPG29"


@pytest.mark.parametrize(("uuid", "short"), [(UUID, SHORT), (UUID2, SHORT2)])
def test_short_uuid_conversion_matches_peertube_test_vectors(uuid, short):
    assert uuid_to_short(uuid) == short
    assert short_to_uuid(short) == uuid


def test_short_uuid_is_padded_to_22_characters():
    assert uuid_to_short("00000000-0000-0000-0000-000000000001") == "1" * 21 + "2"
    assert short_to_uuid("1" * 21 + "2") == "00000000-0000-0000-0000-000000000001"


def test_short_uuid_out_of_range_is_refused():
    with pytest.raises(ValueError):
        short_to_uuid("Z" * 22)


VALID = [
    # Videos, short and long forms, with query strings and fragments.
    (f"https://{HOST}/w/{SHORT}", VIDEO, UUID, None),
    (f"https://{HOST}/w/{SHORT}/", VIDEO, UUID, None),
    (f"https://{HOST}/w/{SHORT}?start=1m30s", VIDEO, UUID, 90),
    (f"https://{HOST}/w/{SHORT}?start=95&p2p=0#comments", VIDEO, UUID, 95),
    (f"https://{HOST}/w/{SHORT}?start=1h2m3s", VIDEO, UUID, 3723),
    (f"https://{HOST}/w/{UUID}", VIDEO, UUID, None),
    (f"https://{HOST}/videos/watch/{UUID}", VIDEO, UUID, None),
    (f"https://{HOST}/videos/watch/{UUID.upper()}", VIDEO, UUID, None),
    (f"https://{HOST}/videos/watch/{SHORT2}?playlistPosition=2", VIDEO, UUID2, None),
    (f"https://{HOST}/videos/embed/{SHORT}?p2p=0&warningTitle=0", VIDEO, UUID, None),
    (f"https://{HOST}/videos/embed/{UUID2}", VIDEO, UUID2, None),
    (f"https://{HOST}/w/1234", VIDEO, "1234", None),
    (f"HTTPS://VIDEO.Echirolles.FR/w/{SHORT}", VIDEO, UUID, None),
    (f"  https://{HOST}/w/{SHORT}\n", VIDEO, UUID, None),
    # Playlists.
    (f"https://{HOST}/w/p/{SHORT2}", PLAYLIST, UUID2, None),
    (f"https://{HOST}/w/p/{SHORT2}?playlistPosition=3", PLAYLIST, UUID2, None),
    (f"https://{HOST}/videos/watch/playlist/{UUID2}", PLAYLIST, UUID2, None),
    (f"https://{HOST}/video-playlists/embed/{SHORT2}#x", PLAYLIST, UUID2, None),
    # Channels.
    (f"https://{HOST}/c/alposs", CHANNEL, "alposs", None),
    (f"https://{HOST}/c/alposs/videos", CHANNEL, "alposs", None),
    (f"https://{HOST}/c/alposs_2026/video-playlists?s=1", CHANNEL, "alposs_2026", None),
    (f"https://{HOST}/c/alposs@{HOST}", CHANNEL, "alposs", None),
    (f"https://{HOST}/video-channels/ville.echirolles", CHANNEL, "ville.echirolles", None),
]


@pytest.mark.parametrize(("url", "kind", "ref_id", "start"), VALID)
def test_every_peertube_url_form_is_parsed(url, kind, ref_id, start):
    assert parse_url(url, [HOST]) == PeerTubeRef(HOST, kind, ref_id, start)


HOSTILE = [
    ("", "scheme"),
    ("javascript:alert(1)", "scheme"),
    (f"JavaScript://{HOST}/w/{SHORT}", "scheme"),
    (f"http://{HOST}/w/{SHORT}", "scheme"),
    (f"//{HOST}/w/{SHORT}", "scheme"),
    (f"ftp://{HOST}/w/{SHORT}", "scheme"),
    (f"data:text/html,https://{HOST}/w/{SHORT}", "scheme"),
    (f"https://{HOST}@evil.example/w/{SHORT}", "userinfo"),
    (f"https://evil.example@{HOST}/w/{SHORT}", "userinfo"),
    (f"https://user:pass@{HOST}/w/{SHORT}", "userinfo"),
    (f"https://{HOST}:8443/w/{SHORT}", "port"),
    (f"https://{HOST}:443/w/{SHORT}", "port"),
    (f"https://{HOST}:/w/{SHORT}", "port"),
    (f"https://{HOST}\\@evil.example/w/{SHORT}", "invalid"),
    (f"https://{HOST}/w/{SHORT} https://evil.example/", "invalid"),
    (f"https://{HOST}/w/\x00{SHORT}", "invalid"),
    (f"https://evil.example/w/{SHORT}", "host"),
    (f"https://{HOST}.evil.example/w/{SHORT}", "host"),
    (f"https://evil-{HOST}/w/{SHORT}", "host"),
    (f"https://{HOST}./w/{SHORT}", "host"),
    (f"https://[::1]/w/{SHORT}", "port"),
    (f"https://{HOST}/", "path"),
    (f"https://{HOST}/w/", "path"),
    (f"https://{HOST}/w/{SHORT}/extra", "path"),
    (f"https://{HOST}/a/someone", "path"),
    (f"https://{HOST}/videos/watch/../../admin", "path"),
    (f"https://{HOST}/api/v1/videos/{UUID}", "path"),
    (f"https://{HOST}/w/notanid", "bad_id"),
    (f"https://{HOST}/w/{SHORT}0", "bad_id"),
    (f"https://{HOST}/w/{'Z' * 22}", "bad_id"),
    (f"https://{HOST}/w/{UUID[:-1]}", "bad_id"),
    (f"https://{HOST}/w/0123", "bad_id"),
    (f"https://{HOST}/w/%2e%2e", "bad_id"),
    (f"https://{HOST}/c/<script>", "bad_id"),
    (f"https://{HOST}/c/..", "bad_id"),
    (f"https://{HOST}/video-channels/.", "bad_id"),
    (f"https://{HOST}/c/alposs@evil.example", "remote_channel"),
    (f"https://{HOST}/w/{SHORT}?start=soon", "start"),
    (f"https://{HOST}/w/{SHORT}?start=999h", "start"),
    (f"https://{HOST}/w/{'a' * 3000}", "too_long"),
]


@pytest.mark.parametrize(("url", "code"), HOSTILE)
def test_hostile_or_foreign_urls_are_refused_with_a_reason(url, code):
    with pytest.raises(PeerTubeURLError) as excinfo:
        parse_url(url, [HOST])
    assert excinfo.value.code == code
    assert isinstance(excinfo.value, ValueError)
    assert isinstance(excinfo.value, ValidationError)


def test_non_string_input_is_refused():
    with pytest.raises(PeerTubeURLError):
        parse_url(None, [HOST])


def test_refusal_messages_are_translated_and_name_the_allowed_hosts():
    with pytest.raises(PeerTubeURLError) as excinfo:
        parse_url(f"https://evil.example/w/{SHORT}", [HOST])
    with translation.override("en"):
        assert excinfo.value.messages == [
            f"Only videos from these PeerTube instances are accepted: {HOST}."
        ]
    with translation.override("fr"):
        (message,) = excinfo.value.messages
        assert HOST in message


def test_allowed_hosts_default_to_the_echirolles_instance():
    assert allowed_hosts() == ["video.echirolles.fr"]
    assert parse_url(f"https://{HOST}/w/{SHORT}").instance == HOST


@override_settings(ALPOSS_PEERTUBE_HOSTS=[" Tube.Example.org ", "127.0.0.1:8000", "x y", ""])
def test_allowed_hosts_come_from_the_setting_and_skip_junk():
    assert allowed_hosts() == ["tube.example.org"]
    with pytest.raises(PeerTubeURLError):
        parse_url(f"https://{HOST}/w/{SHORT}")
    assert parse_url(f"https://tube.example.org/w/{SHORT}").instance == "tube.example.org"


def test_validator_accepts_empty_and_valid_urls_and_refuses_others():
    validate_peertube_url("")
    validate_peertube_url(f"https://{HOST}/w/{SHORT}")
    with pytest.raises(ValidationError):
        validate_peertube_url(f"https://{HOST}@evil.example/w/{SHORT}")


def test_watch_url_uses_the_short_canonical_form():
    assert watch_url(PeerTubeRef(HOST, VIDEO, UUID)) == f"https://{HOST}/w/{SHORT}"
    assert watch_url(PeerTubeRef(HOST, VIDEO, UUID, 90)) == f"https://{HOST}/w/{SHORT}?start=90"
    assert watch_url(PeerTubeRef(HOST, PLAYLIST, UUID2)) == f"https://{HOST}/w/p/{SHORT2}"
    assert watch_url(PeerTubeRef(HOST, CHANNEL, "alposs")) == f"https://{HOST}/c/alposs"


def test_parsing_a_watch_url_gives_back_the_same_reference():
    for url, *_rest in VALID:
        ref = parse_url(url, [HOST])
        assert parse_url(watch_url(ref), [HOST]) == ref


def test_embed_url_turns_p2p_off_by_default():
    url = embed_url(PeerTubeRef(HOST, VIDEO, UUID))
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", HOST, f"/videos/embed/{SHORT}")
    query = parse_qs(parts.query)
    assert query["p2p"] == ["0"]
    assert query["warningTitle"] == ["0"]
    assert query["peertubeLink"] == ["0"]
    assert "autoplay" not in query
    assert "start" not in query


def test_embed_url_carries_the_start_time_of_a_replay_cut_from_a_room_recording():
    ref = parse_url(f"https://{HOST}/w/{SHORT}?start=1h2m3s", [HOST])
    assert parse_qs(urlsplit(embed_url(ref)).query)["start"] == ["3723"]
    query = parse_qs(urlsplit(embed_url(ref, start=600, autoplay=True)).query)
    assert query["start"] == ["600"]
    assert query["autoplay"] == ["1"]


def test_playlist_embed_and_channels_have_no_embed():
    url = embed_url(PeerTubeRef(HOST, PLAYLIST, UUID2))
    assert url.startswith(f"https://{HOST}/video-playlists/embed/{SHORT2}?")
    with pytest.raises(ValueError):
        embed_url(PeerTubeRef(HOST, CHANNEL, "alposs"))


def test_csp_frame_src_origins_are_the_allowed_instances_and_the_base_policy_frames_none():
    assert frame_src_origins() == [f"https://{HOST}"]
    # Pages with a player add these origins (tests/program/test_peertube_pages.py); others none.
    assert settings.SECURE_CSP["frame-src"] == ["'self'"]
    assert frame_src_origins(["a.example", "b.example"]) == [
        "https://a.example",
        "https://b.example",
    ]
