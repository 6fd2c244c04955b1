"""Querysets shared by the program pages, the exports and the admin.

Every public listing is built from a fixed number of queries, whatever the number of sessions
and speakers: foreign keys through select_related, lists through prefetch_related.
"""

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from wagtail import hooks
from wagtail.images import get_image_model

from home.cleaning import clean_query

from .choices import SessionKind
from .models import (
    MediaStateMixin,
    Room,
    ScheduleVersion,
    Session,
    SessionLink,
    SessionSpeaker,
    Speaker,
    Track,
)

PHOTO_FILTERS = ("fill-96x96", "fill-192x192", "fill-240x240", "fill-480x480")


def photo_queryset():
    return get_image_model().objects.prefetch_renditions(*PHOTO_FILTERS)


def speakers_prefetch(with_photos=False):
    rows = SessionSpeaker.objects.select_related("speaker").order_by("sort_order")
    if with_photos:
        rows = rows.prefetch_related(Prefetch("speaker__photo", queryset=photo_queryset()))
    return Prefetch("session_speakers", queryset=rows)


# What every listing of sessions shows.
LISTING_FIELDS = ("edition_id", "kind", "title", "slug", "start", "end", "language")
MEDIA_VALUES = ("video_url", "do_not_record", "room_id")  # with the room's live URL

SCHEDULE_FIELDS = (
    "live",
    *LISTING_FIELDS,
    "seats",
    "registration_required",
    "room__name",
    "room__sort_order",
    "track__name",
    "track__name_en",
    "track__slug",
    "track__colour",
)


class ScheduleSession(MediaStateMixin):
    """A published session as the schedule shows it, read with `values()`.

    The schedule lists hundreds of sessions: model instances (a Session is a ClusterableModel
    with revisions) made most of the page's time. Rooms and tracks are real, shared, instances.
    """

    def __init__(self, row, room, track, speaker_names):
        self.__dict__.update(row)
        self.pk = row["id"]
        self.room = room
        self.track = track
        self.speaker_names = speaker_names
        self.is_now = self.is_next = False


SCHEDULE_VALUES = (
    "id",
    "guid",
    *LISTING_FIELDS,
    "seats",
    "registration_required",
    *MEDIA_VALUES,
    "track_id",
)
ROOM_VALUES = ("room__name", "room__sort_order", "room__peertube_live_url")
TRACK_VALUES = ("track__name", "track__name_en", "track__slug", "track__colour")


def _shared(known, pk, model, row, prefix, fields):
    """The room (or track) of a values() row, made once per pk; its fields leave the row."""
    values = {name[len(prefix) :]: row.pop(name) for name in fields}
    if pk is None:
        return None
    if pk not in known:
        known[pk] = model(pk=pk, **values)
    return known[pk]


EXPORT_FIELDS = (
    *SCHEDULE_FIELDS,
    "guid",
    "subtitle",
    "abstract",
    "description",
    "video_url",
    "do_not_record",
    "last_published_at",
    "room__guid",
    "room__capacity",
    "room__access_notes",
)


def _sessions(edition):
    return Session.objects.filter(
        edition=edition, live=True, start__isnull=False, end__isnull=False
    ).order_by("start", "room__sort_order", "title")


def published_sessions(edition):
    """The published, scheduled sessions of an edition, in time order (two queries).

    A list of ScheduleSession: only the fields the schedule shows, speakers' names in order.
    """
    names = {}
    speakers = SessionSpeaker.objects.filter(session__edition=edition, session__live=True)
    for session_id, name in speakers.order_by("sort_order", "pk").values_list(
        "session_id", "speaker__name"
    ):
        names.setdefault(session_id, []).append(name)
    rooms, tracks = {}, {}
    sessions = []
    for row in _sessions(edition).values(*SCHEDULE_VALUES, *ROOM_VALUES, *TRACK_VALUES):
        room = _shared(rooms, row["room_id"], Room, row, "room__", ROOM_VALUES)
        track = _shared(tracks, row["track_id"], Track, row, "track__", TRACK_VALUES)
        sessions.append(ScheduleSession(row, room, track, names.get(row["id"], [])))
    return sessions


