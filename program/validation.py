"""Rules a session must follow that look at other sessions too: overlaps, speakers, seats.

Session.clean() and the admin form check them. They read other rows through the session's own
model (`type(session)._default_manager`, as Django's unique checks do), so that models.py can
import this module without an import circle.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .choices import RESERVED_SLUGS, SessionKind


def _local(moment):
    return time_format(timezone.localtime(moment), "H:i")


def overlapping(session, queryset):
    """Rows of `queryset` other than `session` that share part of its time."""
    queryset = queryset.filter(start__lt=session.end, end__gt=session.start)
    if session.pk:
        queryset = queryset.exclude(pk=session.pk)
    return queryset


def _sessions(session):
    return type(session)._default_manager


def free_slug(session):
    """The slug made from the title, with -2, -3... when another session of the edition has it
    (often the draft an abandoned "add" form left behind)."""
    base = slugify(session.title)[:120]
    taken = set()
    if session.edition_id and base:
        others = _sessions(session).filter(edition_id=session.edition_id, slug__startswith=base)
        if session.pk:
            others = others.exclude(pk=session.pk)
        taken = set(others.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug, number = base[: 120 - len(suffix)] + suffix, number + 1
    return slug


def _slug_taken_message(other):
    """Which session has the slug, with a link to it: a draft never published is said so."""
    url = reverse("wagtailsnippets_program_session:edit", args=[other.pk])
    if other.live:
        text = _("Another session of this edition already uses this slug: %(link)s.")
    else:
        text = _(
            "The draft %(link)s, never published, already uses this slug: delete it or change "
            "its slug, or choose another one here."
        )
    return format_html(text.replace("%(link)s", "{link}"), link=_link(url, other.title))


def _link(url, title):
    return format_html('<a href="{}">“{}”</a>', url, title)


def room_conflicts(session):
    if not (session.room_id and session.start and session.end):
        return _sessions(session).none()
    rows = _sessions(session).filter(room_id=session.room_id)
    return overlapping(session, rows).order_by("start")


def speaker_conflicts(session, speaker_ids):
    """(speaker, other session) pairs: a speaker of `session` busy elsewhere at the same time."""
    if not (speaker_ids and session.start and session.end):
        return []
    session_speakers = session._meta.get_field("session_speakers").related_model
    rows = (
        session_speakers._default_manager.filter(
            speaker_id__in=speaker_ids,
            session__start__lt=session.end,
            session__end__gt=session.start,
        )
        .select_related("speaker", "session")
        .order_by("session__start")
    )
    if session.pk:
        rows = rows.exclude(session_id=session.pk)
    return [(row.speaker, row.session) for row in rows]


def schedule_errors(session, speaker_ids=None):
    """Messages for organizers, by field, about what makes this session impossible to hold.

    `speaker_ids` defaults to the speakers held by the session (in memory or in the database).
    """
    errors = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    edition = session.edition if session.edition_id else None
    start, end = session.start, session.end
    if start and end and end <= start:
        add("end", _("The session must end after it starts."))
    if edition and start and end:
        first, last = edition.start_date, edition.end_date
        if timezone.localdate(start) < first or timezone.localdate(end) > last:
            add(
                "start",
                _("The session must take place during the edition (%(first)s to %(last)s).")
                % {"first": first.isoformat(), "last": last.isoformat()},
            )
    if session.room_id and edition and session.room.edition_id != edition.pk:
        add("room", _("This room belongs to another edition."))
    if session.track_id and edition and session.track.edition_id != edition.pk:
        add("track", _("This track belongs to another edition."))
    if session.slug:
        if session.slug in RESERVED_SLUGS:
            add("slug", _("This address is reserved; choose another slug."))
        elif edition:
            same = _sessions(session).filter(edition=edition, slug=session.slug)
            if session.pk:
                same = same.exclude(pk=session.pk)
            other = same.only("pk", "title", "live").first()
            if other is not None:
                add("slug", _slug_taken_message(other))
    if errors.get("end"):
        return errors

    for other in room_conflicts(session)[:3]:
        add(
            "room",
            _("%(room)s is already taken from %(start)s to %(end)s by “%(title)s”.")
            % {
                "room": session.room.name,
                "start": _local(other.start),
                "end": _local(other.end),
                "title": other.title,
            },
        )

    if speaker_ids is None:
        speaker_ids = [row.speaker_id for row in session.session_speakers.all() if row.speaker_id]
    for speaker, other in speaker_conflicts(session, speaker_ids):
        add(
            "__all__",
            _("%(speaker)s is also speaking in “%(title)s” from %(start)s to %(end)s.")
            % {
                "speaker": speaker.name,
                "title": other.title,
                "start": _local(other.start),
                "end": _local(other.end),
            },
        )

    if session.seats is not None and session.kind != SessionKind.WORKSHOP:
        add("seats", _("Only workshops have seats; leave this empty for other sessions."))
    elif session.kind == SessionKind.WORKSHOP and session.seats:
        if not session.room_id:
            add("room", _("Choose a room for a workshop with seats."))
        elif session.room.capacity is not None and session.seats > session.room.capacity:
            add(
                "seats",
                _("%(room)s holds %(capacity)s people: the workshop cannot offer %(seats)s seats.")
                % {
                    "room": session.room.name,
                    "capacity": session.room.capacity,
                    "seats": session.seats,
                },
            )
        elif session.room.capacity is None:
            add("seats", _("Give the room a capacity before offering seats in it."))
    if session.registration_required and not session.seats:
        add("seats", _("Give the number of seats of a workshop that requires registration."))
    return errors
