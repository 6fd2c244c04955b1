"""The PeerTube client against a real local HTTP server that plays PeerTube, faults included.

No mocking of `requests`: the fake instance listens on 127.0.0.1 on an ephemeral port, and the
allowed host `video.echirolles.fr` is routed to it with ALPOSS_PEERTUBE_API_ORIGINS (URL
parsing itself stays https-only, port-less).
"""

import contextlib
import copy
import io
import json
import logging
import socket
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.core.cache import cache
from django.core.files.storage import default_storage

import pytest
from PIL import Image

from program.peertube import (
    CHANNEL,
    FOUND,
    MISSING,
    PLAYLIST,
    UNREACHABLE,
    VIDEO,
    PeerTubeRef,
    channel_videos,
    check_video,
    playlist_videos,
    uuid_to_short,
    video,
)
from program.peertube.client import cache_keys, reset
from program.peertube.http import cache_key
from program.peertube.thumbnails import store_thumbnail, thumbnail_name

HOST = "video.echirolles.fr"
FIXTURES = Path(__file__).resolve().parent / "peertube_fixtures"
CONNECT_TIMEOUT = 0.5
READ_TIMEOUT = 0.5
MARGIN = 0.5  # scheduling slack on a loaded machine
MAX_BYTES = 256 * 1024


def load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


REPLAY = load("video_replay.json")
LIVE_NOW = load("video_live_now.json")
LIVE_WAITING = load("video_live_waiting.json")
LIVE_ENDED = load("video_live_ended.json")
PLAYLIST_UUID = "3f2e1d0c-b9a8-4766-9554-433221100fed"


