"""The admin's imports (program.ScheduleImport): read once, planned as often as organizers
change the kinds, applied once, in one transaction, only if the plan is still the one shown."""

import hashlib
import json

from django.db import transaction
from django.utils import timezone, translation

from .parsers import parse
from .service import apply_import, plan_import, source_types
from .sources import load
from .stored import dumps, loads


def read(edition, user, *, data=None, name="", url="", token=""):
    """A ScheduleImport (unsaved) for the bytes of an upload or what `url` answers.

    Raises ScheduleImportError if it cannot be read or planned; the token is not kept.
    """
    from ..models import ScheduleImport

    if url:
        schedule = load(url, token=token)
        kind, stored, source = ScheduleImport.DataKind.RECORDS, dumps(schedule), url
    else:
        schedule = parse(data)
        kind, stored, source = ScheduleImport.DataKind.SOURCE, data, name
    plan_import(edition, schedule)  # refuses now what the plan would refuse
    return ScheduleImport(
        edition=edition,
        source=source[:500],
        format=schedule.format[:60],
        data_kind=kind,
        data=stored,
        kinds=source_types(schedule),
        created_by=user,
    )


def schedule_of(record):
    if record.data_kind == record.DataKind.RECORDS:
        return loads(record.data)
    return parse(bytes(record.data))


def kinds_of(record, schedule):
    """The source's types with the kind each maps to: the organizer's choice, else the map's."""
    return {t: record.kinds.get(t, k) for t, k in source_types(schedule).items()}


def plan_of(record, kinds=None):
    schedule = schedule_of(record)
    kinds = kinds if kinds is not None else kinds_of(record, schedule)
    return plan_import(record.edition, schedule, kinds=kinds)


def digest(plan):
    """What the organizer was shown, in one word: same digest, same import."""
    with translation.override("en"):
        lines = plan.report_lines()
    changes = [
        (record.key, sorted((name, repr(old), repr(new)) for name, (old, new) in c.items()))
        for _session, record, c in plan.updated
    ]
    text = json.dumps([lines, changes, sorted(plan.kinds.items())], default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class AlreadyApplied(Exception):
    pass


class PlanChanged(Exception):
    def __init__(self, plan):
        super().__init__()
        self.plan = plan


def apply(record, user, kinds, shown_digest):
    """Apply `record` if the plan recomputed now is the one shown; returns the plan.

    Raises AlreadyApplied, PlanChanged (with the new plan, nothing written) or
    ScheduleImportError.
    """
    from ..models import ScheduleImport

    with transaction.atomic():
        record = ScheduleImport.objects.select_for_update().get(pk=record.pk)
        if record.applied_at:
            raise AlreadyApplied
        record.kinds = kinds
        plan = plan_of(record, kinds)
        stale = digest(plan) != shown_digest
        if not stale:
            apply_import(record.edition, plan, user=user)
            record.report = "\n".join(plan.report_lines())
            record.applied_at, record.applied_by = timezone.now(), user
        record.save(update_fields=["kinds", "report", "applied_at", "applied_by"])
    if stale:
        raise PlanChanged(plan)
    return plan
