"""A participant's own program kept on their registration: the sessions they marked with a star
(program/my_program.py's codes) beside their workshops, in one list with its clashes.

Only published, scheduled sessions count: a session withdrawn from the program drops out of
the list and the feed, a moved one shows its new time (everything is read again each time).
"""

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.db import transaction

from program.models import Session
from program.my_program import MAX_SELECTED, PARAMETER, SEPARATOR, Selection, clashes

from ..choices import SeatStatus
from ..models import Registration

PASTE_LIMIT = 20_000  # characters read from what was pasted: far more than MAX_SELECTED codes
_IN_ADDRESS = re.compile(rf"[?&]{PARAMETER}=([^&#\s]*)")
_SPACES = re.compile(r"[\s,;]+")


def selection_from_text(text):
    """The codes of what a participant pasted: a My program address (its `?s=`), or codes
    separated by dashes, commas or spaces. An address without codes holds none."""
    text = (text or "")[:PASTE_LIMIT].strip()
    found = _IN_ADDRESS.search(text)
    if found:
        return Selection(unquote(found.group(1)))
    if "/" in text:
        return Selection("")
    return Selection(_SPACES.sub(SEPARATOR, text))


def _scheduled(queryset):
    return queryset.filter(live=True, start__isnull=False, end__isnull=False)


@dataclass
class MarkOutcome:
    added: list = field(default_factory=list)  # the sessions added, in time order
    already: int = 0  # in the program already
    unknown: int = 0  # codes matching no published session of the edition, or malformed
    over_limit: int = 0  # left out: the program keeps MAX_SELECTED sessions at most

    @property
    def found_any(self):
        return bool(self.added or self.already)


def mark_sessions(registration, text):
    """Add to the registration's program the sessions whose codes `text` holds (two to four
    queries); codes of another edition or of no published session are counted, not kept."""
    selection = selection_from_text(text)
    outcome = MarkOutcome()
    if not selection.codes:
        outcome.unknown = selection.rejected
        return outcome
    sessions = _scheduled(Session.objects.filter(edition_id=registration.edition_id))
    found = selection.resolve(sessions.only("pk", "guid", "title", "start", "end"))
    outcome.unknown = selection.unknown
    with transaction.atomic():
        # One change at a time per registration: the limit holds, the pairs stay unique.
        Registration.objects.select_for_update().filter(pk=registration.pk).exists()
        marked = set(registration.marked_sessions.values_list("pk", flat=True))
        new = [session for session in found if session.pk not in marked]
        outcome.already = len(found) - len(new)
        room = max(MAX_SELECTED - len(marked), 0)
        outcome.added, outcome.over_limit = new[:room], max(len(new) - room, 0)
        if outcome.added:
            registration.marked_sessions.add(*outcome.added)
    return outcome


def unmark_session(registration, session_id):
    """Take a session out of the registration's program; the session, or None if not there."""
    through = Registration.marked_sessions.through
    rows = through.objects.filter(registration_id=registration.pk, session_id=session_id)
    row = rows.select_related("session").only("pk", "session__title").first()
    if row is None:
        return None
    rows.delete()
    return row.session


def clear_marked_sessions(registrations):
    """Forget the marked sessions of a queryset of registrations (a purge)."""
    Registration.marked_sessions.through.objects.filter(registration__in=registrations).delete()


def marked_sessions(registration):
    """The published, scheduled sessions marked, in time order, with their rooms (one query)."""
    queryset = _scheduled(registration.marked_sessions.all()).select_related("room")
    return list(queryset.order_by("start", "end", "title"))


def _time_order(session):
    """Scheduled sessions by start, end and title; unscheduled ones last."""
    start, end = session.start, session.end
    return (
        start is None,
        start.timestamp() if start else 0,
        end.timestamp() if end else 0,
        session.title,
    )


@dataclass
class ProgramItem:
    session: object
    seat: object = None  # the registration's seat in this workshop, if any
    marked: bool = False
    clashes: bool = False


def program_of(seats, marked):
    """The workshops (`seats`, sessions read with them) and the marked sessions as one list in
    time order, each session once; a confirmed seat or a mark that overlaps another clashes."""
    items = {seat.session_id: ProgramItem(seat.session, seat=seat) for seat in seats}
    for session in marked:
        items.setdefault(session.pk, ProgramItem(session)).marked = True
    ordered = sorted(items.values(), key=lambda item: _time_order(item.session))
    clashing = clashes(
        [
            item.session
            for item in ordered
            if item.session.start
            and item.session.end
            and (item.marked or item.seat.status == SeatStatus.CONFIRMED)
        ]
    )
    for item in ordered:
        item.clashes = item.session.pk in clashing
    return ordered


def feed_sessions(registration):
    """What the private calendar feed holds: the published, scheduled workshops with a confirmed
    seat and the marked sessions, each once, in time order (two queries)."""
    seats = registration.seats.filter(status=SeatStatus.CONFIRMED).select_related(
        "session", "session__room"
    )
    workshops = {
        seat.session.pk: seat.session
        for seat in seats.filter(
            session__live=True, session__start__isnull=False, session__end__isnull=False
        )
    }
    sessions = {**{s.pk: s for s in marked_sessions(registration)}, **workshops}
    ordered = sorted(sessions.values(), key=_time_order)
    return ordered, set(workshops)
