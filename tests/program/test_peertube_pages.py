"""PeerTube in the site: address checks on save, the session page's facade, the live page,
the schedule marker, view counts. The instance is the real local HTTP server of
test_peertube_client (no mocking of `requests`); pages must never ask it anything."""

import datetime
import io
import re
import time

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.models import Site

import pytest

from figures.services import compute_tally
from home.models import SiteSettings
from program import cache, queries
from program.choices import SessionKind
from program.models import (
    MEDIA_LIVE,
    MEDIA_NONE,
    MEDIA_REPLAY,
    MEDIA_REPLAY_SOON,
    MEDIA_UPCOMING,
    PeerTubeVideo,
    Room,
    Session,
    SessionSpeaker,
)
from program.peertube import allowed_hosts, parse_url, uuid_to_short
from program.peertube.media import refresh_edition
from program.schedule_html import schedule_days
from program.wagtail_hooks import SessionViewSet, show_peertube_warnings
from tests.factories.home import StandardPageFactory
from tests.factories.program import RoomFactory, SessionFactory, SpeakerFactory, at
from tests.program import test_peertube_client as fake_instance
from tests.program.test_admin import ADD_URL, session_form
from tests.program.test_peertube_client import (
    CONNECT_TIMEOUT,
    HOST,
    LIVE_NOW,
    LIVE_WAITING,
    MARGIN,
    READ_TIMEOUT,
    REPLAY,
)

# The fake PeerTube instance on 127.0.0.1 (a fixture of the client's tests).
peertube = fake_instance.peertube

MISSING_UUID = "0f0e0d0c-0b0a-4908-8706-050403020100"


def watch(data):
    return f"https://{HOST}/w/{data['shortUUID']}"


@pytest.fixture(autouse=True)
def french():
    """Messages read outside a request are in the site's default language."""
    with translation.override("fr"):
        yield


@pytest.fixture
def clock(monkeypatch):
    """Set "now" for the code under test: `clock(edition, 10, 30)` is 10:30 on its first day."""

    def set_now(edition, hour, minute=0, days=0):
        moment = at(edition, hour, minute) + datetime.timedelta(days=days)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_now


@pytest.fixture
def streamed(edition, rooms):
    """The big room streams its permanent live (already read once, as peertube_sync would)."""
    room = rooms[0]
    Room.objects.filter(pk=room.pk).update(peertube_live_url=watch(LIVE_NOW))
    room.refresh_from_db()
    PeerTubeVideo.objects.create(
        instance=HOST, uuid=LIVE_NOW["uuid"], edition=edition, title="Grande salle", is_live=True
    )
    return room


@pytest.fixture
def replay_row(edition):
    return PeerTubeVideo.objects.create(
        instance=HOST,
        uuid=REPLAY["uuid"],
        edition=edition,
        title=REPLAY["name"],
        views=312,
        thumbnail=f"peertube/{HOST}/{REPLAY['uuid']}.jpg",
    )


def session_at_ten(edition, room, **fields):
    fields.setdefault("title", "Migrer une mairie")
    return SessionFactory(edition=edition, room=room, hour=10, minutes=45, **fields)


# -- checks when organizers save ----------------------------------------------------------


def post_session(admin_client, edition, room, video_url, **fields):
    """The admin's "add session" form, published, with this replay address."""
    data = session_form(edition, room, video_url=video_url, **{"action-publish": "publish"})
    return admin_client.post(ADD_URL, {**data, **fields})


ADDED_SLUG = "une-session-ajoutee-dans-ladmin"


def test_a_replay_address_that_exists_is_accepted_normalised_and_read_once(
    admin_client, peertube, edition, rooms
):
    url = f"https://{HOST}/videos/watch/{REPLAY['uuid']}?start=90"

    post_session(admin_client, edition, rooms[1], url)

    session = Session.objects.get(slug=ADDED_SLUG)
    assert session.video_url == f"https://{HOST}/w/{REPLAY['shortUUID']}?start=90"
    stored = PeerTubeVideo.objects.get(uuid=REPLAY["uuid"])
    assert (stored.title, stored.views, stored.edition) == (REPLAY["name"], 312, edition)
    assert stored.thumbnail == f"peertube/{HOST}/{REPLAY['uuid']}.jpg"


