"""Demo registrations: the registration page of each edition with online registration, about
120 fictional people for the upcoming edition and about 600 for 2026 (about 510 checked in,
most of whom were also seen at the workshop they had a seat in).

Every name is made up. Idempotent: an edition that already has registrations is left alone.
"""

import datetime
import random

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from home.demo_tools import add_child_page, translate_page
from home.models import Edition, EditionPage
from program.models import Session

from .choices import Category, RegistrationStatus, SeatStatus
from .models import Registration, RegistrationPage, WorkshopAttendance, WorkshopSeat

FIRST_NAMES = [
    "Amandine", "Bastien", "Céline", "Damien", "Elsa", "Fabien", "Gaëlle", "Hugo", "Inès",
    "Jules", "Karima", "Loïc", "Manon", "Nathan", "Océane", "Pierre", "Quentin", "Rose",
    "Samir", "Théo", "Ursule", "Victor", "Wassila", "Xavier", "Yasmine", "Zoé", "Anaïs",
    "Benoît", "Chloé", "Driss", "Émilie", "Florent", "Gilles", "Hélène", "Isabelle", "Jérôme",
    "Kevin", "Léa", "Mathis", "Nadia", "Olivier", "Pauline", "Rémi", "Sophie", "Tristan",
    "Valérie", "William", "Yann", "Agathe", "Baptiste",
]  # fmt: skip
LAST_NAMES = [
    "Arnaud", "Blanchard", "Chevalier", "Delorme", "Estève", "Faure", "Giraud", "Humbert",
    "Imbert", "Jacquet", "Klein", "Lambert", "Mercier", "Noël", "Olivier", "Perrin", "Quintin",
    "Roux", "Sabatier", "Tessier", "Vidal", "Wagner", "Barbier", "Collet", "Dumas", "Fontaine",
    "Gauthier", "Henry", "Jourdan", "Lemoine", "Marchand", "Navarro", "Picard", "Renaud",
    "Simon", "Teyssier", "Vincent", "Bonnet", "Chauvin", "Duval",
]  # fmt: skip
ORGANIZATIONS = {
    Category.COMPANY: ["Libre Alpes SARL", "Coopérative Chartreuse", "Isère Logiciels", ""],
    Category.ASSOCIATION: ["Association Numérique Libre", "Les Petits Débrouillards", "GUILDE"],
    Category.PUBLIC_BODY: ["Ville fictive de Belleplaine", "Communauté de communes du Val", ""],
    Category.RESEARCH: ["Laboratoire d'informatique (démo)", "Lycée des Alpes (démo)"],
    Category.STUDENT: ["", "École d'ingénieurs (démo)"],
    Category.INDIVIDUAL: [""],
}
CATEGORY_WEIGHTS = {
    Category.COMPANY: 30,
    Category.ASSOCIATION: 15,
    Category.PUBLIC_BODY: 20,
    Category.RESEARCH: 10,
    Category.STUDENT: 10,
    Category.INDIVIDUAL: 15,
}
NEEDS = ["", "", "", "", "", "", "", "", "Fauteuil roulant", "Boucle magnétique, s'il vous plaît"]
DIETS = ["", "", "", "", "", "Végétarien", "Sans gluten", "Végan"]

INTRO_FR = (
    "<p>L'entrée est gratuite. L'inscription permet de préparer l'accueil et de réserver votre "
    "place dans les ateliers, dont les places sont limitées.</p>"
)
INTRO_EN = (
    "<p>Admission is free. Registering helps us welcome you and books your seat in the "
    "workshops, which have limited places.</p>"
)


def load_pages():
    pages = []
    editions = Edition.objects.filter(Q(number=4) | Q(year=2026))
    for edition_page in EditionPage.objects.filter(
        edition__in=editions, locale__language_code="fr"
    ):
        page = add_child_page(
            edition_page, RegistrationPage(title="Inscription", slug="inscription", intro=INTRO_FR)
        )
        translate_page(page, "en", title="Registration", slug="register", intro=INTRO_EN)
        pages.append(page)
    return pages


def ensure_window(edition):
    """2026 was held before the site: give it a (closed) window so the page says "closed"."""
    if edition.registration_opens_at is None:
        tz = timezone.get_default_timezone()
        edition.registration_opens_at = datetime.datetime.combine(
            edition.start_date - datetime.timedelta(days=60), datetime.time(9), tz
        )
        edition.registration_closes_at = datetime.datetime.combine(
            edition.start_date - datetime.timedelta(days=1), datetime.time(18), tz
        )
        edition.save(update_fields=["registration_opens_at", "registration_closes_at"])


def people(rng, count, edition, start, end):
    """Unsaved fictional registrations, spread over the registration window."""
    categories = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    span = max((end - start).total_seconds(), 3600)
    rows = []
    for n in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        category = rng.choices(categories, weights)[0]
        created = start + datetime.timedelta(seconds=rng.uniform(0, span))
        rows.append(
            Registration(
                edition=edition,
                first_name=first,
                last_name=last,
                email=f"{slugify(first)}.{slugify(last)}.{edition.year}.{n}@example.org",
                organization=rng.choice(ORGANIZATIONS[category]),
                category=category,
                accessibility_needs=rng.choice(NEEDS),
                dietary_needs=rng.choice(DIETS) if edition.serves_food else "",
                consented_at=created,
                newsletter=rng.random() < 0.3,
                language="en" if rng.random() < 0.12 else "fr",
                created_at=created,
            )
        )
    rows.sort(key=lambda row: row.created_at)
    return rows


