"""Which changes of a schedule version concern the seat holders of a workshop, and what the
e-mail telling them says (services/notices.py queues it, emails.py writes it)."""

from program.changes import ADDED, CANCELLED, CHANGED, describe

from .choices import SeatStatus
from .models import WorkshopSeat

# What a seat holder is told about: where and when the workshop is, and whether it happens.
# ADDED is a workshop published again after being withdrawn: its seat holders hear it is back.
WATCHED_FIELDS = {"start", "end", "room"}


def matters_to_seat_holders(change):
    if change["kind"] in (CANCELLED, ADDED):
        return True
    return change["kind"] == CHANGED and any(
        item["field"] in WATCHED_FIELDS for item in change.get("fields", [])
    )


def workshop_changes(registration, version):
    """What `version` changed in the workshops `registration` holds a seat in, described in the
    active language (program.changes.describe): empty when none concerns it any more."""
    held = {
        str(guid)
        for guid in WorkshopSeat.objects.filter(
            registration=registration, status=SeatStatus.CONFIRMED
        ).values_list("session__guid", flat=True)
    }
    return [
        describe(change)
        for change in version.changes
        if change["guid"] in held and matters_to_seat_holders(change)
    ]
