"""The views behind the ProgramPage routes: thin functions over queries, grid and exporters."""

from functools import wraps
from html import escape

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale

from home.models import Edition
from home.page_cache import limit_shared_lifetime, mark_public, seconds_to_next_minute

from . import changes, exporters, queries
from .cache import event_is_on, public_route
from .choices import SessionKind, SessionLanguage
from .models import MEDIA_LIVE, MEDIA_REPLAY, ProgramPage, Room, Session
from .my_program import MAX_SELECTED, Selection, clashes, code_of
from .peertube import frame_src_origins
from .peertube.media import stored_players
from .schedule_html import schedule_days, star_html


def serve_page_file(request, path):
    """Serve `<page path>/schedule.xml` and the like: Wagtail's own URL pattern has no dot."""
    return wagtail_views.serve(request, f"{path}/")


def with_player_frames(view):
    """Pages that may show a PeerTube player: the CSP `frame-src` lets in exactly the allowed
    instances (read from the site settings, cached); every other page keeps 'self' only."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        response = view(*args, **kwargs)
        config = getattr(response, "_csp_config", None) or settings.SECURE_CSP
        response._csp_config = {**config, "frame-src": [CSP.SELF, *frame_src_origins()]}
        return response

    return wrapper


# Helpers ------------------------------------------------------------------------------------------


def _edition_or_404(page):
    if page.edition is None:
        raise Http404("This program page has no edition.")
    return page.edition


def program_url_for(page, request):
    """The program page's path, read from the request when it came through a route.

    It costs no query, where `page.get_url()` looks up the site's root paths.
    """
    match = getattr(request, "routable_resolver_match", None)
    if match is not None and not getattr(request, "is_preview", False):
        # The very route that matched, not its variant in the page's language.
        sub = RoutablePageMixin.reverse_subpage(page, match.url_name, kwargs=match.kwargs)
        sub = sub.rstrip("/")
        path = request.path if not sub else request.path.rstrip("/")
        if not sub and path.endswith("/"):
            return path
        if sub and path.endswith("/" + sub):
            return path[: -len(sub)]
    return page.get_url(request)


def rooms_and_tracks(sessions):
    """The rooms and tracks the sessions use, in display order, read from the sessions."""
    rooms = {s.room.pk: s.room for s in sessions if s.room_id}
    tracks = {s.track.pk: s.track for s in sessions if s.track_id}
    return (
        sorted(rooms.values(), key=lambda room: (room.sort_order, room.name)),
        sorted(tracks.values(), key=lambda track: track.name),
    )


def _common_context(page, request):
    program_url = program_url_for(page, request)
    language = get_language()
    return {
        "page": page,
        "self": page,
        "edition": page.edition,
        "program_url": program_url,
        "speakers_url": program_url + page.reverse_subpage("speakers", language=language),
        "speaker_prefix": program_url + page.reverse_subpage("speakers", language=language),
        "changes_url": program_url + page.reverse_subpage("changes", language=language),
        "live_url": reverse("program_live", kwargs={"year": page.edition.year})
        if page.edition
        else None,
        "page_language": language,
    }


def _mark_now_and_next(sessions, now):
    """Set `is_now` and `is_next` on each session: on now, or the next one in its room."""
    next_in_room = {}
    for session in sessions:
        session.is_now = session.start <= now < session.end
        session.is_next = False
        if session.start > now and session.room_id not in next_in_room:
            next_in_room[session.room_id] = session
    for session in next_in_room.values():
        session.is_next = True


def _filters(request, tracks):
    kinds = set(SessionKind.values)
    languages = set(SessionLanguage.values)
    track_slugs = {track.slug for track in tracks}
    chosen = {
        "kind": request.GET.get("kind", ""),
        "track": request.GET.get("track", ""),
        "language": request.GET.get("language", ""),
    }
    if chosen["kind"] not in kinds:
        chosen["kind"] = ""
    if chosen["track"] not in track_slugs:
        chosen["track"] = ""
    if chosen["language"] not in languages:
        chosen["language"] = ""
    return chosen


def _matches(session, chosen):
    if chosen["kind"] and session.kind != chosen["kind"]:
        return False
    if chosen["track"] and (session.track is None or session.track.slug != chosen["track"]):
        return False
    return not (chosen["language"] and session.language != chosen["language"])


# Routes -------------------------------------------------------------------------------------------


def _count(sessions, chosen):
    """Sessions as the figures page counts them: breaks are not sessions (unless asked for)."""
    if chosen["kind"] == SessionKind.BREAK:
        return len(sessions)
    return sum(1 for session in sessions if session.kind != SessionKind.BREAK)


@public_route
def schedule(page, request):
    edition = _edition_or_404(page)
    sessions = list(queries.published_sessions(edition))
    if queries.seats_left(sessions):
        limit_shared_lifetime(request, queries.AVAILABILITY_SECONDS)
    rooms, tracks = rooms_and_tracks(sessions)
    chosen = _filters(request, tracks)
    now = timezone.now()
    during_event = event_is_on(edition, now)
    _mark_now_and_next(sessions, now)
    if not during_event:
        for item in sessions:
            item.is_now = item.is_next = False
    shown = [session for session in sessions if _matches(session, chosen)]
    context = _common_context(page, request)
    selection = Selection.from_request(request)
    selection.resolve(sessions)
    days = schedule_days(
        edition.days,
        shown,
        rooms,
        context["program_url"],
        context["page_language"],
        now,
        selection=selection,
        star_query=lambda codes: selection.query(codes, **chosen),
    )
    context.update(_my_program_link(page, context, selection))
    context.update(
        {
            "days": days,
            "rooms": rooms,
            "tracks": tracks,
            "chosen": chosen,
            "filtered": any(chosen.values()),
            "kinds": SessionKind.choices,
            "languages": SessionLanguage.choices,
            "shown_count": _count(shown, chosen),
            "total_count": _count(sessions, chosen),
            "during_event": during_event,
            "now": now,
        }
    )
    return TemplateResponse(request, "program/program_page.html", context)


def session_media(session, now):
    """What the session page shows about the live and the replay (one query, or none):
    the state (models.MEDIA_*), and the player of the room's live or of the replay."""
    state = session.media_state(now)
    url = {
        MEDIA_LIVE: session.room.peertube_live_url if session.room_id else "",
        MEDIA_REPLAY: session.video_url,
    }.get(state, "")
    player = stored_players([url]).get(url) if url else None
    if state in (MEDIA_LIVE, MEDIA_REPLAY) and player is None:
        state = ""  # an address of an instance no longer allowed: show nothing
    return {"state": state, "player": player}


