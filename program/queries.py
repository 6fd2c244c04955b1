"""Querysets shared by the program pages, the exports and the admin.

Every public listing is built from a fixed number of queries, whatever the number of sessions
and speakers: foreign keys through select_related, lists through prefetch_related.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch

from wagtail.images import get_image_model

from home.models import Edition, EditionPage

from .models import ProgramPage, Room, Session, SessionLink, SessionSpeaker, Speaker, Track

PHOTO_FILTERS = ("fill-96x96", "fill-192x192", "fill-240x240", "fill-480x480")


def edition_of_program_page(page):
    parent_path = page.path[: -page.steplen]
    return Edition.objects.filter(pages__path=parent_path).first()


def cached_edition_of_program_page(page):
    """The page's edition, kept in the cache until program or edition data changes."""
    from .views import cache_version

    key = f"program:edition-of:{cache_version()}:{page.pk}:{page.path}"
    edition = cache.get(key)
    if edition is None:
        edition = edition_of_program_page(page)
        if edition is not None:
            cache.set(key, edition, settings.ALPOSS_PUBLIC_CACHE_SECONDS)
    return edition


def program_pages_by_edition(locale):
    """{edition id: live ProgramPage in this locale}, in two queries."""
    pages = list(ProgramPage.objects.live().filter(locale=locale))
    by_parent_path = {page.path[: -page.steplen]: page for page in pages}
    parents = EditionPage.objects.filter(path__in=by_parent_path).values_list("path", "edition_id")
    return {edition_id: by_parent_path[path] for path, edition_id in parents}


def program_page_for(edition_id, locale=None):
    """The live ProgramPage of an edition (in `locale`, else any), or None."""
    if not edition_id:
        return None
    parent_paths = EditionPage.objects.filter(edition_id=edition_id).values_list("path", flat=True)
    pages = ProgramPage.objects.live()
    if locale is not None:
        pages = pages.filter(locale=locale)
    for page in pages.order_by("locale_id"):
        if page.path[: -page.steplen] in set(parent_paths):
            return page
    return None


def photo_queryset():
    return get_image_model().objects.prefetch_renditions(*PHOTO_FILTERS)


def speakers_prefetch(with_photos=False):
    rows = SessionSpeaker.objects.select_related("speaker").order_by("sort_order")
    if with_photos:
        rows = rows.prefetch_related(Prefetch("speaker__photo", queryset=photo_queryset()))
    return Prefetch("session_speakers", queryset=rows)


SCHEDULE_FIELDS = (
    "edition_id",
    "live",
    "kind",
    "title",
    "slug",
    "start",
    "end",
    "language",
    "seats",
    "registration_required",
    "room__name",
    "room__sort_order",
    "track__name",
    "track__name_en",
    "track__slug",
    "track__colour",
)


EXPORT_FIELDS = (
    *SCHEDULE_FIELDS,
    "guid",
    "subtitle",
    "abstract",
    "description",
    "video_url",
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

    Only the fields the schedule shows are read: the page lists hundreds of sessions.
    """
    speakers = SessionSpeaker.objects.select_related("speaker").only(
        "session_id", "sort_order", "speaker__name", "speaker__slug"
    )
    return (
        _sessions(edition)
        .select_related("room", "track")
        .only(*SCHEDULE_FIELDS)
        .prefetch_related(
            # A plain list (to_attr): reading a prefetched manager clones its query, whose
            # IN clause grows with the number of sessions.
            Prefetch(
                "session_speakers",
                queryset=speakers.order_by("sort_order"),
                to_attr="speaker_rows",
            )
        )
    )


def export_sessions(edition):
    """Published sessions with everything the exports write (three queries)."""
    speakers = (
        SessionSpeaker.objects.select_related("speaker")
        .only("session_id", "sort_order", "speaker__name", "speaker__guid")
        .order_by("sort_order")
    )
    return (
        _sessions(edition)
        .select_related("room", "track")
        .only(*EXPORT_FIELDS)
        .prefetch_related(
            Prefetch("session_speakers", queryset=speakers, to_attr="speaker_rows"),
            Prefetch(
                "links", queryset=SessionLink.objects.order_by("sort_order"), to_attr="link_rows"
            ),
        )
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
    """Speakers of the edition's published sessions, with photo renditions and those sessions."""
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
            Prefetch("photo", queryset=photo_queryset()),
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
