"""Demo registrations: the registration page of each edition with online registration, and
fictional people (fixtures/demo/registrations.toml says who and how many).

The people go through the services as if they had used the site: each registers, with their
workshops, at a moment of the edition's registration window; most confirm a few hours later,
some cancel days after, those who never confirm expire. At a past edition most of them are
checked in at the door, and at the workshops they hold a seat in. The workshops' waiting lists
are thus the services' own. Nothing is mailed to these made-up people: the whole load runs
under `notify.muted()`, which queues no e-mail.

Idempotent: an edition that already has registrations is left alone.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from home.demo_tools import demo_data
from home.editions import publish_child_page, publish_translation
from home.models import Edition, EditionPage
from program.models import Session

from . import services
from .choices import RegistrationStatus, SeatStatus
from .models import Registration, RegistrationPage, WorkshopSeat
from .notify import muted
from .tokens import confirmation_delay

MINUTE = datetime.timedelta(minutes=1)


@dataclass
class Person:
    fate: str  # the status the registration ends in
    details: dict  # register()'s keyword arguments
    registered_at: datetime.datetime
    workshops: list = field(default_factory=list)
    registration: Registration | None = None


def find_edition(plan):
    lookup = {key: plan[key] for key in ("year", "number") if key in plan}
    return Edition.objects.filter(**lookup).first()


def load_pages(page, editions):
    pages = []
    for edition_page in EditionPage.objects.filter(
        edition__in=editions, locale__language_code="fr"
    ):
        fr = RegistrationPage(
            title=page["title"]["fr"],
            slug=page["slug"]["fr"],
            intro=page["intro"]["fr"],
            show_in_menus=page.get("menu", True),
        )
        fr = publish_child_page(edition_page, fr)
        publish_translation(
            fr, "en", title=page["title"]["en"], slug=page["slug"]["en"], intro=page["intro"]["en"]
        )
        pages.append(fr)
    return pages


def at(day, clock):
    """`day` at `clock` ("HH:MM"), in the site's time zone."""
    return datetime.datetime.combine(
        day, datetime.time.fromisoformat(clock), timezone.get_default_timezone()
    )


def ensure_window(edition, window):
    """2026 was held before the site: give it a (closed) window so the page says "closed"."""
    if edition.registration_opens_at is None and window:
        days = datetime.timedelta(days=1)
        edition.registration_opens_at = at(
            edition.start_date - window["opens_days_before"] * days, window["opens_at"]
        )
        edition.registration_closes_at = at(
            edition.start_date - window["closes_days_before"] * days, window["closes_at"]
        )
        edition.save(update_fields=["registration_opens_at", "registration_closes_at"])


def registered_at(rng, fate, start, end, now, timing):
    """When a person registers: the pending ones lately (their link still works), the expired
    ones early enough to have missed the confirmation delay, the others at any time."""
    if fate == RegistrationStatus.PENDING:
        moment = now - rng.randint(*timing["pending_since_minutes"]) * MINUTE
        return min(max(moment, start), end)
    if fate == RegistrationStatus.EXPIRED:
        end = max(start, end - confirmation_delay() - 60 * MINUTE)
    return start + (end - start) * rng.random()


def make_people(rng, data, edition, statuses, start, end, now):
    categories = data["categories"]
    weights = [category["weight"] for category in categories.values()]
    fates = [status for status, count in statuses.items() for _ in range(count)]
    rng.shuffle(fates)
    people = []
    for n, fate in enumerate(fates):
        first, last = rng.choice(data["first_names"]), rng.choice(data["last_names"])
        category = rng.choices(list(categories), weights)[0]
        details = {
            "first_name": first,
            "last_name": last,
            "email": f"{slugify(first)}.{slugify(last)}.{edition.year}.{n}@example.org",
            "organization": rng.choice(categories[category]["organizations"]),
            "category": category,
            "accessibility_needs": rng.choice(data["accessibility_needs"]),
            "dietary_needs": rng.choice(data["dietary_needs"]),  # register() drops it if no food
            "newsletter": rng.random() < data["newsletter_share"],
            "language": "en" if rng.random() < data["english_share"] else "fr",
        }
        moment = registered_at(rng, fate, start, end, now, data["timing"])
        people.append(Person(fate, details, moment))
    return people


def fits(chosen, session):
    """Whether a person may add this workshop: the services refuse two at the same time."""
    ordered = sorted([*chosen, session], key=lambda s: (s.start, s.pk))
    return not any(
        first.end and second.start and second.start < first.end
        for first, second in zip(ordered, ordered[1:], strict=False)
    )


