"""The schedule page and schedule.xml just after a program change, at 150, 600 and 1,500 sessions.

    .venv/bin/python bench/growth.py [--runs 30]

One command: a fresh PostgreSQL database (dropped at the end), an empty Redis database, the
production settings, three editions to come whose programs have 150, 600 and 1,500 sessions
(20 minutes each, one day, 25 per room: 6, 24 and 60 rooms; FOSDEM has about 1,000 events in
60 rooms), four speakers for five sessions, built with the helpers of the query-count tests;
then gunicorn (2 sync workers) on a free port.

Each request follows a program change (`program.cache.bump_cache_version`, as when an
organizer saves a session: the program's cached responses and the page cache are stale, the
site's menus stay cached), so it is the uncached figure of bench/schedule.py, over HTTP,
PostgreSQL and Redis. One client, one request at a time. Prints the SQL queries of one request
(counted in this process with Django's test client), the response size, wall-clock median and
p95 in ms, the CPU time per request of gunicorn's workers and of PostgreSQL's server processes
for this database (from /proc: what a busy machine inflates least), and least-squares lines
through the three sizes (fixed ms + ms per 100 sessions).
"""

import argparse
import datetime
import os
import time

import harness as h

SIZES = (150, 600, 1500)
SESSIONS_PER_ROOM = 25  # 20-minute slots from 8:00 to 16:20


def routes(year):
    return [
        ("schedule page", f"/{year}/programme/"),
        ("schedule.xml", f"/{year}/programme/schedule.xml"),
    ]


def build():
    started = time.monotonic()
    home = h.migrated_home()
    from django.db.models import Value
    from django.db.models.functions import Concat

    from program.models import Speaker

    first = h.future_day()
    years = {}
    for offset, size in enumerate(SIZES):
        day = first + datetime.timedelta(days=364 * offset)  # a Tuesday again, a year later
        _, page = h.build_edition(home, day.year, day)
        h.build_program(
            page, size, speakers=size * 4 // 5, rooms=size // SESSIONS_PER_ROOM, streamed=True
        )
        years[size] = day.year
        # Speakers' slugs are unique across editions; the next program reuses the same names.
        Speaker.objects.filter(slug__startswith="personne-").update(
            slug=Concat(Value(f"{day.year}-"), "slug")
        )
    h.log(f"built in {time.monotonic() - started:.0f} s")
    return years


def count_queries(path):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from program.cache import bump_cache_version

    client = Client()
    for _ in range(2):
        client.get(path)
    bump_cache_version()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return len(queries.captured_queries)


def timings(port, path, runs, server_pid, database_url):
    """Wall-clock ms of each request, response size, and the CPU ms per request of gunicorn
    and of PostgreSQL (the server processes of this database's connections)."""
    from program.cache import bump_cache_version

    values = []
    gunicorn_cpu = database_cpu = 0
    for number in range(runs + 2):
        bump_cache_version()
        database = h.postgres_pids(database_url)
        before = h.cpu_seconds(server_pid), h.cpu_seconds(*database)
        started = time.perf_counter()
        status, body = h.get(port, path)
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        if number >= 2:  # the first two warm the worker up
            values.append(elapsed)
            gunicorn_cpu += h.cpu_seconds(server_pid) - before[0]
            database_cpu += h.cpu_seconds(*database) - before[1]
    return values, len(body), gunicorn_cpu * 1000 / runs, database_cpu * 1000 / runs


def line(points):
    """Least squares through (sessions, ms): (fixed ms, ms per 100 sessions)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
        (x - mean_x) ** 2 for x, _ in points
    )
    return mean_y - slope * mean_x, slope * 100


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    started = time.monotonic()
    print(f"load average at start: {h.load_average()} on {os.cpu_count()} CPUs", flush=True)
    with h.Bench("growth") as bench:
        database_url = bench.database()
        env = h.environment(database_url, bench.redis_url(), bench.tmp)
        h.use_environment(env)
        years = build()
        port, gunicorn = bench.gunicorn(env)
        print(f"{args.runs} requests each, each just after a program change")
        print("| route | sessions | rooms | queries | KB | median ms | p95 ms | CPU ms: app | db |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        results = {}
        for size in SIZES:
            for name, path in routes(years[size]):
                queries = count_queries(path)
                values, size_bytes, app_cpu, db_cpu = timings(
                    port, path, args.runs, gunicorn.pid, database_url
                )
                median, p95 = h.summary(values)
                results[(name, size)] = (queries, median, p95, app_cpu + db_cpu)
                print(
                    f"| {name} | {size:,} | {size // SESSIONS_PER_ROOM} | {queries} "
                    f"| {size_bytes / 1024:.0f} | {median:.1f} | {p95:.1f} "
                    f"| {app_cpu:.1f} | {db_cpu:.1f} |",
                    flush=True,
                )
        print()
        limits = {150: 50, 1500: 300}
        for name, _ in routes(0):
            counts = {results[(name, size)][0] for size in SIZES}
            print(
                f"{name}: queries {'constant' if len(counts) == 1 else 'NOT constant'} "
                f"({', '.join(str(results[(name, s)][0]) for s in SIZES)})"
            )
            for what, index in (("wall-clock median", 1), ("CPU (app + db)", 3)):
                fixed, per_100 = line([(size, results[(name, size)][index]) for size in SIZES])
                growth = results[(name, SIZES[-1])][index] / results[(name, SIZES[0])][index]
                print(
                    f"  {what} = {fixed:.1f} ms + {per_100:.2f} ms per 100 sessions; "
                    f"x{growth:.1f} from 150 to 1,500 sessions (x10 sessions)"
                )
            for size, limit in limits.items():
                p95 = results[(name, size)][2]
                verdict = "ok" if p95 < limit else "MISSED"
                print(f"  p95 at {size:,} sessions: {p95:.1f} ms (< {limit} ms) {verdict}")
        print(f"load average at end: {h.load_average()}; {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
