"""A registration rush: 1,000 people register and confirm, 50 at a time, over HTTP.

    .venv/bin/python bench/registration_rush.py [--people 1000] [--clients 50]

One command: a fresh PostgreSQL database (dropped at the end), an empty Redis database, the
production settings (tasks in django-tasks-db's queue), an edition to come with 300 seats,
registration open, food served, and six workshops of 20 seats (three at 10:00, three at 14:00);
then two app servers, each gunicorn with 2 sync workers, behind no proxy: the clients say who
they are in X-Forwarded-For (ALPOSS_TRUSTED_PROXIES=127.0.0.1), one address per person, as
behind the TLS proxy.

Each of `--clients` threads (http.client, a new cookie jar per person) takes the next person
and talks to one of the two servers (by thread, alternately):
1. GET the registration form (CSRF cookie and token, the workshops offered);
2. POST it (one or two workshops for most people, none for a quarter) and expect the redirect
   to the "sent" page;
3. read the confirmation link that the queued mail holds: `RegistrationLinks(...).confirm`, the
   helper the mail uses, for the registration the POST created (one database lookup, in one
   helper thread, not timed);
4. GET the confirmation page, then POST its form.

No `db_worker` runs: the mails stay queued, so that each can be counted. Afterwards the script
checks, in the database: exactly 300 confirmed, the rest on the waiting list at positions
1..n in the order they confirmed (a person whose confirmation ended before another's began is
ahead), nobody twice, no workshop over its seats, no free workshop seat while someone waits,
each workshop list in confirmation order, edition-waiting people holding no workshop seat, and
for each person exactly one "confirm" mail and one "ticket" or "waiting" mail queued, nothing
else. Prints throughput, median and p95 per step and overall (ms), status codes, violations.
"""

import argparse
import concurrent.futures
import datetime
import http.client
import os
import re
import threading
import time
from collections import Counter, defaultdict
from urllib.parse import urlencode, urlsplit

import harness as h

CAPACITY, WORKSHOP_SEATS = 300, 20
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SESSION_CHOICE = re.compile(r'name="sessions" value="(\d+)"')
STEPS = ("form", "register", "confirm page", "confirm")


def build():
    home = h.migrated_home()
    from django.utils import timezone

    from program.choices import SessionKind
    from program.models import Room, Session
    from registrations.models import RegistrationPage

    day = h.future_day()
    now = timezone.now()
    edition, edition_page = h.build_edition(
        home,
        day.year,
        day,
        capacity=CAPACITY,
        registration_opens_at=now - datetime.timedelta(days=1),
        serves_food=True,
    )
    page = edition_page.add_child(
        instance=RegistrationPage(title="Inscription", slug="inscription")
    )
    rooms = [
        Room.objects.create(edition=edition, name=f"Atelier {n}", sort_order=n) for n in range(3)
    ]
    workshops = []
    for slot, hour in enumerate((10, 14)):
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        for n, room in enumerate(rooms):
            workshops.append(
                Session.objects.create(
                    edition=edition,
                    kind=SessionKind.WORKSHOP,
                    title=f"Atelier {slot * 3 + n}",
                    slug=f"atelier-{slot * 3 + n}",
                    room=room,
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    seats=WORKSHOP_SEATS,
                    registration_required=True,
                    live=True,
                    last_published_at=now,
                )
            )
    return edition, page, [session.pk for session in workshops]


