"""Read frab/Pentabarf XML and C3VOC schedule JSON (v1 and v2) into records.py's records.

The format is told from the content, never from the file name. Every error names the element
it is about, and is raised before anything is written.
"""

import datetime
import json
import re
import uuid
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from .records import Conference, RoomRecord, Schedule, SessionRecord, SpeakerRecord

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
GONE_STATES = {"CANCELED", "CANCELLED", "WITHDRAWN", "DELETED", "REJECTED"}


class ScheduleImportError(Exception):
    """Bad input: the message is for organizers and names the element at fault."""


def max_bytes():
    return getattr(settings, "ALPOSS_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def too_large(limit):
    return ScheduleImportError(
        _("The file is larger than %(limit)s: refused.") % {"limit": filesizeformat(limit)}
    )


def read_source(path):
    """The bytes of a local file, refused above the size limit."""
    limit = max_bytes()
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ScheduleImportError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
        ) from exc
    if len(data) > limit:
        raise too_large(limit)
    return data


def parse(data):
    """A Schedule from the bytes of a frab XML or C3VOC JSON file."""
    if len(data) > max_bytes():
        raise too_large(max_bytes())
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        return _parse_frab(data)
    if head == b"{":
        return _parse_c3voc(data)
    raise ScheduleImportError(
        _("Unknown format: neither a frab XML schedule nor a C3VOC JSON schedule.")
    )


# Shared helpers -----------------------------------------------------------------------------


PRETALX_TALK_ADDRESS = re.compile(r"/talk/([A-Za-z0-9]{4,16})/?$")


def pretalx_code(address):
    """The talk code in a pretalx talk address (…/<event>/talk/G9JGWY/), else ""."""
    match = PRETALX_TALK_ADDRESS.search(_text(address))
    return match.group(1) if match else ""


def _web_address(value):
    """An http(s) address, else "" (an avatar given as a relative path or data: is ignored)."""
    value = _text(value)
    return value if value.startswith(("http://", "https://")) else ""


def _text(value):
    if value is None:
        return ""
    if isinstance(value, dict):  # C3VOC v2 LocalizableString: {"fr": …, "en": …}
        for language in ("fr", "en"):
            if value.get(language):
                return str(value[language]).strip()
        return next((str(v).strip() for v in value.values() if v), "")
    return str(value).strip()


def _moment(value, label):
    """An aware datetime in the edition's time zone; a time without zone is an error."""
    try:
        moment = datetime.datetime.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        raise ScheduleImportError(
            _("%(event)s: “%(value)s” is not a date and time.") % {"event": label, "value": value}
        ) from None
    if timezone.is_naive(moment):
        raise ScheduleImportError(
            _("%(event)s: its time “%(value)s” has no time zone.")
            % {"event": label, "value": value}
        )
    return moment.astimezone(timezone.get_default_timezone())


DURATION_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,3}):(\d{2})(?::(\d{2}))?$")
DURATION_ISO = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def _duration(value, label):
    value = str(value or "").strip()
    match = DURATION_CLOCK.match(value)
    if match:
        days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
        if match.group(4) is not None and match.group(1) is None:
            pass  # HH:MM:SS
        elif match.group(1) is not None and match.group(4) is None:
            pass  # D:HH:MM
        duration = datetime.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    else:
        match = DURATION_ISO.match(value)
        if not match or value in ("P", "PT"):
            raise ScheduleImportError(
                _("%(event)s: “%(value)s” is not a duration.") % {"event": label, "value": value}
            )
        days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
        duration = datetime.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    if duration <= datetime.timedelta(0):
        raise ScheduleImportError(
            _("%(event)s: its duration must be more than zero.") % {"event": label}
        )
    return duration


def _date(value):
    value = _text(value)
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        raise ScheduleImportError(
            _("conference: “%(value)s” is not a date.") % {"value": value}
        ) from None


def _as_uuid(value):
    try:
        return str(uuid.UUID(str(value))) if value else None
    except ValueError:
        return None


