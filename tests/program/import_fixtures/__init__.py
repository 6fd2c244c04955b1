"""Schedules for the import tests (make_fixtures.py, pretalx_api/make_pretalx_api.py)."""

import json
from pathlib import Path

FIXTURES = Path(__file__).parent


def event_guid(index, name="alposs2027.json"):
    """The GUID of the index-th event (by id) of a C3VOC JSON fixture."""
    document = json.loads((FIXTURES / name).read_text())
    events = sorted(
        (
            e
            for d in document["schedule"]["conference"]["days"]
            for r in d["rooms"].values()
            for e in r
        ),
        key=lambda e: e["id"],
    )
    return events[index]["guid"]
