"""Import a schedule made elsewhere (pretalx, frab, Pentabarf) into an edition: issue 14.

`parsers.parse(data)` reads frab XML or C3VOC JSON into neutral records (records.py), and
`pretalx.load(url, token)` reads them from a pretalx event's REST API; `sources.load()` is the
one entry for a file, an address or an API;
`service.plan_import(edition, schedule)` compares them with the database and says what would
change; `service.apply_import(edition, plan)` writes it in one transaction.
"""

from .parsers import ScheduleImportError, parse, read_source  # noqa: F401
from .service import apply_import, plan_import  # noqa: F401
from .sources import load  # noqa: F401
