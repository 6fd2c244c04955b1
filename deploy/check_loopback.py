"""The check of `deploy/loopback`: the deployed site works through nginx, Varnish and both app
servers, which share PostgreSQL and Redis and hold nothing of their own.

Run by deploy/loopback (it passes the ports in ALPOSS_LOOPBACK_* and the site's environment);
exits non-zero on the first failure. What it proves:
- nginx answers over HTTPS (and redirects HTTP): home page, a schedule, schedule.xml, the
  registration form; static files straight from disk, fingerprinted and compressed;
- Varnish keeps public pages: the second read of the schedule is a hit;
- a session is shared: signed in through app server 1, the admin opens through app server 2
  and through nginx; signed out through app server 2, app server 1 no longer knows it;
- a registration rush: 50 people post the form at once through nginx, spread over both app
  servers; the task workers send each confirmation e-mail once; then all 50 confirm at once
  for fewer free seats: each person registered once, confirmed <= capacity, waiting positions
  1..n without gaps, every e-mail task claimed by one worker and run once;
- a page published (from a third process) is fresh at once through nginx and on both servers.
"""

import collections
import email
import os
import re
import sys
import threading
import time
from pathlib import Path

import requests
import urllib3

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alposs.settings.production")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402

from django_tasks_db.models import DBTaskResult  # noqa: E402

from home.models import Edition, HomePage  # noqa: E402
from program.models import ProgramPage  # noqa: E402
from registrations.choices import RegistrationStatus  # noqa: E402
from registrations.models import Registration, RegistrationPage  # noqa: E402

WORK = Path(os.environ["ALPOSS_LOOPBACK_WORK"])
HOST = os.environ["ALPOSS_LOOPBACK_HOST"]
HTTPS = int(os.environ["ALPOSS_LOOPBACK_HTTPS"])
HTTP = int(os.environ["ALPOSS_LOOPBACK_HTTP"])
APPS = [int(os.environ["ALPOSS_LOOPBACK_APP1"]), int(os.environ["ALPOSS_LOOPBACK_APP2"])]
SITE = f"https://{HOST}:{HTTPS}"
CERT = str(WORK / "tls.crt")
PEOPLE = 50
FREE_SEATS = 20
# An app server asked directly, as Varnish would, for a request that came in over HTTPS.
DIRECT = {"Host": HOST, "X-Forwarded-Proto": "https"}
urllib3.disable_warnings()
started = time.monotonic()
failures = []


def say(text):
    sys.stdout.write(f"   [{time.monotonic() - started:5.1f}s] {text}\n")
    sys.stdout.flush()


def check(condition, text):
    if not condition:
        failures.append(text)
        say(f"FAILED: {text}")
        raise SystemExit(f"loopback check failed: {text}")
    say(f"ok  {text}")


def get(path, session=None, **kwargs):
    return (session or requests).get(SITE + path, verify=CERT, timeout=30, **kwargs)


def app(number, path, session=None, method="GET", **kwargs):
    """Straight to app server `number`, over plain HTTP as Varnish does. The site's cookies are
    `Secure`: a browser session sends them only over HTTPS, so they are sent by hand here."""
    headers = kwargs.setdefault("headers", {})
    headers.update(DIRECT)
    if session is not None and session.cookies:
        headers["Cookie"] = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    url = f"http://127.0.0.1:{APPS[number - 1]}{path}"
    return (session or requests).request(method, url, timeout=30, allow_redirects=False, **kwargs)


def wait_until_up():
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            ready = [app(n, "/healthz").status_code for n in (1, 2)] + [get("/").status_code]
            if ready == [200, 200, 200]:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit("the site did not answer 200 through nginx within 60 s")


def csrf_token(html):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else None


def log_lines(number, pattern):
    text = (WORK / f"app{number}.log").read_text(errors="replace")
    return len(re.findall(pattern, text))


