"""The figures of each edition, from a fixed number of queries whatever the number of editions.

Where a figure comes from (`source`):

- ``frozen``: the edition's `AttendanceTally`, kept before personal data was purged;
- ``computed``: counted now from registrations, check-ins, the program and the sponsors;
- ``reported``: entered by hand on the Edition (editions held before the site counted anything).

The figures are a plain, JSON-ready dict whose keys are codes, never translated words (labels are
given when rendering), so a frozen tally reads the same in every language and for ever.

Definitions:

- registered: every registration except those never confirmed by e-mail (expired);
- confirmed / waiting / cancelled / pending: registrations in that state now;
- checked in: registrations marked as arrived at the door;
- participants: for an edition held, those checked in (or, if nobody was checked in, those
  confirmed); before it is held, those confirmed so far (`participants_basis` says which);
- no-show rate: confirmed participants not checked in, out of confirmed (editions held only);
- per workshop: seats offered, seats confirmed, waiting list, and among confirmed seat holders
  those a volunteer marked present at the workshop itself (`WorkshopAttendance`; being checked
  in at the door says nothing about which workshop someone went to);
- sessions: published sessions except breaks; speakers: distinct people speaking in them;
- sponsors: distinct sponsors of the edition; exhibitors: those whose tier includes a booth;
- online audience: views on PeerTube of the edition's replays and room lives (each video once),
  as last read by `peertube_sync` or when organizers saved the session or room; for an edition
  with no such video stored (those held before the site), the figure entered on the Edition.
"""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from home.models import Edition
from program.choices import SessionKind
from program.models import PeerTubeVideo, Session, SessionSpeaker
from registrations.choices import Category, RegistrationStatus, SeatStatus
from registrations.models import Registration, WorkshopSeat
from sponsors.models import Sponsorship

from .models import AttendanceTally

FROZEN, COMPUTED, REPORTED = "frozen", "computed", "reported"
CHECKED_IN, CONFIRMED = "checked_in", "confirmed"

#: The main numbers, in the order of the open data and the table across editions.
MAIN_FIELDS = [
    "participants",
    "registered",
    "confirmed",
    "waiting",
    "cancelled",
    "checked_in",
    "no_show_rate",
    "sessions",
    "workshops",
    "speakers",
    "sponsors",
    "exhibitors",
    "online_audience",
]


def _status_count(status):
    return Count("pk", filter=Q(status=status))


def _registration_counts(edition_ids):
    rows = (
        Registration.objects.filter(edition_id__in=edition_ids)
        .order_by()
        .values("edition_id")
        .annotate(
            pending=_status_count(RegistrationStatus.PENDING),
            confirmed=_status_count(RegistrationStatus.CONFIRMED),
            waiting=_status_count(RegistrationStatus.WAITING),
            cancelled=_status_count(RegistrationStatus.CANCELLED),
            expired=_status_count(RegistrationStatus.EXPIRED),
            total=Count("pk"),
            checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
            confirmed_checked_in=Count(
                "pk",
                filter=Q(checked_in_at__isnull=False, status=RegistrationStatus.CONFIRMED),
            ),
        )
    )
    return {row.pop("edition_id"): row for row in rows}


def _category_counts(edition_ids):
    rows = (
        Registration.objects.filter(edition_id__in=edition_ids)
        .filter(Q(status=RegistrationStatus.CONFIRMED) | Q(checked_in_at__isnull=False))
        .order_by()
        .values("edition_id", "category")
        .annotate(
            confirmed=_status_count(RegistrationStatus.CONFIRMED),
            checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        )
    )
    result = defaultdict(dict)
    for row in rows:
        result[row["edition_id"]][row["category"]] = {
            "confirmed": row["confirmed"],
            "checked_in": row["checked_in"],
        }
    return result


def _workshops(edition_ids):
    seat = "workshop_seats"
    sessions = (
        Session.objects.filter(edition_id__in=edition_ids, live=True)
        .filter(Q(kind=SessionKind.WORKSHOP) | Q(registration_required=True))
        .order_by("edition_id", "start", "title")
        .values("edition_id", "pk", "title", "start", "seats")
        .annotate(
            seats_confirmed=Count("pk", filter=Q(**{f"{seat}__status": SeatStatus.CONFIRMED})),
            seats_waiting=Count("pk", filter=Q(**{f"{seat}__status": SeatStatus.WAITING})),
            attended=Count(
                "pk",
                filter=Q(
                    **{
                        f"{seat}__status": SeatStatus.CONFIRMED,
                        f"{seat}__attendance__isnull": False,
                    }
                ),
            ),
        )
    )
    result = defaultdict(list)
    for row in sessions:
        result[row["edition_id"]].append(
            {
                "title": row["title"],
                "start": timezone.localtime(row["start"]).isoformat() if row["start"] else None,
                "seats": row["seats"],
                "confirmed": row["seats_confirmed"],
                "waiting": row["seats_waiting"],
                "attended": row["attended"],
            }
        )
    return result


