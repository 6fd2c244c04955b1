"""Schedule versions: what each publication changed in an edition's program.

Each version keeps a snapshot of the edition's published sessions (title, start, end, room,
speakers, by guid); a publication compares the program as it now is with the latest snapshot
and records a version only when something a reader cares about changed. One publication, one
version: an admin publish (program/signals.py) or a whole import (importing/service.py).
A fixed number of queries whatever the size of the program.
"""

import datetime
import threading
from contextlib import contextmanager

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .choices import SessionKind

# The fields compared, in the order a change lists them.
FIELDS = ("title", "start", "end", "room", "speakers")
ADDED, CANCELLED, CHANGED = "added", "cancelled", "changed"

# Sent with `version=` inside the transaction that records a schedule version: apps above
# program tell people about it (registrations writes to the seat holders of moved workshops).
version_recorded = Signal()


def snapshot_of(session_model, edition_id):
    """{guid: {title, start, end, room, speakers}} of the edition's published sessions (breaks
    too: a moved lunch matters). Two queries; `session_model` may be a migration's model."""
    sessions = (
        session_model.objects.filter(edition_id=edition_id, live=True)
        .select_related("room")
        .prefetch_related("session_speakers__speaker")
        .only("guid", "title", "start", "end", "room__name", "kind")
    )
    result = {}
    for session in sessions:
        rows = sorted(session.session_speakers.all(), key=lambda row: (row.sort_order, row.pk))
        result[str(session.guid)] = {
            "title": session.title,
            "start": session.start.isoformat() if session.start else None,
            "end": session.end.isoformat() if session.end else None,
            "room": session.room.name if session.room_id else "",
            "speakers": [row.speaker.name for row in rows],
            "is_break": session.kind == SessionKind.BREAK,
        }
    return result


def differences(before, after):
    """The changes from one snapshot to the next, in a stable order (by start, then title)."""
    changes = []
    for guid, new in after.items():
        old = before.get(guid)
        if old is None:
            changes.append({"guid": guid, "title": new["title"], "kind": ADDED, "fields": []})
            continue
        fields = [
            {"field": name, "old": old.get(name), "new": new.get(name)}
            for name in FIELDS
            if old.get(name) != new.get(name)
        ]
        if fields:
            changes.append({"guid": guid, "title": new["title"], "kind": CHANGED, "fields": fields})
    for guid, old in before.items():
        if guid not in after:
            changes.append({"guid": guid, "title": old["title"], "kind": CANCELLED, "fields": []})

    def order(change):
        state = after.get(change["guid"]) or before.get(change["guid"])
        return (state.get("start") or "", change["title"])

    return sorted(changes, key=order)


_state = threading.local()


@contextmanager
def versions_paused():
    """Publications inside record no version: the demo loader publishes sessions one by one and
    then records the program as it stands with record_baseline()."""
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = False


def paused():
    return getattr(_state, "paused", False)


def record_baseline(edition_id, late=()):
    """The edition's program as it stands, as hidden version 0, when it has no version yet.

    Sessions whose GUID is in `late` are left out of it and recorded as version 1, added after
    the first publication (the demo shows a Changes page that way)."""
    from .models import ScheduleVersion, Session

    if ScheduleVersion.objects.filter(edition_id=edition_id).exists():
        return
    snapshot = snapshot_of(Session, edition_id)
    for guid in late:
        snapshot.pop(str(guid), None)
    ScheduleVersion.objects.create(edition_id=edition_id, number=0, changes=[], snapshot=snapshot)
    if late:
        record_version(edition_id)


def record_version(edition_id):
    """Record a version of the edition's program if it changed since the latest; returns it,
    or None when nothing a reader sees changed (a second save of the same publication)."""
    from .models import ScheduleVersion, Session

    if edition_id is None:
        return None
    with transaction.atomic():
        latest = (
            ScheduleVersion.objects.select_for_update()
            .filter(edition_id=edition_id)
            .order_by("-number")
            .only("number", "snapshot")
            .first()
        )
        now_state = snapshot_of(Session, edition_id)
        before = latest.snapshot if latest else {}
        changes = differences(before, now_state)
        if not changes:
            return None
        version = ScheduleVersion.objects.create(
            edition_id=edition_id,
            number=(latest.number + 1) if latest else 1,
            changes=changes,
            snapshot=now_state,
        )
        version_recorded.send(sender=ScheduleVersion, version=version)
        return version


# Display ---------------------------------------------------------------------------------------


def _when(value):
    if not value:
        return "—"
    moment = timezone.localtime(datetime.datetime.fromisoformat(value))
    return date_format(moment, "DATETIME_FORMAT")


def _shown(name, value):
    if name in ("start", "end"):
        return _when(value)
    if name == "speakers":
        return ", ".join(value or []) or "—"
    return value or "—"


def field_label(name):
    return {
        "title": _("Title"),
        "start": _("Start"),
        "end": _("End"),
        "room": _("Room"),
        "speakers": _("Speakers"),
    }[name]


def describe(change):
    """One change as the page and the feed show it, in the active language:
    {"title", "guid", "summary", "fields": [(label, old, new)]}."""
    summary = {
        ADDED: _("Added to the program"),
        CANCELLED: _("Cancelled"),
        CHANGED: _("Changed"),
    }[change["kind"]]
    fields = [
        (field_label(name), _shown(name, item["old"]), _shown(name, item["new"]))
        for item in change.get("fields", [])
        for name in [item["field"]]
    ]
    return {"title": change["title"], "guid": change["guid"], "summary": summary, "fields": fields}