def test_a_video_the_instance_does_not_have_is_refused_with_its_host(
    admin_client, peertube, edition, rooms
):
    url = f"https://{HOST}/w/{uuid_to_short(MISSING_UUID)}"

    response = post_session(admin_client, edition, rooms[1], url)

    assert f"{HOST} n'a aucune vidéo" in response.context["form"].errors["video_url"][0]
    assert not PeerTubeVideo.objects.exists()


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"https://tube.example.org/w/{REPLAY['shortUUID']}", "video.echirolles.fr"),
        (f"https://{HOST}/w/p/{REPLAY['shortUUID']}", "liste de lecture"),
        (f"https://{HOST}/c/alposs_conf/videos", "chaîne"),
        (f"http://{HOST}/w/{REPLAY['shortUUID']}", "https://"),
    ],
)
def test_addresses_of_the_wrong_form_or_instance_are_refused_without_asking(
    peertube, edition, rooms, url, words
):
    session = session_at_ten(edition, rooms[0])
    session.video_url = url

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert words in " ".join(error.value.message_dict["video_url"])
    assert peertube.api_requests() == []


def session_admin_form(edition, room, video_url, user):
    """The admin's session form (SessionAdminForm with its inline panels), filled in."""
    form_class = SessionViewSet.edit_handler.bind_to_model(Session).get_form_class()
    data = session_form(edition, room, video_url=video_url)
    return form_class(data, instance=Session(), for_user=user)


def test_an_instance_that_does_not_answer_keeps_the_address_with_a_warning_quickly(
    admin_user, peertube, edition, rooms
):
    peertube.mode = "sleep"
    form = session_admin_form(edition, rooms[1], watch(REPLAY), admin_user)

    started = time.monotonic()
    assert form.is_valid()
    elapsed = time.monotonic() - started

    assert elapsed < CONNECT_TIMEOUT + READ_TIMEOUT + MARGIN
    assert form.instance.video_url == watch(REPLAY)
    assert "n'a pas répondu à temps" in str(form.instance.peertube_warnings[0])


def test_validating_a_session_or_a_room_asks_peertube_nothing_and_writes_nothing(
    peertube, edition, rooms
):
    session = session_at_ten(edition, rooms[0])
    session.video_url = f"https://{HOST}/w/{uuid_to_short(MISSING_UUID)}"
    room = rooms[1]
    room.peertube_live_url = watch(REPLAY)

    session.full_clean()
    room.full_clean()

    assert peertube.requests == []
    assert not PeerTubeVideo.objects.exists()


