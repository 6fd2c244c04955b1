"""Read a pretalx event straight from its REST API into records.py's records (issue 14).

The shapes read here are the documented ones (pretalx's repository, github.com/pretalx/pretalx):

- API principles, https://docs.pretalx.org/api/fundamentals/ (doc/api/fundamentals.rst): the
  token goes in an ``Authorization: Token <token>`` header; lists are paginated as
  ``{"count", "next", "previous", "results"}`` and ``next`` is followed; multi-language strings
  are ``{"en": …, "de": …}`` objects; linked resources come by id unless ``?expand=`` asks.
- Endpoints, https://docs.pretalx.org/api/resources/ (doc/api/schema.yml, the OpenAPI schema,
  and src/pretalx/api/serializers/): Event ``{name, slug, date_from, date_to, timezone}``; Room
  ``{id, name, guid, uuid}``; Track and SubmissionType ``{id, name}``; Speaker ``{code, name,
  biography, avatar_url}``; Submission ``{code, title, speakers (codes), submission_type (id),
  track (id), state, abstract, description, duration, content_locale, do_not_record, slots}``,
  filtered with ``?state=`` (a multiple choice) and read with ``?expand=slots`` so that each
  slot comes as a TalkSlot ``{id, room (id), start, end, duration}``.
- API changelog, https://docs.pretalx.org/api/changelog/ (doc/api/changelog.rst): API v1
  (pretalx 2025.1) replaced the older, unversioned API; ``/talks/`` now redirects to
  ``/submissions/``; ``/tracks/`` and ``/submission-types/`` are new.
- The older API, pretalx 2024.3 and before (doc/api/resources/talks.rst, speakers.rst,
  rooms.rst and events.rst at tag v2024.3.1): ``/talks/`` lists the scheduled talks with a
  ``slot`` ``{start, end, room, room_id}``, ``speakers`` as ``[{name, code, biography}]``,
  ``submission_type`` and ``track`` by name; ``/speakers/`` gives ``{code, name, biography,
  avatar}``; ``/rooms/`` ``{id, name}``; lists paginated with limit/offset ``next`` links.

The current API is tried first; the older one only when ``/submission-types/`` answers 404.
"""

import datetime
import json
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.utils.translation import gettext as _

from .fetching import FetchStatusError, fetch
from .parsers import (
    GONE_STATES,
    ScheduleImportError,
    _Builder,
    _date,
    _label,
    _moment,
    _text,
)
from .records import Conference

MAX_PAGES = 200  # per list: 10,000 items at pretalx's 50 a page
SCHEDULED_STATES = {"ACCEPTED", "CONFIRMED"}
API_ADDRESS = re.compile(
    r"^(?P<root>https?://[^/?#]+(?:/[^?#]*?)?)/api/events/(?P<slug>[^/?#]+)(?:[/?#]|$)"
)
CURRENT, OLDER = "pretalx API", "pretalx API (talks, older)"


def api_base(url):
    """``https://host/api/events/<slug>/`` when `url` is within a pretalx event's API, else None."""
    match = API_ADDRESS.match(str(url).strip())
    if not match or match["slug"] in (".", ".."):
        return None
    return f"{match['root']}/api/events/{match['slug']}/"


def load(url, token=""):
    """The Schedule of the pretalx event whose API is at `url`; `token` for private data."""
    base = api_base(url)
    if base is None:
        raise ScheduleImportError(
            _("%(url)s is not the address of a pretalx event's API (…/api/events/<slug>/).")
            % {"url": url}
        )
    client = _Client(base, token)
    try:
        event = client.get(base)
    except FetchStatusError as exc:
        if exc.status != 404:
            raise
        raise ScheduleImportError(
            _(
                "No pretalx event at %(url)s (HTTP 404): check the address, and give a token "
                "if the event is not public."
            )
            % {"url": base}
        ) from None
    if not isinstance(event, dict) or not (event.get("slug") or event.get("name")):
        raise ScheduleImportError(
            _("%(url)s is not a pretalx event: its answer has neither name nor slug.")
            % {"url": base}
        )
    try:
        types = client.all("submission-types/")
    except FetchStatusError as exc:
        if exc.status != 404:
            raise
        return _read_older(client, event)
    return _read_current(client, event, types)


