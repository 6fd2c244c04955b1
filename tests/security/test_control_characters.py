"""Names and free text refuse control characters and text-direction overrides, which would
reach e-mails and lists: a message on the field, in the reader's language, and what was typed
kept. Accents, emoji and right-to-left names with their usual marks still pass."""

from django.utils.html import escape

import pytest

from registrations.models import Registration
from sponsors.models import BoothInfo

pytestmark = pytest.mark.django_db

SINGLE_LINE = (
    "Retirez le caractère de contrôle invisible {}\u202f: ce champ prend une ligne de "
    "lettres et de signes."
)
MULTI_LINE = (
    "Retirez de ce texte le caractère de contrôle invisible {}\u202f: seuls les lettres, "
    "les signes, les retours à la ligne et les tabulations sont acceptés."
)
REGISTRATION = {
    "first_name": "Grace",
    "last_name": "Hopper",
    "email": "grace@example.net",
    "organization": "Navy",
    "category": "individual",
    "accessibility_needs": "",
    "consent": "on",
}


def field_errors(response, field):
    return response.context["form"].errors.get(field, [])


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("first_name", "Ada\x1b[31m", "U+001B"),
        ("last_name", "Love\x07lace", "U+0007"),
        ("last_name", "Lovelace\u202egnp.exe", "U+202E"),
        ("organization", "\u2066Navy\u2069", "U+2066"),
        ("first_name", "Ada\nBcc: x@example.org", "U+000A"),
        ("first_name", "Ada\x00", "U+0000"),
        ("email", "grace@exa\u202emple.net", "U+202E"),
    ],
)
def test_a_single_line_field_refuses_a_control_character_and_keeps_what_was_typed(
    client, site, field, value, code
):
    response = client.post(site.registration_url, {**REGISTRATION, field: value})

    assert response.status_code == 200
    assert SINGLE_LINE.format(code) in field_errors(response, field)
    assert f'value="{escape(value)}"' in response.content.decode()
    assert not Registration.objects.filter(email__startswith="grace@").exists()


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Fauteuil\x1b roulant", "U+001B"),
        ("Rampe \u202eetuor", "U+202E"),
        ("Sans\x0cgluten", "U+000C"),
    ],
)
def test_a_multi_line_field_refuses_a_control_character_and_keeps_what_was_typed(
    client, site, value, code
):
    response = client.post(site.registration_url, {**REGISTRATION, "dietary_needs": value})

    assert MULTI_LINE.format(code) in field_errors(response, "dietary_needs")
    assert escape(value) in response.content.decode()
    assert not Registration.objects.filter(email="grace@example.net").exists()


def test_the_message_is_in_english_on_the_english_form(client, site, registration_url_en):
    response = client.post(registration_url_en, {**REGISTRATION, "first_name": "Ada\x1b"})

    assert field_errors(response, "first_name") == [
        "Remove the invisible control character U+001B: this field takes one line of "
        "letters and signs."
    ]


def test_accents_emoji_and_right_to_left_names_with_their_marks_pass(client, site):
    data = {
        **REGISTRATION,
        "first_name": "Zoë-Chloé 🎉",
        "last_name": "\u200fعبد\u200c الله\u200e",  # RLM, ZWNJ and LRM are ordinary marks
        "organization": "Ville d’Échirolles 👩\u200d💻",  # a zero-width joiner in an emoji
        "accessibility_needs": "Fauteuil roulant\r\n\tet rampe",
    }
    response = client.post(site.registration_url, data)

    assert response.status_code == 302
    registration = Registration.objects.get(email="grace@example.net")
    assert registration.first_name == "Zoë-Chloé 🎉"
    assert registration.last_name == data["last_name"]
    assert registration.organization == data["organization"]
    assert registration.accessibility_needs == "Fauteuil roulant\r\n\tet rampe"


def test_the_booth_form_refuses_control_characters_and_keeps_the_rest(client, site):
    booth = site.booth
    data = {
        "contact_name": "Camille\x1b Martin",
        "contact_email": "camille@sponsor.example.org",
        "contact_phone": "+33 6 12 34 56 78",
        "staff_text": "Camille Martin\nDominique \u202ePetit",
        "tables": "1",
        "chairs": "2",
        "power_sockets": "1",
        "arrival_time": "07:45",
        "setup_minutes": "30",
        "description": "Notre forge\r\nlibre.",
        "description_en": "",
        "note": "",
    }
    response = client.post(site.portal_url, data)

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["contact_name"] == [SINGLE_LINE.format("U+001B")]
    assert errors["staff_text"] == [MULTI_LINE.format("U+202E")]
    assert set(errors) == {"contact_name", "staff_text"}
    html = response.content.decode()
    assert escape("Camille\x1b Martin") in html
    assert escape("Notre forge\r\nlibre.") in html
    assert BoothInfo.objects.get(pk=booth.pk).contact_name == booth.contact_name


def test_the_check_in_search_refuses_a_control_character_and_keeps_the_query(
    volunteer_client, site
):
    response = volunteer_client.get(site.registration_url + "accueil/", {"q": "Ada\x1b"})

    html = response.content.decode()
    assert response.status_code == 200
    assert escape(SINGLE_LINE.format("U+001B")) in html
    assert f'value="{escape("Ada\x1b")}"' in html
    assert 'aria-invalid="true"' in html
    assert "Lovelace" not in html  # nothing searched


def test_the_check_in_search_still_finds_a_plain_name(volunteer_client, site):
    response = volunteer_client.get(site.registration_url + "accueil/", {"q": "lovelace"})

    assert "Ada Lovelace" in response.content.decode()