def tasks_done(timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists():
            return True
        time.sleep(0.3)
    return False


def mails():
    """Each e-mail the workers wrote (EMAIL_URL=filemail://): (recipient, plain text)."""
    found = []
    for path in sorted((WORK / "mail").glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk)
            text = "".join(
                part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
                for part in message.walk()
                if part.get_content_type() == "text/plain"
            )
            found.append((message["To"], text))
    return found


def run_at_once(function, items):
    barrier = threading.Barrier(len(items))
    results, errors = {}, []

    def worker(item):
        try:
            barrier.wait(timeout=30)
            results[item] = function(item)
        except Exception as error:  # reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=worker, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    check(not errors, f"no request failed ({errors[:3]})")
    return results


def main():
    wait_until_up()
    edition = next(e for e in Edition.objects.order_by("-year") if e.is_registration_open())
    program = ProgramPage.for_edition(edition, language="fr")
    registration_page = RegistrationPage.for_edition(edition, language="fr")
    schedule = program.get_url()
    form = registration_page.get_url()
    say(f"edition {edition.year}: schedule {schedule}, registration {form}")

    # --- Through nginx over HTTPS -----------------------------------------------------------
    redirect = requests.get(f"http://127.0.0.1:{HTTP}/", allow_redirects=False, timeout=10)
    check(
        redirect.status_code == 301 and redirect.headers["Location"].startswith("https://"),
        "plain HTTP is redirected to HTTPS",
    )
    for path in ("/", schedule, schedule + "schedule.xml", form):
        response = get(path)
        check(response.status_code == 200, f"{path} answers 200 through nginx over HTTPS")
    check(
        "<schedule" in get(schedule + "schedule.xml").text,
        "schedule.xml is the schedule",
    )
    first, second = get(schedule), get(schedule)
    check(
        second.headers.get("X-Cache") == "hit",
        f"the second read of the schedule is a Varnish hit ({first.headers.get('X-Cache')}, "
        f"{second.headers.get('X-Cache')})",
    )
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', get("/").text)
    check(stylesheet is not None, "pages link fingerprinted static files")
    static = get(stylesheet.group(1), headers={"Accept-Encoding": "gzip"}, stream=True)
    check(
        static.status_code == 200
        and "immutable" in static.headers.get("Cache-Control", "")
        and static.headers.get("Content-Encoding") == "gzip"
        and "X-Cache" not in static.headers,
        "nginx serves them from disk, compressed, kept a year",
    )

    rendition = re.search(r'src="(/media/images/[^"]+)"', get("/2026/").text)
    check(rendition is not None, "pages show image renditions from /media/images/")
    check(get(rendition.group(1)).status_code == 200, "nginx serves renditions from disk")
    original = next((WORK / "media" / "original_images").iterdir()).name
    check(
        get(f"/media/original_images/{original}").status_code == 404,
        "originals (they may carry GPS data) are not served",
    )

    # --- A session shared by both app servers -------------------------------------------------
    browser = requests.Session()
    login = app(1, "/admin/login/", browser)
    token = csrf_token(login.text)
    signed_in = app(
        1,
        "/admin/login/",
        browser,
        method="POST",
        data={
            "csrfmiddlewaretoken": token,
            "username": "admin",
            "password": os.environ["ADMIN_PASSWORD"],
        },
        headers={"Referer": f"{SITE}/admin/login/"},
    )
    check(signed_in.status_code == 302, "signed in through app server 1")
    check(app(2, "/admin/", browser).status_code == 200, "app server 2 knows the session")
    through_nginx = browser.get(SITE + "/admin/", verify=CERT, allow_redirects=False, timeout=30)
    check(through_nginx.status_code == 200, "so does nginx (whichever server Varnish picks)")
    logout_page = app(2, "/admin/", browser)
    signed_out = app(
        2,
        "/admin/logout/",
        browser,
        method="POST",
        data={"csrfmiddlewaretoken": csrf_token(logout_page.text) or browser.cookies["csrftoken"]},
        headers={"Referer": f"{SITE}/admin/"},
    )
    check(signed_out.status_code == 302, "signed out through app server 2")
    check(
        app(1, "/admin/", browser).status_code == 302,
        "app server 1 no longer knows the session (sent to the login page)",
    )

    # --- The registration rush -------------------------------------------------------------------
    active = Registration.objects.filter(edition=edition)
    confirmed_before = active.filter(status=RegistrationStatus.CONFIRMED).count()
    Edition.objects.filter(pk=edition.pk).update(capacity=confirmed_before + FREE_SEATS)
    capacity = confirmed_before + FREE_SEATS
    posts_before = [log_lines(n, r'"POST [^"]*HTTP') for n in (1, 2)]
    # The demo's own tasks (search and reference index) first: then only the rush's are left.
    check(tasks_done(timeout=120), "the task workers emptied the queue of the demo's tasks")
    before = set(DBTaskResult.objects.values_list("pk", flat=True))
    addresses = [f"rush{n}@loopback.example.org" for n in range(PEOPLE)]

    def register(address):
        person = requests.Session()
        page = get(form, person)
        token = csrf_token(page.text)
        response = person.post(
            SITE + form,
            data={
                "csrfmiddlewaretoken": token,
                "first_name": "Rush",
                "last_name": address.split("@")[0],
                "email": address,
                "category": "individual",
                "consent": "on",
            },
            headers={"Referer": SITE + form},
            verify=CERT,
            allow_redirects=False,
            timeout=60,
        )
        return response.status_code

    began = time.monotonic()
    statuses = run_at_once(register, addresses)
    took = time.monotonic() - began
    check(
        collections.Counter(statuses.values()) == {302: PEOPLE},
        f"{PEOPLE} registrations posted at once through nginx in {took:.1f}s, all accepted "
        f"({collections.Counter(statuses.values())})",
    )
    posts = [
        log_lines(n, r'"POST [^"]*HTTP') - before
        for n, before in zip((1, 2), posts_before, strict=True)
    ]
    check(all(count > 0 for count in posts), f"spread over both app servers: {posts} POSTs")
    check(tasks_done(), "the task workers emptied the queue")
    confirm_links = {}
    for recipient, text in mails():
        for link in re.findall(r"https://\S+/confirmer/\S+/", text):
            confirm_links.setdefault(recipient, []).append(link)
    check(
        sorted(confirm_links) == sorted(addresses)
        and all(len(links) == 1 for links in confirm_links.values()),
        "each person got one confirmation e-mail, with the link",
    )

    def confirm(address):
        person = requests.Session()
        link = confirm_links[address][0].replace(SITE, "")
        page = get(link, person)
        response = person.post(
            SITE + link,
            data={"csrfmiddlewaretoken": csrf_token(page.text)},
            headers={"Referer": SITE + link},
            verify=CERT,
            allow_redirects=False,
            timeout=60,
        )
        return response.status_code

    began = time.monotonic()
    statuses = run_at_once(confirm, addresses)
    took = time.monotonic() - began
    check(
        collections.Counter(statuses.values()) == {200: PEOPLE},
        f"{PEOPLE} confirmations at once for {FREE_SEATS} free seats in {took:.1f}s "
        f"({collections.Counter(statuses.values())})",
    )
    rush = Registration.objects.filter(edition=edition, email__in=addresses)
    per_person = rush.values("email").annotate(n=Count("pk"))
    check(
        rush.count() == PEOPLE and all(row["n"] == 1 for row in per_person),
        "each person registered once",
    )
    confirmed = Registration.objects.filter(edition=edition, status=RegistrationStatus.CONFIRMED)
    check(
        confirmed.count() == capacity,
        f"confirmed = capacity ({confirmed.count()} / {capacity}), never more",
    )
    waiting = list(
        Registration.objects.filter(edition=edition)
        .waiting()
        .values_list("waiting_position", flat=True)
    )
    check(
        waiting == list(range(1, len(waiting) + 1)) and len(waiting) >= PEOPLE - FREE_SEATS,
        f"waiting positions 1..{len(waiting)} without gaps",
    )
    check(tasks_done(), "the task workers emptied the queue again")
    results = DBTaskResult.objects.exclude(pk__in=before)
    check(
        set(results.values_list("task_path", flat=True))
        == {"registrations.tasks.send_registration_email"},
        "the rush queued e-mail tasks only",
    )
    claims = collections.Counter(len(result.worker_ids) for result in results)
    by_worker = collections.Counter(tuple(result.worker_ids) for result in results)
    check(
        set(results.values_list("status", flat=True)) == {"SUCCESSFUL"}
        and claims == {1: results.count()},
        f"{results.count()} e-mail tasks, each claimed by one worker and run once "
        f"({dict(by_worker)})",
    )
    kinds = collections.Counter()
    for recipient, _text in mails():
        if recipient in addresses:
            kinds[recipient] += 1
    check(
        all(kinds[address] == 2 for address in addresses),
        "each person got exactly two e-mails (confirm, then ticket or waiting list)",
    )

    # --- A published page is fresh everywhere ---------------------------------------------------
    home = HomePage.objects.live().filter(locale__language_code="fr").first().specific
    # (The rush's confirmations may have emptied Varnish: the pages show the seats left.)
    for _ in range(20):
        if get("/").headers.get("X-Cache") == "hit":
            break
        time.sleep(0.2)
    check(get("/").headers.get("X-Cache") == "hit", "the home page is kept by Varnish")
    marker = f"Loopback {int(time.time())}"
    home.seo_title = marker
    home.save_revision().publish()
    published = time.monotonic()
    # The app servers' page cache is in Redis, its version bumped by the publication itself.
    check(
        all(marker in app(n, "/").text for n in (1, 2)),
        "a page published from another process is fresh at once on both app servers",
    )
    # Wagtail asks Varnish to purge through the task queue: a worker does it within a second.
    while marker not in (through_nginx := get("/")).text and time.monotonic() - published < 15:
        time.sleep(0.1)
    check(
        marker in through_nginx.text,
        f"and through nginx after {time.monotonic() - published:.1f}s (a worker purged Varnish)",
    )
    say(f"all checks passed in {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    main()
