"""What the HTTP benchmarks share: a throw-away PostgreSQL database and Redis database, the
production settings' environment, gunicorn / Varnish / nginx on free ports, ApacheBench, and
the program data that bench/schedule.py builds too.

Nothing here imports Django at module level: a script sets its environment first
(`use_environment`), then calls `django.setup()`, then the builders.
"""

import contextlib
import datetime
import http.client
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
BIN = ROOT / ".venv" / "bin"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def log(message):
    print(message, file=sys.stderr, flush=True)


def load_average():
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, fraction):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, int(round(fraction * len(ordered))) - 1)]


def summary(values):
    """(median, p95) of timings."""
    return statistics.median(values), percentile(values, 0.95)


class Bench(contextlib.ExitStack):
    """A temporary folder, and everything started or created, undone on exit (even on ^C)."""

    def __init__(self, name):
        super().__init__()
        self.name = name
        self.tmp = Path(tempfile.mkdtemp(prefix=f"alposs-{name}-"))
        self.tmp.chmod(0o755)  # Varnish and nginx workers run as other users and read here
        self.callback(shutil.rmtree, self.tmp, ignore_errors=True)
        self.processes = []

    def __enter__(self):
        super().__enter__()
        signal.signal(signal.SIGTERM, lambda *args: sys.exit(1))
        return self

    # PostgreSQL ---------------------------------------------------------------------------------

    def database(self):
        """A new, empty PostgreSQL database, dropped on exit; returns its URL."""
        import psycopg

        name = f"alposs_{self.name}_{os.getpid()}_{secrets.token_hex(3)}".replace("-", "_")
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        self.callback(self._drop_database, name)
        log(f"database {name}")
        return f"{POSTGRES}/{name}"

    @staticmethod
    def _drop_database(name):
        import psycopg

        with contextlib.suppress(Exception):  # Django may not be set up yet
            from django.db import connections

            connections.close_all()
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    # Redis ----------------------------------------------------------------------------------------

    def redis_url(self):
        """A Redis database nobody uses (empty, claimed with a marker key), emptied on exit.

        django-environ cannot set a KEY_PREFIX for Django's Redis backend, so each run takes a
        database number of its own rather than share one with the other users of this Redis."""
        import redis

        for number in range(15, 1, -1):
            client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=number)
            if client.dbsize() == 0 and client.set("alposs-bench:owner", os.getpid(), nx=True):
                self.callback(self._empty_redis, number)
                log(f"redis database {number}")
                return f"redis://{REDIS_HOST}:{REDIS_PORT}/{number}"
        raise SystemExit("no empty Redis database (2-15) to use")

    @staticmethod
    def _empty_redis(number):
        import redis

        client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=number)
        keys = list(client.scan_iter(count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])

    # Processes ------------------------------------------------------------------------------------

    def start(self, name, command, env=None, ready=None):
        """Start a process (its output in the temporary folder); stopped on exit, by its id."""
        output = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 - closed on exit
        self.callback(output.close)
        process = subprocess.Popen(  # noqa: S603 - our own command lines
            [str(part) for part in command],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        self.callback(self._stop, process)
        self.processes.append(process)
        if ready is not None:
            deadline = time.monotonic() + 60
            while not ready():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{name} did not start:\n{self.output_of(name)}")
                time.sleep(0.2)
        return process

    def output_of(self, name):
        path = self.tmp / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    @staticmethod
    def _stop(process):
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def gunicorn(self, env, workers=2, name="gunicorn"):
        """`alposs.wsgi` under gunicorn (sync workers, as installed), on a free port."""
        port = free_port()
        command = [
            BIN / "gunicorn",
            "alposs.wsgi:application",
            "--workers",
            workers,
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ]
        process = self.start(name, command, env, ready=lambda: answers(port, "/healthz"))
        return port, process

    def varnish(self, backend_port):
        """Varnish in front of `backend_port`, with the site's deploy/varnish/alposs.vcl:
        (port, process)."""
        port = free_port()
        vcl = self.tmp / "alposs.vcl"
        vcl.write_text((BENCH.parent / "deploy" / "varnish" / "alposs.vcl").read_text())
        (self.tmp / "backends.vcl").write_text(
            "import directors;\n"
            f'backend app1 {{ .host = "127.0.0.1"; .port = "{backend_port}"; }}\n'
            "sub vcl_init { new app = directors.round_robin(); app.add_backend(app1); }\n"
        )
        command = [
            "varnishd",
            "-F",
            "-n",
            self.tmp / "varnish",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            vcl,
            "-s",
            "malloc,256m",
        ]
        ready = lambda: answers(port, "/healthz", any_status=True)  # noqa: E731
        return port, self.start("varnish", command, ready=ready)

    def nginx(self, root):
        """nginx serving the folder `root` at /static/, with bench/nginx.conf: (port, process)."""
        port = free_port()
        prefix = self.tmp / "nginx"
        prefix.mkdir(exist_ok=True)
        conf = prefix / "nginx.conf"
        text = (BENCH / "nginx.conf").read_text()
        conf.write_text(
            text.replace("NGINX_PORT", str(port))
            .replace("NGINX_PREFIX", str(prefix))
            .replace("STATIC_ROOT", str(root))
        )
        command = ["nginx", "-p", prefix, "-c", conf, "-e", prefix / "error.log"]
        ready = lambda: answers(port, "/static/", any_status=True)  # noqa: E731
        return port, self.start("nginx", command, ready=ready)


def pids_named(name):
    """Processes whose command name is `name` (to read their CPU time, nothing else)."""
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == name:
                found.append(int(entry.name))
    return found


def postgres_pids(database_url):
    """The PostgreSQL server processes serving connections to this database (their title
    names it), to read their CPU time."""
    name = database_url.rsplit("/", 1)[1]
    found = []
    for pid in pids_named("postgres"):
        with contextlib.suppress(OSError):
            title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            if f" {name} " in title:
                found.append(pid)
    return found


def cpu_seconds(*pids):
    """User + system CPU time of processes and of all their descendants now alive (gunicorn's
    workers, Varnish's child, nginx's workers), from /proc."""
    parents, times = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:  # gone meanwhile
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = int(fields[11]) + int(fields[12])
    family = set(pids)
    changed = True
    while changed:
        changed = False
        for child, parent in parents.items():
            if parent in family and child not in family:
                family.add(child)
                changed = True
    return sum(times.get(member, 0) for member in family) / os.sysconf("SC_CLK_TCK")


def answers(port, path, any_status=False):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
    except OSError:
        return False
    return any_status or status == 200


def get(port, path, headers=None):
    """(status, body) of one GET."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def environment(database_url, cache_url, tmp, **extra):
    """The production settings' environment, for plain HTTP on the loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_", "ALPOSS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="alposs.settings.production",
        SECRET_KEY="bench-" + secrets.token_hex(24),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        EMAIL_URL="dummymail://",
        LOG_LEVEL="ERROR",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def use_environment(env):
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))


