"""Importing costs a fixed number of queries, not one per session, speaker or field."""

import datetime
import json
import time
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from program.importing import apply_import, parse, plan_import
from program.models import Session
from tests.factories.home import EditionFactory


def program(count, version="1"):
    """`count` sessions over two days in ten rooms, each speaker shared by two sessions."""
    rooms = {}
    for n in range(count):
        day = "2028-05-04" if n % 2 else "2028-05-03"
        minute = (n // 20) * 2  # a slot of its own in every room
        start = datetime.datetime.fromisoformat(f"{day}T08:00:00+02:00") + datetime.timedelta(
            minutes=minute
        )
        title = f"Séance {n}" + (" (v2)" if version == "2" and n % 3 == 0 else "")
        rooms.setdefault((day, f"Salle {n % 10}"), []).append(
            {
                "id": n,
                "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"scale-{n}")),
                "date": start.isoformat(),
                "duration": "00:02",
                "title": title,
                "type": ["Talk", "Workshop", "Lightning talk"][n % 3],
                "language": "fr",
                "track": f"Parcours {n % 4}",
                "abstract": f"Résumé {n}",
                "description": f"Texte {n}",
                "persons": [{"code": f"S{n // 2}", "public_name": f"Personne {n // 2}"}],
                "links": [{"url": f"https://example.org/{n}", "title": "Slides", "type": "slides"}],
            }
        )
    days = {}
    for (day, room), events in rooms.items():
        days.setdefault(day, {})[room] = events
    document = {
        "schedule": {
            "version": version,
            "conference": {
                "title": "Scale",
                "start": "2028-05-03",
                "end": "2028-05-04",
                "days": [{"date": d, "rooms": r} for d, r in sorted(days.items())],
            },
        }
    }
    return json.dumps(document).encode()


def measure(edition, data):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        plan = apply_import(edition, plan_import(edition, parse(data)))
        elapsed = time.perf_counter() - started
    return len(queries), elapsed, plan


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_program(capsys):
    counts = {}
    for year, size in ((2028, 30), (2029, 300)):
        edition = EditionFactory(
            year=year, start_date=datetime.date(2028, 5, 3), end_date=datetime.date(2028, 5, 4)
        )
        data = program(size)
        if year == 2029:  # GUIDs are unique across editions: another program of 300
            data = data.replace(b"scale-", b"scale-b-")
        first, first_time, plan = measure(edition, data)
        assert len(plan.created) == size
        again, again_time, plan = measure(edition, data)
        assert plan.changes_nothing
        changed, changed_time, plan = measure(
            edition,
            program(size, "2").replace(b"scale-", b"scale-b-" if year == 2029 else b"scale-"),
        )
        assert len(plan.updated) == (size + 2) // 3
        counts[size] = (first, again, changed, first_time, again_time, changed_time)
        assert Session.objects.filter(edition=edition).count() == size
    with capsys.disabled():
        for size, (first, again, changed, t1, t2, t3) in counts.items():
            print(  # noqa: T201 (the figures the issue asks for, shown with -s)
                f"\n{size} sessions: queries first/again/changed = {first}/{again}/{changed}; "
                f"time {t1:.2f}/{t2:.2f}/{t3:.2f} s"
            )
    # A few more for batches (bulk_create batches, and SQLite's parameter limit), never one a row.
    for index in range(3):
        assert counts[300][index] <= counts[30][index] + 10, counts