def choose_workshops(rng, people, sessions, demand):
    """Each workshop is asked for by about as many people as it has seats, among those who end
    up confirmed; a share of the others asks for one workshop too."""
    confirmed = [p for p in people if p.fate == RegistrationStatus.CONFIRMED]
    spread = demand["demand_spread"]
    for session in sessions:
        wanted = (session.seats or 20) + rng.randint(-spread, spread)
        for person in rng.sample(confirmed, len(confirmed)):
            if wanted <= 0:
                break
            if fits(person.workshops, session):  # else they chose the other one at that time
                person.workshops.append(session)
                wanted -= 1
    for person in people:
        others = person.fate != RegistrationStatus.CONFIRMED
        if others and sessions and rng.random() < demand["others_asking"]:
            person.workshops.append(rng.choice(sessions))


def timeline(rng, people, edition, now, timing):
    """[(moment, action, person)] in order: register, confirm (then maybe cancel)."""
    doors = at(edition.start_date, timing["doors_open"])
    events = []
    for n, person in enumerate(people):
        events.append((person.registered_at, 0, n, "register", person))
        if person.fate not in (RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED):
            continue
        minutes = rng.randint(*timing["confirm_after_minutes"])
        confirmed = min(person.registered_at + minutes * MINUTE, now)
        events.append((confirmed, 1, n, "confirm", person))
        if person.fate == RegistrationStatus.CANCELLED:
            days = datetime.timedelta(days=rng.randint(*timing["cancel_after_days"]))
            cancelled = max(min(person.registered_at + days, doors - 60 * MINUTE, now), confirmed)
            events.append((cancelled, 2, n, "cancel", person))
    events.sort(key=lambda event: event[:3])
    return [(moment, action, person) for moment, _order, _n, action, person in events]


def live_through(edition, events):
    for moment, action, person in events:
        if action == "register":
            outcome = services.register(
                edition, **person.details, sessions=person.workshops, now=moment
            )
            person.registration = outcome.registration
        elif action == "confirm":
            services.confirm(person.registration, now=moment)
        else:
            services.cancel(person.registration, now=moment, notify=False)


def check_in(rng, edition, count, data):
    """`count` confirmed people arrive at the doors, most seat holders at their workshops."""
    timing = data["timing"]
    doors = at(edition.start_date, timing["doors_open"])
    confirmed = list(Registration.objects.confirmed().filter(edition=edition).order_by("pk"))
    arrived = {}
    for registration in rng.sample(confirmed, min(count, len(confirmed))):
        moment = doors + rng.randint(0, timing["arrivals_over_minutes"]) * MINUTE
        services.check_in(registration, now=moment)
        arrived[registration.pk] = moment
    seats = WorkshopSeat.objects.filter(
        registration_id__in=arrived, status=SeatStatus.CONFIRMED, session__start__isnull=False
    ).select_related("session")
    for seat in seats.order_by("pk"):
        if rng.random() < data["workshops"]["attendance"]:
            moment = max(seat.session.start, arrived[seat.registration_id])
            services.attend_workshop(seat, now=moment)


def load_edition(rng, data, edition, plan, now):
    start = edition.registration_opens_at
    end = min(edition.registration_closes_at or now, now) - MINUTE
    people = make_people(rng, data, edition, plan["statuses"], start, end, now)
    sessions = Session.objects.filter(edition=edition, registration_required=True, live=True)
    choose_workshops(rng, people, list(sessions.order_by("start", "pk")), data["workshops"])
    live_through(edition, timeline(rng, people, edition, now, data["timing"]))
    services.expire_pending(now=end)  # the last ones who never confirmed
    if plan.get("checked_in"):
        check_in(rng, edition, plan["checked_in"], data)
    seats = WorkshopSeat.objects.filter(registration__edition=edition).count()
    return f"{edition.year}: {len(people)} registrations, {seats} workshop seats"


def load(stdout):
    data = demo_data("registrations", "registrations")
    rng = random.Random(4242)
    now = timezone.now()
    plans = [(find_edition(plan), plan) for plan in data["editions"]]
    plans = [(edition, plan) for edition, plan in plans if edition is not None]
    pages = load_pages(data["page"], [edition for edition, _plan in plans])
    messages = [f"{len(pages)} registration pages"]
    with muted():
        for edition, plan in plans:
            ensure_window(edition, plan.get("window"))
            if edition.registration_opens_at and not edition.registrations.exists():
                messages.append(load_edition(rng, data, edition, plan, now))
    stdout.write("Registrations: " + "; ".join(messages) + ".")
