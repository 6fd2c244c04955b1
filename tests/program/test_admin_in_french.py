"""An organizer whose admin speaks French reads the program's validation messages in French."""

import html
import re

from wagtail.users.models import UserProfile

import pytest

from program.models import Session
from tests.factories.program import SessionFactory
from tests.program.test_admin import ADD_URL, session_form


@pytest.fixture
def french_admin_client(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fr"
    profile.save()
    return admin_client


def errors_of(response):
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def test_double_booked_room_is_refused_in_french(french_admin_client, edition, rooms):
    SessionFactory(edition=edition, room=rooms[1], title="Salle prise", hour=16)

    response = french_admin_client.post(ADD_URL, session_form(edition, rooms[1]))

    text = errors_of(response)
    assert response.status_code == 200
    assert "Salle Belledonne est déjà occupée de 16:00 à 16:45 par « Salle prise »." in text
    assert "is already taken" not in text
    assert not Session.objects.filter(slug="une-session-ajoutee-dans-ladmin").exists()


def test_session_ending_before_it_starts_is_refused_in_french(french_admin_client, edition, rooms):
    form = session_form(edition, rooms[1], start="2026-02-17 16:00:00", end="2026-02-17 15:00:00")

    response = french_admin_client.post(ADD_URL, form)

    text = errors_of(response)
    assert "La session doit se terminer après son début." in text
    assert "must end after it starts" not in text


def test_workshop_too_big_for_its_room_is_refused_in_french(french_admin_client, edition, rooms):
    form = session_form(edition, rooms[1], kind="workshop", seats="500")

    response = french_admin_client.post(ADD_URL, form)

    text = errors_of(response)
    assert re.search(r"Salle Belledonne accueille \d+ personnes : l'atelier ne peut pas", text)
