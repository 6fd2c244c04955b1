"""Several OS processes, as gunicorn's workers are, share the limits through one Redis cache.

Uses Redis database 3 on 127.0.0.1:6379 (ALPOSS_TEST_REDIS_URL to change it) and deletes only
the keys it wrote. Skipped when Redis does not answer, except under CI=true where it must run.
"""

import multiprocessing
import os
import time
import uuid

import pytest
import redis

REDIS_URL = os.environ.get("ALPOSS_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")
PROCESSES = 4
ATTEMPTS = 10
LIMIT = 15


def redis_client():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis must answer at {REDIS_URL} under CI=true: {error}")
        pytest.skip(f"no Redis at {REDIS_URL} ({error}): the cross-process limit is not proven")
    return client


def attempts_in_a_worker(action, remote_addr, email, barrier, results):
    """One 'worker': the project's test settings, the limiter pointed at the shared Redis."""
    try:
        results.put(count_allowed(action, remote_addr, email, barrier))
    except Exception as error:  # said to the test, which fails with it
        results.put(repr(error))


def count_allowed(action, remote_addr, email, barrier):
    from django.conf import settings

    from alposs.settings import test as test_settings

    project = {name: getattr(test_settings, name) for name in dir(test_settings) if name.isupper()}
    project["CACHES"] = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    project["ALPOSS_RATE_LIMITS"] = {
        f"{action}.address": f"{LIMIT}/d",
        f"{action}.email": f"{LIMIT}/d",
    }
    settings.configure(**project)  # what the limiter reads: no need for the whole app registry
    from django.core.cache import cache
    from django.test import RequestFactory

    from home.ratelimit import seconds_to_wait

    request = RequestFactory().post("/", REMOTE_ADDR=remote_addr)
    cache.get("warm-up")  # connect before the start, not during the race
    barrier.wait(timeout=60)
    return sum(not seconds_to_wait(request, action, email=email) for _ in range(ATTEMPTS))


def run_workers(action, addresses, email=None):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(addresses))
    results = context.Queue()
    workers = [
        context.Process(
            target=attempts_in_a_worker, args=(action, address, email, barrier, results)
        )
        for address in addresses
    ]
    for worker in workers:
        worker.start()
    counts = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert all(isinstance(count, int) for count in counts), counts
    return counts


@pytest.fixture
def action():
    """A name of our own for this run; its keys are deleted afterwards, nothing else is."""
    client = redis_client()
    if time.time() % 86400 > 86400 - 120:  # the daily window must not turn during the run
        time.sleep(121)
    name = f"test-processes-{uuid.uuid4().hex[:12]}"
    yield name
    keys = list(client.scan_iter(match=f"*ratelimit:{name}:*"))
    if keys:
        client.delete(*keys)


def test_four_processes_sharing_redis_let_exactly_the_limit_through(action):
    counts = run_workers(action, ["203.0.113.7"] * PROCESSES)

    assert sum(counts) == LIMIT, counts


def test_one_email_address_is_limited_across_processes_and_client_addresses(action):
    """The audit's 16 of 20 registrations to one address went through 4 workers' own memory."""
    addresses = [f"203.0.113.{n}" for n in range(1, PROCESSES + 1)]
    counts = run_workers(action, addresses, email="Grace@example.org")

    assert sum(counts) == LIMIT, counts
