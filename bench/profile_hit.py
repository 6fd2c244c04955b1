"""Where a page-cache hit spends its time, and what two changes would save.

    .venv/bin/python bench/profile_hit.py [--requests 2000] [--profile]

Sets up what bench/load.py does (fresh PostgreSQL database, empty Redis database, production
settings, the 150-session program, collectstatic, static files holding the pages' bytes), then:

1. in this process, calls the WSGI application as gunicorn would (no network between client
   and Django), `--requests` times per route, and prints the CPU time per request of this
   process and of the Redis server (the shared one on 127.0.0.1: other users inflate it), for
   a static file of the same size, the cached page as it is, and the page with each change of
   bench/page_cache_variants.py (a new Redis client per call avoided; versions and entry read
   in one round trip), alone and together, and with a 2-second tier in each worker's memory;
   `--profile` adds cProfile's view of a hit;
2. through gunicorn (2 sync workers each, one gunicorn per variant, all on free ports), ab -k
   at concurrency 10 and 50 on the schedule page and the session page, every variant and the
   static file taking turns: requests/s, p95 and gunicorn's CPU per request.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

import harness as h
import load
import page_cache_variants

VARIANTS = ["", "reuse-client", "one-round-trip", "reuse-client,one-round-trip", "local-tier"]


def label(variant):
    return variant.replace(",", " + ") or "as is"


def environ(path):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
    }


def call(application, path):
    """One request, the body read to the end (a file's too, as gunicorn's sendfile would)."""
    status = []
    body = application(environ(path), lambda s, headers, exc_info=None: status.append(s))
    filelike = getattr(body, "filelike", None)
    size = len(filelike.read()) if filelike else sum(len(chunk) for chunk in body)
    if hasattr(body, "close"):
        body.close()
    if not status[0].startswith("200"):
        raise SystemExit(f"{path}: {status[0]}")
    return size


class Patches:
    """Apply one variant at a time, undoing the previous one."""

    def __init__(self):
        from django.core.cache.backends.redis import RedisCacheClient

        from home.page_cache import PublicPageCacheMiddleware

        self.originals = [
            (RedisCacheClient, "get_client", RedisCacheClient.get_client),
            (PublicPageCacheMiddleware, "__call__", PublicPageCacheMiddleware.__call__),
        ]

    def use(self, variant):
        for owner, name, original in self.originals:
            setattr(owner, name, original)
        page_cache_variants.apply(variant)


def cpu_per_request(application, path, requests, redis_pid):
    call(application, path)  # a miss for a variant that keys entries its own way
    started, started_redis = time.process_time(), h.cpu_seconds(redis_pid) if redis_pid else 0
    wall = time.perf_counter()
    for _ in range(requests):
        call(application, path)
    wall = (time.perf_counter() - wall) / requests * 1000
    cpu = (time.process_time() - started) / requests * 1000
    redis = (h.cpu_seconds(redis_pid) - started_redis) / requests * 1000 if redis_pid else 0
    return cpu, redis, wall


def in_process(pages, requests, profile):
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    patches = Patches()
    redis_pid = next(iter(h.pids_named("redis-server")), None)
    print(f"\nin process, {requests} requests each, CPU ms per request (median of 3 rounds)")
    print("| route | served | Django CPU | Redis server CPU | wall |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, page, static in pages:
        figures = {}
        for _ in range(3):  # rounds, the variants taking turns
            for variant in [None, *VARIANTS]:
                patches.use(variant or "")
                path = static if variant is None else page
                figures.setdefault(variant, []).append(
                    cpu_per_request(application, path, requests, redis_pid)
                )
        for variant, rounds in figures.items():
            served = "static file" if variant is None else f"page, {label(variant)}"
            cpu, redis, wall = (statistics.median(r[i] for r in rounds) for i in range(3))
            print(f"| {name} | {served} | {cpu:.3f} | {redis:.3f} | {wall:.3f} |", flush=True)
    if profile is not None:
        import cProfile
        import pstats

        patches.use(profile)
        call(application, pages[0][1])
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            call(application, pages[0][1])
        profiler.disable()
        stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
        stats.print_stats(30)
        stats.sort_stats("tottime").print_stats(15)


def through_gunicorn(bench, env, pages, args):
    servers = {}
    for variant in VARIANTS:
        variant_env = env | {"VARIANT": variant}
        command_env = variant_env | {"PYTHONPATH": str(h.BENCH)}
        port = h.free_port()
        command = [
            h.BIN / "gunicorn",
            "page_cache_variants:application",
            "--workers",
            2,
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ]
        process = bench.start(
            f"gunicorn-{label(variant)}",
            command,
            command_env,
            ready=lambda port=port: h.answers(port, "/healthz"),
        )
        servers[variant] = (port, process)
    print("\nthrough gunicorn (2 sync workers), ab -k")
    print("| route | c | served by | req/s | median ms | p95 ms | server CPU ms/req | errors |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    port, process = servers[""]
    redis = h.pids_named("redis-server")  # its CPU counts for the pages
    for name, page, static in pages[:2]:
        for concurrency in args.concurrency:
            targets = [("static file", port, static, (process.pid,))]
            targets += [
                (f"page, {label(v)}", p, page, (proc.pid, *redis))
                for v, (p, proc) in servers.items()
            ]
            load.measure(name, concurrency, targets, args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument(
        "--profile",
        nargs="?",
        const="",
        metavar="VARIANT",
        help="cProfile the schedule page's hits (as is, or with VARIANT, e.g. reuse-client)",
    )
    parser.add_argument("--no-gunicorn", action="store_true", help="in process only")
    parser.add_argument("--seconds", type=int, default=1, help="per ab run (default 1)")
    parser.add_argument("--slices", type=int, default=2, help="ab runs per figure (default 2)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[10, 50])
    args = parser.parse_args()
    started = time.monotonic()
    print(f"load average at start: {h.load_average()} on {os.cpu_count()} CPUs", flush=True)
    with h.Bench("profile") as bench:
        env = h.environment(bench.database(), bench.redis_url(), bench.tmp)
        h.use_environment(env)
        year = load.build(collect_static=True)
        from django.test import Client

        client = Client(HTTP_HOST="127.0.0.1:8000")
        pages = []
        for index, (name, path) in enumerate(load.routes(year)):
            client.get(path)
            body = client.get(path).content
            static = load.static_path(path, index)
            static_file = Path(env["STATIC_ROOT"]) / static.removeprefix("/static/")
            static_file.write_bytes(body)
            pages.append((f"{name} ({len(body) / 1024:.0f} KB)", path, static))
        in_process(pages, args.requests, args.profile)
        if not args.no_gunicorn:
            through_gunicorn(bench, env, pages, args)
        print(f"load average at end: {h.load_average()}; {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
