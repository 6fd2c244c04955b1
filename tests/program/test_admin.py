"""Organizers manage the program in the Wagtail admin: listings, filters, forms and their errors."""

import re

from django.contrib.auth.models import Permission

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

import pytest

from program.models import Session
from tests.factories.program import SessionFactory, SpeakerFactory


@pytest.fixture(autouse=True)
def admin_in_english(admin_user):
    """The admin speaks the organizer's chosen language; these tests read English messages."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()


LIST_URL = "/admin/snippets/program/session/"
ADD_URL = "/admin/snippets/program/session/add/"


def session_form(edition, room, speakers=(), **fields):
    data = {
        "edition": edition.pk,
        "kind": "talk",
        "language": "fr",
        "level": "everyone",
        "title": "Une session ajoutée dans l'admin",
        "slug": "",
        "subtitle": "",
        "start": "2026-02-17 16:00:00",
        "end": "2026-02-17 16:45:00",
        "room": room.pk,
        "track": "",
        "abstract": "Un résumé.",
        "description": rich_text("<p>Une description.</p>"),
        "tags": "",
        "video_url": "",
        "seats": "",
        "session_speakers": inline_formset(
            [{"speaker": s.pk, "role": "speaker"} for s in speakers]
        ),
        "links": inline_formset([]),
        **fields,
    }
    return nested_form_data(data)


def test_session_listing_filters_by_kind_and_day(admin_client, edition, small_program):
    response = admin_client.get(LIST_URL, {"kind": "workshop", "day": "2026-02-17"})

    html = response.content.decode()
    assert response.status_code == 200
    assert small_program["workshop"].title in html
    assert small_program["talk"].title not in html


def test_session_listing_searches_titles(admin_client, edition, small_program):
    response = admin_client.get(LIST_URL, {"q": "LibreOffice"})

    assert small_program["talk"].title in response.content.decode()
    assert small_program["keynote"].title not in response.content.decode()


def test_organizer_publishes_a_valid_session(admin_client, edition, rooms):
    speaker = SpeakerFactory(name="Noé Valette")

    response = admin_client.post(
        ADD_URL, session_form(edition, rooms[1], [speaker], **{"action-publish": "publish"})
    )

    assert response.status_code == 302
    session = Session.objects.get(slug="une-session-ajoutee-dans-ladmin")
    assert session.live is True
    assert [row.speaker for row in session.session_speakers.all()] == [speaker]


def test_admin_form_refuses_a_speaker_in_two_places(admin_client, edition, rooms):
    speaker = SpeakerFactory(name="Noé Valette")
    SessionFactory(
        edition=edition, room=rooms[0], title="Déjà ailleurs", hour=16, speakers=[speaker]
    )

    response = admin_client.post(ADD_URL, session_form(edition, rooms[1], [speaker]))

    html = re.sub(r"\s+", " ", response.content.decode())
    assert response.status_code == 200
    assert "Noé Valette is also speaking in “Déjà ailleurs” at the same time." in html
    assert not Session.objects.filter(slug="une-session-ajoutee-dans-ladmin").exists()


def test_admin_form_refuses_a_double_booked_room(admin_client, edition, rooms):
    SessionFactory(edition=edition, room=rooms[1], title="Salle prise", hour=16)

    response = admin_client.post(ADD_URL, session_form(edition, rooms[1]))

    html = re.sub(r"\s+", " ", response.content.decode())
    assert "Salle Belledonne is already taken from 16:00 to 16:45 by “Salle prise”." in html


def test_schedule_by_room_lists_each_room_with_drafts_marked(admin_client, edition, small_program):
    Session.objects.filter(pk=small_program["talk"].pk).update(live=False)

    response = admin_client.get("/admin/program_schedule/", {"edition": edition.pk})

    html = re.sub(r"\s+", " ", response.content.decode())
    assert response.status_code == 200
    assert "<h3>Atelier Vercors (20 seats)</h3>" in html
    assert f">{small_program['talk'].title}</a> <br><small>Talk · draft</small>" in html
    assert "<h3>No room</h3>" in html


def test_schedule_by_room_is_for_organizers_only(client, django_user_model, edition):
    user = django_user_model.objects.create_user("visitor", password="x")
    client.force_login(user)

    assert client.get("/admin/program_schedule/").status_code in (302, 403)


def test_schedule_by_room_menu_item_shows_only_to_who_may_open_it(
    client, admin_client, django_user_model
):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    client.force_login(editor)

    assert "/admin/program_schedule/" not in client.get("/admin/").content.decode()
    assert "/admin/program_schedule/" in admin_client.get("/admin/").content.decode()


def test_session_edit_form_opens_in_a_bounded_number_of_queries(
    admin_client, edition, small_program, django_assert_max_num_queries
):
    url = f"/admin/snippets/program/session/edit/{small_program['talk'].pk}/"

    with django_assert_max_num_queries(60):
        response = admin_client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Grande salle (2026)" in html
    assert "Hugo Perret" in html
