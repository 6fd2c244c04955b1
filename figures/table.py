"""The table of the figures across editions: one row per figure, one column per edition."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registrations.choices import Category

from .templatetags.figures_tags import number, percent, signed

SOURCE_LABELS = {
    "computed": _("Counted from registrations"),
    "frozen": _("Counted, then kept when personal data was removed"),
    "reported": _("Entered by the organizers"),
}


def _growth(row):
    if row["growth"] is None:
        return number(None)
    return f"{signed(row['growth'])} ({percent(row['growth_rate'], True)})"


def _attended(row):
    """Attended: only for an edition held (people at the door); "—" for one to come."""
    return number(row["participants"] if row["held"] else None)


# One word per meaning: "Attended" (Présents) for the people at the door of an edition held,
# "Registered" (Inscrits) for confirmed registrations, so far for an edition to come.
ROWS = [
    (pgettext_lazy("figures", "Attended"), _attended),
    (_("Change on the edition before"), _growth),
    (pgettext_lazy("figures", "Registered"), lambda row: number(row["confirmed"])),
    (pgettext_lazy("figures", "Registration requests"), lambda row: number(row["registered"])),
    (pgettext_lazy("figures", "On the waiting list"), lambda row: number(row["waiting"])),
    (pgettext_lazy("figures", "Cancelled"), lambda row: number(row["cancelled"])),
    (pgettext_lazy("figures", "Checked in at the door"), lambda row: number(row["checked_in"])),
    (_("No-show rate"), lambda row: percent(row["no_show_rate"])),
    (_("Sessions"), lambda row: number(row["sessions"])),
    (pgettext_lazy("figures", "of which workshops"), lambda row: number(row["workshops"])),
    (_("Speakers"), lambda row: number(row["speakers"])),
    (_("Sponsors"), lambda row: number(row["sponsors"])),
    (_("Exhibitors"), lambda row: number(row["exhibitors"])),
    (_("Online audience"), lambda row: number(row["online_audience"])),
    (_("Source"), lambda row: str(SOURCE_LABELS[row["source"]])),
]

COUNTED = ("participants", "registered", "confirmed", "sessions", "speakers", "sponsors")


def has_figures(row):
    """False for an edition to come with nothing yet (just created): no column of zeros."""
    return row["held"] or any(row.get(key) for key in COUNTED)


def figures_table(rows):
    return [{"label": label, "cells": [cell(row) for row in rows]} for label, cell in ROWS]


def category_table(rows):
    """Participants by category, for the editions that counted them (None when none did)."""
    counted = [row for row in rows if row["participants_by_category"] is not None]
    if not counted:
        return None
    return {
        "years": counted,
        "lines": [
            {
                "label": label,
                "cells": [number(row["participants_by_category"][code]) for row in counted],
            }
            for code, label in Category.choices
        ],
    }