def _my_program_link(page, context, selection):
    """The link to the reader's own program, with the current selection."""
    url = context["program_url"] + page.reverse_subpage(
        "my_program", language=context["page_language"]
    )
    return {
        "selection": selection,
        "my_program_url": url + selection.query(),
        "my_program_base": url,
        "star_labels": (_("Add to my program"), _("Remove from my program")),
    }


@with_player_frames
@public_route
def session(page, request, slug):
    edition = _edition_or_404(page)
    found = queries.session_detail(edition, slug)
    if found is None:
        raise Http404("No such session.")
    previous, following = queries.neighbours_in_room(found)
    if queries.seats_left([found]):
        limit_shared_lifetime(request, queries.AVAILABILITY_SECONDS)
    now = timezone.now()
    context = _common_context(page, request)
    selection = Selection.from_request(request)
    code = code_of(found)
    selected = code in selection
    context.update(_my_program_link(page, context, selection))
    context["star"] = star_html(
        escape(request.path + selection.query(selection.toggled(code))),
        code,
        selected,
        escape(context["star_labels"][selected]),
        escape(found.title),
    )
    context.update(
        {
            "session": found,
            "previous_session": previous,
            "next_session": following,
            "ics_url": context["program_url"]
            + page.reverse_subpage(
                "session_ics", kwargs={"slug": found.slug}, language=context["page_language"]
            ).rstrip("/"),
            "is_now": found.is_now(now),
            "is_past": found.end is not None and now >= found.end,
            "media": session_media(found, now),
            "live_page_url": reverse("program_live", kwargs={"year": edition.year}),
        }
    )
    return TemplateResponse(request, "program/session_detail.html", context)


# The live page ------------------------------------------------------------------------------------

LIVE_FIELDS = (*queries.LISTING_FIELDS, *queries.MEDIA_VALUES)


def live_rooms(rooms, sessions, now, phase="during"):
    """Each streamed room with the session on now and the next one (sessions in time order).

    Before the event, only the rooms that have a session on its first day, each with the first
    streamed session of that day: its "next" and the time its stream starts are the same one."""
    by_room = {}
    for session in sessions:
        by_room.setdefault(session.room_id, []).append(session)
    first_day = timezone.localdate(sessions[0].start) if sessions and phase == "before" else None
    result = []
    for room in rooms:
        if not room.has_stream:
            continue
        own = by_room.get(room.pk, [])
        if phase == "before":
            own = [s for s in own if timezone.localdate(s.start) == first_day]
            if not own:
                continue
            first = next((s for s in own if s.is_streamed), None)
            result.append(
                {
                    "room": room,
                    "now": None,
                    "next": first or own[0],
                    "starts_at": first.start if first else None,
                }
            )
            continue
        current = next((s for s in own if s.start <= now < s.end), None)
        upcoming = next((s for s in own if s.start > now), None)
        first_streamed = next((s for s in own if s.is_streamed), None)
        result.append(
            {
                "room": room,
                "now": current,
                "next": upcoming,
                "starts_at": first_streamed.start if first_streamed else None,
            }
        )
    return result