class ExportPerson:
    __slots__ = ("pk", "name", "guid")

    def __init__(self, pk, name, guid):
        self.pk, self.name, self.guid = pk, name, guid


class ExportSpeakerRow:
    """What the exporters read of a session's speaker: `row.speaker.name / pk / guid`."""

    __slots__ = ("speaker",)

    def __init__(self, speaker):
        self.speaker = speaker


class ExportLink:
    __slots__ = ("url", "title", "link_type")

    def __init__(self, url, title, link_type):
        self.url, self.title, self.link_type = url, title, link_type


class ExportSessionQuerySet(QuerySet):
    """Sessions whose `speaker_rows` and `link_rows` are attached once fetched.

    Two values() queries, like a prefetch, but without a model instance per speaker, speaker
    role and link: those made most of an export's time. Filtering (`.filter(slug=...)`) and
    slicing keep working, as on any queryset.
    """

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._result_cache and isinstance(self._result_cache[0], Session):
            attach_export_rows(self._result_cache)


def attach_export_rows(sessions):
    by_pk = {session.pk: session for session in sessions}
    for session in sessions:
        session.speaker_rows, session.link_rows = [], []
    people = {}
    roles = SessionSpeaker.objects.filter(session_id__in=by_pk).order_by("sort_order", "pk")
    for session_id, pk, name, guid in roles.values_list(
        "session_id", "speaker_id", "speaker__name", "speaker__guid"
    ):
        if pk not in people:
            people[pk] = ExportSpeakerRow(ExportPerson(pk, name, guid))
        by_pk[session_id].speaker_rows.append(people[pk])
    links = SessionLink.objects.filter(session_id__in=by_pk).order_by("sort_order", "pk")
    for session_id, url, title, link_type in links.values_list(
        "session_id", "url", "title", "link_type"
    ):
        by_pk[session_id].link_rows.append(ExportLink(url, title, link_type))


def export_sessions(edition):
    """Published sessions with everything the exports write (three queries)."""
    return (
        ExportSessionQuerySet(Session)
        .filter(edition=edition, live=True, start__isnull=False, end__isnull=False)
        .order_by("start", "room__sort_order", "title")
        .select_related("room", "track")
        .only(*EXPORT_FIELDS)
    )


def session_detail(edition, slug):
    return (
        Session.objects.filter(edition=edition, live=True, slug=slug, start__isnull=False)
        .select_related("room", "track", "edition")
        .prefetch_related(
            speakers_prefetch(with_photos=True),
            Prefetch("links", queryset=SessionLink.objects.order_by("sort_order")),
            "tags",
        )
        .first()
    )


def neighbours_in_room(session):
    """(previous, next) published sessions in the same room, or None."""
    if not session.room_id:
        return None, None
    same_room = Session.objects.filter(
        edition_id=session.edition_id, room_id=session.room_id, live=True
    ).only("title", "slug", "start", "end", "language")
    previous = same_room.filter(start__lt=session.start).order_by("-start").first()
    following = same_room.filter(start__gt=session.start).order_by("start").first()
    return previous, following


def rooms(edition):
    return Room.objects.filter(edition=edition).order_by("sort_order", "name")


def tracks(edition):
    return Track.objects.filter(edition=edition).order_by("name")


def edition_speakers(edition):
    """Speakers of the edition's published sessions, with those sessions. No photos: the
    index is a listing (a picture per speaker was most of its weight); speaker pages have them."""
    sessions = (
        Session.objects.filter(edition=edition, live=True, start__isnull=False)
        .select_related("room")
        .order_by("start")
    )
    return (
        Speaker.objects.filter(
            session_roles__session__edition=edition, session_roles__session__live=True
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "session_roles",
                queryset=SessionSpeaker.objects.filter(session__in=sessions)
                .select_related("session", "session__room")
                .order_by("session__start"),
                to_attr="edition_roles",
            ),
        )
        .order_by("name")
    )


