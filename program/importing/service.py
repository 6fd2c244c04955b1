"""Compare an imported schedule with an edition (plan_import), then write it (apply_import).

What the import owns and what organizers own, once a session exists here:
- the source owns: title, subtitle, abstract, description, start and end, room, track, kind,
  language, the list of speakers (and their names and biographies when it gives them);
- organizers own: the slug (kept once made, addresses stay stable), the PeerTube replay, the
  workshop seats and registration, the audience level, tags, and local links (the import only
  adds the source's links it does not find by address, it never removes one);
- `do_not_record` is a one-way switch: the source can turn it on, never off (a speaker's
  refusal recorded here by organizers survives every import);
- publication: new sessions are published; a session that left the source is unpublished
  (live=False), never deleted, and listed; if it comes back it is published again, but a session
  an organizer unpublished (or published again after its withdrawal) is left as they set it;
- history: every session the import writes gets a revision and a log entry (publish or
  unpublish) by the importing user, as if saved in the admin: its history says what came when.

Queries are per table, not per row: a fixed number whatever the size of the program.
"""

import html
import re
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import ModelLogEntry, Revision

from modelcluster.models import get_all_child_relations

from home.models import Edition

from ..cache import bump_cache_version
from ..changes import record_version
from ..choices import EXPORT_TYPES, RESERVED_SLUGS, LinkType, SessionKind, SessionLanguage
from ..exporters import plain_text
from ..models import Room, Session, SessionLink, SessionSpeaker, Speaker, Track
from . import avatars
from .parsers import ScheduleImportError, normalise_name

SOURCE_FIELDS = [
    "title",
    "subtitle",
    "abstract",
    "description",
    "start",
    "end",
    "room",
    "track",
    "kind",
    "language",
    "do_not_record",
]


def normalise_type(value):
    return " ".join(re.sub(r"[-_]", " ", (value or "").casefold()).split())


def kind_map(overrides=None):
    """Source type -> our kind: the setting, then the organizer's choices for this import."""
    mapping = dict(getattr(settings, "ALPOSS_IMPORT_KIND_MAP", {}) or {})
    mapping.update(overrides or {})
    return {normalise_type(k): v for k, v in mapping.items() if v in SessionKind.values}


def source_types(schedule):
    """The session types the source uses, in first-seen order, with the kind each maps to."""
    mapping, seen = kind_map(), {}
    for record in schedule.sessions:
        if record.type and record.type not in seen:
            seen[record.type] = mapping.get(normalise_type(record.type), SessionKind.TALK)
    return seen