def live_phase(sessions, now):
    """'before', 'during' or 'after' the event, from its sessions' times."""
    if not sessions or now < min(s.start for s in sessions):
        return "before"
    if now >= max(s.end for s in sessions):
        return "after"
    return "during"


@with_player_frames
def live(request, year):
    """`/<year>/direct/` (`/en/<year>/live/`): each room's stream, what is on now and next."""
    edition = Edition.objects.filter(year=year).first()
    page = edition and ProgramPage.for_edition(edition, Locale.get_active())
    if page is None:
        raise Http404("No program for this edition.")
    now = timezone.now()
    sessions = list(
        Session.objects.filter(edition=edition, live=True, start__isnull=False, end__isnull=False)
        .exclude(kind=SessionKind.BREAK)
        .only(*LIVE_FIELDS)
        .prefetch_related(queries.speakers_prefetch())
        .order_by("start", "title")
    )
    rooms = list(Room.objects.filter(edition=edition).order_by("sort_order", "name"))
    by_pk = {room.pk: room for room in rooms}
    for item in sessions:  # the rooms are already read: no query per session
        item.room = by_pk.get(item.room_id)
    phase = live_phase(sessions, now)
    streams = live_rooms(rooms, sessions, now, phase) if phase != "after" else []
    replays = [s for s in sessions if s.has_replay] if phase == "after" else []
    # After the event the page is the replays': each with its picture and length, ours.
    pictures = stored_players([item.video_url for item in replays])
    for item in replays:
        item.replay = pictures.get(item.video_url)
    # Before the event a player could only show an empty live: each room says when it starts.
    playable = streams if phase == "during" else []
    players = stored_players([item["room"].peertube_live_url for item in playable])
    for item in streams:
        item["player"] = players.get(item["room"].peertube_live_url)
        item["paused"] = item["now"] is not None and not item["now"].may_be_filmed
    streamed = [s for s in sessions if s.is_streamed]
    program_url = page.get_url(request)
    context = {
        "edition": edition,
        "program_page": page,
        "section_page": page,  # the edition's section menu, as on the edition's other pages
        "program_url": program_url,
        "speakers_url": program_url + page.reverse_subpage("speakers", language=get_language()),
        "changes_url": program_url + page.reverse_subpage("changes", language=get_language()),
        "live_url": request.path,
        "phase": phase,
        "now": now,
        "streams": streams,
        "replays": replays,
        "first_stream": streamed[0] if streamed else None,
        "page_language": get_language(),
    }
    response = TemplateResponse(request, "program/live.html", context).render()
    # "Now" and "next" move every minute while sessions run: shared copies last until then.
    seconds = (
        seconds_to_next_minute(now) if phase == "during" or event_is_on(edition, now) else None
    )
    return mark_public(request, response, seconds)


@public_route
def speakers(page, request):
    edition = _edition_or_404(page)
    context = _common_context(page, request)
    context["speakers"] = list(queries.edition_speakers(edition))
    return TemplateResponse(request, "program/speaker_index.html", context)


@public_route
def speaker(page, request, slug):
    _edition_or_404(page)
    found = queries.speaker_detail(slug)
    if found is None:
        raise Http404("No such speaker.")
    program_pages = ProgramPage.by_edition(page.locale)
    roles = []
    for role in found.published_roles:
        program_page = program_pages.get(role.session.edition_id)
        url = None
        if program_page is not None:
            url = f"{program_page.get_url(request)}{role.session.slug}/"
        roles.append({"role": role, "session": role.session, "url": url})
    context = _common_context(page, request)
    context.update({"speaker": found, "roles": roles})
    return TemplateResponse(request, "program/speaker_detail.html", context)


# Schedule changes ---------------------------------------------------------------------------------

CHANGES_SHOWN = 100  # the newest versions; older ones are in the exports' history


def _versions_shown(edition):
    return [
        {
            "number": version.number,
            "created_at": version.created_at,
            "changes": [changes.describe(item) for item in version.changes],
        }
        for version in queries.schedule_versions(edition)[:CHANGES_SHOWN]
    ]


@public_route
def changes_page(page, request):
    edition = _edition_or_404(page)
    context = _common_context(page, request)
    language = context["page_language"]
    context.update(
        {
            "versions": _versions_shown(edition),
            "feed_url": context["program_url"]
            + page.reverse_subpage("changes_feed", language=language).rstrip("/"),
        }
    )
    return TemplateResponse(request, "program/changes.html", context)