def set_status(row, status, rng, position=None):
    row.status = status
    if status == RegistrationStatus.PENDING:  # recent, so their links still work
        row.created_at = row.consented_at = timezone.now() - datetime.timedelta(
            minutes=rng.randint(5, 1200)
        )
    if status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING):
        row.confirmed_at = row.created_at + datetime.timedelta(minutes=rng.randint(2, 600))
    if status == RegistrationStatus.CANCELLED:
        row.cancelled_at = row.created_at + datetime.timedelta(days=rng.randint(1, 10))
    row.waiting_position = position


def assign_statuses(rows, rng, plan):
    """plan: [(status, count)] in order of registration; waiting get positions 1, 2..."""
    index = 0
    position = 0
    for status, count in plan:
        for row in rows[index : index + count]:
            if status == RegistrationStatus.WAITING:
                position += 1
                set_status(row, status, rng, position)
            else:
                set_status(row, status, rng)
        index += count
    rng.shuffle(rows)  # statuses mixed over time, except that the waiting list came last
    return rows


def workshop_seats(rng, registrations, sessions):
    """Seats for confirmed people: each workshop filled up to (or past) its seats."""
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    seats = []
    taken = set()
    for session in sessions:
        wanted = min(len(confirmed), (session.seats or 20) + rng.randint(-4, 4))
        confirmed_here = waiting = 0
        for registration in rng.sample(confirmed, wanted):
            # One workshop at a time: skip people already in a workshop at the same hour.
            if (registration.pk, session.start) in taken:
                continue
            taken.add((registration.pk, session.start))
            full = session.seats is not None and confirmed_here >= session.seats
            if full:
                waiting += 1
            else:
                confirmed_here += 1
            seats.append(
                WorkshopSeat(
                    registration=registration,
                    session=session,
                    status=SeatStatus.WAITING if full else SeatStatus.CONFIRMED,
                    position=waiting if full else None,
                    created_at=registration.created_at,
                )
            )
    return WorkshopSeat.objects.bulk_create(seats)


def load_edition(rng, edition, count, plan, checked_in=0):
    start = edition.registration_opens_at
    end = min(edition.registration_closes_at, timezone.now())
    rows = assign_statuses(people(rng, count, edition, start, end), rng, plan)
    if checked_in:
        confirmed = [r for r in rows if r.status == RegistrationStatus.CONFIRMED]
        for row in rng.sample(confirmed, min(checked_in, len(confirmed))):
            row.checked_in_at = datetime.datetime.combine(
                edition.start_date,
                datetime.time(8, 30),
                timezone.get_default_timezone(),
            ) + datetime.timedelta(minutes=rng.randint(0, 240))
    registrations = Registration.objects.bulk_create(rows)
    sessions = list(
        Session.objects.filter(edition=edition, registration_required=True, live=True).order_by(
            "start"
        )
    )
    seats = workshop_seats(rng, registrations, sessions)
    if checked_in:
        workshop_attendance(rng, seats)
    return len(registrations), len(seats)


def workshop_attendance(rng, seats):
    """Most confirmed seat holders who came to the edition also came to their workshop."""
    WorkshopAttendance.objects.bulk_create(
        WorkshopAttendance(
            seat=seat,
            checked_in_at=max(seat.session.start, seat.registration.checked_in_at),
        )
        for seat in seats
        if seat.status == SeatStatus.CONFIRMED
        and seat.registration.checked_in_at
        and seat.session.start
        and rng.random() < 0.85
    )


def load(stdout):
    rng = random.Random(4242)
    pages = load_pages()
    messages = [f"{len(pages)} registration pages"]
    past = Edition.objects.filter(year=2026).first()
    if past is not None:
        ensure_window(past)
        if not past.registrations.exists():
            count, seats = load_edition(
                rng,
                past,
                600,
                [
                    (RegistrationStatus.CONFIRMED, 560),
                    (RegistrationStatus.CANCELLED, 25),
                    (RegistrationStatus.EXPIRED, 15),
                ],
                checked_in=510,
            )
            messages.append(f"2026: {count} registrations, {seats} workshop seats")
    upcoming = Edition.objects.filter(number=4).first()
    if (
        upcoming is not None
        and upcoming.registration_opens_at
        and not upcoming.registrations.exists()
    ):
        count, seats = load_edition(
            rng,
            upcoming,
            120,
            [
                (RegistrationStatus.CONFIRMED, 100),
                (RegistrationStatus.PENDING, 12),
                (RegistrationStatus.CANCELLED, 5),
                (RegistrationStatus.EXPIRED, 3),
            ],
        )
        messages.append(f"{upcoming.year}: {count} registrations, {seats} workshop seats")
    stdout.write("Registrations: " + "; ".join(messages) + ".")
