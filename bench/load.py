"""Cached public pages under load: gunicorn, then Varnish in front, each beside a static file.

    .venv/bin/python bench/load.py [--seconds 1] [--slices 2] [--concurrency 10 50]

One command sets up everything and removes it afterwards: a fresh PostgreSQL database (unique
name, dropped at the end), an empty Redis database, the production settings
(alposs.settings.production, plain HTTP on the loopback), the program of bench/schedule.py
(150 sessions, 120 speakers, 6 rooms with a live stream each) for an edition to come,
`collectstatic`, and, on free ports:

- gunicorn, 2 sync workers (as installed), PostgreSQL + Redis, serving the schedule page, a
  session page, the live page and schedule.xml from the page cache (home/page_cache.py: no
  SQL on a hit, checked first), and, beside each, a static file holding that page's bytes
  under a path of the same length, served by the same gunicorn (whitenoise);
- Varnish (deploy/varnish/alposs.vcl, the site's own) in front of that gunicorn, and nginx
  (bench/nginx.conf) serving the same static files directly;
- the demo configuration: the same gunicorn over SQLite with the local-memory cache (its
  data built by a second copy of this script, `--build-only`, while the first builds
  PostgreSQL's).

The load generator is ApacheBench (Debian's apache2-utils: `ab -k`, keep-alive, one process,
written in C). For each route and concurrency, the page and the static file through gunicorn
and the demo's page take turns (`--slices` runs of `--seconds` each), then the page and the
static file through Varnish and the file from nginx, so that the figures compared saw the same
machine. Figures: requests/s, median and p95 in ms (ab's percentiles, averaged over the runs),
errors (failed requests and non-2xx answers), and the servers' CPU time per request read from
/proc (gunicorn's master and workers, plus the Redis server for the production page; Varnish's
or nginx's processes), which a busy machine inflates less than the wall-clock figures. Then
the targets: cached page at least half the static file's requests/s through gunicorn; through
Varnish at least half nginx's; production at least as fast as the demo.
"""

import argparse
import os
import signal
import sys
import time
from pathlib import Path

import harness as h

SESSIONS, SPEAKERS, ROOMS = 150, 120, 6


def routes(year):
    return [
        ("schedule page", f"/{year}/programme/"),
        ("session page", f"/{year}/programme/session-1/"),
        ("live page", f"/{year}/direct/"),
        ("schedule.xml", f"/{year}/programme/schedule.xml"),
    ]


def static_path(page_path, index):
    """A static URL as long as the page's (or as short as /static/ allows), same extension."""
    extension = ".xml" if page_path.endswith(".xml") else ".html"
    room = len(page_path) - len("/static/") - len(extension)
    if room < 1 and extension == ".html":
        extension, room = ".htm", room + 1
    name = f"b{index}".ljust(max(room, 2), "x")
    return f"/static/{name}{extension}"


def build(collect_static):
    """Migrate the database of the environment and fill it (in this process)."""
    home = h.migrated_home(collect_static=False)
    day = h.future_day()
    _, edition_page = h.build_edition(home, day.year, day)
    h.build_program(edition_page, SESSIONS, SPEAKERS, ROOMS, streamed=True)
    if collect_static:  # after the program: the static twins are written from its pages
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    return day.year


