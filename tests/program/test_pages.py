"""The public program pages, in French and in English."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from program.choices import SessionKind
from program.models import Session
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.program import ProgramPageFactory, SessionFactory, SpeakerFactory


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_schedule_shows_rooms_as_columns_and_sessions_in_time_order(
    client, program_page, small_program
):
    response = client.get("/2026/programme/")

    html = text_of(response)
    assert response.status_code == 200
    assert re.findall(r'<p class="schedule__room gc\d" aria-hidden="true">([^<]+)</p>', html) == [
        "Grande salle",
        "Salle Belledonne",
        "Atelier Vercors",
    ]
    assert 'class="schedule schedule--grid schedule--rooms-3"' in html
    # One markup: each session once, under the heading of its start time, in time order.
    titles = re.findall(r'class="slot__title"[^>]*>(?:<a href="[^"]+"[^>]*>)?([^<]+)<', html)
    assert titles == [
        "Ouverture : des logiciels libres pour le territoire",
        "Pause café",
        "Migrer une mairie vers LibreOffice",
        "Accessible forms without JavaScript",
        "Atelier : installer Linux sur un vieux portable",
    ]
    times = re.findall(r'<h3 class="schedule__time gr(\d)"><time [^>]+>([^<]+)</time>', html)
    assert times == [("2", "09:00"), ("3", "09:30"), ("4", "10:00")]
    # Rows run between the day's start and end times: 9:00 9:30 10:00 10:45 11:30.
    assert '<article class="slot slot--workshop gr4 ge6 gc4" id="s-' in html  # 10:00-11:30
    assert '<article class="slot slot--break gr3 ge4 gc-all">' in html  # across every room
    assert '10:00–10:45<span class="slot__room"> · Grande salle</span>' in html
    assert "16 places restantes" in html  # as the registration form counts them


def test_schedule_day_stays_a_list_when_sessions_overlap_in_the_elsewhere_column(
    client, program_page, small_program, edition
):
    for title in ("Accueil café", "Vestiaire"):
        SessionFactory(edition=edition, kind=SessionKind.BREAK, title=title, room=None, hour=10)

    html = text_of(client.get("/2026/programme/"))

    assert '<div class="schedule">' in html
    assert "schedule--grid" not in html
    assert "Accueil café" in html and "Vestiaire" in html


def test_schedule_marks_content_in_another_language(client, program_page, small_program):
    english = small_program["english"]

    html = text_of(client.get("/2026/programme/"))

    assert f'<a href="/2026/programme/{english.slug}/" lang="en">' in html
    talk = small_program["talk"]
    assert f'<a href="/2026/programme/{talk.slug}/">' in html


def test_english_schedule_lists_the_same_sessions_marking_french_ones(
    client, program_page_en, small_program
):
    response = client.get("/en/2026/programme/")

    html = text_of(response)
    assert response.status_code == 200
    talk, english = small_program["talk"], small_program["english"]
    assert f'<a href="/en/2026/programme/{talk.slug}/" lang="fr">' in html
    assert f'<a href="/en/2026/programme/{english.slug}/">' in html
    assert '<a href="/en/2026/programme/speakers/">Speakers</a>' in html


def test_schedule_filters_by_kind_with_get_parameters(client, program_page, small_program):
    html = text_of(client.get("/2026/programme/", {"kind": "workshop"}))

    assert small_program["workshop"].title in html
    assert small_program["talk"].title not in html
    assert '<option value="workshop" selected>' in html


def test_schedule_filters_by_language_and_track(client, program_page, small_program, track):
    by_language = text_of(client.get("/2026/programme/", {"language": "en"}))
    by_track = text_of(client.get("/2026/programme/", {"track": track.slug}))

    assert small_program["english"].title in by_language
    assert small_program["talk"].title not in by_language
    assert small_program["talk"].title in by_track
    assert small_program["english"].title not in by_track


def test_schedule_ignores_unknown_filter_values(client, program_page, small_program):
    html = text_of(client.get("/2026/programme/", {"kind": "<script>", "track": "nope"}))

    assert small_program["talk"].title in html
    assert "<script>" not in html


def test_session_page_gives_the_room_access_notes_in_the_page_language(
    client, program_page_en, small_program, rooms
):
    rooms[0].access_notes = "Rez-de-chaussée, boucle magnétique."
    rooms[0].access_notes_en = "Ground floor, induction loop."
    rooms[0].save()
    rooms[1].access_notes = "1er étage, ascenseur."
    rooms[1].save()
    talk = small_program["talk"]

    english = text_of(client.get(f"/en/2026/programme/{talk.slug}/"))
    french = text_of(client.get(f"/2026/programme/{talk.slug}/"))

    assert talk.room == rooms[0]
    assert "Ground floor, induction loop." in english and "Rez-de-chaussée" not in english
    assert "Rez-de-chaussée, boucle magnétique." in french


def test_a_room_without_english_notes_shows_the_french_ones(rooms):
    from django.utils import translation

    rooms[1].access_notes = "1er étage, ascenseur."
    with translation.override("en"):
        assert rooms[1].localized_access_notes == "1er étage, ascenseur."


def test_schedule_leaves_drafts_out(client, program_page, small_program):
    Session.objects.filter(pk=small_program["talk"].pk).update(live=False)

    html = text_of(client.get("/2026/programme/"))

    assert small_program["talk"].title not in html
    assert client.get(f"/2026/programme/{small_program['talk'].slug}/").status_code == 404


def test_session_page_gives_time_room_speakers_and_calendar_link(
    client, program_page, small_program, rooms, monkeypatch
):
    before = timezone.make_aware(datetime.datetime(2026, 2, 1, 9))
    monkeypatch.setattr(timezone, "now", lambda: before)  # a calendar link only before
    rooms[0].access_notes = "Rez-de-chaussée, accès de plain-pied, boucle magnétique."
    rooms[0].save()
    talk = small_program["talk"]

    response = client.get(f"/2026/programme/{talk.slug}/")

    html = text_of(response)
    assert response.status_code == 200
    assert f"<h1>{talk.title}</h1>" in html
    assert '<time datetime="2026-02-17T10:00:00+01:00">' in html
    assert "Rez-de-chaussée, accès de plain-pied, boucle magnétique." in html
    assert 'href="/2026/programme/intervenants/hugo-perret/">Hugo Perret</a>' in html
    assert f'href="/2026/programme/{talk.slug}.ics"' in html
    assert 'href="https://forge.example.org/t.pdf">Diapositives</a>' in html
    assert "(Diapositives)" not in html  # the title is the type's name: said once
    keynote = small_program["keynote"]
    assert f'<a href="/2026/programme/{keynote.slug}/" rel="prev">{keynote.title}</a>' in html


def test_session_page_in_english_marks_french_content(client, program_page_en, small_program):
    talk = small_program["talk"]

    html = text_of(client.get(f"/en/2026/programme/{talk.slug}/"))

    assert f'<h1 lang="fr">{talk.title}</h1>' in html
    assert '<div class="prose session-detail__text" lang="fr">' in html


def test_unknown_session_is_not_found(client, program_page, small_program):
    assert client.get("/2026/programme/nothing-here/").status_code == 404


def test_speakers_index_lists_speakers_with_their_sessions(client, program_page, small_program):
    response = client.get("/2026/programme/intervenants/")

    html = text_of(response)
    assert response.status_code == 200
    names = re.findall(r'class="speaker-card__name"><a href="[^"]+">([^<]+)</a>', html)
    assert names == ["Hugo Perret", "Inès Martin"]
    assert small_program["english"].title in html


def test_speakers_index_in_english(client, program_page_en, small_program):
    response = client.get("/en/2026/programme/speakers/")

    assert response.status_code == 200
    assert 'href="/en/2026/programme/speakers/ines-martin/">Inès Martin</a>' in text_of(response)


def test_speaker_page_lists_sessions_across_editions(
    client, home_page, program_page, small_program
):
    older = EditionFactory(year=2025, name="AlpOSS 2025", start_date=datetime.date(2025, 2, 13))
    ProgramPageFactory(parent=EditionPageFactory(parent=home_page, edition=older))
    ines = small_program["speakers"][0]
    old_talk = SessionFactory(edition=older, title="Un ancien exposé", hour=14, speakers=[ines])

    html = text_of(client.get("/2026/programme/intervenants/ines-martin/"))

    assert "<h1>Inès Martin</h1>" in html
    assert f'href="/2025/programme/{old_talk.slug}/">Un ancien exposé</a>' in html
    assert small_program["keynote"].title in html
    assert "AlpOSS 2025" in html


def test_speaker_without_published_session_is_not_found(client, program_page, small_program):
    SpeakerFactory(name="Personne Encore")

    assert client.get("/2026/programme/intervenants/personne-encore/").status_code == 404


def test_now_and_next_are_marked_during_the_event(client, home_page, rooms):
    now = timezone.localtime()
    if now.hour < 1 or now.hour >= 22:
        pytest.skip("the sessions around now must fit in today")
    today = EditionFactory(year=2040, start_date=now.date(), end_date=now.date())
    ProgramPageFactory(parent=EditionPageFactory(parent=home_page, edition=today))
    on_now = SessionFactory(
        edition=today,
        title="En ce moment",
        start=now - datetime.timedelta(minutes=10),
        end=now + datetime.timedelta(minutes=20),
    )
    SessionFactory(
        edition=today,
        title="Juste après",
        room=on_now.room,
        start=now + datetime.timedelta(minutes=30),
        end=now + datetime.timedelta(minutes=60),
    )

    html = text_of(client.get("/2040/programme/"))

    assert re.search(r'slot__flag--now">En ce moment</p>.*?>En ce moment<', html)
    assert re.search(r'slot__flag--next">Ensuite</p>.*?>Juste après<', html)


def test_no_now_or_next_outside_the_event(client, program_page, small_program):
    html = text_of(client.get("/2026/programme/"))

    assert "slot__flag" not in html


def test_program_page_cache_is_refreshed_when_a_session_changes(
    client, program_page, small_program
):
    client.get("/2026/programme/")
    with CaptureQueriesContext(connection) as cached:
        client.get("/2026/programme/")
    talk = small_program["talk"]
    talk.title = "Un titre corrigé"
    talk.save()

    html = text_of(client.get("/2026/programme/"))

    assert not [q for q in cached.captured_queries if "program_session" in q["sql"]]
    assert "Un titre corrigé" in html


def test_logged_in_organizers_see_fresh_pages(admin_client, program_page, small_program):
    admin_client.get("/2026/programme/")
    Session.objects.filter(pk=small_program["talk"].pk).update(title="Changé sans signal")

    assert "Changé sans signal" in text_of(admin_client.get("/2026/programme/"))


def test_program_page_sits_only_under_an_edition_page():
    from program.models import ProgramPage

    assert ProgramPage.parent_page_types == ["home.EditionPage"]
    assert ProgramPage.subpage_types == []


def test_break_kind_has_no_link(client, program_page, small_program):
    html = text_of(client.get("/2026/programme/"))

    assert '<h4 class="slot__title">Pause café</h4>' in html
    assert str(SessionKind.BREAK.label) == "Pause ou moment convivial"


def test_sitemap_lists_the_schedule_speakers_and_sessions(client, program_page, small_program):
    response = client.get("/sitemap.xml")

    xml = response.content.decode()
    assert "<loc>http://localhost/2026/programme/</loc>" in xml
    assert "<loc>http://localhost/2026/programme/intervenants/</loc>" in xml
    assert f"<loc>http://localhost/2026/programme/{small_program['talk'].slug}/</loc>" in xml
    assert "pause-cafe" not in xml


def test_exports_are_cache_friendly_with_etag_and_not_modified(client, program_page, small_program):
    first = client.get("/2026/programme/schedule.json")

    # Shared caches keep it (until a change purges it), browsers ask again each time.
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=300"
    again = client.get("/2026/programme/schedule.json", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_french_schedule_speaks_french_and_english_schedule_english(
    client, program_page_en, small_program
):
    french = text_of(client.get("/2026/programme/"))
    english = text_of(client.get("/en/2026/programme/"))

    assert '<a href="/2026/programme/intervenants/">Intervenants</a>' in french
    assert '<span class="kind kind--workshop">Atelier</span>' in french
    assert "16 places restantes" in french
    assert '<span class="kind kind--workshop">Workshop</span>' in english
    assert "16 seats left" in english


def test_cached_schedule_shows_a_renamed_menu_page(client, program_page, small_program, home_page):
    from tests.factories.home import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Venir", slug="venir", show_in_menus=True)
    assert ">Venir</a>" in text_of(client.get("/2026/programme/"))

    page.title = "Accès et transports"
    page.save_revision().publish()

    html = text_of(client.get("/2026/programme/"))
    assert ">Accès et transports</a>" in html
    assert ">Venir</a>" not in html


def test_calendar_export_follows_an_edited_session(client, program_page, small_program):
    """Each event's iCalendar text is cached on its content: an edit shows at once."""
    talk = small_program["talk"]
    assert "Migrer une mairie vers LibreOffice" in client.get(
        "/2026/programme/schedule.ics"
    ).content.decode().replace("\r\n ", "")

    talk.title = "Migrer une mairie vers des logiciels libres"
    talk.save()
    ics = client.get("/2026/programme/schedule.ics").content.decode().replace("\r\n ", "")

    assert "SUMMARY:Migrer une mairie vers des logiciels libres" in ics
    assert "vers LibreOffice" not in ics
    assert ics.count("BEGIN:VEVENT") == 5


def test_schedule_counts_sessions_without_breaks_as_the_figures_page_does(
    client, program_page, small_program, edition
):
    from figures.services import compute_tally

    published = Session.objects.filter(edition=edition, live=True)
    assert published.filter(kind=SessionKind.BREAK).exists()

    html = text_of(client.get("/2026/programme/"))

    expected = compute_tally(edition)["sessions"]
    assert expected == published.exclude(kind=SessionKind.BREAK).count()
    assert f"{expected} sessions." in html
