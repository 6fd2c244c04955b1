"""Cells of the spreadsheets the site writes (CSV, XLSX, ODS) that must never run as formulas.

Text typed by participants and sponsors ends up in organizers' LibreOffice or Excel. A cell that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return can be read as a formula there
(`=HYPERLINK(...)`, `=WEBSERVICE(...)`, DDE): such text gets a leading apostrophe, the usual
mark of "this is text", so it shows as typed and never runs. Numbers, dates and empty cells
are left as they are: a negative number stays a number.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# "+33 6 12 34 56 78": digits and separators only, nothing a spreadsheet could call.
_PHONE_NUMBER = re.compile(r"\+[\d ().-]+")


def spreadsheet_safe(value):
    """`value` as a cell that a spreadsheet shows as typed and never evaluates."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PHONE_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def spreadsheet_safe_row(values):
    return [spreadsheet_safe(value) for value in values]


class SpreadsheetSafeExportMixin:
    """For Wagtail's listing views with CSV/XLSX exports: every exported cell made safe."""

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))
