"""A database that is locked, slow or down ends a request within seconds on our 503 page."""

import threading
import time

from django.db import connection
from django.test import Client

import psycopg
import pytest

from tests.factories.home import EditionFactory
from tests.registrations.concurrency import POSTGRES_THREADS

pytestmark = POSTGRES_THREADS


def lock_editions_elsewhere():
    """Another connection locks the editions table, as a long migration would."""
    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"] or None,
    )
    other.execute("LOCK TABLE home_edition IN ACCESS EXCLUSIVE MODE")
    return other


@pytest.fixture
def locked_editions(home_page):
    EditionFactory(year=2026)
    other = lock_editions_elsewhere()
    yield
    other.rollback()
    other.close()


def test_a_locked_table_ends_the_request_within_seconds_on_the_503_page(locked_editions):
    client = Client(raise_request_exception=False)
    started = time.monotonic()

    response = client.get("/chiffres/")

    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Le site est momentanément indisponible" in response.content.decode()
    assert elapsed < 6  # the lock timeout (3 s) and some margin, not gunicorn's 30 s


def test_the_lock_timeout_lets_ordinary_waits_through(home_page):
    """A lock held for less than the timeout only delays the request: nothing fails."""
    EditionFactory(year=2026)
    other = lock_editions_elsewhere()
    threading.Timer(1.0, other.rollback).start()

    response = Client(raise_request_exception=False).get("/chiffres/")

    other.close()
    assert response.status_code == 200
