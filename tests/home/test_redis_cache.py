"""With `CACHE_URL=redis://...` the site uses Django's Redis backend with one client per pool."""

import os
import subprocess
import sys

import pytest

from home.redis_cache import ReusedClientRedisCache

REDIS_URL = os.environ.get("ALPOSS_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def redis_cache():
    cache = ReusedClientRedisCache(REDIS_URL, {"OPTIONS": {"socket_connect_timeout": 1}})
    try:
        cache.set("probe", 1)
    except Exception as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    yield cache
    cache.clear()


def test_the_redis_client_is_made_once_and_reused(redis_cache):
    first = redis_cache._cache.get_client("a")
    second = redis_cache._cache.get_client("b", write=True)

    assert first is second


def test_values_go_through_redis_as_with_django_backend(redis_cache):
    redis_cache.set_many({"one": 1, "two": {"nested": [2]}}, 30)

    assert redis_cache.get_many(["one", "two", "absent"]) == {"one": 1, "two": {"nested": [2]}}
    assert redis_cache.add("one", 5) is False
    assert redis_cache.incr("one") == 2


def test_redis_urls_select_this_backend():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    environment = {**os.environ, "CACHE_URL": "redis://127.0.0.1:6379/1"}
    environment["DJANGO_SETTINGS_MODULE"] = "alposs.settings.dev"
    printed = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    assert printed == "home.redis_cache.ReusedClientRedisCache"
