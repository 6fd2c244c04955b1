"""E-mails the rules send on their own: to the seat holders of a workshop that moved, changed
room or was cancelled (once per schedule version), and the reminder before an edition (once per
registration).

A schedule version is recorded once per publication that changed the program (program/changes.py),
so several saves of one publication write once; a person holding seats in several of the changed
workshops gets one e-mail listing them.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..choices import EmailKind, RegistrationStatus, SeatStatus
from ..models import Registration, WorkshopSeat
from ..notify import queue_email
from ..workshop_changes import matters_to_seat_holders


def _seat_holders(guids):
    return WorkshopSeat.objects.filter(
        session__guid__in=guids,
        status=SeatStatus.CONFIRMED,
        registration__status=RegistrationStatus.CONFIRMED,
        registration__purged_at__isnull=True,
    )


def tell_seat_holders(version):
    """Queue one e-mail per confirmed participant holding a seat in a workshop that the
    version moved, changed room, cancelled or brought back. Returns how many (one query)."""
    guids = [change["guid"] for change in version.changes if matters_to_seat_holders(change)]
    if not guids:
        return 0
    registration_ids = sorted(set(_seat_holders(guids).values_list("registration_id", flat=True)))
    for registration_id in registration_ids:
        queue_email(registration_id, EmailKind.WORKSHOP_CHANGED, version_id=version.pk)
    return len(registration_ids)


def on_version_recorded(sender, version, **kwargs):
    tell_seat_holders(version)


# Reminders ------------------------------------------------------------------------------------


def reminder_day(edition):
    """The first day the edition's reminder goes out (Paris time), or None when it has none."""
    if edition.reminder_days is None or not edition.start_date:
        return None
    return edition.start_date - datetime.timedelta(days=edition.reminder_days)


def due_reminders(edition, today=None):
    """The confirmed registrations of `edition` still owed a reminder today: from the reminder
    day until the eve of the edition, to those confirmed before that day (the others got their
    ticket lately) and never reminded."""
    today = today or timezone.localdate()
    first_day = reminder_day(edition)
    if first_day is None or not (first_day <= today < edition.start_date):
        return Registration.objects.none()
    starts = datetime.datetime.combine(first_day, datetime.time(), timezone.get_default_timezone())
    return Registration.objects.filter(
        Q(confirmed_at__lt=starts) | Q(confirmed_at__isnull=True),
        edition=edition,
        status=RegistrationStatus.CONFIRMED,
        purged_at__isnull=True,
        reminded_at__isnull=True,
    ).exclude(email="")


def send_reminders(edition, today=None):
    """Queue the reminder of each registration due one, marking them in the same transaction;
    rows another run holds are skipped, so that two runs at once never remind anyone twice.
    Returns how many were queued (two queries whatever their number)."""
    with transaction.atomic():
        due = due_reminders(edition, today).select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True))
        Registration.objects.filter(pk__in=ids).update(reminded_at=timezone.now())
        for pk in ids:
            queue_email(pk, EmailKind.REMINDER)
    return len(ids)
