"""The open data of the figures page: one row per edition, the same numbers as the page.

Column names are stable English codes (not translated), so scripts keep working in any language.
CSV: UTF-8 with a byte order mark (LibreOffice and Excel then read accents right), comma
separated, fields quoted only when they need it (RFC 4180), empty when a figure was not counted.
"""

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder

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
]


def records(rows):
    return [{column: row.get(column) for column in COLUMNS} for row in rows]


def to_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records(rows):
        writer.writerow(
            [
                ""
                if value is None
                else ("true" if value is True else "false")
                if isinstance(value, bool)
                else value
                for value in record.values()
            ]
        )
    return "\ufeff" + out.getvalue()


def to_json(rows):
    return json.dumps(
        {"columns": COLUMNS, "editions": records(rows)},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