def test_the_admin_shows_the_warning_after_saving(rf, peertube, edition, rooms):
    request = rf.post("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)
    room = rooms[0]
    room.peertube_warnings = ["video.echirolles.fr did not answer in time"]

    show_peertube_warnings(request, room)

    assert [str(m) for m in get_messages(request)] == room.peertube_warnings


def room_form(room, live_url):
    return {
        "edition": room.edition_id,
        "name": room.name,
        "capacity": room.capacity or "",
        "sort_order": room.sort_order,
        "access_notes": "",
        "access_notes_en": "",
        "peertube_live_url": live_url,
    }


def test_a_room_live_must_be_a_live(admin_client, peertube, edition, rooms):
    room = rooms[0]
    edit_url = f"/admin/snippets/program/room/edit/{room.pk}/"
    response = admin_client.post(edit_url, room_form(room, watch(REPLAY)))
    assert "peertube_live_url" in response.context["form"].errors

    embed = f"https://{HOST}/videos/embed/{LIVE_WAITING['uuid']}"
    assert admin_client.post(edit_url, room_form(room, embed)).status_code == 302
    room.refresh_from_db()
    assert room.peertube_live_url == watch(LIVE_WAITING)
    assert PeerTubeVideo.objects.get(uuid=LIVE_WAITING["uuid"]).edition == edition


def test_a_session_not_recorded_cannot_have_a_replay(peertube, edition, rooms):
    session = session_at_ten(edition, rooms[0], do_not_record=True)
    session.video_url = watch(REPLAY)

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert "ne doit pas être enregistrée" in error.value.message_dict["video_url"][0]


def test_allowed_instances_come_from_the_site_settings_and_follow_their_changes(home_page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.peertube_instances = "tube.example.org\nVIDEO.example.net\nnot a host!"
    site_settings.save()
    assert allowed_hosts() == ["tube.example.org", "video.example.net"]
    with pytest.raises(ValidationError):
        parse_url(watch(REPLAY))

    site_settings.peertube_instances = ""
    site_settings.save()
    assert allowed_hosts() == [HOST]


def test_the_site_setting_refuses_lines_that_are_not_host_names(home_page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.peertube_instances = "https://video.echirolles.fr/"
    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()
    assert "peertube_instances" in error.value.message_dict


# -- the session page ---------------------------------------------------------------------


def media_section(response):
    html = response.content.decode()
    start = html.find('<section class="session-media"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def test_before_the_session_the_page_says_when_and_where_it_is_streamed(
    client, program_page, streamed, clock, peertube
):
    session = session_at_ten(program_page.edition, streamed)
    clock(program_page.edition, 9)

    response = client.get(f"/2026/programme/{session.slug}/")

    section = media_section(response)
    assert "diffusée en direct le mardi 17 février 2026 à 10:00" in section
    assert "Grande salle" in section
    assert 'href="/2026/direct/"' in section
    assert "<iframe" not in response.content.decode()
    assert "data-player" not in section


def test_during_the_session_the_page_shows_the_room_live_facade_and_asks_nothing(
    client, program_page, streamed, clock, peertube
):
    session = session_at_ten(program_page.edition, streamed)
    clock(program_page.edition, 10, 20)

    response = client.get(f"/2026/programme/{session.slug}/")

    section = media_section(response)
    assert "En direct" in section
    assert f'href="{watch(LIVE_NOW)}"' in section  # the no-JS link
    assert f"/videos/embed/{LIVE_NOW['shortUUID']}?p2p=0" in section
    assert "<iframe" not in section
    assert "/static/js/peertube-player.js" in response.content.decode()
    assert peertube.requests == []


def test_after_the_session_the_page_shows_the_replay_with_our_own_picture(
    client, program_page, streamed, replay_row, clock, peertube
):
    session = session_at_ten(program_page.edition, streamed, video_url=watch(REPLAY))
    clock(program_page.edition, 12)

    response = client.get(f"/2026/programme/{session.slug}/")

    section = media_section(response)
    assert "Rediffusion" in section
    assert f'src="/media/peertube/{HOST}/{REPLAY["uuid"]}.jpg"' in section
    assert f"/videos/embed/{REPLAY['shortUUID']}?p2p=0" in section
    assert peertube.requests == []


def test_after_a_streamed_session_without_replay_the_page_says_it_is_coming(
    client, program_page, streamed, clock
):
    session = session_at_ten(program_page.edition, streamed)
    clock(program_page.edition, 12)

    response = client.get(f"/2026/programme/{session.slug}/")

    assert "La rediffusion arrive bientôt." in media_section(response)


@pytest.mark.parametrize("hour", [9, 10])
def test_a_session_not_recorded_shows_no_live_no_replay_and_no_promise(
    client, program_page, streamed, clock, hour
):
    session = session_at_ten(program_page.edition, streamed, do_not_record=True)
    clock(program_page.edition, hour, 20)

    html = client.get(f"/2026/programme/{session.slug}/").content.decode()

    assert 'class="session-media"' not in html
    assert "data-player" not in html
    assert "peertube-player.js" not in html


def test_after_a_session_not_recorded_the_page_says_there_is_no_replay(
    client, program_page, streamed, clock
):
    session = session_at_ten(program_page.edition, streamed, do_not_record=True)
    clock(program_page.edition, 12)

    html = client.get(f"/2026/programme/{session.slug}/").content.decode()

    assert "Pas de rediffusion : les intervenants ont choisi de ne pas être enregistrés." in html
    assert "data-player" not in html


def test_after_the_session_the_replay_comes_before_the_text_and_no_calendar_link(
    client, program_page, streamed, replay_row, clock
):
    session = session_at_ten(
        program_page.edition, streamed, video_url=watch(REPLAY), abstract="Un résumé unique."
    )
    clock(program_page.edition, 12)

    html = client.get(f"/2026/programme/{session.slug}/").content.decode()

    assert html.index('class="session-media"') < html.index("session-detail__abstract")
    assert html.index('class="session-media"') < html.index('class="facts session-detail__facts"')
    assert "Ajouter à mon agenda" not in html


def test_before_the_session_the_page_offers_the_calendar_and_keeps_the_text_first(
    client, program_page, streamed, clock
):
    session = session_at_ten(program_page.edition, streamed, abstract="Un résumé unique.")
    clock(program_page.edition, 9)

    html = client.get(f"/2026/programme/{session.slug}/").content.decode()

    assert "Ajouter à mon agenda" in html
    assert html.index("session-detail__abstract") < html.index('class="session-media"')


def test_session_page_lets_in_exactly_the_allowed_instances_as_frames(
    client, program_page, streamed
):
    session = session_at_ten(program_page.edition, streamed)

    policy = client.get(f"/2026/programme/{session.slug}/")["Content-Security-Policy"]
    schedule_policy = client.get("/2026/programme/")["Content-Security-Policy"]

    assert f"frame-src 'self' https://{HOST};" in policy
    assert "frame-src 'self';" in schedule_policy
    assert "script-src 'self'" in policy  # the rest of the policy is untouched


def test_pages_render_fast_from_the_database_when_the_instance_is_down(
    client, program_page, streamed, replay_row, clock, peertube
):
    peertube.mode = "sleep"
    session = session_at_ten(program_page.edition, streamed, video_url=watch(REPLAY))
    clock(program_page.edition, 12)

    started = time.monotonic()
    response = client.get(f"/2026/programme/{session.slug}/")
    live = client.get("/2026/direct/")

    assert time.monotonic() - started < CONNECT_TIMEOUT + READ_TIMEOUT
    assert response.status_code == live.status_code == 200
    assert peertube.requests == []


# -- media states without queries (the schedule marker) ------------------------------------


@pytest.mark.parametrize(
    ("hour", "kwargs", "state"),
    [
        (9, {}, MEDIA_UPCOMING),
        (10, {}, MEDIA_LIVE),
        (12, {}, MEDIA_REPLAY_SOON),
        (12, {"video_url": watch(REPLAY)}, MEDIA_REPLAY),
        (10, {"do_not_record": True}, MEDIA_NONE),
        (12, {"do_not_record": True}, MEDIA_NONE),
    ],
)
def test_media_state_follows_the_clock_and_the_speaker_choice(
    edition, streamed, hour, kwargs, state
):
    session = session_at_ten(edition, streamed, **kwargs)

    assert session.media_state(at(edition, hour, 20)) == state


def test_a_session_in_a_room_without_stream_is_never_live_nor_coming(edition, rooms):
    session = session_at_ten(edition, rooms[1])

    assert session.media_state(at(edition, 10, 20)) == MEDIA_NONE
    assert session.media_state(at(edition, 12)) == MEDIA_NONE


def schedule_markers(edition, now):
    """Each session's live/replay marker as the schedule writes it, by title."""
    sessions = queries.published_sessions(edition)
    (day,) = schedule_days([edition.start_date], sessions, [], "/programme/", "fr", now)
    articles = re.findall(r"<article.*?</article>", day["html"])
    return {
        re.search(r'<h4 class="slot__title"><a [^>]*>(.*?)</a>', article).group(1): (
            re.search(r'<p class="slot__media[^"]*">.*?</p>', article) or [""]
        )[0]
        for article in articles
    }


def test_schedule_marks_live_and_replay_in_text_and_without_a_query_per_session(
    edition, streamed, django_assert_num_queries
):
    session_at_ten(edition, streamed, title="En cours")
    SessionFactory(
        edition=edition, room=streamed, hour=8, minutes=60, title="Finie", video_url=watch(REPLAY)
    )
    SessionFactory(edition=edition, room=streamed, hour=9, title="Privée", do_not_record=True)
    now = at(edition, 10, 20)

    with translation.override("fr"), django_assert_num_queries(2):
        markers = schedule_markers(edition, now)

    assert "Rediffusion" in markers["Finie"] and "En direct" not in markers["Finie"]
    assert "En direct" in markers["En cours"]
    assert markers["Privée"] == ""
    # One node each: the dot and the triangle are drawn by the stylesheet, the word speaks.
    assert markers["En cours"] == (
        '<p class="slot__media media-marker media-marker--live">En direct</p>'
    )


# -- the live page ------------------------------------------------------------------------


@pytest.fixture
def live_program(program_page, rooms, streamed):
    edition = program_page.edition
    second = rooms[1]
    Room.objects.filter(pk=second.pk).update(peertube_live_url=watch(LIVE_WAITING))
    morning = [
        session_at_ten(edition, streamed, title="Ouverture du direct"),
        SessionFactory(edition=edition, room=streamed, hour=11, title="Suite en grande salle"),
        SessionFactory(edition=edition, room=second, hour=10, title="Au calme", do_not_record=True),
        SessionFactory(edition=edition, room=rooms[2], hour=10, title="Atelier non filmé"),
    ]
    return {"edition": edition, "sessions": morning}


def test_live_page_during_the_event_shows_each_streamed_room_with_now_and_next(
    client, live_program, clock, peertube
):
    clock(live_program["edition"], 10, 20)

    response = client.get("/2026/direct/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "En ce moment, à 10:20 (heure de Paris)" in html
    assert "Ouverture du direct" in html and "Suite en grande salle" in html
    assert "Salle Belledonne" in html
    assert "n'est pas diffusée, à la demande des intervenants" in html
    assert f"/videos/embed/{LIVE_NOW['shortUUID']}?p2p=0" in html
    assert f"/videos/embed/{LIVE_WAITING['shortUUID']}" not in html  # paused room: no player
    assert "Atelier Vercors" not in html  # not streamed
    assert f"frame-src 'self' https://{HOST};" in response["Content-Security-Policy"]
    assert peertube.requests == []


def test_live_page_in_english_before_the_event_says_when_streaming_starts(
    client, live_program, program_page_en, clock
):
    clock(live_program["edition"], 8, days=-3)

    response = client.get("/en/2026/live/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Streaming starts on Tuesday 17 February 2026 at 10:00 (Paris time)." in html
    assert 'href="/en/2026/programme/ouverture-du-direct/"' in html
    assert 'href="/2026/direct/"' in html  # the language switcher leads to the French page


def test_live_page_before_the_event_offers_no_player_but_when_each_room_starts(
    client, live_program, program_page_en, clock
):
    clock(live_program["edition"], 8, days=-3)

    html = client.get("/en/2026/live/").content.decode()

    assert "data-player" not in html and "peertube-player.js" not in html
    grande_salle = html.split("Grande salle</h2>")[1].split("</li>")[0]
    assert "Streaming starts on 17 February 2026 at 10:00" in grande_salle
    belledonne = html.split("Salle Belledonne</h2>")[1].split("</li>")[0]
    assert "No session of this room is streamed." in belledonne  # its only session is private


def test_live_page_during_the_event_invites_to_watch_the_live_stream(
    client, live_program, program_page_en, clock
):
    clock(live_program["edition"], 10, 20)

    html = client.get("/en/2026/live/").content.decode()

    assert "Watch the live stream from Grande salle" in html


def test_live_page_has_the_edition_section_menu_and_marks_itself_in_the_program_menu(
    client, live_program, home_page
):
    edition_page = live_program["edition"].pages.first()
    StandardPageFactory(parent=edition_page, title="Infos pratiques", show_in_menus=True)

    html = client.get("/2026/direct/").content.decode()

    section = html.split('class="section-nav"')[1].split("</nav>")[0]
    assert "Infos pratiques" in section
    program_nav = html.split('class="program-nav')[1].split("</nav>")[0]
    assert 'href="/2026/direct/" aria-current="page"' in program_nav


def test_live_page_after_the_event_links_to_the_replays(client, live_program, clock):
    finished = live_program["sessions"][0]
    Session.objects.filter(pk=finished.pk).update(video_url=watch(REPLAY))
    clock(live_program["edition"], 18)

    html = client.get("/2026/direct/").content.decode()

    assert "L'édition est terminée : voici les rediffusions." in html
    assert f'href="/2026/programme/{finished.slug}/"' in html
    assert "Suite en grande salle" not in html  # no replay yet
    assert "data-player" not in html


def test_live_page_after_the_event_gives_each_replay_its_time_room_and_speakers(
    client, live_program, clock
):
    finished = live_program["sessions"][0]
    SessionSpeaker.objects.create(session=finished, speaker=SpeakerFactory(name="Ada Lovelace"))
    Session.objects.filter(pk=finished.pk).update(video_url=watch(REPLAY))
    clock(live_program["edition"], 18)

    html = client.get("/2026/direct/").content.decode()

    replay = html.split(f'href="/2026/programme/{finished.slug}/"')[1].split("</li>")[0]
    assert "17 février 2026, 10:00" in replay
    assert "Grande salle" in replay
    assert "Ada Lovelace" in replay


def test_live_page_of_an_unknown_year_is_not_found(client, program_page):
    assert client.get("/1999/direct/").status_code == 404


def _live_queries(client):
    cache.bump_cache_version()  # as after any change of the program: caches start cold
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/2026/direct/").status_code == 200
    return len(queries)


def test_live_page_queries_do_not_grow_with_rooms_and_sessions(client, live_program, clock):
    edition = live_program["edition"]
    clock(edition, 10, 20)
    # The first requests create the site settings and fill the per-process caches.
    _live_queries(client)
    _live_queries(client)
    at_small = _live_queries(client)
    for number in range(12):
        room = RoomFactory(
            edition=edition, name=f"Salle {number}", peertube_live_url=watch(LIVE_WAITING)
        )
        for hour in (9, 10, 11, 14):
            SessionFactory(edition=edition, room=room, hour=hour, title=f"S {number} {hour}")

    assert _live_queries(client) == at_small


def test_session_page_queries_do_not_grow_with_the_program(
    client, program_page, streamed, replay_row, clock
):
    edition = program_page.edition
    clock(edition, 12)
    session = session_at_ten(edition, streamed, video_url=watch(REPLAY))

    def count():
        cache.bump_cache_version()
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/2026/programme/{session.slug}/")
        return len(queries)

    count()  # the first request fills the per-process caches (site, settings)
    at_small = count()
    for hour in range(13, 18):
        SessionFactory(edition=edition, room=streamed, hour=hour, video_url=watch(REPLAY))
    assert count() == at_small


# -- view counts --------------------------------------------------------------------------


def test_refresh_stores_views_pictures_and_the_live_peak(peertube, edition, rooms):
    Room.objects.filter(pk=rooms[0].pk).update(peertube_live_url=watch(LIVE_NOW))
    session_at_ten(edition, rooms[0], video_url=watch(REPLAY))
    SessionFactory(
        edition=edition,
        room=rooms[1],
        hour=11,
        kind=SessionKind.TALK,
        video_url=watch(LIVE_WAITING),
        do_not_record=True,
    )

    report = refresh_edition(edition, wait=0)

    assert (report.read, report.failed) == (2, [])
    replay = PeerTubeVideo.objects.get(uuid=REPLAY["uuid"])
    live = PeerTubeVideo.objects.get(uuid=LIVE_NOW["uuid"])
    assert replay.views == 312 and replay.thumbnail
    assert (live.views, live.viewers, live.peak_viewers) == (1210, 41, 41)
    assert not PeerTubeVideo.objects.filter(uuid=LIVE_WAITING["uuid"]).exists()  # not recorded


def test_refresh_stops_counting_videos_no_longer_linked(peertube, edition, rooms):
    session = session_at_ten(edition, rooms[0], video_url=watch(REPLAY))
    refresh_edition(edition, wait=0)
    Session.objects.filter(pk=session.pk).update(video_url="")

    refresh_edition(edition, wait=0)

    assert PeerTubeVideo.objects.get(uuid=REPLAY["uuid"]).edition is None
    assert compute_tally(edition)["online_audience"] is None


def test_the_live_peak_only_grows(peertube, edition, rooms):
    Room.objects.filter(pk=rooms[0].pk).update(peertube_live_url=watch(LIVE_NOW))
    refresh_edition(edition, wait=0)
    PeerTubeVideo.objects.filter(uuid=LIVE_NOW["uuid"]).update(peak_viewers=90)

    refresh_edition(edition, wait=0)

    assert PeerTubeVideo.objects.get(uuid=LIVE_NOW["uuid"]).peak_viewers == 90


def test_sync_refresh_command_reports_what_it_read(peertube, edition, rooms):
    session_at_ten(edition, rooms[0], video_url=watch(REPLAY))
    out = io.StringIO()

    call_command("peertube_sync", "2026", "--refresh", stdout=out)

    assert "1" in out.getvalue() and PeerTubeVideo.objects.get().views == 312


def test_sync_refresh_exits_with_status_2_when_no_video_could_be_read(peertube, edition, rooms):
    session_at_ten(edition, rooms[0], video_url=watch(REPLAY))
    SessionFactory(edition=edition, room=rooms[1], hour=14, video_url=watch(LIVE_WAITING))
    peertube.mode = "500"

    with pytest.raises(CommandError) as failure:
        call_command("peertube_sync", "2026", "--refresh", stdout=io.StringIO())

    assert failure.value.returncode == 2
    assert str(failure.value) == "2 vidéos sur 2 n’ont pas pu être lues."


def test_sync_refresh_exits_with_status_1_when_some_videos_could_not_be_read(
    peertube, edition, rooms
):
    session_at_ten(edition, rooms[0], video_url=watch(REPLAY))
    missing = f"https://{HOST}/w/{uuid_to_short(MISSING_UUID)}"
    SessionFactory(edition=edition, room=rooms[1], hour=14, video_url=missing)
    out = io.StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("peertube_sync", "2026", "--refresh", stdout=out)

    assert failure.value.returncode == 1
    assert str(failure.value) == "1 vidéo sur 2 n’a pas pu être lue."
    assert f"  ! {missing}" in out.getvalue()
    assert str(PeerTubeVideo.objects.get().uuid) == REPLAY["uuid"]  # what was read is stored


def test_figures_count_stored_views_once_per_video_else_the_reported_figure(
    edition, streamed, replay_row
):
    edition.reported_online_audience = 5000
    edition.save()
    assert compute_tally(edition)["online_audience"] == 312  # the replay; the live has 0 views

    PeerTubeVideo.objects.filter(uuid=LIVE_NOW["uuid"]).update(views=1000)
    session_at_ten(edition, streamed, video_url=watch(REPLAY))
    SessionFactory(edition=edition, room=streamed, hour=14, video_url=watch(REPLAY))
    assert compute_tally(edition)["online_audience"] == 1312

    PeerTubeVideo.objects.all().delete()
    assert compute_tally(edition)["online_audience"] == 5000


# -- the admin ----------------------------------------------------------------------------


def test_organizer_saving_with_the_instance_down_keeps_the_address_and_sees_a_warning(
    admin_client, peertube, edition, rooms
):
    peertube.mode = "sleep"
    data = session_form(edition, rooms[1], video_url=watch(REPLAY), **{"action-publish": "publish"})

    started = time.monotonic()
    response = admin_client.post(ADD_URL, data, follow=True)

    assert time.monotonic() - started < 2 * (CONNECT_TIMEOUT + READ_TIMEOUT) + MARGIN
    assert Session.objects.get(slug="une-session-ajoutee-dans-ladmin").video_url == watch(REPLAY)
    assert "n&#x27;a pas répondu à temps" in response.content.decode()


def test_organizer_is_told_when_the_video_does_not_exist(admin_client, peertube, edition, rooms):
    missing = f"https://{HOST}/w/{uuid_to_short(MISSING_UUID)}"
    data = session_form(edition, rooms[1], video_url=missing, **{"action-publish": "publish"})

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "n&#x27;a aucune vidéo publique" in response.content.decode()
    assert not Session.objects.filter(slug="une-session-ajoutee-dans-ladmin").exists()