def queries_on_a_hit(paths):
    """SQL queries of a second anonymous GET of each path (the first fills the cache)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for path in paths:
        # Twice: the first request of the site creates its settings row, which makes every
        # cached public response stale (a save of SiteSettings bumps their version).
        for _ in range(2):
            if client.get(path).status_code != 200:
                raise SystemExit(f"{path} does not answer 200")
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[path] = len(queries.captured_queries)
    return counts


def measure(route, concurrency, targets, args):
    """ab on each target ((label, port, path, pids)) in `args.slices` runs of `args.seconds`,
    the targets taking turns so that all see the same machine; the servers' CPU time (the
    processes `pids` and their children) is read around each run."""
    for _, port, path, _ in targets:
        for _ in range(3):
            h.get(port, path)  # warm: fills a cache, opens connections
    runs = {label: [] for label, *_ in targets}
    for _ in range(args.slices):
        for label, port, path, pids in targets:
            before = h.cpu_seconds(*pids)
            result = h.ab(f"http://127.0.0.1:{port}{path}", concurrency, args.seconds)
            result["cpu"] = h.cpu_seconds(*pids) - before
            runs[label].append(result)
    results = {label: h.combine(values) for label, values in runs.items()}
    for label, result in results.items():
        values = [
            route,
            str(concurrency),
            label,
            f"{result['rps']:,.0f}",
            f"{result['median']:.1f}",
            f"{result['p95']:.1f}",
            f"{result['cpu_ms']:.2f}",
            str(result["errors"]),
        ]
        print("| " + " | ".join(values) + " |", flush=True)
    return results


RATIOS = [
    # (what, numerator, denominator, at least)
    ("cached page / static file, same gunicorn", "page, gunicorn", "static, gunicorn", 0.5),
    ("page through Varnish / nginx serving the file", "page, varnish", "static, nginx", 0.5),
    ("production (PostgreSQL, Redis) / demo (SQLite, locmem)", "page, gunicorn", "page, demo", 1),
]


def report_targets(results):
    """Each target as a ratio of requests/s, and as the inverse ratio of server CPU per
    request (what the requests/s would be if the server had the CPUs to itself)."""
    print("\ntargets (requests/s ratio; in brackets the same from server CPU per request):")
    missed = 0
    for what, top, bottom, limit in RATIOS:
        for (route, concurrency), figures in results.items():
            rps = figures[top]["rps"] / figures[bottom]["rps"]
            cpu = figures[bottom]["cpu_ms"] / max(figures[top]["cpu_ms"], 1e-9)
            verdict = "ok" if rps >= limit else "MISSED"
            missed += verdict != "ok"
            print(
                f"  {what}, {route}, c={concurrency}: {rps:.2f} ({cpu:.2f}) >= {limit}: {verdict}"
            )
    errors = sum(r["errors"] for figures in results.values() for r in figures.values())
    print(f"  errors in all runs: {errors}; targets missed: {missed}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=1, help="per ab run (default 1)")
    parser.add_argument("--slices", type=int, default=2, help="ab runs per figure (default 2)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:  # the demo database, built beside the PostgreSQL one
        sys.path.insert(0, str(h.ROOT))
        build(collect_static=False)
        return

    started = time.monotonic()
    print(f"load average at start: {h.load_average()} on {os.cpu_count()} CPUs", flush=True)
    with h.Bench("load") as bench:
        production = h.environment(bench.database(), bench.redis_url(), bench.tmp)
        demo = h.environment(
            f"sqlite:///{bench.tmp}/demo.sqlite3", "locmemcache://alposs", bench.tmp
        )
        demo_build = bench.start(
            "demo-build", [sys.executable, Path(__file__).resolve(), "--build-only"], demo
        )
        h.use_environment(production)
        year = build(collect_static=True)
        paths = routes(year)
        hits = queries_on_a_hit([path for _, path in paths])
        h.log(f"built in {time.monotonic() - started:.0f} s; queries on a cache hit: {hits}")

        port, gunicorn = bench.gunicorn(production)
        static_root = Path(production["STATIC_ROOT"])
        pages = []
        for index, (name, path) in enumerate(paths):
            status, body = h.get(port, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            static = static_path(path, index)
            (static_root / static.removeprefix("/static/")).write_bytes(body)
            pages.append((f"{name} ({len(body) / 1024:.0f} KB)", path, static))
        # whitenoise lists the static files when a worker starts: reload the workers.
        gunicorn.send_signal(signal.SIGHUP)
        time.sleep(2)
        while h.get(port, pages[0][2])[0] != 200:
            time.sleep(0.5)
        cache_port, varnish = bench.varnish(port)
        nginx_port, nginx = bench.nginx(static_root)
        if demo_build.wait() != 0:
            raise SystemExit("demo build failed:\n" + bench.output_of("demo-build"))
        demo_port, demo_gunicorn = bench.gunicorn(demo, name="gunicorn-demo")
        h.log(f"ready in {time.monotonic() - started:.0f} s; load average {h.load_average()}")
        redis = h.pids_named("redis-server")  # its CPU counts for the production page

        print("| route | c | served by | req/s | median ms | p95 ms | server CPU ms/req | errors |")
        print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
        results = {}
        for name, page, static in pages:
            for concurrency in args.concurrency:
                direct = [
                    ("page, gunicorn", port, page, (gunicorn.pid, *redis)),
                    ("static, gunicorn", port, static, (gunicorn.pid,)),
                    ("page, demo", demo_port, page, (demo_gunicorn.pid,)),
                ]
                cached = [
                    ("page, varnish", cache_port, page, (varnish.pid,)),
                    ("static, varnish", cache_port, static, (varnish.pid,)),
                    ("static, nginx", nginx_port, static, (nginx.pid,)),
                ]
                results[(name, concurrency)] = measure(name, concurrency, direct, args) | measure(
                    name, concurrency, cached, args
                )
        report_targets(results)
        print(f"load average at end: {h.load_average()}; {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