def _sessions_by_kind(edition_ids):
    rows = (
        Session.objects.filter(edition_id__in=edition_ids, live=True)
        .exclude(kind=SessionKind.BREAK)
        .order_by()
        .values("edition_id", "kind")
        .annotate(count=Count("pk"))
    )
    result = defaultdict(dict)
    for row in rows:
        result[row["edition_id"]][row["kind"]] = row["count"]
    return result


def _speakers(edition_ids):
    rows = (
        SessionSpeaker.objects.filter(session__edition_id__in=edition_ids, session__live=True)
        .exclude(session__kind=SessionKind.BREAK)
        .order_by()
        .values("session__edition_id")
        .annotate(count=Count("speaker_id", distinct=True))
    )
    return {row["session__edition_id"]: row["count"] for row in rows}


def _sponsors(edition_ids):
    rows = (
        Sponsorship.objects.filter(edition_id__in=edition_ids)
        .order_by()
        .values("edition_id")
        .annotate(
            sponsors=Count("sponsor_id", distinct=True),
            exhibitors=Count("sponsor_id", distinct=True, filter=Q(tier__includes_booth=True)),
        )
    )
    return {row.pop("edition_id"): row for row in rows}


def _online_audience(edition_ids):
    """{edition id: PeerTube views of its stored videos}, editions without any left out."""
    rows = (
        PeerTubeVideo.objects.filter(edition_id__in=edition_ids)
        .order_by()
        .values("edition_id")
        .annotate(views=Sum("views"))
    )
    return {row["edition_id"]: row["views"] for row in rows}


def _rate(part, whole):
    return round(part / whole, 4) if whole else None


def _compute_many(editions, today=None):
    """{edition id: computed figures} for these editions, in seven queries."""
    ids = [edition.pk for edition in editions]
    registrations = _registration_counts(ids)
    categories = _category_counts(ids)
    workshops = _workshops(ids)
    kinds = _sessions_by_kind(ids)
    speakers = _speakers(ids)
    sponsors = _sponsors(ids)
    audience = _online_audience(ids)
    result = {}
    for edition in editions:
        counts = registrations.get(edition.pk, {})
        confirmed = counts.get("confirmed", 0)
        checked_in = counts.get("checked_in", 0)
        held = edition.is_past(today)
        if held and checked_in:
            participants, basis = checked_in, CHECKED_IN
        else:
            participants, basis = confirmed, CONFIRMED
        no_show = None
        if held and checked_in and confirmed:
            no_show = _rate(confirmed - counts.get("confirmed_checked_in", 0), confirmed)
        by_kind = kinds.get(edition.pk, {})
        sponsor_counts = sponsors.get(edition.pk, {})
        by_category = categories.get(edition.pk, {})
        result[edition.pk] = {
            "participants": participants,
            "participants_basis": basis,
            "registered": counts.get("total", 0) - counts.get("expired", 0),
            "confirmed": confirmed,
            "waiting": counts.get("waiting", 0),
            "cancelled": counts.get("cancelled", 0),
            "pending": counts.get("pending", 0),
            # Not known before the edition is held: None ("—"), never a misleading 0.
            "checked_in": checked_in if held else None,
            "no_show_rate": no_show,
            "by_category": [
                {"category": code, **by_category[code]}
                for code in Category.values
                if code in by_category
            ],
            "workshop_attendance": workshops.get(edition.pk, []),
            "sessions": sum(by_kind.values()),
            "sessions_by_kind": {
                code: by_kind[code] for code in SessionKind.values if code in by_kind
            },
            "workshops": by_kind.get(SessionKind.WORKSHOP, 0),
            "speakers": speakers.get(edition.pk, 0),
            "sponsors": sponsor_counts.get("sponsors", 0),
            "exhibitors": sponsor_counts.get("exhibitors", 0),
            "online_audience": audience.get(edition.pk, edition.reported_online_audience)
            if held
            else None,
            "has_records": bool(counts.get("total")),
        }
    return result