def normalise_name(name):
    """Names compared without case, accents or extra spaces."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _label(identifier, title):
    return _("event %(id)s “%(title)s”") % {"id": identifier, "title": title}


class _Builder:
    """Collects records, checks what every format shares, and returns the Schedule."""

    def __init__(self, format_name):
        self.schedule = Schedule(format=format_name)
        self.room_names = {}

    def add_room(self, name, guid=None):
        name = _text(name)
        if not name:
            return ""
        if name not in self.room_names:
            record = RoomRecord(name=name, guid=_text(guid) or None)
            self.room_names[name] = record
            self.schedule.rooms.append(record)
        elif guid and not self.room_names[name].guid:
            self.room_names[name].guid = _text(guid)
        return name

    def add_track(self, name):
        name = _text(name)
        if name and name not in self.schedule.tracks:
            self.schedule.tracks.append(name)
        return name

    def add_person(self, *, name, code="", guid=None, ident="", biography="", avatar=""):
        name = _text(name)
        code, guid, ident = _text(code), _text(guid) or None, _text(ident)
        if code:
            key = f"code:{code}"
        elif guid:
            key = f"guid:{guid}"
        elif ident:
            key = f"id:{ident}"
        else:
            key = f"name:{normalise_name(name)}"
        if not name:
            return None
        known = self.schedule.speakers.get(key)
        if known is None:
            self.schedule.speakers[key] = SpeakerRecord(
                key=key,
                name=name,
                code=code,
                guid=guid,
                biography=_text(biography),
                avatar=_web_address(avatar),
            )
        else:
            if biography and not known.biography:
                known.biography = _text(biography)
            if avatar and not known.avatar:
                known.avatar = _web_address(avatar)
        return key

    def add_session(self, *, ident, guid, title, label_title=None, **fields):
        ident, guid = _text(ident), _text(guid)
        label = _label(guid or ident or "?", label_title or title)
        if not (guid or ident):
            raise ScheduleImportError(
                _("%(event)s has neither a GUID nor an id.") % {"event": label}
            )
        if not _text(title):
            raise ScheduleImportError(_("%(event)s has an empty title.") % {"event": label})
        key = guid or f"id:{ident}"
        record = SessionRecord(
            key=key, guid=_as_uuid(guid), title=_text(title), label=label, **fields
        )
        self.schedule.sessions.append(record)
        return record

    def finish(self):
        schedule = self.schedule
        seen = {}
        for record in schedule.sessions:
            if record.key in seen:
                raise ScheduleImportError(
                    _("%(event)s and %(other)s share the GUID or id %(key)s.")
                    % {"event": record.label, "other": seen[record.key].label, "key": record.key}
                )
            seen[record.key] = record
        codes = Counter(record.code for record in schedule.sessions if record.code)
        for record in schedule.sessions:
            if codes[record.code] > 1:  # a talk in two slots: its code names neither
                record.code = ""
        by_guid = {}
        for room in schedule.rooms:
            if room.guid:
                by_guid.setdefault(room.guid, []).append(room)
        for guid, rooms in by_guid.items():
            if len(rooms) > 1:
                schedule.warnings.append(
                    _("Rooms %(names)s share the GUID %(guid)s: rooms are matched by name.")
                    % {"names": ", ".join(f"“{r.name}”" for r in rooms), "guid": guid}
                )
                for room in rooms:
                    room.guid = None
        return schedule


# frab / Pentabarf XML -----------------------------------------------------------------------


def _parse_frab(data):
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ScheduleImportError(
            _("The XML file declares entities or external references (%(what)s): refused.")
            % {"what": type(exc).__name__}
        ) from None
    except SafeET.ParseError as exc:
        raise ScheduleImportError(_("Malformed XML: %(error)s") % {"error": exc}) from None
    if root.tag != "schedule":
        raise ScheduleImportError(
            _("Unknown format: the XML root element is <%(tag)s>, not <schedule>.")
            % {"tag": root.tag}
        )
    builder = _Builder("frab XML")
    schedule = builder.schedule
    schedule.version = _text(root.findtext("version"))
    conference = root.find("conference")
    if conference is not None:
        schedule.conference = Conference(
            acronym=_text(conference.findtext("acronym")),
            title=_text(conference.findtext("title")),
            start=_date(conference.findtext("start")),
            end=_date(conference.findtext("end")),
            time_zone_name=_text(conference.findtext("time_zone_name")),
            url=_text(conference.findtext("url") or conference.findtext("base_url")),
        )
        for track in conference.findall("track"):
            builder.add_track(track.get("name") or track.text)
    for day in root.findall("day"):
        for room in day.findall("room"):
            room_name = builder.add_room(room.get("name"), room.get("guid"))
            for event in room.findall("event"):
                _frab_event(builder, event, room_name)
    return builder.finish()


def _frab_event(builder, event, room_name):
    ident, guid = event.get("id"), event.get("guid")
    title = _text(event.findtext("title"))
    label = _label(guid or ident or "?", title)
    if event.findtext("date") is None:
        raise ScheduleImportError(_("%(event)s has no <date>.") % {"event": label})
    persons = []
    for person in event.iterfind("persons/person"):
        key = builder.add_person(name=person.text, guid=person.get("guid"), ident=person.get("id"))
        if key and key not in persons:
            persons.append(key)
    links = [
        (_text(link.get("href")), _text(link.text), _text(link.get("type")))
        for link in event.iterfind("links/link")
        if link.get("href")
    ]
    optout = _text(event.findtext("recording/optout")).lower() == "true"
    room = builder.add_room(event.findtext("room")) or room_name
    builder.add_session(
        ident=ident,
        guid=guid,
        title=title,
        start=_moment(event.findtext("date"), label),
        duration=_duration(event.findtext("duration"), label),
        room=room,
        subtitle=_text(event.findtext("subtitle")),
        abstract=_text(event.findtext("abstract")),
        description=_text(event.findtext("description")),
        track=builder.add_track(event.findtext("track")),
        type=_text(event.findtext("type")),
        language=_text(event.findtext("language")),
        do_not_record=optout,
        persons=persons,
        links=links,
        code=pretalx_code(event.findtext("url")),
    )


# C3VOC JSON ---------------------------------------------------------------------------------


def _parse_c3voc(data):
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ScheduleImportError(_("Malformed JSON: the file is not UTF-8.")) from None
    except json.JSONDecodeError as exc:
        raise ScheduleImportError(
            _("Malformed JSON at line %(line)s, column %(column)s: %(error)s")
            % {"line": exc.lineno, "column": exc.colno, "error": exc.msg}
        ) from None
    schedule = document.get("schedule") if isinstance(document, dict) else None
    if not isinstance(schedule, dict) or not isinstance(schedule.get("conference"), dict):
        raise ScheduleImportError(_("Unknown format: the JSON has no schedule.conference object."))
    says_v2 = "schedule2" in _text(document.get("$schema")) or isinstance(
        schedule.get("events"), list
    )
    builder = _Builder("C3VOC JSON v2" if says_v2 else "C3VOC JSON v1")
    result = builder.schedule
    conference = schedule["conference"]
    result.version = _text(schedule.get("version"))
    result.conference = Conference(
        acronym=_text(conference.get("acronym")),
        title=_text(conference.get("title")),
        start=_date(conference.get("start")),
        end=_date(conference.get("end")),
        time_zone_name=_text(conference.get("time_zone_name")),
        url=_text(conference.get("url") or schedule.get("base_url")),
    )
    for track in conference.get("tracks") or []:
        if isinstance(track, dict):
            builder.add_track(track.get("name") or track.get("slug"))
    track_names = {
        t.get("slug"): t.get("name")
        for t in conference.get("tracks") or []
        if isinstance(t, dict) and t.get("slug")
    }
    room_guids = {}
    for room in conference.get("rooms") or []:
        if isinstance(room, dict):
            builder.add_room(room.get("name"), room.get("guid"))
            if room.get("guid"):
                room_guids.setdefault(_text(room["guid"]), _text(room.get("name")))
    if says_v2:
        for event in schedule.get("events") or []:
            if isinstance(event, dict) and "title" in event:
                _c3voc_v2_event(builder, event, room_guids, track_names)
    else:
        if not isinstance(conference.get("days"), list):
            raise ScheduleImportError(
                _("Unknown format: the JSON has neither conference.days nor events.")
            )
        for day in conference["days"]:
            for room_name, events in (day.get("rooms") or {}).items():
                builder.add_room(room_name)
                for event in events or []:
                    _c3voc_v1_event(builder, event, room_name)
    return builder.finish()


def _c3voc_persons(builder, people):
    keys = []
    for person in people or []:
        if not isinstance(person, dict):
            continue
        key = builder.add_person(
            name=person.get("public_name") or person.get("name"),
            code=person.get("code"),
            guid=person.get("guid"),
            ident=person.get("id"),
            biography=person.get("biography"),
            avatar=person.get("avatar"),
        )
        if key and key not in keys:
            keys.append(key)
    return keys


def _c3voc_links(event):
    return [
        (_text(link.get("url")), _text(link.get("title")), _text(link.get("type")))
        for link in event.get("links") or []
        if isinstance(link, dict) and link.get("url")
    ]


def _c3voc_v1_event(builder, event, room_name):
    ident, guid, title = event.get("id"), event.get("guid"), _text(event.get("title"))
    label = _label(guid or ident or "?", title)
    if not event.get("date"):
        raise ScheduleImportError(_("%(event)s has no date.") % {"event": label})
    do_not_record = bool(event.get("do_not_record")) or (
        _text((event.get("recording") or {}).get("optout")).lower() == "true"
        if isinstance(event.get("recording"), dict)
        else False
    )
    builder.add_session(
        ident=ident,
        guid=guid,
        title=title,
        start=_moment(event["date"], label),
        duration=_duration(event.get("duration"), label),
        room=builder.add_room(event.get("room")) or room_name,
        subtitle=_text(event.get("subtitle")),
        abstract=_text(event.get("abstract")),
        description=_text(event.get("description")),
        track=builder.add_track(event.get("track")),
        type=_text(event.get("type")),
        language=_text(event.get("language")),
        do_not_record=do_not_record,
        persons=_c3voc_persons(builder, event.get("persons")),
        links=_c3voc_links(event),
        code=pretalx_code(event.get("url")),
    )


def _c3voc_v2_event(builder, event, room_guids, track_names):
    ident = event.get("code") or event.get("id")
    guid, title = event.get("guid"), _text(event.get("title"))
    label = _label(guid or ident or "?", title)
    if _text(event.get("state")).upper() in GONE_STATES:
        return
    if not event.get("start"):
        raise ScheduleImportError(_("%(event)s has no start.") % {"event": label})
    start = _moment(event["start"], label)
    if event.get("end"):
        duration = _moment(event["end"], label) - start
        if duration <= datetime.timedelta(0):
            raise ScheduleImportError(
                _("%(event)s: its duration must be more than zero.") % {"event": label}
            )
    else:
        duration = _duration(event.get("duration"), label)
    room = event.get("room")
    if isinstance(room, dict):
        room_name = _text(room.get("name")) or room_guids.get(_text(room.get("guid")), "")
        room_name = builder.add_room(room_name, room.get("guid"))
    else:
        room_name = builder.add_room(room)
    track = event.get("track")
    if isinstance(track, dict):
        track = track.get("name") or track_names.get(track.get("slug")) or track.get("slug")
    builder.add_session(
        ident=ident,
        guid=guid,
        title=title,
        start=start,
        duration=duration,
        room=room_name,
        subtitle=_text(event.get("subtitle")),
        abstract=_text(event.get("abstract")),
        description=_text(event.get("description")),
        track=builder.add_track(track),
        type=_text(event.get("type")),
        language=_text(event.get("language")),
        do_not_record=bool(event.get("do_not_record")),
        persons=_c3voc_persons(builder, event.get("participants") or event.get("persons")),
        links=_c3voc_links(event),
        code=pretalx_code(event.get("url")) or _text(event.get("code")),
    )
