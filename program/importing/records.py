"""The neutral form every parser returns: no database, no Django models."""

import datetime
from dataclasses import dataclass, field


@dataclass
class Conference:
    acronym: str = ""
    title: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    time_zone_name: str = ""
    url: str = ""


@dataclass
class RoomRecord:
    name: str
    guid: str | None = None  # the source's, as text; a UUID or not


@dataclass
class SpeakerRecord:
    key: str  # how sessions point at this person in the file: code, guid, id or name
    name: str
    code: str = ""  # pretalx's code, frab's person id
    guid: str | None = None
    biography: str = ""
    avatar: str = ""  # an http(s) address of their picture, when the source gives one


@dataclass
class SessionRecord:
    key: str  # the source's GUID, else "id:<id>"
    guid: str | None
    title: str
    start: datetime.datetime  # aware, in the edition's time zone
    duration: datetime.timedelta
    room: str = ""  # room name; "" when the source gives none
    subtitle: str = ""
    abstract: str = ""
    description: str = ""  # plain text
    track: str = ""
    type: str = ""
    language: str = ""
    do_not_record: bool = False
    persons: list = field(default_factory=list)  # SpeakerRecord keys, in order
    links: list = field(default_factory=list)  # (url, title, type)
    label: str = ""  # names the event in messages: 'event 42 “Title”'
    code: str = ""  # pretalx's talk code (from the API, or from an export's talk address)

    @property
    def end(self):
        return self.start + self.duration


@dataclass
class Schedule:
    format: str  # "frab XML", "C3VOC JSON v1", "C3VOC JSON v2"
    version: str = ""
    conference: Conference = field(default_factory=Conference)
    rooms: list = field(default_factory=list)  # RoomRecord, in the source's order
    tracks: list = field(default_factory=list)  # names
    speakers: dict = field(default_factory=dict)  # key -> SpeakerRecord
    sessions: list = field(default_factory=list)  # SessionRecord
    warnings: list = field(default_factory=list)
