"""The open data of the figures page: one row per edition, the same numbers as the page.

Column names are stable English codes (not translated), so scripts keep working in any language.
CSV: UTF-8 with a byte order mark (LibreOffice and Excel then read accents right), comma
separated, fields quoted only when they need it (RFC 4180), empty when a figure was not counted;
text a spreadsheet would run as a formula gets a leading apostrophe (home.exports).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder

from home import exports
from program.choices import SessionKind
from registrations.choices import Category

CATEGORY_COLUMNS = [f"participants_{code}" for code in Category.values]
KINDS = [code for code in SessionKind.values if code != SessionKind.BREAK]
KIND_COLUMNS = [f"sessions_{code}" for code in KINDS]

COLUMNS = [
    "year",
    "name",
    "held",
    "source",
    "participants",
    "participants_basis",
    "growth",
    "growth_rate",
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
    *CATEGORY_COLUMNS,
    *KIND_COLUMNS,
]


def _record(row):
    record = {column: row.get(column) for column in COLUMNS}
    by_category = row.get("participants_by_category")
    for code, column in zip(Category.values, CATEGORY_COLUMNS, strict=True):
        record[column] = by_category.get(code) if by_category is not None else None
    for code, column in zip(KINDS, KIND_COLUMNS, strict=True):
        record[column] = row.get("sessions_by_kind", {}).get(code, 0)
    return record


def records(rows):
    return [_record(row) for row in rows]


def _csv_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def to_csv(rows):
    """The CSV file, as bytes."""
    table = [[_csv_value(value) for value in record.values()] for record in records(rows)]
    return exports.write([exports.sheet("editions", COLUMNS, table)], "csv")


def to_json(rows):
    return json.dumps(
        {"columns": COLUMNS, "editions": records(rows)},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
