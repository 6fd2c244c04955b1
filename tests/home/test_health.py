"""`/healthz` tells a load balancer whether this app server reaches its database and cache."""

from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db


def test_a_healthy_server_answers_ok_with_one_query_and_nothing_cached(client):
    with CaptureQueriesContext(connection) as context:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content.decode() == "database ok\ncache ok\n"
    assert len(context.captured_queries) == 1
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_an_unreachable_database_answers_503(client, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert "database unreachable" in response.content.decode()
    assert "the database is unreachable" in caplog.text


def test_an_unreachable_cache_answers_503(client, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert "cache unreachable" in response.content.decode()


def test_only_reading_is_allowed(client):
    assert client.post("/healthz").status_code == 405
