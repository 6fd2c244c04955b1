"""Demo program: fictional speakers and sessions for 2024, 2025, 2026 and the upcoming edition.

The data is in fixtures/demo/, in TOML an organizer can adapt to their own event: speakers.toml,
rooms.toml, tracks.toml, defaults.toml (default texts, program page, PeerTube instance) and one
sessions-<edition>.toml per edition. This module turns it into records; its own rules are the
portraits' drawings and the invented PeerTube videos (which sessions have a replay, view counts).

Every person, organization and session is invented. Running `load` twice changes nothing:
records are found by their natural keys (slug, edition + name) before anything is created.
"""

import datetime
import io
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify

from PIL import Image

from home.demo_tools import demo_data, demo_image, draw_picture
from home.editions import publish_child_page, publish_translation
from home.models import Edition, EditionPage, SiteSettings

from .changes import record_baseline, versions_paused
from .choices import AudienceLevel, LinkType, SessionKind, SpeakerRole
from .models import (
    PeerTubeVideo,
    ProgramPage,
    Room,
    Session,
    SessionLink,
    SessionSpeaker,
    Speaker,
    Track,
)
from .peertube import PeerTubeRef, watch_url
from .peertube.thumbnails import MAX_SIDE
from .peertube.urls import VIDEO

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "demo"


def session_files():
    """The names of the sessions files, one per edition (sessions-2024, ..., sessions-upcoming)."""
    return sorted(path.stem for path in FIXTURES.glob("sessions-*.toml"))


def session_speakers(spec):
    """A session's (speaker name, role) in their order, a round table's moderator last."""
    people = [(name, SpeakerRole.SPEAKER) for name in spec.get("speakers", [])]
    if "moderator" in spec:
        people.append((spec["moderator"], SpeakerRole.MODERATOR))
    return people


def load_speakers():
    """Every speaker by name; the TOML keys are the speaker's fields, the portrait is drawn."""
    speakers = {}
    for position, facts in enumerate(demo_data("program", "speakers")["speaker"]):
        name, slug = facts["name"], slugify(facts["name"])
        speaker = Speaker.objects.filter(slug=slug).first()
        if speaker is None:
            initials = "".join(part[0] for part in name.replace("-", " ").split()[:2])
            photo = demo_image(
                f"Portrait de {name}", f"Portrait dessiné de {name}", text=initials,
                seed=position, kind="portrait", size=(400, 400),
            )  # fmt: skip
            speaker = Speaker.objects.create(slug=slug, photo=photo, **facts)
        speakers[name] = speaker
    return speakers


def load_rooms(edition, specs):
    """The edition's rooms by name, in their order (`streamed` is for load_streams)."""
    rooms = {}
    for order, spec in enumerate(specs, start=1):
        fields = {key: value for key, value in spec.items() if key != "streamed"}
        rooms[spec["name"]], _ = Room.objects.get_or_create(
            edition=edition, name=spec["name"], defaults={**fields, "sort_order": order}
        )
    return rooms


def load_tracks(edition):
    tracks = {}
    for spec in demo_data("program", "tracks")["track"]:
        tracks[spec["slug"]], _ = Track.objects.get_or_create(
            edition=edition, slug=spec["slug"], defaults=spec
        )
    return tracks


def load_sessions(edition, program, rooms, tracks, speakers, defaults):
    created = 0
    tz = timezone.get_current_timezone()
    abstracts = defaults["abstract"]
    for spec in program["session"]:
        title, kind = spec["title"], spec["kind"]
        slug = slugify(title)[:120]
        if Session.objects.filter(edition=edition, slug=slug).exists():
            continue
        at = datetime.time.fromisoformat(spec["start"])
        start = datetime.datetime.combine(edition.start_date, at, tz)
        language = spec.get("language", "fr")
        abstract = spec.get("abstract")
        if abstract is None:
            abstract = abstracts.get(language, {}).get(kind, abstracts["fr"].get(kind, ""))
        seats = spec.get("seats")
        session = Session(
            edition=edition,
            kind=kind,
            title=title,
            slug=slug,
            subtitle=spec.get("subtitle", ""),
            abstract=abstract,
            description="" if kind == SessionKind.BREAK else defaults["description"][language],
            room=rooms[spec["room"]] if "room" in spec else None,
            track=tracks[spec["track"]] if "track" in spec else None,
            start=start,
            end=start + datetime.timedelta(minutes=spec["minutes"]),
            language=language,
            level=spec.get("level", AudienceLevel.EVERYONE),
            seats=seats,
            registration_required=bool(seats),
            live=False,
        )
        session.session_speakers = [
            SessionSpeaker(speaker=speakers[name], role=role, sort_order=position)
            for position, (name, role) in enumerate(session_speakers(spec))
        ]
        if kind in (SessionKind.TALK, SessionKind.KEYNOTE) and edition.is_past():
            session.links = [
                SessionLink(
                    title=defaults["slides"]["title"][language],
                    url=defaults["slides"]["url"].format(year=edition.year, slug=slug),
                    link_type=LinkType.SLIDES,
                    sort_order=0,
                )
            ]
        session.full_clean()
        session.save()
        revision = session.save_revision()
        if not spec.get("draft"):
            revision.publish()
        created += 1
    return created


