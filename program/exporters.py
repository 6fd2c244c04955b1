"""Schedule exports: frab XML, C3VOC JSON (v1) and iCalendar.

Each exporter takes an `ExportData` built from the same few queries and returns bytes. They
never query the database themselves: everything they need is prefetched (program/queries.py).
Formats and traps: ../shared/ref/peertube-and-schedule-notes.md, section 6.
"""

import datetime
import hashlib
import html
import json
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone
from django.utils.text import slugify

import icalendar
from lxml import etree

from .choices import EXPORT_TYPES, TRACK_HEX, SessionKind

GENERATOR = {"name": "alposs-site", "version": "0.1"}
TIME_ZONE_NAME = "Europe/Paris"
TIMESLOT = "00:05"
ICAL_EVENT_CACHE_SECONDS = 24 * 3600  # keyed on the content: never stale, only evicted
C3VOC_SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
TAG = re.compile(r"<[^>]*>")


def acronym_for(edition):
    """`alposs2026`: lowercase letters and digits only (the JSON schema refuses hyphens)."""
    acronym = re.sub(r"[^a-z0-9_]", "", slugify(edition.name).replace("-", ""))
    if len(acronym) < 4:
        acronym = f"edition{edition.year}"
    return acronym


def plain_text(rich_html):
    """Rich text as plain text: schedule apps show these fields raw."""
    if not rich_html:
        return ""
    text = re.sub(r"</(p|h[1-6]|li|blockquote)>", "\n", str(rich_html))
    text = re.sub(r"<br\s*/?>", "\n", text)
    # Our rich text is Wagtail's sanitized HTML: a regular expression strips it safely and is
    # much faster than an HTML parser over hundreds of sessions.
    text = html.unescape(TAG.sub("", text))
    return re.sub(r"\n{2,}", "\n\n", text).strip()


