"""The session editor scales to a program of a hundred speakers: the speaker chooser searches
and creates, lists open on the newest edition, and drafts that an abandoned "add" form left
behind do not block the next one."""

import datetime
import json

from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from program.models import Session, Speaker
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory, SpeakerFactory
from tests.program.test_admin import ADD_URL, session_form

CHOOSE = "wagtailsnippetchoosers_program_speaker:choose"
RESULTS = "wagtailsnippetchoosers_program_speaker:choose_results"
CREATE = "wagtailsnippetchoosers_program_speaker:create"


@pytest.fixture(autouse=True)
def admin_in_english(admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()


@pytest.fixture
def many_speakers(db):
    speakers = [SpeakerFactory(name=f"Personne {n:03}", organization="Asso") for n in range(60)]
    speakers.append(SpeakerFactory(name="Noé Valette", organization="Framasoft"))
    return speakers


def test_the_speaker_chooser_searches_names_and_organizations(admin_client, many_speakers):
    chooser = admin_client.get(reverse(CHOOSE))
    assert chooser.status_code == 200
    assert 'name="q"' in json.loads(chooser.content)["html"]

    by_name = admin_client.get(reverse(RESULTS), {"q": "valette"}).content.decode()
    by_organization = admin_client.get(reverse(RESULTS), {"q": "framasoft"}).content.decode()

    assert "Noé Valette" in by_name and "Personne 001" not in by_name
    assert "Noé Valette" in by_organization


def test_a_speaker_is_created_from_the_chooser(admin_client, many_speakers):
    chooser = json.loads(admin_client.get(reverse(CHOOSE)).content)["html"]
    assert "Create a speaker" in chooser

    response = admin_client.post(reverse(CREATE), {"name": "Noé Valette", "organization": ""})

    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "chosen"
    created = Speaker.objects.filter(name="Noé Valette").order_by("pk")
    assert [speaker.slug for speaker in created] == ["noe-valette", "noe-valette-2"]


def test_an_empty_name_is_refused_in_the_chooser(admin_client, db):
    response = admin_client.post(reverse(CREATE), {"name": "", "organization": "X"})

    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "reshow_creation_form"
    assert not Speaker.objects.exists()


def test_sessions_list_the_newest_edition_first(admin_client, edition, rooms):
    older = EditionFactory(year=2019, start_date=datetime.date(2019, 2, 1))
    older.end_date = older.start_date
    older.save()
    SessionFactory(edition=older, title="Ancienne")
    SessionFactory(edition=edition, room=rooms[0], title="Récente", hour=10)

    listing = admin_client.get("/admin/snippets/program/session/")

    assert [s.title for s in listing.context["object_list"]][:2] == ["Récente", "Ancienne"]


def test_a_draft_left_by_an_abandoned_form_does_not_block_an_empty_slug(
    admin_client, edition, rooms
):
    draft = SessionFactory(
        edition=edition,
        room=rooms[0],
        title="Une session ajoutée dans l'admin",
        slug="une-session-ajoutee-dans-ladmin",
        hour=10,
        live=False,
    )

    response = admin_client.post(
        ADD_URL, session_form(edition, rooms[1], **{"action-publish": "publish"})
    )

    assert response.status_code == 302
    assert Session.objects.get(live=True, title=draft.title).slug == (
        "une-session-ajoutee-dans-ladmin-2"
    )


def test_a_slug_typed_that_a_draft_holds_names_and_links_the_draft(admin_client, edition, rooms):
    draft = SessionFactory(
        edition=edition, room=rooms[0], title="Brouillon oublié", slug="atelier", live=False
    )

    response = admin_client.post(ADD_URL, session_form(edition, rooms[1], slug="atelier"))

    html = response.content.decode()
    assert response.status_code == 200
    edit = reverse("wagtailsnippets_program_session:edit", args=[draft.pk])
    assert f'The draft <a href="{edit}">“Brouillon oublié”</a>, never published' in html