@public_route
def changes_feed(page, request):
    edition = _edition_or_404(page)
    program_url = program_url_for(page, request)
    language = get_language()
    page_url = request.build_absolute_uri(
        program_url + page.reverse_subpage("changes", language=language)
    )
    feed = Atom1Feed(
        title=_("Changes to the program of %(edition)s") % {"edition": edition.name},
        link=page_url,
        description="",
        language=language,
        feed_url=request.build_absolute_uri(request.path),
        feed_guid=f"{page_url}#feed",
    )
    for version in _versions_shown(edition):
        text = render_to_string(
            "program/includes/schedule_version.html",
            {"version": version, "in_feed": True},
            request=request,
        )
        feed.add_item(
            title=_("Version %(number)s of the program") % {"number": version["number"]},
            link=f"{page_url}#version-{version['number']}",
            unique_id=f"{page_url}#version-{version['number']}",
            description=text,
            pubdate=version["created_at"],
            updateddate=version["created_at"],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _export_data(page, request, sessions, with_version=False):
    """`with_version`: read the edition's latest schedule version, the XML and JSON `version`."""
    edition = page.edition
    rooms, tracks = rooms_and_tracks(sessions)
    return exporters.ExportData(
        edition=edition,
        sessions=sessions,
        rooms=rooms,
        tracks=tracks,
        program_url=request.build_absolute_uri(program_url_for(page, request)),
        title=edition.name,
        default_room_name=edition.venue_name or edition.name,
        schedule_version=queries.latest_version_number(edition) if with_version else None,
    )


def _file_response(content, content_type, filename, inline=True):
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@public_route
def export(page, request, fmt):
    edition = _edition_or_404(page)
    write, content_type, filename = exporters.EXPORTS[fmt]
    sessions = list(queries.export_sessions(edition))
    data = _export_data(page, request, sessions, with_version=fmt != "ics")
    content = write(data)
    name = f"{data.acronym}-{filename}"
    return _file_response(content, content_type, name, inline=fmt != "ics")


@public_route
def session_ics(page, request, slug):
    edition = _edition_or_404(page)
    found = queries.export_sessions(edition).filter(slug=slug).first()
    if found is None:
        raise Http404("No such session.")
    data = _export_data(page, request, [found])
    content = exporters.ical_calendar(
        data,
        name=_("%(title)s (%(edition)s)")
        % {
            "title": found.title,
            "edition": edition.name,
        },
    )
    return _file_response(
        content, "text/calendar; charset=utf-8", f"{found.slug}.ics", inline=False
    )


# My program ---------------------------------------------------------------------------------------


@public_route
def my_program(page, request):
    """The sessions marked in the address, in time order, clashes shown; its file and feed."""
    edition = _edition_or_404(page)
    selection = Selection.from_request(request)
    selected = selection.resolve(queries.published_sessions(edition))
    clashing = clashes(selected)
    context = _common_context(page, request)
    context.update(_my_program_link(page, context, selection))
    language = context["page_language"]
    for item in selected:
        item.code = code_of(item)
        item.day = timezone.localdate(item.start)
        item.clashes = item.pk in clashing
        item.url = f"{context['program_url']}{item.slug}/"
        item.remove_url = request.path + selection.query(selection.toggled(item.code))
    ics_path = context["program_url"] + page.reverse_subpage(
        "my_program_ics", language=language
    ).rstrip("/")
    query = selection.query()
    feed_url = request.build_absolute_uri(ics_path + query)
    context.update(
        {
            "selected": selected,
            "clash_count": len(clashing),
            "unknown_count": selection.unknown,
            "too_many": selection.too_many,
            "max_selected": MAX_SELECTED,
            "share_url": request.build_absolute_uri(request.path + query),
            "ics_url": ics_path + query,
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        }
    )
    return TemplateResponse(request, "program/my_program.html", context)


@public_route
def my_program_ics(page, request):
    """The marked sessions as a calendar feed: stateless, the selection is in the address."""
    edition = _edition_or_404(page)
    selection = Selection.from_request(request)
    if not selection.codes:
        raise Http404("No session chosen.")
    data = _export_data(page, request, list(queries.export_sessions(edition)))
    chosen = selection.resolve(data.sessions)
    name = _("My program · %(edition)s") % {"edition": edition.name}
    content = exporters.ical_calendar(data, sessions=chosen, name=name)
    return _file_response(
        content, "text/calendar; charset=utf-8", f"{data.acronym}-mine.ics", inline=False
    )