def load_program_page(edition, texts):
    edition_page = EditionPage.objects.filter(edition=edition, locale__language_code="fr").first()
    if edition_page is None:
        return None
    page = publish_child_page(edition_page, ProgramPage(show_in_menus=True, **texts["fr"]))
    publish_translation(page, "en", **texts["en"])
    return page


# PeerTube: the videos are invented (stable UUIDs made from names), their pictures drawn here
# and their view counts made up: nothing is asked from PeerTube.


def demo_video_ref(instance, *names):
    video_uuid = uuid.uuid5(uuid.NAMESPACE_URL, "alposs-demo:" + ":".join(map(str, names)))
    return PeerTubeRef(instance, VIDEO, str(video_uuid))


def _demo_picture(ref, title, seed):
    """Draw the video's picture into our storage once (where thumbnails.py would copy it)."""
    name = f"peertube/{ref.instance}/{ref.id}.jpg"
    if not default_storage.exists(name):
        png = draw_picture(title, 1200, 675, seed=seed)
        image = Image.open(io.BytesIO(png)).convert("RGB")
        image.thumbnail((min(640, MAX_SIDE), 360))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80, optimize=True)
        name = default_storage.save(name, ContentFile(out.getvalue()))
    return name


def _demo_video(ref, edition, title, seed, *, live=False):
    PeerTubeVideo.objects.get_or_create(
        instance=ref.instance,
        uuid=ref.id,
        defaults={
            "edition": edition,
            "title": title,
            "duration": 0 if live else 1800 + 60 * (seed % 25),
            "is_live": live,
            "state": 4 if live else 1,
            "views": 40 + (seed * 137) % 860 if edition.is_past() else 0,
            "peak_viewers": 12 + (seed * 29) % 90 if live else 0,
            "thumbnail": _demo_picture(ref, title, seed),
        },
    )


def load_peertube_settings(instance):
    """The site accepts the city's instance (organizers edit the list in the settings)."""
    for site_settings in SiteSettings.objects.filter(peertube_instances=""):
        site_settings.peertube_instances = instance
        site_settings.save(update_fields=["peertube_instances"])


def load_streams(edition, rooms, streamed, instance):
    for position, room in enumerate(rooms.values()):
        if room.name not in streamed:
            continue
        ref = demo_video_ref(instance, "live", edition.year, room.name)
        if not room.peertube_live_url:
            room.peertube_live_url = watch_url(ref)
            room.save(update_fields=["peertube_live_url"])
        _demo_video(
            ref, edition, f"AlpOSS {edition.year} · {room.name} (direct)", position, live=True
        )


def load_replays(edition, streamed, peertube):
    """Replays for most filmed sessions of an edition held; one session not recorded (the
    speaker's choice); every fourth left without a replay yet ("coming soon")."""
    sessions = [
        session
        for session in Session.objects.filter(edition=edition, live=True)
        .select_related("room")
        .order_by("start", "pk")
        if session.kind in peertube["filmed_kinds"]
        and session.room
        and session.room.name in streamed
    ]
    for position, session in enumerate(sessions):
        changed = False
        if position == 2 and not session.do_not_record:
            session.do_not_record, changed = True, True
        elif edition.is_past() and position % 4 != 3 and position != 2:
            ref = demo_video_ref(peertube["instance"], "replay", edition.year, session.slug)
            _demo_video(ref, edition, session.title, position)
            if not session.video_url:
                session.video_url, changed = watch_url(ref), True
        if changed and not session.has_unpublished_changes:
            session.save_revision(clean=False).publish()


def load(stdout):
    defaults = demo_data("program", "defaults")
    instance = defaults["peertube"]["instance"]
    room_sets = demo_data("program", "rooms")
    speakers = load_speakers()
    load_peertube_settings(instance)
    programs = {}
    for name in session_files():
        program = demo_data("program", name)
        programs[program["edition"]] = program
    total = 0
    for edition in Edition.objects.order_by("start_date"):
        program = programs.get(edition.number)
        if program is None:
            continue
        specs = room_sets[program["rooms"]]
        rooms = load_rooms(edition, specs)
        tracks = load_tracks(edition) if program.get("tracks") else {}
        with versions_paused():  # one baseline, not a version per session published
            total += load_sessions(edition, program, rooms, tracks, speakers, defaults)
        late = (
            Session.objects.filter(edition=edition, live=True)
            .exclude(kind=SessionKind.BREAK)
            .order_by("-pk")
            .values_list("guid", flat=True)[:2]
        )
        record_baseline(edition.pk, late=list(late))
        if program.get("streamed"):
            streamed = {spec["name"] for spec in specs if spec.get("streamed")}
            load_streams(edition, rooms, streamed, instance)
            load_replays(edition, streamed, defaults["peertube"])
        load_program_page(edition, defaults["page"])
    stdout.write(f"Program: {len(speakers)} speakers, {total} sessions added.")
