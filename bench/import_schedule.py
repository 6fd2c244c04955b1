"""Importing a program of 150 and 1,000 sessions: time and SQL queries, PostgreSQL and SQLite.

    .venv/bin/python bench/import_schedule.py [--database postgres|sqlite] [--runs 3]

One command: a fresh PostgreSQL database (dropped at the end) or a SQLite file in a temporary
folder, the production settings, an edition, then for each size a C3VOC JSON program (the
generator of tests/program/test_import_scale.py: two days, ten rooms, a speaker for two sessions,
a link each) imported three ways: first (all created), again (nothing to change), a second
version (a third of the titles changed). Avatars are not fetched (no network). Prints, per size
and way, the SQL queries and the median wall-clock time of `--runs` runs (parse + plan + apply),
each run on a new edition so that "first" always creates everything.
"""

import argparse
import datetime
import os
import statistics
import sys
import time

import harness as h

SIZES = (150, 1000)


def measure(edition, data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from program.importing import apply_import, parse, plan_import

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        plan = apply_import(edition, plan_import(edition, parse(data)), fetch_pictures=False)
        elapsed = time.perf_counter() - started
    return len(queries), elapsed, plan


def run(size, runs):
    from home.models import Edition
    from program.models import Session, Speaker
    from tests.program.test_import_scale import program

    results = {"first": [], "again": [], "changed": []}
    for n in range(runs):
        year = 2100 + size % 97 + n * 3
        edition = Edition.objects.create(
            year=year,
            name=f"Bench {year}",
            start_date=datetime.date(2028, 5, 3),
            end_date=datetime.date(2028, 5, 4),
        )
        tag = f"scale-{size}-{n}-".encode()
        first, second = program(size), program(size, "2")
        for way, data in (("first", first), ("again", first), ("changed", second)):
            queries, elapsed, plan = measure(edition, data.replace(b"scale-", tag))
            results[way].append((queries, elapsed))
        if Session.objects.filter(edition=edition).count() != size:
            raise SystemExit(f"{size} sessions expected in {edition}")
        Session.objects.filter(edition=edition).delete()
        Speaker.objects.filter(session_roles__isnull=True).delete()
    return {
        way: (max(q for q, _ in rows), statistics.median(t for _, t in rows))
        for way, rows in results.items()
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average at start: {h.load_average()} on {os.cpu_count()} CPUs", flush=True)
    with h.Bench("import") as bench:
        if args.database == "postgres":
            database_url = bench.database()
        else:
            database_url = f"sqlite:///{bench.tmp / 'bench.sqlite3'}"
        env = h.environment(database_url, "locmemcache://bench", bench.tmp)
        h.use_environment(env)
        h.migrated_home(collect_static=False)
        print(f"{args.database}, median of {args.runs} runs")
        print("| sessions | first: queries | s | again: queries | s | changed: queries | s |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for size in SIZES:
            figures = run(size, args.runs)
            cells = " | ".join(f"{q} | {t:.2f}" for q, t in figures.values())
            print(f"| {size} | {cells} |", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(h.ROOT))
    main()
