"""Time the schedule page and each export for 150 sessions and 120 speakers.

    .venv/bin/python bench/schedule.py [--runs 40]

Builds a throw-away SQLite database in a temporary folder (test settings: local memory cache,
in-memory media), fills one edition (tests/factories/program.py, as the query-count tests do),
then requests each route through Django's test client, in three states:

- "changed": the program changed just before each request (its cache version bumped: what the
  first reader after an organizer's edit pays; the site's menus stay cached, nothing changed
  there; iCalendar events, cached on their content, stay cached too). This is the "uncached"
  figure of the README.
- "cold": the whole cache emptied before each request (after a deploy or a restart).
- "cached": the anonymous reader's usual case.

Prints wall-clock median and p95 and CPU-time median in milliseconds, and the SQL queries of
one request after a change and of one cold request. `--profile URL` prints a cProfile of that
route instead.
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

from wagtail.models import Locale, Page, Site  # noqa: E402

from home.models import Edition, EditionPage, HomePage  # noqa: E402
from program.cache import bump_cache_version  # noqa: E402
from program.models import ProgramPage  # noqa: E402
from tests.factories.program import add_bulk_sessions, add_rooms_and_tracks  # noqa: E402

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
    add_rooms_and_tracks(edition, rooms=ROOMS, tracks=4)
    add_bulk_sessions(edition, SESSIONS, speakers=SPEAKERS, minutes=20)


def measure(client, url, runs, before_each):
    """(median, p95, median CPU time) in ms of `runs` requests, `before_each()` before each.

    CPU time (this process's) is what a busy machine inflates least: other processes delay a
    request's wall-clock time, not the work it does.
    """
    timings, cpu = [], []
    client.get(url)  # warm up
    for _ in range(runs):
        before_each()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    timings.sort()
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    return statistics.median(timings), p95, statistics.median(cpu)


def count_queries(client, url, before):
    client.get(url)
    before()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries.captured_queries)


def profile(client, url, runs):
    """Print where requests of `url` after a program change spend their time, heaviest first."""
    import cProfile
    import pstats

    client.get(url)
    profiler = cProfile.Profile()
    for _ in range(runs):
        bump_cache_version()
        profiler.enable()
        client.get(url)
        profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
    stats.print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument(
        "--profile", metavar="URL", help="profile uncached requests of URL with cProfile instead"
    )
    args = parser.parse_args()
    build()
    client = Client()
    if args.profile:
        profile(client, args.profile, args.runs)
        return
    print(f"{SESSIONS} sessions, {SPEAKERS} speakers, {ROOMS} rooms; {args.runs} requests each")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average before: {load} on {os.cpu_count()} CPUs (busy machines inflate timings)")
    modes = {"changed": bump_cache_version, "cold": cache.clear, "cached": lambda: None}
    header = ("route", "q.", "cold q.", "changed", "p95", "CPU", "cold", "CPU", "cached")
    print("{:32} {:>3} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}".format(*header))
    for url in ROUTES:
        queries = count_queries(client, url, bump_cache_version)
        cold_queries = count_queries(client, url, cache.clear)
        changed, cold, cached = (measure(client, url, args.runs, m) for m in modes.values())
        figures = (changed[0], changed[1], changed[2], cold[0], cold[2], cached[0])
        print(
            f"{url:32} {queries:>3} {cold_queries:>7}"
            + "".join(f" {value:>8.1f}" for value in figures)
        )
    print("medians in ms (p95 of wall-clock time after a change); CPU: this process's CPU time")


if __name__ == "__main__":
    main()
