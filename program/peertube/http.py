"""Bounded HTTP to PeerTube instances: one session, short timeouts, capped bodies, a rate guard.

Everything here raises `FetchError` (or `NotFound`); the caching layer in `client.py` turns
those into "last good value, and a warning in the log".
"""

import hashlib
import json
import logging
import threading
import time
from importlib import metadata

from django.conf import settings
from django.core.cache import cache

import requests
import urllib3

from .urls import allowed_hosts

log = logging.getLogger("program.peertube")

SESSION = requests.Session()
CHUNK = 16 * 1024


class FetchError(Exception):
    """The instance did not give a usable answer (timeout, refused, 4xx/5xx, bad body)."""

    #: Whether the whole instance looks unwell (then other calls back off for a while).
    instance_fault = True


class NotFound(FetchError):
    instance_fault = False


class Malformed(FetchError):
    instance_fault = False


class RateLimited(FetchError):
    """HTTP 429: the instance already set how long to back off (Retry-After)."""

    instance_fault = False


class RateGuarded(FetchError):
    """Not sent: this process already made its share of calls to the instance just now."""

    instance_fault = False


def cache_key(*parts) -> str:
    """`peertube:v1:<parts…>`, hashed when too long for every cache backend (250 chars)."""
    key = ":".join(("peertube", "v1", *map(str, parts)))
    if len(key) > 200:
        digest = hashlib.sha256(key.encode()).hexdigest()
        key = f"peertube:v1:{parts[0]}:{digest}"
    return key


def setting(name, default):
    return getattr(settings, f"ALPOSS_PEERTUBE_{name}", default)


def timeouts() -> tuple[float, float]:
    return float(setting("CONNECT_TIMEOUT", 2.0)), float(setting("READ_TIMEOUT", 3.0))


def user_agent() -> str:
    try:
        version = metadata.version("alposs-site")
    except metadata.PackageNotFoundError:  # pragma: no cover - not installed
        version = "dev"
    contact = setting("CONTACT", None) or getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return f"AlpOSS-site/{version} (+{contact})"


def api_origin(instance: str) -> str:
    """Where the instance's API is reached: https://<host>, unless the setting
    ALPOSS_PEERTUBE_API_ORIGINS maps the host elsewhere (tests, local development)."""
    override = setting("API_ORIGINS", {}).get(instance)
    return override.rstrip("/") if override else f"https://{instance}"


class RateGuard:
    """At most `MAX_CALLS` requests per `RATE_WINDOW` seconds per process, per instance.

    PeerTube's default limit is 50 requests per 10 s per IP; a few workers times a few calls
    stay far below it, and a page with a cold cache never fires more than a handful of calls.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._calls: dict[str, list[float]] = {}

    def reset(self):
        with self._lock:
            self._calls.clear()

    def _window(self):
        return float(setting("RATE_WINDOW", 10.0)), int(setting("MAX_CALLS", 6))

    def try_acquire(self, instance: str) -> float:
        """Take a slot and return 0, or return how long to wait for the next one."""
        window, max_calls = self._window()
        now = time.monotonic()
        with self._lock:
            calls = [t for t in self._calls.get(instance, []) if now - t < window]
            if len(calls) < max_calls:
                calls.append(now)
                self._calls[instance] = calls
                return 0.0
            self._calls[instance] = calls
            return window - (now - calls[0])

    def acquire(self, instance: str, wait: float = 0.0) -> bool:
        deadline = time.monotonic() + wait
        while True:
            delay = self.try_acquire(instance)
            if delay <= 0:
                return True
            if time.monotonic() + delay > deadline:
                return False
            time.sleep(delay)


RATE_GUARD = RateGuard()


def backing_off(instance: str) -> bool:
    return bool(cache.get(cache_key("backoff", instance)))


def back_off(instance: str, seconds: float | None = None):
    seconds = seconds if seconds is not None else float(setting("BACKOFF", 30))
    cache.set(cache_key("backoff", instance), True, max(1, int(seconds)))


def _retry_after(response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return min(float(value), 300.0) if value.isdigit() else None


def fetch(instance, path, params=None, *, max_bytes=None, accept="application/json", wait=0.0):
    """GET `path` on an allowed instance; return (body bytes, content type). Raises FetchError.

    No redirects are followed, the body is streamed and dropped past `max_bytes`, and the whole
    exchange is bounded by connect + read timeouts (a server trickling bytes is cut off too).
    """
    if instance not in allowed_hosts():
        raise FetchError(f"{instance} is not an allowed PeerTube instance")
    if not RATE_GUARD.acquire(instance, wait=wait):
        raise RateGuarded("rate guard: too many PeerTube calls from this process just now")
    max_bytes = max_bytes or int(setting("MAX_BYTES", 2 * 1024 * 1024))
    connect, read = timeouts()
    deadline = time.monotonic() + connect + read
    url = api_origin(instance) + path
    headers = {"User-Agent": user_agent(), "Accept": accept}
    try:
        response = SESSION.get(
            url,
            params=params,
            headers=headers,
            timeout=(connect, read),
            stream=True,
            allow_redirects=False,
        )
    except requests.Timeout as exc:
        raise FetchError(f"timeout ({exc.__class__.__name__})") from exc
    except (requests.RequestException, OSError) as exc:
        raise FetchError(f"connection failed ({exc.__class__.__name__})") from exc
    with response:
        status = response.status_code
        if status in (404, 410):
            raise NotFound(f"HTTP {status}")
        if status == 429:
            back_off(instance, _retry_after(response))
            raise RateLimited("HTTP 429 (rate limited by the instance)")
        if status != 200:
            error = FetchError(f"HTTP {status}")
            error.instance_fault = status >= 500 or 300 <= status < 400
            raise error
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise Malformed(f"body too large ({length} bytes announced)")
        return _read_body(response.raw, max_bytes, deadline), response.headers.get(
            "Content-Type", ""
        )


def _read_body(raw, max_bytes, deadline) -> bytes:
    """Read what has arrived, chunk by chunk (`read1` returns after one socket read, so a
    server trickling a byte at a time cannot hold us past the deadline), decoded, capped."""
    body = bytearray()
    try:
        while chunk := raw.read1(CHUNK, decode_content=True):
            body += chunk
            if len(body) > max_bytes:
                raise Malformed(f"body too large (over {max_bytes} bytes)")
            if time.monotonic() > deadline:
                raise FetchError("body too slow")
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(f"body interrupted ({exc.__class__.__name__})") from exc
    return bytes(body)


def fetch_json(instance, path, params=None, *, wait=0.0):
    body, content_type = fetch(instance, path, params, wait=wait)
    if "json" not in content_type.lower():
        raise Malformed(f"not JSON ({content_type or 'no content type'})")
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise Malformed(f"invalid JSON ({exc.__class__.__name__})") from exc
