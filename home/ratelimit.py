"""Rate limits shared by every worker: counters in Django's cache (Redis in production).

A limit is named `<action>.<key>` in ALPOSS_RATE_LIMITS, e.g. `registration.email: "5/h"`: at
most 5 registrations per e-mail address per clock hour. Every action is counted per client
address (`<action>.address`, see home.client_address); a view adds the other keys it knows
(`email=`, `user=`). Counting is one atomic `add` then `incr` per key, so workers and servers
sharing the cache never let more through than the limit, whatever the interleaving.

Windows are fixed and aligned on the clock (an hour limit resets on the hour), which makes the
wait exact without asking the cache for a key's time to live. The cache only ever holds keyed
hashes of addresses and e-mails, never the values themselves.
"""

import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from .client_address import client_address

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text):
        """`5/h`, `200/10m`, `30/90s`, `1000/d`: so many per so long."""
        match = RATE_PATTERN.match(str(text))
        if not match or int(match[2] or 1) == 0:
            raise ValueError(f"{text!r} is not a rate such as '5/h' or '200/10m'")
        return cls(int(match[1]), int(match[2] or 1) * UNITS[match[3]])


def configured_rates():
    return {name: Rate.parse(text) for name, text in settings.ALPOSS_RATE_LIMITS.items()}


def normalize_email(email):
    """One key per mailbox: case, surrounding spaces and a `+tag` do not make a new one."""
    local, _at, domain = email.strip().casefold().rpartition("@")
    if not local:
        return domain
    return f"{local.split('+', 1)[0] or local}@{domain}"


def _identity(kind, value):
    if kind == "email":
        value = normalize_email(value)
    return salted_hmac("alposs.ratelimit", f"{kind}:{value}").hexdigest()[:32]


def _count(key, window_ends):
    """Add one to the counter of this key and window; the new count."""
    timeout = max(1, math.ceil(window_ends - time.time()) + 1)
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: a new window has begun
        cache.add(key, 0, timeout)
        return cache.incr(key)


def seconds_to_wait(request, action, **identities):
    """Count one attempt at `action` and say how long the client must wait: 0 when allowed.

    Keys: the client's address, plus each keyword given (`email=...`, `user=...`); a key
    without a configured limit is not counted. Every key is counted, even past its limit."""
    rates = configured_rates()
    identities = {"address": client_address(request) or "unknown", **identities}
    now = time.time()
    wait = 0
    for kind, value in identities.items():
        rate = rates.get(f"{action}.{kind}")
        if rate is None or value is None:
            continue
        window = int(now // rate.seconds)
        window_ends = (window + 1) * rate.seconds
        key = f"ratelimit:{action}:{kind}:{_identity(kind, value)}:{window}"
        if _count(key, window_ends) > rate.count:
            wait = max(wait, math.ceil(window_ends - now))
    return wait


def wait_message(seconds):
    """`Please try again in 12 minutes.`, rounded up to the minute."""
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Please try again in %(minutes)d minute.",
        "Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def retry_after(response, seconds):
    """Tell clients and robots when to come back (RFC 9110, Retry-After); 0: nothing to say."""
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