def compute_tally(edition, today=None):
    """The figures of one edition counted from its records now (seven queries)."""
    return _compute_many([edition], today)[edition.pk]


def _reported(edition, computed):
    """An edition held before the site: the hand-entered figures, the program as recorded."""
    figures = dict(computed)
    figures.update(
        {
            "participants": edition.reported_participants,
            "participants_basis": REPORTED,
            "registered": None,
            "confirmed": None,
            "waiting": None,
            "cancelled": None,
            "pending": None,
            "checked_in": None,
            "no_show_rate": None,
            "by_category": [],
            "workshop_attendance": [],
        }
    )
    return figures


def _participants_by_category(figures):
    """{category: participants} on the same basis as `participants` (None: not counted)."""
    if figures["participants_basis"] == REPORTED:
        return None
    key = "checked_in" if figures["participants_basis"] == CHECKED_IN else "confirmed"
    counts = {item["category"]: item[key] for item in figures["by_category"]}
    return {code: counts.get(code, 0) for code in Category.values}


def _choose(edition, computed, tally):
    if tally is not None:
        figures, source = dict(tally.figures), FROZEN
        figures["frozen_at"] = tally.frozen_at
    elif not computed["has_records"] and edition.reported_participants is not None:
        figures, source = _reported(edition, computed), REPORTED
    else:
        figures, source = dict(computed), COMPUTED
    figures.pop("has_records", None)
    figures["participants_by_category"] = _participants_by_category(figures)
    figures["source"] = source
    figures["year"] = edition.year
    figures["name"] = edition.name
    figures["held"] = edition.is_past()
    return figures


def edition_figures(edition):
    """The figures to publish for one edition: frozen, else computed, else as reported."""
    tally = AttendanceTally.objects.filter(edition=edition).first()
    computed = compute_tally(edition) if tally is None else {"has_records": True}
    return _choose(edition, computed, tally)


def _growth(previous, current):
    if previous is None or current is None:
        return None, None
    change = current - previous
    return change, (_rate(change, previous) if previous else None)


def figures_across_editions():
    """Every edition, oldest first, with its figures and the growth of participants since the
    edition held before (none for an edition to come): nine queries whatever their number."""
    editions = list(Edition.objects.order_by("year"))
    tallies = {t.edition_id: t for t in AttendanceTally.objects.all()}
    to_compute = [edition for edition in editions if edition.pk not in tallies]
    computed = _compute_many(to_compute) if to_compute else {}
    rows = []
    previous = None
    for edition in editions:
        figures = _choose(
            edition, computed.get(edition.pk, {"has_records": True}), tallies.get(edition.pk)
        )
        # An edition to come is not compared: registrations so far are not attendance.
        held = figures["held"]
        growth, growth_rate = _growth(previous, figures["participants"]) if held else (None, None)
        figures["growth"] = growth
        figures["growth_rate"] = growth_rate
        rows.append(figures)
        if held and figures["participants"] is not None:
            previous = figures["participants"]
    return rows


def freeze_tally(edition, now=None):
    """Keep the edition's figures for good (idempotent: a tally once frozen never changes)."""
    existing = AttendanceTally.objects.filter(edition=edition).first()
    if existing is not None:
        return existing
    figures = compute_tally(edition)
    figures.pop("has_records", None)
    try:
        with transaction.atomic():
            return AttendanceTally.objects.create(
                edition=edition,
                figures=figures,
                participants=figures["participants"],
                registered=figures["registered"],
                confirmed=figures["confirmed"],
                checked_in=figures["checked_in"],
                online_audience=figures["online_audience"],
                frozen_at=now or timezone.now(),
            )
    except IntegrityError:  # frozen at the same moment by another process
        return AttendanceTally.objects.get(edition=edition)


def current_edition_counts(edition):
    """For the admin dashboard: registrations of the edition now, and workshop waiting lists."""
    counts = _registration_counts([edition.pk]).get(edition.pk, {})
    seats_waiting = WorkshopSeat.objects.filter(
        session__edition=edition, status=SeatStatus.WAITING
    ).count()
    return {
        "registered": counts.get("total", 0) - counts.get("expired", 0),
        "confirmed": counts.get("confirmed", 0),
        "checked_in": counts.get("checked_in", 0),
        "waiting": counts.get("waiting", 0),
        "seats_waiting": seats_waiting,
    }