# ApacheBench ----------------------------------------------------------------------------------


def ab(url, concurrency, seconds):
    """Run ApacheBench with keep-alive for `seconds`; requests/s, median and p95 (ms), errors.

    Errors are failed requests (connection, receive, exceptions; a body of another length
    counts only for `length_changes`) plus non-2xx answers."""
    with tempfile.NamedTemporaryFile(suffix=".csv") as csv:
        command = ["ab", "-k", "-q", "-c", concurrency, "-t", seconds, "-n", 10_000_000]
        command += ["-s", 30, "-e", csv.name, url]
        result = subprocess.run(  # noqa: S603
            [str(part) for part in command], capture_output=True, text=True, check=False
        )
        percentages = {}
        for line in Path(csv.name).read_text().splitlines()[1:]:
            share, ms = line.split(",")
            percentages[int(float(share))] = float(ms)
    out = result.stdout
    if result.returncode != 0 or "Requests per second" not in out:
        raise SystemExit(f"ab failed on {url}:\n{result.stdout}\n{result.stderr}")
    fields, detail = {}, {}
    for line in out.splitlines():
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
        if line.strip().startswith("(Connect:"):
            for part in line.strip(" ()").split(","):
                key, _, number = part.partition(":")
                detail[key.strip()] = int(number)
    failed = int(fields.get("Failed requests", "0").split()[0])
    non_2xx = int(fields.get("Non-2xx responses", "0"))
    return {
        "requests": int(fields["Complete requests"]),
        "seconds": float(fields["Time taken for tests"].split()[0]),
        "median": percentages[50],
        "p95": percentages[95],
        "errors": failed - detail.get("Length", 0) + non_2xx,
        "length_changes": detail.get("Length", 0),
    }


def combine(slices):
    """One figure from several runs: requests/s over their total time, the mean of their
    medians and of their p95s, the server's CPU per request, the sum of their errors."""
    requests = sum(run["requests"] for run in slices)
    return {
        "cpu_ms": 1000 * sum(run.get("cpu", 0) for run in slices) / requests,
        "requests": requests,
        "rps": requests / sum(run["seconds"] for run in slices),
        "median": statistics.fmean(run["median"] for run in slices),
        "p95": statistics.fmean(run["p95"] for run in slices),
        "errors": sum(run["errors"] for run in slices),
        "length_changes": sum(run["length_changes"] for run in slices),
    }


# Data -----------------------------------------------------------------------------------------


def migrated_home(collect_static=True):
    """The start of every benchmark's build, in this process: Django set up, the database of the
    environment migrated, static files collected, the home page made. Returns the home page."""
    import django

    django.setup()
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    log(f"migrated in {time.monotonic() - started:.0f} s")
    if collect_static:
        call_command("collectstatic", interactive=False, verbosity=0)
    return build_home()


def build_home():
    """The site's home page, default site and both locales (after `migrate`)."""
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage

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
    return home


def build_edition(home, year, day, **fields):
    """An edition and its page under the home page; returns (edition, edition_page)."""
    from home.models import Edition, EditionPage

    edition = Edition.objects.create(
        year=year,
        name=f"AlpOSS {year}",
        number=year - 2023,
        start_date=day,
        end_date=day,
        venue_name="La Rampe",
        **fields,
    )
    page = home.add_child(
        instance=EditionPage(title=f"AlpOSS {year}", slug=str(year), edition=edition)
    )
    return edition, page


def build_program(edition_page, sessions, speakers, rooms, streamed=False):
    """A program page with `sessions` published 20-minute sessions in `rooms` rooms, four
    tracks and `speakers` speakers (tests/factories/program.py, as the query-count tests)."""
    from program.models import ProgramPage, Room
    from tests.factories.program import add_bulk_sessions, add_rooms_and_tracks

    edition = edition_page.edition
    edition_page.add_child(instance=ProgramPage(title="Programme", slug="programme"))
    add_rooms_and_tracks(edition, rooms=rooms, tracks=4)
    if streamed:
        for room in Room.objects.filter(edition=edition):
            room.peertube_live_url = f"https://video.echirolles.fr/w/bench-room-{room.pk}"
            room.save(update_fields=["peertube_live_url"])
    add_bulk_sessions(edition, sessions, speakers=speakers, minutes=20)


def future_day():
    """A Tuesday a few months ahead: the edition is to come, its registration open."""
    day = datetime.date.today() + datetime.timedelta(days=90)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)