class _Client:
    """GETs JSON under one event's API: token header, bounded pages and bytes."""

    def __init__(self, base, token):
        self.base = base
        self.parts = urlsplit(base)
        self.token = bool(token)
        self.headers = {"Accept": "application/json"}
        if token:
            self.headers["Authorization"] = f"Token {token}"
        self.spent = 0  # bytes over all pages, bounded by ALPOSS_IMPORT_MAX_BYTES

    def get(self, url):
        try:
            data = fetch(url, headers=self.headers, spent=self.spent)
        except FetchStatusError as exc:
            if exc.status in (401, 403):
                message = (
                    _(
                        "%(url)s refused the token (HTTP %(status)s): check it, and that it "
                        "may read this event."
                    )
                    if self.token
                    else _(
                        "%(url)s asks for an API token (HTTP %(status)s): give one that may "
                        "read this event."
                    )
                )
                raise ScheduleImportError(
                    message % {"url": exc.url, "status": exc.status}
                ) from None
            raise
        self.spent += len(data)
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
            raise ScheduleImportError(
                _("%(url)s answered HTML, not JSON: is it the address of a pretalx event's API?")
                % {"url": url}
            )
        try:
            return json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise ScheduleImportError(_("%(url)s did not answer JSON.") % {"url": url}) from None

    def _next(self, current, link):
        url = urljoin(current, str(link))
        parts = urlsplit(url)
        if parts.hostname != self.parts.hostname:
            raise ScheduleImportError(
                _("%(url)s gives its next page on another host: refused.") % {"url": current}
            )
        if parts.scheme == "http" and self.parts.scheme == "https":
            # A pretalx behind a proxy may write http:// links: keep the token on https.
            url = urlunsplit(("https", self.parts.netloc, parts.path, parts.query, ""))
        return url

    def all(self, path):
        """Every item of a paginated list, following ``next`` for at most MAX_PAGES pages."""
        first = url = urljoin(self.base, path)
        items = []
        for _page in range(MAX_PAGES):
            document = self.get(url)
            if isinstance(document, list):  # not paginated
                return items + [item for item in document if isinstance(item, dict)]
            if not isinstance(document, dict) or not isinstance(document.get("results"), list):
                raise ScheduleImportError(
                    _("%(url)s is not a list of pretalx's API: it has no “results”.") % {"url": url}
                )
            items += [item for item in document["results"] if isinstance(item, dict)]
            if not document.get("next"):
                return items
            url = self._next(url, document["next"])
        raise ScheduleImportError(
            _("%(url)s has more than %(count)s pages: refused.")
            % {"url": first, "count": MAX_PAGES}
        )


def _conference(client, event):
    start = _date(event.get("date_from"))
    urls = event.get("urls") if isinstance(event.get("urls"), dict) else {}
    slug = _text(event.get("slug"))
    root = client.base.rsplit("/api/events/", 1)[0]
    return Conference(
        acronym=slug,
        title=_text(event.get("name")) or slug,
        start=start,
        end=_date(event.get("date_to")) or start,
        time_zone_name=_text(event.get("timezone")),
        url=_text(urls.get("base")) or (f"{root}/{slug}/" if slug else ""),
    )


def _ident(value):
    return "" if value is None else str(value).strip()


def _named(items, what):
    """{id: name} of a list of rooms, tracks or types; each must have a name."""
    names = {}
    for item in items:
        ident, name = _ident(item.get("id")), _text(item.get("name"))
        if not name:
            raise ScheduleImportError(
                _("%(what)s %(id)s has no name.") % {"what": what, "id": ident or "?"}
            )
        if ident:
            names[ident] = name
    return names


