"""A Schedule as JSON and back: what the admin keeps of a program read from an address (an API
answers in several requests, so there is no one file to keep), to apply it later unchanged."""

import dataclasses
import datetime
import json

from .records import Conference, RoomRecord, Schedule, SessionRecord, SpeakerRecord


def _default(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    raise TypeError(type(value).__name__)


def dumps(schedule):
    return json.dumps(dataclasses.asdict(schedule), default=_default).encode()


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def loads(data):
    raw = json.loads(bytes(data))
    conference = raw.pop("conference")
    conference.update(start=_date(conference["start"]), end=_date(conference["end"]))
    sessions = []
    for item in raw.pop("sessions"):
        item["start"] = datetime.datetime.fromisoformat(item["start"])
        item["duration"] = datetime.timedelta(seconds=item["duration"])
        item["links"] = [tuple(link) for link in item["links"]]
        sessions.append(SessionRecord(**item))
    return Schedule(
        **{
            **raw,
            "conference": Conference(**conference),
            "rooms": [RoomRecord(**room) for room in raw["rooms"]],
            "speakers": {key: SpeakerRecord(**s) for key, s in raw["speakers"].items()},
            "sessions": sessions,
        }
    )