def choices_of(number, workshops):
    """A morning and an afternoon workshop for half the people, one for a quarter, none else."""
    morning, afternoon = workshops[:3], workshops[3:]
    if number % 4 == 3:
        return []
    if number % 4 == 2:
        return [morning[number % 3]]
    return [morning[number % 3], afternoon[(number // 3) % 3]]


class Client:
    """One browser: keep-alive when the server allows it, cookies, timings per step."""

    def __init__(self, port, address):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = {}
        self.address = address

    def request(self, method, path, record, step, form=None):
        headers = {"X-Forwarded-For": self.address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read().decode()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            record(step, None, time.perf_counter() - started, started)
            raise RuntimeError(f"{step}: {error!r}") from error
        elapsed = time.perf_counter() - started
        record(step, response.status, elapsed, started)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, content, response.getheader("Location", "")


class Rush:
    def __init__(self, ports, form_path, workshops, people):
        self.ports = ports
        self.form_path = form_path
        self.workshops = workshops
        self.people = people
        self.lock = threading.Lock()
        self.next_person = 0
        self.timings = defaultdict(list)  # step -> seconds
        self.statuses = Counter()  # (step, status)
        self.confirmations = {}  # email -> (sent, received) of the confirming POST
        self.failures = []
        self.lookup = concurrent.futures.ThreadPoolExecutor(max_workers=1)

    def record(self, step, status, elapsed, started):
        with self.lock:
            self.timings[step].append(elapsed)
            self.statuses[(step, status)] += 1

    def take(self):
        with self.lock:
            if self.next_person >= self.people:
                return None
            self.next_person += 1
            return self.next_person - 1

    def run(self, clients):
        threads = [threading.Thread(target=self.client, args=(n,)) for n in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.lookup.shutdown()
        return time.perf_counter() - started

    def client(self, number):
        port = self.ports[number % len(self.ports)]
        while (person := self.take()) is not None:
            try:
                self.register_and_confirm(port, person)
            except Exception as error:  # counted, the rush goes on
                with self.lock:
                    self.failures.append(f"person {person}: {error}")

    def register_and_confirm(self, port, person):
        email = f"person{person}@rush.example.org"
        address = f"10.{person // 65536}.{person // 256 % 256}.{person % 256}"
        browser = Client(port, address)
        status, page, _ = browser.request("GET", self.form_path, self.record, "form")
        if status != 200:
            raise RuntimeError(f"form answered {status}")
        offered = {int(pk) for pk in SESSION_CHOICE.findall(page)}
        chosen = choices_of(person, self.workshops)
        if not set(chosen) <= offered:
            raise RuntimeError("the form does not offer the workshops")
        form = {
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
            "first_name": f"Camille{person}",
            "last_name": "Rush",
            "email": email,
            "organization": "",
            "category": "individual",
            "accessibility_needs": "",
            "dietary_needs": "Végétarien" if person % 5 == 0 else "",
            "consent": "on",
            "website": "",
            "sessions": chosen,
            "register": "Register",
        }
        if person % 2:
            form["newsletter"] = "on"
        status, _, location = browser.request("POST", self.form_path, self.record, "register", form)
        if status != 302 or "/envoyee/" not in location:
            raise RuntimeError(f"registration answered {status} {location}")
        link = self.lookup.submit(confirmation_link, email).result()
        path = urlsplit(link).path
        status, page, _ = browser.request("GET", path, self.record, "confirm page")
        if status != 200:
            raise RuntimeError(f"confirmation page answered {status}")
        form = {"csrfmiddlewaretoken": TOKEN.search(page).group(1)}
        sent = time.perf_counter()
        status, page, _ = browser.request("POST", path, self.record, "confirm", form)
        received = time.perf_counter()
        if status != 200:
            raise RuntimeError(f"confirmation answered {status}")
        with self.lock:
            self.confirmations[email] = (sent, received)


def confirmation_link(email):
    from registrations.links import RegistrationLinks
    from registrations.models import Registration

    registration = Registration.objects.select_related("edition").get(email=email)
    return RegistrationLinks(registration).confirm


def order_violations(times, rank):
    """People (of those in `rank`) placed behind someone whose confirmation began after theirs
    ended: `rank` maps a person to 0 (holds a seat) or their waiting position."""
    people = [person for person in rank if person in times]
    bad = 0
    for later in people:
        sent = times[later][0]
        if any(
            times[earlier][1] < sent and rank[earlier] > rank[later]
            for earlier in people
            if earlier != later
        ):
            bad += 1
    return bad


def check(edition, rush):
    """Each invariant: (description, violations)."""
    from django_tasks_db.models import DBTaskResult

    from registrations.choices import RegistrationStatus, SeatStatus
    from registrations.models import Registration, WorkshopSeat

    people = list(
        Registration.objects.filter(edition=edition).values(
            "pk", "email", "status", "waiting_position"
        )
    )
    by_pk = {person["pk"]: person for person in people}
    emails = Counter(person["email"] for person in people)
    expected = {f"person{n}@rush.example.org" for n in range(rush.people)}
    statuses = Counter(person["status"] for person in people)
    confirmed = {p["pk"] for p in people if p["status"] == RegistrationStatus.CONFIRMED}
    waiting = {
        p["pk"]: p["waiting_position"] for p in people if p["status"] == RegistrationStatus.WAITING
    }
    times = {
        p["pk"]: rush.confirmations[p["email"]] for p in people if p["email"] in rush.confirmations
    }
    rank = dict.fromkeys(confirmed, 0) | waiting

    results = [
        (
            "registrations missing, or present more than once",
            len(expected ^ set(emails)) + sum(n - 1 for n in emails.values()),
        ),
        (
            f"confirmed != {min(CAPACITY, rush.people)}",
            abs(len(confirmed) - min(CAPACITY, rush.people)),
        ),
        ("not confirmed nor waiting", len(people) - len(confirmed) - len(waiting)),
        (
            "waiting positions not exactly 1..n",
            len(set(range(1, len(waiting) + 1)) ^ set(waiting.values())),
        ),
        ("edition list out of confirmation order", order_violations(times, rank)),
    ]
    seats = list(
        WorkshopSeat.objects.filter(registration__edition=edition).values(
            "session_id", "session__seats", "registration_id", "status", "position"
        )
    )
    by_session = defaultdict(list)
    for seat in seats:
        by_session[seat["session_id"]].append(seat)
    over, free_while_waiting, bad_positions, out_of_order, wrong_holders = 0, 0, 0, 0, 0
    for session_seats in by_session.values():
        limit = session_seats[0]["session__seats"]
        held = [s for s in session_seats if s["status"] == SeatStatus.CONFIRMED]
        queued = [s for s in session_seats if s["status"] == SeatStatus.WAITING]
        over += max(0, len(held) - limit)
        free_while_waiting += bool(queued) and len(held) < limit
        bad_positions += len(set(range(1, len(queued) + 1)) ^ {s["position"] for s in queued})
        session_rank = {s["registration_id"]: 0 for s in held} | {
            s["registration_id"]: s["position"] for s in queued
        }
        out_of_order += order_violations(times, session_rank)
        for seat in session_seats:
            holds_edition_seat = seat["registration_id"] in confirmed
            wrong_holders += holds_edition_seat == (seat["status"] == SeatStatus.REQUESTED)
    chosen = Counter(by_pk[s["registration_id"]]["email"] for s in seats)
    wrong_choices = sum(
        chosen[f"person{n}@rush.example.org"] != len(choices_of(n, rush.workshops))
        for n in range(rush.people)
    )
    results += [
        ("workshop seats over capacity", over),
        ("workshops with a free seat while someone waits", free_while_waiting),
        ("workshop waiting positions not exactly 1..n", bad_positions),
        ("workshop lists out of confirmation order", out_of_order),
        (
            "seats held by someone without an edition seat, or requested by someone with one",
            wrong_holders,
        ),
        ("people whose workshop choices were not all recorded", wrong_choices),
    ]
    mails = Counter()
    tasks = DBTaskResult.objects.filter(task_path__endswith="send_registration_email")
    for args_kwargs in tasks.values_list("args_kwargs", flat=True):
        registration_id, kind = args_kwargs["args"][:2]
        mails[(registration_id, kind)] += 1
    wrong_mails = 0
    for person in people:
        wanted = {"confirm": 1}
        wanted["ticket" if person["pk"] in confirmed else "waiting"] = 1
        got = {kind: n for (pk, kind), n in mails.items() if pk == person["pk"]}
        wrong_mails += got != wanted
    results.append(
        ("people without exactly one confirm and one ticket/waiting mail queued", wrong_mails)
    )
    summary = {
        "registrations": len(people),
        "confirmed": len(confirmed),
        "waiting": len(waiting),
        "statuses": dict(statuses),
        "mails queued": sum(mails.values()),
        "workshop seats held": sum(1 for s in seats if s["status"] == SeatStatus.CONFIRMED),
        "workshop seats waiting": sum(1 for s in seats if s["status"] == SeatStatus.WAITING),
    }
    return results, summary


def verdict(met):
    return "ok" if met else "MISSED"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    started = time.monotonic()
    print(f"load average at start: {h.load_average()} on {os.cpu_count()} CPUs", flush=True)
    with h.Bench("rush") as bench:
        database_url = bench.database()
        env = h.environment(
            database_url, bench.redis_url(), bench.tmp, ALPOSS_TRUSTED_PROXIES="127.0.0.1"
        )
        h.use_environment(env)
        edition, page, workshops = build()
        servers = [bench.gunicorn(env, name=f"gunicorn-{n}") for n in range(2)]
        ports = [port for port, _ in servers]
        app_pids = [process.pid for _, process in servers]
        form_path = page.url
        h.log(f"built and started in {time.monotonic() - started:.0f} s; form at {form_path}")
        rush = Rush(ports, form_path, workshops, args.people)
        load_before = h.load_average()
        for port in ports:  # each worker connects to PostgreSQL
            for _ in range(4):
                h.get(port, form_path)
        database_pids = h.postgres_pids(database_url)
        cpu_before = h.cpu_seconds(*app_pids), h.cpu_seconds(*database_pids), time.process_time()
        elapsed = rush.run(args.clients)
        cpu = (
            h.cpu_seconds(*app_pids) - cpu_before[0],
            h.cpu_seconds(*database_pids) - cpu_before[1],
            time.process_time() - cpu_before[2],
        )
        print(
            f"{args.people} people, {args.clients} clients, 2 app servers x 2 gunicorn workers, "
            f"edition of {CAPACITY}, {len(workshops)} workshops of {WORKSHOP_SEATS}; "
            f"load average {load_before} before, {h.load_average()} after"
        )
        requests = sum(len(values) for values in rush.timings.values())
        print(
            f"{elapsed:.1f} s: {len(rush.confirmations) / elapsed:.1f} people registered and "
            f"confirmed per second, {requests / elapsed:.1f} requests/s"
        )
        per_person = [1000 * seconds / args.people for seconds in cpu]
        print(
            "CPU per person (4 requests): app servers {:.0f} ms, PostgreSQL {:.0f} ms, "
            "this client {:.0f} ms (the {:.0f} s of CPU the rush took, on {} CPUs)".format(
                *per_person, sum(cpu), os.cpu_count()
            )
        )
        print("| step | requests | median ms | p95 ms | max ms | statuses |")
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        everything = []
        for step in STEPS:
            values = [v * 1000 for v in rush.timings[step]]
            everything += values
            codes = ", ".join(
                f"{status or 'error'}: {n}"
                for (name, status), n in sorted(rush.statuses.items(), key=str)
                if name == step
            )
            median, p95 = h.summary(values)
            figures = f"{len(values)} | {median:.0f} | {p95:.0f} | {max(values):.0f}"
            print(f"| {step} | {figures} | {codes} |")
        median, p95 = h.summary(everything)
        print(f"| all | {len(everything)} | {median:.0f} | {p95:.0f} | {max(everything):.0f} | |")
        server_errors = sum(
            n for (_, status), n in rush.statuses.items() if status and status >= 500
        )
        for failure in rush.failures[:10]:
            print("failure:", failure)
        results, summary = check(edition, rush)
        print("after the rush:", summary)
        violations = 0
        for description, count in results:
            violations += count
            print(f"  {count:>4}  {description}")
        print(
            f"targets: invariant violations {violations} (0) {verdict(violations == 0)}; "
            f"5xx {server_errors} (0) {verdict(server_errors == 0)}; "
            f"failed people {len(rush.failures)}; "
            f"p95 {p95:.0f} ms (< 1000) {verdict(p95 < 1000)}"
        )
        print(f"load average at end: {h.load_average()}; {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