def jpeg(size=(64, 36), color=(200, 40, 40)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


class FakePeerTube(ThreadingHTTPServer):
    """A PeerTube instance: videos, playlist and channel lists, images, and fault modes."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.mode = "ok"
        self.retry_after = 7
        self.requests = []
        self.user_agents = []
        self.wake = threading.Event()
        self.videos = {}
        for data in (REPLAY, LIVE_NOW, LIVE_WAITING, LIVE_ENDED):
            self.add_video(data)
        self.playlists = {PLAYLIST_UUID: load("playlist_videos.json")["data"]}
        self.channels = {"alposs_conf": load("channel_videos.json")["data"]}
        self.images = {REPLAY["previewPath"]: (jpeg((850, 480)), "image/jpeg")}

    def add_video(self, data):
        self.videos[data["uuid"]] = data
        self.videos[data["shortUUID"]] = data

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def api_requests(self):
        return [path for path in self.requests if path.startswith("/api/")]


class Handler(BaseHTTPRequestHandler):
    server: FakePeerTube

    def log_message(self, format, *args):
        pass

    def send(self, status, body, content_type="application/json", length=None, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not False:
            self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def problem(self, status, title):
        body = json.dumps({"status": status, "title": title, "detail": title}).encode()
        self.send(status, body, "application/problem+json; charset=utf-8")

    def do_GET(self):
        # The client may hang up early, as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.answer()

    def answer(self):
        server = self.server
        server.requests.append(self.path)
        server.user_agents.append(self.headers.get("User-Agent", ""))
        mode = server.mode
        if mode == "sleep":
            server.wake.wait(READ_TIMEOUT * 4)
        elif mode == "404":
            return self.problem(404, "Video not found")
        elif mode == "500":
            return self.problem(500, "Internal Server Error")
        elif mode == "429":
            return self.send(429, b"{}", headers=[("Retry-After", str(server.retry_after))])
        elif mode == "redirect":
            return self.send(
                302, b"", "text/plain", headers=[("Location", "https://evil.example/")]
            )
        elif mode == "html":
            return self.send(200, b"<!doctype html><title>Maintenance</title>", "text/html")
        elif mode == "trickle":  # a byte at a time, each well within the read timeout
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            while not server.wake.wait(READ_TIMEOUT / 5):
                self.wfile.write(b" ")
                self.wfile.flush()
            return None
        elif mode in ("huge", "huge_unannounced"):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if mode == "huge":
                self.send_header("Content-Length", str(8 * MAX_BYTES))
            self.end_headers()
            self.wfile.write(b'{"data": "')
            for _ in range(8 * MAX_BYTES // 65536):
                self.wfile.write(b"x" * 65536)
            return None
        status, body, content_type = self.route(urlsplit(self.path))
        if mode == "truncated":  # announces the whole body, sends half, hangs up
            return self.send(status, body[: len(body) // 2], content_type, length=len(body))
        if mode == "badjson":  # a well-delimited body that is not valid JSON
            return self.send(status, body[: len(body) // 2], content_type)
        if mode == "wrongtypes":
            data = json.loads(body)
            data.update({"duration": "45 min", "isLive": "no"})
            body = json.dumps(data).encode()
        return self.send(status, body, content_type)

    def route(self, url):
        server = self.server
        parts = url.path.split("/")
        query = parse_qs(url.query)
        if url.path.startswith("/api/v1/videos/") and len(parts) == 5:
            data = server.videos.get(parts[4])
            if data is None:
                return 404, b'{"status": 404, "title": "Video not found"}', "application/json"
            return 200, json.dumps(data).encode(), "application/json; charset=utf-8"
        lists = {"video-playlists": server.playlists, "video-channels": server.channels}
        if len(parts) == 6 and parts[3] in lists and parts[5] == "videos":
            items = lists[parts[3]].get(parts[4])
            if items is None:
                return 404, b'{"status": 404}', "application/json"
            start, count = int(query["start"][0]), min(int(query["count"][0]), 100)
            page = {"total": len(items), "data": items[start : start + count]}
            return 200, json.dumps(page).encode(), "application/json; charset=utf-8"
        if url.path in server.images:
            body, content_type = server.images[url.path]
            return 200, body, content_type
        return 404, b"{}", "application/json"


@pytest.fixture
def peertube(settings, db):
    server = FakePeerTube()
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    settings.ALPOSS_PEERTUBE_HOSTS = [HOST]
    settings.ALPOSS_PEERTUBE_API_ORIGINS = {HOST: server.origin}
    settings.ALPOSS_PEERTUBE_CONNECT_TIMEOUT = CONNECT_TIMEOUT
    settings.ALPOSS_PEERTUBE_READ_TIMEOUT = READ_TIMEOUT
    settings.ALPOSS_PEERTUBE_MAX_BYTES = MAX_BYTES
    settings.ALPOSS_PEERTUBE_MAX_CALLS = 1000
    cache.clear()
    reset()
    yield server
    server.wake.set()
    server.shutdown()
    server.server_close()
    thread.join(5)
    cache.clear()
    reset()


def ref_of(data):
    return PeerTubeRef(HOST, VIDEO, data["uuid"])


def expire(ref, name="video"):
    """Let the short-lived cache entry go, as time would (the last good copy stays)."""
    cache.delete(cache_keys(name, ref)[0])


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peertube_warnings(caplog):
    return [
        r for r in caplog.records if r.name == "program.peertube" and r.levelno == logging.WARNING
    ]


# -- reading ----------------------------------------------------------------------------


def test_video_metadata_is_read_from_the_api(peertube):
    info = video(ref_of(REPLAY))
    assert info.uuid == REPLAY["uuid"]
    assert info.short_uuid == uuid_to_short(REPLAY["uuid"]) == REPLAY["shortUUID"]
    assert info.title == REPLAY["name"]
    assert info.duration == 2710
    assert info.views == 312
    assert info.published_at == datetime(2026, 6, 19, 16, 2, 11, 512000, tzinfo=UTC)
    assert info.date == datetime(2026, 6, 18, 9, 30, tzinfo=UTC)
    assert info.preview_path == REPLAY["previewPath"]
    assert info.thumbnail_path == REPLAY["thumbnailPath"]
    assert info.replay_ready and not info.is_live and not info.live_now
    assert peertube.api_requests() == [f"/api/v1/videos/{REPLAY['uuid']}"]


@pytest.mark.parametrize(
    ("data", "live_now", "waiting", "ended"),
    [
        (LIVE_NOW, True, False, False),
        (LIVE_WAITING, False, True, False),
        (LIVE_ENDED, False, False, True),
    ],
)
def test_live_state_comes_from_is_live_and_state(peertube, data, live_now, waiting, ended):
    info = video(ref_of(data))
    assert info.is_live
    assert (info.live_now, info.live_waiting, info.live_ended) == (live_now, waiting, ended)
    assert not info.replay_ready


def test_a_state_the_spec_does_not_list_is_tolerated(peertube):
    data = copy.deepcopy(LIVE_NOW)
    data.update(uuid="11111111-2222-4333-8444-555555555555", shortUUID="")
    data["state"] = {"id": 13, "label": "To edit as a new video"}
    peertube.add_video(data)
    info = video(ref_of(data))
    assert info.state == 13
    assert not (info.live_now or info.live_waiting or info.live_ended or info.replay_ready)
    assert info.short_uuid == uuid_to_short(data["uuid"])


def test_the_user_agent_says_who_is_asking(peertube):
    video(ref_of(REPLAY))
    (agent,) = peertube.user_agents
    assert agent.startswith("AlpOSS-site/")
    assert "(+" in agent


def test_a_second_call_is_served_from_the_cache(peertube):
    assert video(ref_of(REPLAY)) == video(ref_of(REPLAY))
    assert len(peertube.api_requests()) == 1


def test_live_state_is_cached_briefly_and_replays_longer(peertube, settings):
    settings.ALPOSS_PEERTUBE_LIVE_TTL = 1
    settings.ALPOSS_PEERTUBE_TTL = 3600
    video(ref_of(REPLAY))
    video(ref_of(LIVE_WAITING))
    time.sleep(1.2)
    video(ref_of(REPLAY))
    video(ref_of(LIVE_WAITING))
    assert peertube.api_requests() == [
        f"/api/v1/videos/{REPLAY['uuid']}",
        f"/api/v1/videos/{LIVE_WAITING['uuid']}",
        f"/api/v1/videos/{LIVE_WAITING['uuid']}",
    ]


def test_cached_only_never_touches_the_network(peertube):
    assert video(ref_of(REPLAY), cached_only=True) is None
    assert peertube.requests == []
    video(ref_of(REPLAY))
    expire(ref_of(REPLAY))
    assert video(ref_of(REPLAY), cached_only=True).title == REPLAY["name"]
    assert len(peertube.requests) == 1


def test_instances_that_are_not_allowed_are_never_contacted(peertube, caplog):
    assert video(PeerTubeRef("evil.example", VIDEO, REPLAY["uuid"])) is None
    assert peertube.requests == []
    assert peertube_warnings(caplog)


def test_a_reference_of_the_wrong_kind_is_a_programming_error(peertube):
    with pytest.raises(ValueError):
        video(PeerTubeRef(HOST, CHANNEL, "alposs_conf"))


def test_playlist_videos_come_in_order_without_deleted_elements(peertube):
    videos = playlist_videos(PeerTubeRef(HOST, PLAYLIST, PLAYLIST_UUID))
    expected = [
        item["video"]["uuid"] for item in load("playlist_videos.json")["data"] if item["video"]
    ]
    assert [v.uuid for v in videos] == expected
    assert peertube.api_requests() == [
        f"/api/v1/video-playlists/{PLAYLIST_UUID}/videos?start=0&count=100"
    ]


def _many_videos(n):
    base = load("channel_videos.json")["data"][0]
    videos = []
    for i in range(n):
        uuid = f"00000000-0000-4000-8000-{i:012d}"
        videos.append(
            {
                **base,
                "id": 1000 + i,
                "uuid": uuid,
                "shortUUID": uuid_to_short(uuid),
                "name": f"Talk {i}",
            }
        )
    return videos


def test_channel_videos_are_paginated_newest_first(peertube):
    peertube.channels["alposs_conf"] = _many_videos(250)
    videos = channel_videos(PeerTubeRef(HOST, CHANNEL, "alposs_conf"))
    assert [v.title for v in videos] == [f"Talk {i}" for i in range(250)]
    queries = [parse_qs(urlsplit(path).query) for path in peertube.api_requests()]
    assert [(q["start"], q["count"], q["sort"]) for q in queries] == [
        (["0"], ["100"], ["-publishedAt"]),
        (["100"], ["100"], ["-publishedAt"]),
        (["200"], ["100"], ["-publishedAt"]),
    ]


def test_channel_lists_are_bounded(peertube, settings):
    settings.ALPOSS_PEERTUBE_MAX_LIST_ITEMS = 150
    peertube.channels["alposs_conf"] = _many_videos(1000)
    videos = channel_videos(PeerTubeRef(HOST, CHANNEL, "alposs_conf"))
    assert len(videos) == 150
    assert len(peertube.api_requests()) == 2


def test_malformed_list_items_are_skipped(peertube):
    items = load("channel_videos.json")["data"]
    peertube.channels["alposs_conf"] = [items[0], {"uuid": "nope", "name": 3}, "junk", items[1]]
    videos = channel_videos(PeerTubeRef(HOST, CHANNEL, "alposs_conf"))
    assert [v.uuid for v in videos] == [items[0]["uuid"], items[1]["uuid"]]


# -- faults -----------------------------------------------------------------------------

FAULTS = [
    "sleep",
    "trickle",
    "refused",
    "404",
    "500",
    "429",
    "redirect",
    "html",
    "truncated",
    "badjson",
    "huge",
    "huge_unannounced",
    "wrongtypes",
]


def _break(peertube, settings, fault):
    if fault == "refused":
        settings.ALPOSS_PEERTUBE_API_ORIGINS = {HOST: f"http://127.0.0.1:{closed_port()}"}
    else:
        peertube.mode = fault


def _timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


BUDGET = CONNECT_TIMEOUT + READ_TIMEOUT + MARGIN


@pytest.mark.parametrize("fault", FAULTS)
def test_on_a_fault_the_last_good_video_is_served_quickly_with_a_warning(
    peertube, settings, caplog, fault
):
    ref = ref_of(REPLAY)
    good = video(ref)
    expire(ref)
    _break(peertube, settings, fault)
    result, elapsed = _timed(lambda: video(ref))
    assert result == good
    assert elapsed < BUDGET
    assert peertube_warnings(caplog)


@pytest.mark.parametrize("fault", FAULTS)
def test_on_a_fault_without_a_last_good_value_none_is_served_quickly(
    peertube, settings, caplog, fault
):
    _break(peertube, settings, fault)
    result, elapsed = _timed(lambda: video(ref_of(LIVE_NOW)))
    assert result is None
    assert elapsed < BUDGET
    assert peertube_warnings(caplog)


@pytest.mark.parametrize("fault", ["sleep", "trickle", "refused", "500", "truncated", "huge"])
def test_on_a_fault_the_last_good_list_is_served(peertube, settings, caplog, fault):
    ref = PeerTubeRef(HOST, PLAYLIST, PLAYLIST_UUID)
    good = playlist_videos(ref)
    expire(ref, "playlist")
    _break(peertube, settings, fault)
    result, elapsed = _timed(lambda: playlist_videos(ref))
    assert result == good
    assert elapsed < BUDGET
    assert peertube_warnings(caplog)


def test_even_an_unexpected_error_does_not_reach_the_page(peertube, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache backend down")

    monkeypatch.setattr(cache, "get", broken)
    assert video(ref_of(REPLAY)) is None
    assert any(r.levelno == logging.ERROR for r in caplog.records)


def test_cache_keys_stay_short_enough_for_every_backend():
    long_host = ".".join(["a" * 60] * 4)
    fresh, last = cache_keys("channel", PeerTubeRef(long_host, CHANNEL, "c" * 50))
    assert fresh != last
    assert len(fresh) < 250 and len(last) < 250
    assert (
        cache_keys("video", ref_of(REPLAY))[0] == f"peertube:v1:fresh:video:{HOST}:{REPLAY['uuid']}"
    )


def test_a_failed_answer_is_not_asked_again_at_once(peertube):
    peertube.mode = "404"
    assert video(ref_of(REPLAY)) is None
    peertube.mode = "ok"
    assert video(ref_of(REPLAY)) is None
    assert len(peertube.api_requests()) == 1


@pytest.mark.parametrize("fault", ["sleep", "refused", "500"])
def test_an_unwell_instance_is_left_alone_for_a_while(peertube, settings, fault):
    _break(peertube, settings, fault)
    video(ref_of(REPLAY))
    asked = len(peertube.api_requests())
    result, elapsed = _timed(lambda: video(ref_of(LIVE_NOW)))
    assert result is None
    assert elapsed < 0.1
    assert len(peertube.api_requests()) == asked


def test_a_rate_limited_answer_backs_off_for_retry_after(peertube, settings):
    settings.ALPOSS_PEERTUBE_BACKOFF = 30
    peertube.mode = "429"
    peertube.retry_after = 1
    video(ref_of(REPLAY))
    assert cache.get(cache_key("backoff", HOST))
    peertube.mode = "ok"
    assert video(ref_of(LIVE_NOW)) is None
    assert len(peertube.api_requests()) == 1
    time.sleep(1.1)  # Retry-After said 1 s (not the 30 s of other faults)
    assert video(ref_of(LIVE_NOW)) is not None


def test_the_rate_guard_caps_the_calls_of_a_process(peertube, settings, caplog):
    settings.ALPOSS_PEERTUBE_MAX_CALLS = 2
    results = [video(ref_of(data)) for data in (REPLAY, LIVE_NOW, LIVE_WAITING)]
    assert [r is not None for r in results] == [True, True, False]
    assert len(peertube.api_requests()) == 2
    assert "rate guard" in peertube_warnings(caplog)[-1].getMessage()


# -- admin check ------------------------------------------------------------------------


def test_check_video_tells_found_missing_and_unreachable_apart(peertube, settings):
    status, info = check_video(ref_of(REPLAY))
    assert (status, info.title) == (FOUND, REPLAY["name"])
    missing = PeerTubeRef(HOST, VIDEO, "99999999-9999-4999-8999-999999999999")
    assert check_video(missing) == (MISSING, None)
    peertube.mode = "sleep"
    (status, info), elapsed = _timed(lambda: check_video(ref_of(REPLAY)))
    assert (status, info) == (UNREACHABLE, None)
    assert elapsed < BUDGET


# -- thumbnails -------------------------------------------------------------------------


def test_the_thumbnail_is_copied_once_into_our_storage(peertube):
    info = video(ref_of(REPLAY))
    name = store_thumbnail(info)
    assert name == thumbnail_name(info)
    assert store_thumbnail(info) == name
    image_requests = [p for p in peertube.requests if p.startswith("/lazy-static/")]
    assert image_requests == [REPLAY["previewPath"]]
    with default_storage.open(name) as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (850, 480)
    default_storage.delete(name)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html>not an image</html>", "image/jpeg"),
        (jpeg(), "text/html"),
        (b"GIF89a" + b"\0" * 100, "image/gif"),
        (jpeg()[:200], "image/jpeg"),
    ],
)
def test_a_thumbnail_that_is_not_a_picture_is_refused(peertube, caplog, body, content_type):
    info = video(ref_of(REPLAY))
    peertube.images[REPLAY["previewPath"]] = (body, content_type)
    assert store_thumbnail(info) is None
    assert not default_storage.exists(thumbnail_name(info))
    assert peertube_warnings(caplog)


def test_an_oversized_thumbnail_is_refused(peertube, settings, caplog):
    info = video(ref_of(REPLAY))
    settings.ALPOSS_PEERTUBE_THUMBNAIL_MAX_BYTES = 1000
    assert store_thumbnail(info) is None
    assert peertube_warnings(caplog)


def test_a_thumbnail_with_too_many_pixels_is_refused(peertube, caplog):
    info = video(ref_of(REPLAY))
    out = io.BytesIO()
    Image.new("L", (4200, 4200)).save(out, "PNG")
    peertube.images[REPLAY["previewPath"]] = (out.getvalue(), "image/png")
    assert store_thumbnail(info) is None
    assert peertube_warnings(caplog)


@pytest.mark.parametrize("fault", ["sleep", "refused", "500"])
def test_a_thumbnail_fetch_fault_gives_none_quickly(peertube, settings, caplog, fault):
    info = video(ref_of(REPLAY))
    _break(peertube, settings, fault)
    result, elapsed = _timed(lambda: store_thumbnail(info))
    assert result is None
    assert elapsed < BUDGET
    assert peertube_warnings(caplog)
