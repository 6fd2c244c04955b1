"""Time the schedule page and each export for 150 sessions and 120 speakers.

    .venv/bin/python bench/schedule.py [--runs 40]

Builds a throw-away SQLite database in a temporary folder (test settings: local memory cache,
in-memory media), fills one edition, then requests each route through Django's test client.
"Uncached" clears the cache before every request (what the first reader after a change pays);
"cached" is the anonymous reader's usual case. Prints median and p95 in milliseconds and the
number of SQL queries of one uncached request.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="alposs-bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "alposs.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Locale, Page, Site  # noqa: E402

from home.models import Edition, EditionPage, HomePage  # noqa: E402
from program.choices import SessionKind, SpeakerRole, TrackColour  # noqa: E402
from program.models import (  # noqa: E402
    ProgramPage,
    Room,
    Session,
    SessionLink,
    SessionSpeaker,
    Speaker,
    Track,
)

SESSIONS = 150
SPEAKERS = 120
ROOMS = 6
ROUTES = [
    "/2026/programme/",
    "/2026/programme/intervenants/",
    "/2026/programme/schedule.xml",
    "/2026/programme/schedule.json",
    "/2026/programme/schedule.ics",
]


def build():
    call_command("migrate", verbosity=0)
    french, _ = Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = root.add_child(instance=HomePage(title="AlpOSS", slug="accueil", locale=french))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "AlpOSS"},
    )
    day = datetime.date(2026, 2, 17)
    edition = Edition.objects.create(
        year=2026, name="AlpOSS 2026", number=3, start_date=day, end_date=day, venue_name="La Rampe"
    )
    edition_page = home.add_child(
        instance=EditionPage(title="AlpOSS 2026", slug="2026", edition=edition)
    )
    edition_page.add_child(instance=ProgramPage(title="Programme", slug="programme"))
    rooms = [
        Room.objects.create(edition=edition, name=f"Salle {n}", capacity=100, sort_order=n)
        for n in range(ROOMS)
    ]
    tracks = [
        Track.objects.create(edition=edition, name=f"Parcours {n}", slug=f"parcours-{n}", colour=c)
        for n, c in enumerate(TrackColour.values[:4])
    ]
    speakers = Speaker.objects.bulk_create(
        Speaker(name=f"Personne Fictive {n}", slug=f"personne-fictive-{n}", organization="Asso")
        for n in range(SPEAKERS)
    )
    tz = timezone.get_current_timezone()
    sessions = []
    for n in range(SESSIONS):
        start = datetime.datetime.combine(day, datetime.time(8), tz) + datetime.timedelta(
            minutes=20 * (n // ROOMS)
        )
        sessions.append(
            Session(
                edition=edition,
                kind=SessionKind.WORKSHOP if n % 9 == 0 else SessionKind.TALK,
                title=f"Session de démonstration numéro {n}",
                slug=f"session-{n}",
                abstract="Un résumé de quelques phrases, comme dans un vrai programme.",
                description="<p>Une description <b>riche</b> :</p><ul><li>un point</li></ul>",
                room=rooms[n % ROOMS],
                track=tracks[n % len(tracks)],
                start=start,
                end=start + datetime.timedelta(minutes=20),
                language="en" if n % 6 == 0 else "fr",
                live=True,
                last_published_at=timezone.now(),
            )
        )
    sessions = Session.objects.bulk_create(sessions)
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(
            session=s, speaker=speakers[(n + k) % SPEAKERS], sort_order=k, role=SpeakerRole.SPEAKER
        )
        for n, s in enumerate(sessions)
        for k in range(1 + n % 2)
    )
    SessionLink.objects.bulk_create(
        SessionLink(session=s, title="Slides", url="https://example.org/s.pdf") for s in sessions
    )


def measure(client, url, runs, cached):
    timings = []
    client.get(url)  # warm up
    for _ in range(runs):
        if not cached:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    timings.sort()
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    return statistics.median(timings), p95, timings[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    build()
    client = Client()
    print(f"{SESSIONS} sessions, {SPEAKERS} speakers, {ROOMS} rooms; {args.runs} requests each")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average before: {load} on {os.cpu_count()} CPUs (busy machines inflate timings)")
    header = ("route", "queries", "uncached median", "p95", "min", "cached median", "p95")
    print("{:34} {:>7} {:>16} {:>8} {:>8} {:>14} {:>8}".format(*header))
    for url in ROUTES:
        cache.clear()
        client.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries.captured_queries)  # read now: each request resets the log
        uncached = measure(client, url, args.runs, cached=False)
        cached = measure(client, url, args.runs, cached=True)
        print(
            f"{url:34} {count:>7} {uncached[0]:>13.1f} ms {uncached[1]:>5.1f} ms"
            f" {uncached[2]:>5.1f} ms {cached[0]:>11.1f} ms {cached[1]:>5.1f} ms"
        )


if __name__ == "__main__":
    main()