def _avatar(client, speaker):
    """The picture's address; a path (a pretalx without its own absolute URL) made absolute."""
    address = _text(speaker.get("avatar_url") or speaker.get("avatar"))
    return urljoin(client.base, address) if address.startswith("/") else address


def _speakers(client, builder, speakers):
    """{code: speaker key} of /speakers/; a code given twice is an error."""
    keys = {}
    for speaker in speakers:
        code, name = _text(speaker.get("code")), _text(speaker.get("name"))
        if not code:
            raise ScheduleImportError(
                _("The speaker “%(name)s” has no code.") % {"name": name or "?"}
            )
        if not name:
            raise ScheduleImportError(_("speaker %(code)s has no name.") % {"code": code})
        if code in keys:
            raise ScheduleImportError(
                _("The speaker code %(code)s is given twice.") % {"code": code}
            )
        keys[code] = builder.add_person(
            name=name,
            code=code,
            biography=speaker.get("biography"),
            avatar=_avatar(client, speaker),
        )
    return keys


def _talk_speakers(client, builder, talk, label, known):
    """The speaker keys of a talk, in its order: codes known from /speakers/, or objects."""
    keys = []
    for speaker in talk.get("speakers") or []:
        if isinstance(speaker, dict):
            code = _text(speaker.get("code"))
            key = known.get(code) or builder.add_person(
                name=speaker.get("name"),
                code=code,
                biography=speaker.get("biography"),
                avatar=_avatar(client, speaker),
            )
            if key is None:
                raise ScheduleImportError(
                    _("%(event)s: one of its speakers has no name.") % {"event": label}
                )
        else:
            key = known.get(_text(speaker))
            if key is None:
                raise ScheduleImportError(
                    _("%(event)s: its speaker %(code)s is not in the event's speakers.")
                    % {"event": label, "code": _text(speaker)}
                )
        if key not in keys:
            keys.append(key)
    return keys


def _linked(value, names, what, label):
    """The name of a track or type given by id (current API), object or name (older API)."""
    if value is None or value == "":
        return ""
    if isinstance(value, dict):  # expanded {"id", "name"}, or a multi-language name
        return _text(value["name"]) if "name" in value else _text(value)
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit() and names):
        name = names.get(_ident(value))
        if name is None:
            raise ScheduleImportError(
                _("%(event)s: its %(what)s %(id)s is not in the event's list.")
                % {"event": label, "what": what, "id": value}
            )
        return name
    return _text(value)


def _times(slot, minutes, label):
    start = _moment(slot["start"], label)
    if slot.get("end"):
        end = _moment(slot["end"], label)
    elif slot.get("duration") or minutes:
        end = start + datetime.timedelta(minutes=int(slot.get("duration") or minutes))
    else:
        raise ScheduleImportError(
            _("%(event)s has neither an end nor a duration.") % {"event": label}
        )
    if end <= start:
        raise ScheduleImportError(
            _("%(event)s: its duration must be more than zero.") % {"event": label}
        )
    return start, end - start


def _add_talk(builder, talk, ident, slot, room, fields):
    code, title = _text(talk.get("code")), _text(talk.get("title"))
    label = _label(ident, title)
    start, duration = _times(slot, talk.get("duration"), label)
    builder.add_session(
        ident=ident,
        guid=None,
        title=title,
        start=start,
        duration=duration,
        room=room,
        abstract=_text(talk.get("abstract")),
        description=_text(talk.get("description")),
        language=_text(talk.get("content_locale")),
        do_not_record=bool(talk.get("do_not_record")),
        links=[],
        code=ident,
        **fields,
    )
    return code


def _gone(talk):
    state = _text(talk.get("state")).upper()
    return state in GONE_STATES or (state and state not in SCHEDULED_STATES)


# The current API (v1 and later, pretalx 2025.1 and later) ----------------------------------


