"""Real Chromium against a real server running the demo data.

The server is `manage.py runserver` in a subprocess, on a fresh SQLite database filled by
`load_demo_data`, so these tests see the site exactly as `make run` shows it.
"""

import asyncio
import concurrent.futures
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PROJECT_DIR = Path(__file__).resolve().parents[2]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    browser_items = [item for item in items if here in Path(item.fspath).parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if Path(CHROMIUM).exists() or not browser_items:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI=true but Chromium is missing at {CHROMIUM}.")
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: run `apt-get install chromium` "
        "(Debian's package) to enable the browser tests."
    )
    for item in browser_items:
        item.add_marker(skip)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The demo server stopped (exit code {process.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (local URL)
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"The demo server did not answer at {url} within {timeout} s.")


def site_environment(workdir, cache_name):
    """The environment of a demo site of its own in `workdir` (database, media, mail)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alposs.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "CACHE_URL": f"locmemcache://{cache_name}",
        # django-environ drops the first slash of the path: four slashes for an absolute one.
        "EMAIL_URL": f"filemail:///{(workdir / 'mail').as_posix()}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


MANAGE = [sys.executable, str(PROJECT_DIR / "manage.py")]


@pytest.fixture(scope="session")
def demo_environment(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("demo-site")
    env = site_environment(workdir, "browser-tests")
    manage = MANAGE
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo_data"]):
        subprocess.run([*manage, *command], env=env, cwd=PROJECT_DIR, check=True)
    return {"env": env, "manage": manage, "workdir": workdir}


def manage(environment, *args):
    """Run a management command against a demo site (`demo_environment`); its output."""
    return subprocess.run(
        [*environment["manage"], *args],
        env=environment["env"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(scope="session")
def demo_server(demo_environment):
    """The base URL of a running demo site."""
    port = _free_port()
    process = subprocess.Popen(
        [*demo_environment["manage"], "runserver", "--noreload", f"127.0.0.1:{port}"],
        env={**demo_environment["env"], "PORT": str(port)},  # links in e-mails follow it
        cwd=PROJECT_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base_url + "/robots.txt", process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(demo_environment["workdir"] / "media", ignore_errors=True)


@pytest.fixture(scope="module")
def chromium():
    """One Chromium per test module: Playwright's sync API runs an event loop in this thread,
    and Django refuses database access while one runs, so it must be gone before the next
    module's database tests."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", viewport=PHONE, is_mobile=True
    )
    tab = context.new_page()
    yield tab
    context.close()


def assert_no_axe_violations(page):
    """Run axe-core (WCAG 2.1 A and AA rules) on the page and fail with its report."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, results.generate_report()


class PageWeight:
    """What EcoIndex measures: DOM nodes, requests and kilobytes, gathered while loading."""

    def __init__(self, page):
        self.page = page
        self.requests = []
        self.bytes = 0
        page.on("response", self._count)

    def _count(self, response):
        self.requests.append(response.url)
        try:
            self.bytes += len(response.body())
        except Exception:
            return

    def ecoindex(self):
        from ecoindex.compute import compute_ecoindex

        nodes = self.page.evaluate("document.getElementsByTagName('*').length")
        size_kb = self.bytes / 1024
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            result = pool.submit(
                asyncio.run, compute_ecoindex(nodes, size_kb, len(self.requests))
            ).result()
        return {
            "nodes": nodes,
            "requests": len(self.requests),
            "size_kb": round(size_kb, 1),
            "score": round(result.score, 1),
            "grade": result.grade,
        }