def hhmm(duration):
    minutes = int(duration.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass
class ExportData:
    """What every export needs, gathered once. `program_url` is absolute and ends with /."""

    edition: object
    sessions: list
    rooms: list
    tracks: list
    program_url: str
    title: str
    default_room_name: str = "AlpOSS"
    # The edition's latest schedule version (program/changes.py), if any: the exports' version.
    schedule_version: int | None = None
    days: list = field(init=False)

    def __post_init__(self):
        self.acronym = acronym_for(self.edition)
        by_day = {}
        for session in self.sessions:
            by_day.setdefault(timezone.localdate(session.start), []).append(session)
        self.days = []
        for index, day in enumerate(self.edition.days, start=1):
            sessions = by_day.get(day, [])
            tz = timezone.get_current_timezone()
            if sessions:
                start = min(s.start for s in sessions)
                end = max(s.end for s in sessions)
            else:
                start = datetime.datetime.combine(day, datetime.time(8), tz)
                end = datetime.datetime.combine(day, datetime.time(18), tz)
            self.days.append(
                {
                    "index": index,
                    "date": day,
                    "start": timezone.localtime(start),
                    "end": timezone.localtime(end),
                    "sessions": sessions,
                }
            )

    @property
    def version(self):
        if self.schedule_version:
            return str(self.schedule_version)
        published = [s.last_published_at for s in self.sessions if s.last_published_at]
        if not published:
            return "0"
        return timezone.localtime(max(published)).strftime("%Y-%m-%d %H:%M:%S")

    def session_url(self, session):
        return f"{self.program_url}{session.slug}/"

    def session_slug(self, session):
        """`alposs2026-42-my-talk`: matches both the XML and the JSON slug patterns."""
        tail = re.sub(r"[^a-z0-9_-]", "", (session.slug or "").lower()).strip("-_")
        return f"{self.acronym}-{session.pk}-{tail or 'session'}"

    def room_name(self, session):
        return session.room.name if session.room_id else self.default_room_name

    def rooms_of(self, sessions):
        """[(room name, room guid or None, sessions)] in room order, then sessions with no room."""
        grouped = {}
        for session in sessions:
            grouped.setdefault(session.room_id, []).append(session)
        result = [
            (room.name, room.guid, grouped[room.pk]) for room in self.rooms if room.pk in grouped
        ]
        if None in grouped:
            result.append((self.default_room_name, None, grouped[None]))
        return result

    def persons(self, session):
        rows = getattr(session, "speaker_rows", None)
        if rows is None:
            rows = session.session_speakers.all()
        return [row.speaker for row in rows]

    def links(self, session):
        """[(url, title, type)] with the video last, as type `media`."""
        rows = getattr(session, "link_rows", None)
        if rows is None:
            rows = session.links.all()
        links = [(link.url, link.title, link.link_type) for link in rows]
        if session.video_url and not session.do_not_record:
            links.append((session.video_url, "Video", "media"))
        return links

    def track_name(self, session):
        return session.track.name if session.track_id else ""


# frab XML -----------------------------------------------------------------------------------


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = str(text)
    return element


def frab_xml(data):
    root = etree.Element("schedule")
    _sub(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    _sub(root, "url", data.program_url)
    _sub(root, "version", data.version)
    conference = _sub(root, "conference")
    _sub(conference, "acronym", data.acronym)
    _sub(conference, "title", data.title)
    _sub(conference, "start", data.edition.start_date.isoformat())
    _sub(conference, "end", data.edition.end_date.isoformat())
    _sub(conference, "days", len(data.days))
    _sub(conference, "timeslot_duration", TIMESLOT)
    _sub(conference, "base_url", data.program_url)
    _sub(conference, "url", data.program_url)
    _sub(conference, "time_zone_name", TIME_ZONE_NAME)
    for track in data.tracks:
        attributes = {"name": track.name, "color": TRACK_HEX[track.colour]}
        if re.fullmatch(r"[a-z][a-z0-9-]+", track.slug):
            attributes["slug"] = track.slug
        _sub(conference, "track", **attributes)
    for day in data.days:
        day_element = _sub(
            root,
            "day",
            index=day["index"],
            date=day["date"].isoformat(),
            start=day["start"].isoformat(),
            end=day["end"].isoformat(),
        )
        for room_name, room_guid, sessions in data.rooms_of(day["sessions"]):
            attributes = {"name": room_name}
            if room_guid:
                attributes["guid"] = room_guid
            room_element = _sub(day_element, "room", **attributes)
            for session in sessions:
                _frab_event(room_element, data, session)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _frab_event(parent, data, session):
    event = _sub(parent, "event", id=session.pk, guid=session.guid)
    start = timezone.localtime(session.start)
    _sub(event, "date", start.isoformat())
    _sub(event, "start", start.strftime("%H:%M"))
    _sub(event, "duration", hhmm(session.duration))
    _sub(event, "room", data.room_name(session))
    _sub(event, "slug", data.session_slug(session))
    _sub(event, "url", data.session_url(session))
    _sub(event, "title", session.title)
    _sub(event, "subtitle", session.subtitle)
    _sub(event, "track", data.track_name(session))
    _sub(event, "type", EXPORT_TYPES[SessionKind(session.kind)])
    _sub(event, "language", session.language)
    _sub(event, "abstract", session.abstract)
    _sub(event, "description", plain_text(session.description))
    # The speaker's choice not to be recorded or streamed (frab's recording opt-out).
    recording = _sub(event, "recording")
    _sub(recording, "license", "")
    _sub(recording, "optout", "true" if session.do_not_record else "false")
    persons = _sub(event, "persons")
    for speaker in data.persons(session):
        _sub(persons, "person", speaker.name, id=speaker.pk, guid=speaker.guid)
    links = _sub(event, "links")
    for url, title, link_type in data.links(session):
        attributes = {"href": url, "type": link_type}
        if link_type == "media" and url == session.video_url:
            attributes["service"] = "peertube"
        _sub(links, "link", title, **attributes)


# C3VOC JSON (v1) ----------------------------------------------------------------------------


def c3voc_json(data):
    conference = {
        "acronym": data.acronym,
        "title": data.title,
        "start": data.edition.start_date.isoformat(),
        "end": data.edition.end_date.isoformat(),
        "daysCount": len(data.days),
        "timeslot_duration": TIMESLOT,
        "time_zone_name": TIME_ZONE_NAME,
        "url": data.program_url,
        "tracks": [
            {"name": track.name, "slug": track.slug, "color": TRACK_HEX[track.colour]}
            for track in data.tracks
            if re.fullmatch(r"[a-z0-9_-]+[a-z0-9]", track.slug)
        ],
        "rooms": [_c3voc_room(room) for room in data.rooms],
        "days": [
            {
                "index": day["index"],
                "date": day["date"].isoformat(),
                "day_start": day["start"].isoformat(),
                "day_end": day["end"].isoformat(),
                "rooms": {
                    room_name: [_c3voc_event(data, session) for session in sessions]
                    for room_name, _guid, sessions in data.rooms_of(day["sessions"])
                },
            }
            for day in data.days
        ],
    }
    document = {
        "$schema": C3VOC_SCHEMA_URL,
        "generator": dict(GENERATOR),
        "schedule": {
            "version": data.version,
            "base_url": data.program_url,
            "conference": conference,
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def _c3voc_room(room):
    result = {"name": room.name, "guid": str(room.guid)}
    slug = slugify(room.name)
    if re.fullmatch(r"[a-z0-9_-]+[a-z0-9]", slug):
        result["slug"] = slug
    if room.capacity is not None:
        result["capacity"] = room.capacity
    if room.access_notes:
        result["description"] = room.access_notes
    return result


def _c3voc_event(data, session):
    start = timezone.localtime(session.start)
    return {
        "guid": str(session.guid),
        "id": session.pk,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": timezone.localtime(session.end).isoformat(),
        "duration": hhmm(session.duration),
        "room": data.room_name(session),
        "slug": data.session_slug(session),
        "url": data.session_url(session),
        "title": session.title,
        "subtitle": session.subtitle or None,
        "track": data.track_name(session) or None,
        "type": EXPORT_TYPES[SessionKind(session.kind)],
        "language": session.language,
        "abstract": session.abstract or None,
        "description": plain_text(session.description) or None,
        # One person style only (pretalx's {name, guid}): mixing both fails the schema's oneOf.
        "persons": [{"name": s.name, "guid": str(s.guid)} for s in data.persons(session)],
        "links": [
            {"url": url, "title": title, "type": kind} for url, title, kind in data.links(session)
        ],
        "do_not_record": session.do_not_record,
    }


# iCalendar ----------------------------------------------------------------------------------


def ical_calendar(data, sessions=None, name=None):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//AlpOSS//alposs-site//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name or data.title)
    calendar.add("x-wr-timezone", TIME_ZONE_NAME)
    venue = data.edition.venue_name
    fields = [
        _ical_event_fields(data, session, venue)
        for session in (data.sessions if sessions is None else sessions)
    ]
    if fields:
        first = data.edition.start_date - datetime.timedelta(days=1)
        last = data.edition.end_date + datetime.timedelta(days=1)
        calendar.add_component(
            icalendar.Timezone.from_tzid(TIME_ZONE_NAME, first_date=first, last_date=last)
        )
    end = b"END:VCALENDAR\r\n"
    return calendar.to_ical().removesuffix(end) + b"".join(_ical_events(fields)) + end


def _ical_event_fields(data, session, venue):
    speakers = ", ".join(speaker.name for speaker in data.persons(session))
    description = "\n\n".join(
        part for part in (speakers, session.abstract, plain_text(session.description)) if part
    )
    return (
        f"{session.guid}@alposs",
        (session.last_published_at or timezone.now()).astimezone(datetime.UTC),
        timezone.localtime(session.start),
        timezone.localtime(session.end),
        session.title,
        ", ".join(part for part in (data.room_name(session), venue) if part),
        data.session_url(session),
        f"{description}\n\n{data.session_url(session)}".strip(),
        session.track.name if session.track_id else None,
    )


def _ical_events(all_fields):
    """Each VEVENT's bytes, cached under a hash of its fields.

    The icalendar library's serialisation (line folding walks every character) made most of
    the export's time; an edit now re-serialises the events it changed, not the whole program.
    """
    keys = [
        "program:vevent:" + hashlib.sha256(repr(fields).encode()).hexdigest()
        for fields in all_fields
    ]
    known = cache.get_many(keys)
    made = {}
    for key, fields in zip(keys, all_fields, strict=True):
        if key not in known and key not in made:
            made[key] = _ical_event(*fields).to_ical()
    if made:
        cache.set_many(made, ICAL_EVENT_CACHE_SECONDS)
    return [known.get(key) or made[key] for key in keys]


def _ical_event(uid, stamp, start, end, title, location, url, description, category):
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", title)
    event.add("location", location)
    event.add("url", url)
    event.add("description", description)
    if category:
        event.add("categories", [category])
    return event


EXPORTS = {
    "xml": (frab_xml, "application/xml; charset=utf-8", "schedule.xml"),
    "json": (c3voc_json, "application/json", "schedule.json"),
    "ics": (ical_calendar, "text/calendar; charset=utf-8", "schedule.ics"),
}