def _read_current(client, event, types):
    builder = _Builder(CURRENT)
    builder.schedule.conference = _conference(client, event)
    room_names = {}
    for room in client.all("rooms/"):
        name = _text(room.get("name"))
        if not name:
            raise ScheduleImportError(
                _("room %(id)s has no name.") % {"id": _ident(room.get("id")) or "?"}
            )
        room_names[_ident(room.get("id"))] = builder.add_room(
            name, room.get("guid") or room.get("uuid")
        )
    try:
        tracks = client.all("tracks/")
    except FetchStatusError as exc:
        if exc.status != 404:
            raise
        tracks = []
    track_names = _named(tracks, _("track"))
    for name in track_names.values():
        builder.add_track(name)
    type_names = _named(types, _("session type"))
    known = _speakers(client, builder, client.all("speakers/"))
    talks = client.all("submissions/?state=confirmed&state=accepted&expand=slots")
    slots_by_id = None
    for talk in talks:
        code, title = _text(talk.get("code")), _text(talk.get("title"))
        label = _label(code or "?", title)
        if not code:
            raise ScheduleImportError(_("%(event)s has no code.") % {"event": label})
        if _gone(talk):
            continue
        slots = talk.get("slots") or []
        if any(not isinstance(slot, dict) for slot in slots):  # ids: expand was not honoured
            if slots_by_id is None:
                slots_by_id = {_ident(s.get("id")): s for s in client.all("slots/")}
            slots = [s if isinstance(s, dict) else slots_by_id.get(_ident(s)) for s in slots]
        slots = sorted((s for s in slots if s and s.get("start")), key=lambda s: str(s["start"]))
        if not slots:
            continue  # accepted, not on the schedule
        fields = {
            "track": builder.add_track(_linked(talk.get("track"), track_names, _("track"), label)),
            "type": _linked(talk.get("submission_type"), type_names, _("session type"), label),
            "persons": _talk_speakers(client, builder, talk, label, known),
        }
        for number, slot in enumerate(slots, start=1):
            ident = code if number == 1 else f"{code}-{number}"
            room = _slot_room(builder, slot, room_names, label)
            _add_talk(builder, talk, ident, slot, room, fields)
    return builder.finish()


def _slot_room(builder, slot, room_names, label):
    room = slot.get("room")
    if room is None or room == "":
        return ""
    if isinstance(room, dict):
        if "name" not in room:
            return _slot_room(builder, {"room": room.get("id")}, room_names, label)
        return builder.add_room(room.get("name"), room.get("guid") or room.get("uuid"))
    name = room_names.get(_ident(room))
    if name is None:
        raise ScheduleImportError(
            _("%(event)s: its room %(room)s is not in the event's rooms.")
            % {"event": label, "room": room}
        )
    return name


# The older API (pretalx 2024.3 and before): /talks/ with one slot each ---------------------


def _read_older(client, event):
    builder = _Builder(OLDER)
    builder.schedule.conference = _conference(client, event)
    room_names = {}
    for room in client.all("rooms/"):
        name = builder.add_room(room.get("name"), room.get("guid"))
        if not name:
            raise ScheduleImportError(
                _("room %(id)s has no name.") % {"id": _ident(room.get("id")) or "?"}
            )
        room_names[_ident(room.get("id"))] = name
    known = _speakers(client, builder, client.all("speakers/"))
    for talk in client.all("talks/"):
        code, title = _text(talk.get("code")), _text(talk.get("title"))
        label = _label(code or "?", title)
        if not code:
            raise ScheduleImportError(_("%(event)s has no code.") % {"event": label})
        slot = talk.get("slot")
        if _gone(talk) or not isinstance(slot, dict) or not slot.get("start"):
            continue
        room = _text(slot.get("room"))
        if room:
            room = builder.add_room(room)
        elif slot.get("room_id") is not None:
            room = _slot_room(builder, {"room": slot["room_id"]}, room_names, label)
        fields = {
            "track": builder.add_track(_linked(talk.get("track"), {}, _("track"), label)),
            "type": _linked(talk.get("submission_type"), {}, _("session type"), label),
            "persons": _talk_speakers(client, builder, talk, label, known),
        }
        _add_talk(builder, talk, code, slot, room, fields)
    return builder.finish()