def speaker_detail(slug):
    """A speaker with at least one published session, with all their sessions, any edition."""
    roles = (
        SessionSpeaker.objects.filter(session__live=True, session__start__isnull=False)
        .select_related("session", "session__room", "session__edition")
        .order_by("-session__start")
    )
    return (
        Speaker.objects.filter(slug=slug, session_roles__session__live=True)
        .prefetch_related(
            Prefetch("photo", queryset=photo_queryset()),
            Prefetch("session_roles", queryset=roles, to_attr="published_roles"),
        )
        .distinct()
        .first()
    )


# Site search --------------------------------------------------------------------------------------

SEARCH_LIMIT = 20


def _search_terms(query):
    """At most 8 words, cleaned of what no database column or LIKE pattern should receive."""
    return clean_query(query).split()[:8]


def _all_words(terms, fields):
    """A filter where every word of the query is in one of `fields` (icontains: works the same
    on SQLite and PostgreSQL, needs no index to keep up to date)."""
    condition = Q()
    for term in terms:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": term})
        condition &= any_field
    return condition


def search_sessions(query, limit=SEARCH_LIMIT):
    """Published sessions (not breaks) of any edition whose title, subtitle, abstract or
    speakers' names hold every word of `query`; newest first, with their speakers (2 queries)."""
    terms = _search_terms(query)
    if not terms:
        return []
    fields = ("title", "subtitle", "abstract", "session_speakers__speaker__name")
    matching = Session.objects.filter(_all_words(terms, fields)).values("pk")
    return list(
        Session.objects.filter(pk__in=matching, live=True, edition__isnull=False)
        .exclude(kind=SessionKind.BREAK)
        .only("edition_id", "title", "subtitle", "slug", "start")
        .prefetch_related(speakers_prefetch())
        .order_by("-start", "title")[:limit]
    )


def search_speakers(query, limit=SEARCH_LIMIT):
    """Speakers with a published session whose name, organization or bio hold every word of
    `query`, each with `latest_edition_id`: the edition of their latest session (1 query)."""
    terms = _search_terms(query)
    if not terms:
        return []
    latest = (
        SessionSpeaker.objects.filter(
            speaker=OuterRef("pk"), session__live=True, session__edition__isnull=False
        )
        .order_by("-session__edition__year")
        .values("session__edition_id")[:1]
    )
    return list(
        Speaker.objects.filter(_all_words(terms, ("name", "organization", "bio")))
        .annotate(latest_edition_id=Subquery(latest))
        .filter(latest_edition_id__isnull=False)
        .only("name", "slug", "organization")
        .order_by("name")[:limit]
    )


# The app that takes registrations says how many seats its workshops have left: it registers,
# for this hook, a function taking sessions and returning {session pk: seats left} (0: full,
# new choices go to its waiting list) in one query. The program does not import it.
AVAILABILITY_HOOK = "alposs_session_availability"
AVAILABILITY_SECONDS = 60  # seats are taken at any moment: shared copies that show them last this


def schedule_versions(edition):
    """The edition's versions that changed something, newest first, without their snapshots."""
    return (
        ScheduleVersion.objects.filter(edition=edition, number__gt=0)
        .order_by("-number")
        .only("number", "created_at", "changes")
    )


def latest_version_number(edition):
    """The exports' `version`: the number of the edition's latest schedule version, or None."""
    return (
        ScheduleVersion.objects.filter(edition=edition, number__gt=0)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )


def seats_left(sessions):
    """Set `seats_left` (an int, or None when not counted) on each session; True if any."""
    left = {}
    for count in hooks.get_hooks(AVAILABILITY_HOOK):
        left.update(count(sessions))
    for session in sessions:
        session.seats_left = left.get(session.pk)
    return bool(left)