def text_to_html(text):
    """Plain text as Wagtail rich text: paragraphs on blank lines, <br/> on single ones."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(html.escape(line) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


def _same_text(stored_html, text):
    return " ".join(plain_text(stored_html).split()) == " ".join((text or "").split())


@dataclass
class Plan:
    edition: Edition
    schedule: object
    created: list = field(default_factory=list)  # SessionRecord
    updated: list = field(default_factory=list)  # (Session, record, {field: (old, new)})
    unchanged: list = field(default_factory=list)  # (Session, record)
    withdrawn: list = field(default_factory=list)  # Session
    returning: list = field(default_factory=list)  # Session withdrawn before, back in the source
    new_rooms: list = field(default_factory=list)  # Room (unsaved)
    renamed_rooms: list = field(default_factory=list)  # (Room, new name)
    new_tracks: list = field(default_factory=list)  # Track (unsaved)
    new_speakers: list = field(default_factory=list)  # Speaker (unsaved)
    changed_speakers: list = field(default_factory=list)  # (Speaker, {field: new})
    warnings: list = field(default_factory=list)
    # Resolution of the source's references to objects (saved or not yet).
    rooms: dict = field(default_factory=dict)  # room name -> Room
    tracks: dict = field(default_factory=dict)  # track name -> Track
    speakers: dict = field(default_factory=dict)  # speaker key -> Speaker
    values: dict = field(default_factory=dict)  # record key -> {field: value}
    silent: list = field(default_factory=list)  # (session, key, code) to tag, nothing else
    taken_guids: set = field(default_factory=set)  # source GUIDs held by other editions
    kinds: dict = field(default_factory=dict)  # source type -> kind, chosen for this import
    avatars_wanted: int = 0  # speakers without a photo whose source gives an avatar
    avatars: list = field(default_factory=list)  # (Speaker, JPEG bytes), fetched when applying
    notes: list = field(default_factory=list)  # from other apps, e.g. seats held in moved sessions

    @property
    def changes_nothing(self):
        return not (
            self.created
            or self.updated
            or self.withdrawn
            or self.returning
            or self.new_rooms
            or self.renamed_rooms
            or self.new_tracks
            or self.new_speakers
            or self.changed_speakers
        )

    def report_lines(self):
        s = self.schedule
        lines = [
            _("Format: %(format)s, version “%(version)s”, %(count)s sessions.")
            % {"format": s.format, "version": s.version or "?", "count": len(s.sessions)}
        ]
        lines += [_("Warning: %(text)s") % {"text": w} for w in s.warnings + self.warnings]
        lines.append(
            _(
                "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(withdrawn)s withdrawn (unpublished)."
            )
            % {
                "created": len(self.created),
                "updated": len(self.updated),
                "unchanged": len(self.unchanged),
                "withdrawn": len(self.withdrawn),
            }
        )
        if self.new_rooms:
            lines.append(
                _("New rooms: %(names)s") % {"names": ", ".join(r.name for r in self.new_rooms)}
            )
        for room, name in self.renamed_rooms:
            lines.append(_("Room renamed: %(old)s → %(new)s") % {"old": room.name, "new": name})
        if self.new_tracks:
            lines.append(
                _("New tracks: %(names)s") % {"names": ", ".join(t.name for t in self.new_tracks)}
            )
        if self.new_speakers or self.changed_speakers:
            lines.append(
                _("Speakers: %(new)s new, %(changed)s updated.")
                % {"new": len(self.new_speakers), "changed": len(self.changed_speakers)}
            )
        if self.avatars:
            lines.append(_("Avatars stored: %(count)s.") % {"count": len(self.avatars)})
        elif self.avatars_wanted:
            lines.append(
                _("Avatars to fetch for speakers without a photo: %(count)s.")
                % {"count": self.avatars_wanted}
            )
        for record in self.created:
            lines.append(_("Created: %(event)s") % {"event": record.label})
        for _session, record, changes in self.updated:
            lines.append(
                _("Updated: %(event)s (%(fields)s)")
                % {"event": record.label, "fields": ", ".join(changes)}
            )
        for session in self.withdrawn:
            lines.append(
                _("Withdrawn, unpublished: “%(title)s” (%(key)s)")
                % {"title": session.title, "key": session.import_key}
            )
        for session in self.returning:
            lines.append(
                _("Back in the schedule, published again: “%(title)s” (%(key)s)")
                % {"title": session.title, "key": session.import_key}
            )
        lines += self.notes
        if self.changes_nothing:
            lines.append(_("Nothing to change: the edition already holds this program."))
        return lines


def create_edition(year, schedule):
    """An Edition from the conference data (no pages: organizers add them in the admin)."""
    conference = schedule.conference
    days = [timezone.localdate(r.start) for r in schedule.sessions]
    days += [timezone.localdate(r.end) for r in schedule.sessions]
    start = conference.start or (min(days) if days else None)
    end = conference.end or (max(days) if days else None)
    if days:
        start, end = min([start, *days]), max([end, *days])
    if not (start and end):
        raise ScheduleImportError(_("conference: the file gives no dates to create the edition."))
    return Edition.objects.create(
        year=year, name=(conference.title or f"AlpOSS {year}")[:120], start_date=start, end_date=end
    )


def _check_records(edition, schedule):
    first, last = edition.start_date, edition.end_date
    for record in schedule.sessions:
        if timezone.localdate(record.start) < first or timezone.localdate(record.end) > last:
            raise ScheduleImportError(
                _("%(event)s takes place on %(date)s, outside the edition (%(first)s to %(last)s).")
                % {
                    "event": record.label,
                    "date": timezone.localtime(record.start).isoformat(),
                    "first": first.isoformat(),
                    "last": last.isoformat(),
                }
            )
        if len(record.title) > 200:
            raise ScheduleImportError(
                _("%(event)s: its title is longer than 200 characters.") % {"event": record.label}
            )


def plan_import(edition, schedule, kinds=None):
    """What importing `schedule` into `edition` would change; writes nothing.

    `kinds` maps some of the source's types to our kinds for this import (the admin's choices),
    over ALPOSS_IMPORT_KIND_MAP.
    """
    _check_records(edition, schedule)
    plan = Plan(edition=edition, schedule=schedule, kinds=kinds or {})
    _warn_overlaps(plan)
    _plan_rooms(plan)
    _plan_tracks(plan)
    _plan_speakers(plan)
    _plan_sessions(plan)
    plan.avatars_wanted = len(avatars.wanted(plan))
    _notes_from_other_apps(plan)
    return plan


# Apps that hold data about sessions (registrations: the seats) say what a move means to them.
# A hook function takes (moved, withdrawn) — sessions whose time or room changes, sessions
# leaving the schedule — and returns lines for the report.
SESSIONS_CHANGING_HOOK = "alposs_import_sessions_changing"
MOVES = {"start", "end", "room"}


def _notes_from_other_apps(plan):
    moved = [session for session, _r, changes in plan.updated if MOVES & set(changes)]
    if not (moved or plan.withdrawn):
        return
    for hook in hooks.get_hooks(SESSIONS_CHANGING_HOOK):
        plan.notes += hook(moved, plan.withdrawn)


def _warn_overlaps(plan):
    """Two sessions at once in one room: imported as the source says, with a warning."""
    by_room = {}
    for record in plan.schedule.sessions:
        if record.room:
            by_room.setdefault(record.room, []).append(record)
    for records in by_room.values():
        records.sort(key=lambda r: r.start)
        for before, after in zip(records, records[1:], strict=False):
            if after.start < before.end:
                plan.warnings.append(
                    _("%(event)s overlaps %(other)s in %(room)s.")
                    % {"event": after.label, "other": before.label, "room": after.room}
                )


def _plan_rooms(plan):
    existing = list(Room.objects.filter(edition=plan.edition))
    by_guid = {str(r.guid): r for r in existing}
    by_name = {r.name.casefold(): r for r in existing}
    wanted_guids = [r.guid for r in plan.schedule.rooms if r.guid and _uuid(r.guid)]
    taken = {
        str(g) for g in Room.objects.filter(guid__in=wanted_guids).values_list("guid", flat=True)
    }
    order = max((r.sort_order for r in existing), default=0)
    for record in plan.schedule.rooms:
        room = by_guid.get(record.guid) if record.guid else None
        if room is not None:
            if room.name != record.name:
                plan.renamed_rooms.append((room, record.name))
        else:
            room = by_name.get(record.name.casefold())
        if room is None:
            order += 1
            room = Room(edition=plan.edition, name=record.name[:80], sort_order=order)
            if record.guid and _uuid(record.guid) and record.guid not in taken:
                room.guid = uuid.UUID(record.guid)
            plan.new_rooms.append(room)
            by_name[record.name.casefold()] = room
        plan.rooms[record.name] = room


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _plan_tracks(plan):
    existing = list(Track.objects.filter(edition=plan.edition))
    by_name = {t.name.casefold(): t for t in existing}
    by_name.update({t.name_en.casefold(): t for t in existing if t.name_en})
    slugs = {t.slug for t in existing}
    for name in plan.schedule.tracks:
        track = by_name.get(name.casefold())
        if track is None:
            track = Track(edition=plan.edition, name=name[:80], slug=_unique_slug(name, slugs, 80))
            plan.new_tracks.append(track)
            by_name[name.casefold()] = track
        plan.tracks[name] = track


def _unique_slug(text, taken, length, fallback="item"):
    base = slugify(text)[: length - 4] or fallback
    slug, n = base, 1
    while slug in taken or slug in RESERVED_SLUGS:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _plan_speakers(plan):
    people = list(Speaker.objects.only("id", "guid", "name", "slug", "bio", "import_code", "photo"))
    by_code = {p.import_code: p for p in people if p.import_code}
    by_guid = {str(p.guid): p for p in people}
    by_name = {}
    for person in people:
        by_name.setdefault(normalise_name(person.name), person)
    slugs = {p.slug for p in people}
    for key, record in plan.schedule.speakers.items():
        person = (
            (by_code.get(record.code) if record.code else None)
            or (by_guid.get(record.guid) if record.guid else None)
            or by_name.get(normalise_name(record.name))
        )
        bio = record.biography[:1200]
        if person is None:
            person = Speaker(name=record.name[:120], bio=bio, import_code=record.code[:64])
            person.slug = _unique_slug(record.name, slugs, 120, "speaker")
            if record.guid and _uuid(record.guid) and record.guid not in by_guid:
                person.guid = uuid.UUID(record.guid)
                by_guid[record.guid] = person
            plan.new_speakers.append(person)
            if record.code:
                by_code[record.code] = person
            by_name.setdefault(normalise_name(record.name), person)
        elif person.pk:
            changes = {}
            if record.code and not person.import_code:
                changes["import_code"] = record.code[:64]
            if person.name != record.name and normalise_name(person.name) != normalise_name(
                record.name
            ):
                changes["name"] = record.name[:120]
            if bio and person.bio != bio:
                changes["bio"] = bio
            if changes and all(person is not p for p, _c in plan.changed_speakers):
                plan.changed_speakers.append((person, changes))
        plan.speakers[key] = person


def _kind(plan, record, mapping, warned, session=None):
    # Our own exports write a keynote as "talk" and a break as "other" (the formats' lists):
    # a type that says no more than what the session already is keeps its kind.
    if session is not None and normalise_type(EXPORT_TYPES.get(session.kind)) == normalise_type(
        record.type
    ):
        return session.kind
    kind = mapping.get(normalise_type(record.type))
    if kind is None:
        if record.type and record.type not in warned:
            warned.add(record.type)
            plan.warnings.append(
                _("Unknown session type “%(type)s”: imported as a talk (ALPOSS_IMPORT_KIND_MAP).")
                % {"type": record.type}
            )
        kind = SessionKind.TALK
    return kind


def _language(record, current):
    language = (record.language or "")[:2].lower()
    return language if language in SessionLanguage.values else current


def _plan_sessions(plan):
    edition, schedule = plan.edition, plan.schedule
    sessions = list(
        Session.objects.filter(edition=edition)
        .select_related("room", "track")
        .prefetch_related("session_speakers", "links")
    )
    by_key = {s.import_key: s for s in sessions if s.import_key}
    by_guid = {str(s.guid): s for s in sessions}
    # pretalx's code names a talk in its exports and its API alike (their GUIDs differ).
    by_code = {s.import_code: s for s in sessions if s.import_code}
    mapping, warned = kind_map(plan.kinds), set()
    new_guids = [
        r.guid
        for r in schedule.sessions
        if r.guid and r.key not in by_key and r.guid not in by_guid
    ]
    taken = {
        str(g) for g in Session.objects.filter(guid__in=new_guids).values_list("guid", flat=True)
    }
    seen = set()
    for record in schedule.sessions:
        session = (
            by_key.get(record.key)
            or (by_guid.get(record.guid) if record.guid else None)
            or (by_code.get(record.code) if record.code else None)
        )
        if session is not None and session.pk in seen:
            session = None  # already matched by another record: this one is another session
        abstract = record.abstract
        if len(abstract) > 800:
            abstract = abstract[:799] + "…"
            plan.warnings.append(
                _("%(event)s: abstract shortened to 800 characters.") % {"event": record.label}
            )
        room = plan.rooms.get(record.room)
        track = plan.tracks.get(record.track)
        speakers = [plan.speakers[k] for k in record.persons if k in plan.speakers]
        values = {
            "title": record.title,
            "subtitle": record.subtitle[:200],
            "abstract": abstract,
            "description": record.description,
            "start": record.start,
            "end": record.end,
            "room": room,
            "track": track,
            "kind": _kind(plan, record, mapping, warned, session),
            "language": _language(record, session.language if session else "fr"),
            "do_not_record": record.do_not_record or bool(session and session.do_not_record),
            "speakers": speakers,
            "links": record.links,
        }
        plan.values[record.key] = values
        if session is None:
            if record.guid and record.guid in taken:
                plan.warnings.append(
                    _(
                        "%(event)s: its GUID is used by a session of another edition; "
                        "it gets a new one here."
                    )
                    % {"event": record.label}
                )
            plan.created.append(record)
            continue
        seen.add(session.pk)
        if session.import_withdrawn:
            plan.returning.append(session)
        if session.import_key != record.key or (record.code and session.import_code != record.code):
            plan.silent.append((session, record.key, record.code or session.import_code))
        changes = _session_changes(session, values)
        if changes:
            plan.updated.append((session, record, changes))
        else:
            plan.unchanged.append((session, record))
    # Withdrawn once already (and maybe published again by an organizer): left alone.
    plan.withdrawn = [
        s
        for s in sessions
        if s.import_key and s.pk not in seen and s.live and not s.import_withdrawn
    ]
    plan.taken_guids = taken


def _session_changes(session, values):
    changes = {}
    for name in SOURCE_FIELDS:
        new = values[name]
        if name == "description":
            if not _same_text(session.description, new):
                changes[name] = (plain_text(session.description)[:40], new[:40])
            continue
        if name in ("room", "track"):
            old = getattr(session, name) if getattr(session, f"{name}_id") else None
            if (old.pk if old else None) != (new.pk if new else None) or (new and not new.pk):
                changes[name] = (old and old.name, new and new.name)
            continue
        old = getattr(session, name)
        if old != new:
            changes[name] = (old, new)
    old_speakers = [row.speaker_id for row in session.session_speakers.all()]
    new_speakers = [p.pk for p in values["speakers"]]
    if old_speakers != new_speakers or None in new_speakers:
        changes["speakers"] = (len(old_speakers), len(new_speakers))
    known = {link.url for link in session.links.all()}
    if session.video_url:
        known.add(session.video_url)
    if any(url not in known for url, _t, _k in values["links"]):
        changes["links"] = (len(known), len(values["links"]))
    return changes


def _link_type(value):
    return value if value in LinkType.values else LinkType.WEB


def apply_import(edition, plan, user=None, fetch_pictures=True):
    """Write the plan in one transaction; returns the plan (its report says what was done).

    `user` is who imports (None from the command line): the sessions' history names them.
    Speakers' avatars are fetched first, outside the writing (`fetch_pictures=False` skips them).
    """
    if fetch_pictures:
        avatars.fetch_avatars(plan)
    now = timezone.now()
    with transaction.atomic():
        Room.objects.bulk_create(plan.new_rooms)
        for room, name in plan.renamed_rooms:
            room.name = name[:80]
        Room.objects.bulk_update([r for r, _n in plan.renamed_rooms], ["name"])
        Track.objects.bulk_create(plan.new_tracks)
        Speaker.objects.bulk_create(plan.new_speakers)
        for person, changes in plan.changed_speakers:
            for name, value in changes.items():
                setattr(person, name, value)
        if plan.changed_speakers:
            Speaker.objects.bulk_update(
                [p for p, _c in plan.changed_speakers], ["name", "bio", "import_code"]
            )
        Speaker.objects.bulk_update(avatars.store_avatars(plan), ["photo"])

        slugs = set(
            Session.objects.filter(edition=edition).exclude(slug="").values_list("slug", flat=True)
        )
        new_sessions = []
        for record in plan.created:
            values = plan.values[record.key]
            session = Session(
                edition=edition,
                import_key=record.key,
                import_code=record.code[:64],
                slug=_unique_slug(record.title, slugs, 120, "session"),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
            if record.guid and record.guid not in plan.taken_guids:
                session.guid = uuid.UUID(record.guid)
            _set_values(session, values)
            new_sessions.append(session)
        Session.objects.bulk_create(new_sessions)

        # Each session writes only the fields that change: sessions grouped by those fields
        # (a few groups), since bulk_update's cost grows with rows times fields.
        updated, old_pks, groups = [], {s.pk for s, _r, _c in plan.updated}, {}
        for session, record, changes in plan.updated:
            _set_values(session, plan.values[record.key])
            fields = tuple(name for name in SOURCE_FIELDS if name in changes)
            groups.setdefault(fields, []).append(session)
            updated.append(session)
        for fields, sessions in groups.items():
            if fields:
                Session.objects.bulk_update(sessions, fields, batch_size=500)
        if updated:
            Session.objects.filter(pk__in=old_pks).update(last_published_at=now)
        for session, key, code in plan.silent:
            session.import_key, session.import_code = key, code
        if plan.silent:
            Session.objects.bulk_update(
                [s for s, _k, _c in plan.silent], ["import_key", "import_code"], batch_size=500
            )

        # Speakers and links of created sessions and of those whose lists changed.
        touched = [(s, r, True) for s, r in zip(new_sessions, plan.created, strict=True)] + [
            (s, r, "speakers" in c) for s, r, c in plan.updated if "speakers" in c or "links" in c
        ]
        SessionSpeaker.objects.filter(
            session_id__in=[s.pk for s, r, c in plan.updated if "speakers" in c]
        ).delete()
        rows, links = [], []
        for session, record, new_speakers in touched:
            values = plan.values[record.key]
            if new_speakers:
                rows += [
                    SessionSpeaker(session=session, speaker=person, sort_order=i)
                    for i, person in enumerate(values["speakers"])
                ]
            known = {link.url for link in session.links.all()} if session.pk in old_pks else set()
            known.add(session.video_url)
            start = len(known)
            for i, (url, title, kind) in enumerate(values["links"]):
                if url not in known:
                    known.add(url)
                    links.append(
                        SessionLink(
                            session=session,
                            url=url[:200],
                            title=(title or url)[:120],
                            link_type=_link_type(kind),
                            sort_order=start + i,
                        )
                    )
        SessionSpeaker.objects.bulk_create(rows)
        SessionLink.objects.bulk_create(links)

        if plan.withdrawn:
            Session.objects.filter(pk__in=[s.pk for s in plan.withdrawn]).update(
                live=False, import_withdrawn=True
            )
        if plan.returning:
            Session.objects.filter(pk__in=[s.pk for s in plan.returning]).update(
                live=True, import_withdrawn=False, last_published_at=now
            )
        written = {s.pk for s in new_sessions} | {s.pk for s in updated}
        written |= {s.pk for s in plan.returning}
        _record_history(written, {s.pk for s in plan.withdrawn}, user)
        record_version(edition.pk)  # the whole import is one schedule version
        transaction.on_commit(bump_cache_version)
    return plan


def _record_history(published, unpublished, user):
    """A revision and a log entry per session written, in a fixed number of queries."""
    if not (published or unpublished):
        return
    content_type = ContentType.objects.get_for_model(Session)
    sessions = list(
        Session.objects.filter(pk__in=published | unpublished).prefetch_related(
            *[r.get_accessor_name() for r in get_all_child_relations(Session)]
        )
    )
    now = timezone.now()
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(session.pk),
            user=user,
            created_at=now,
            content=session.serializable_data(),
            object_str=str(session)[:255],
        )
        for session in sessions
        if session.pk in published
    ]
    Revision.objects.bulk_create(revisions)
    by_session = {int(r.object_id): r for r in revisions}
    newest = Subquery(
        Revision.objects.filter(
            content_type=content_type, object_id=Cast(OuterRef("pk"), CharField())
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    Session.objects.filter(pk__in=published).update(latest_revision=newest, live_revision=newest)
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            object_id=str(session.pk),
            label=str(session)[:255],
            action="wagtail.publish" if session.pk in published else "wagtail.unpublish",
            user=user,
            revision=by_session.get(session.pk),
            timestamp=now,
            content_changed=True,
            data={"source": "import"},
        )
        for session in sessions
    )


def _set_values(session, values):
    for name in SOURCE_FIELDS:
        value = values[name]
        if name == "description":
            if not _same_text(session.description, value):
                session.description = text_to_html(value)
            continue
        setattr(session, name, value)
