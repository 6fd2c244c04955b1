"""The registration form: every field driven with hostile values. A refused registration
leaves no row and no seat; an accepted one is complete, and stores no control character."""

import itertools

import pytest
from hypothesis import given

from home.cleaning import is_unsafe
from registrations.choices import RegistrationStatus, SeatStatus
from registrations.models import Registration, WorkshopSeat
from tests.security.hostile import HOSTILE, RAW_ESCAPES, bounded, check, check_text, hostile_text

pytestmark = pytest.mark.django_db

#: Fields driven together: a value refused in one field of a group would mask nothing the
#: others do, and a value accepted in all of them proves each one saved whole.
GROUPS = {
    "names-and-texts": (
        "first_name",
        "last_name",
        "organization",
        "accessibility_needs",
        "dietary_needs",
    ),
    "email": ("email",),
    "choices": ("category", "consent", "newsletter", "sessions", "website"),
}
FIELDS = tuple(name for group in GROUPS.values() for name in group)
emails = (f"hostile{n}@example.net" for n in itertools.count())


def valid_form(site):
    return {
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": next(emails),
        "organization": "Navy",
        "category": "public_body",
        "accessibility_needs": "Ramp\r\n\tplease",
        "dietary_needs": "Vegetarian",
        "consent": "on",
        "sessions": [str(site.workshop.pk)],
    }


def state():
    return Registration.objects.count(), WorkshopSeat.objects.count()


def post_and_check(client, site, data, hostile=None):
    """Post the form; whatever the answer, the database holds a whole registration or none."""
    before = state()
    latest = Registration.objects.order_by("pk").last()
    response = check(client.post(site.registration_url, data), hostile)
    if response.status_code == 302:
        registration = Registration.objects.order_by("pk").last()
        assert registration.pk != latest.pk, f"accepted without a registration: {hostile}"
        assert_complete(registration, data)
        assert state()[0] == before[0] + 1
    else:
        assert response.status_code == 200, hostile
        assert state() == before, f"half-saved: {hostile}"
    return response


def posted(data, name):
    """The value the form reads: the last one when a field is sent several times."""
    value = data[name]
    return value[-1] if isinstance(value, list) else value


def assert_complete(registration, data):
    assert registration.status == RegistrationStatus.PENDING
    assert registration.first_name == posted(data, "first_name").strip()
    assert registration.last_name == posted(data, "last_name").strip()
    assert registration.consented_at is not None
    chosen = data.get("sessions") or []
    seats = WorkshopSeat.objects.filter(registration=registration)
    assert {str(seat.session_id) for seat in seats} == set(chosen)
    assert all(seat.status == SeatStatus.REQUESTED for seat in seats)
    for name in ("first_name", "last_name", "email", "organization"):
        assert not any(is_unsafe(char) for char in getattr(registration, name)), name
    for name in ("accessibility_needs", "dietary_needs"):
        text = getattr(registration, name)
        assert not any(is_unsafe(char) and char not in "\r\n\t" for char in text), name


def test_a_valid_registration_is_accepted_whole(client, site):
    data = valid_form(site)
    assert post_and_check(client, site, data).status_code == 302
    assert Registration.objects.get(email=data["email"]).accessibility_needs == ("Ramp\r\n\tplease")


def test_a_forty_digit_workshop_id_is_an_invalid_choice(client, site):
    data = {**valid_form(site), "sessions": ["9" * 40]}
    response = post_and_check(client, site, data)
    assert response.context["form"].errors["sessions"] == [
        "Sélectionnez un choix valide. " + "9" * 23 + "… n’en fait pas partie."
    ]


@pytest.mark.parametrize("group", GROUPS)
def test_every_hostile_value_is_refused_or_saved_whole(client, site, group):
    for hostile in HOSTILE:
        data = {**valid_form(site), **dict.fromkeys(GROUPS[group], hostile.value)}
        post_and_check(client, site, data, hostile)


@pytest.mark.parametrize("field", FIELDS)
def test_several_values_where_one_is_expected(client, site, field):
    data = valid_form(site)
    data[field] = [data.get(field) or "x", "<script>alert('xss-1')</script>", "9" * 40]
    post_and_check(client, site, data)


def test_a_field_left_out_or_the_whole_form_empty_saves_nothing(client, site):
    for field in FIELDS:
        data = valid_form(site)
        data.pop(field, None)
        post_and_check(client, site, data)
    post_and_check(client, site, {})


def test_invalid_utf8_in_the_body_saves_nothing_broken(client, site):
    for raw in RAW_ESCAPES:
        body = (
            f"first_name=Ada{raw}&last_name=L{raw}&email=ada{raw}%40example.org"
            f"&category=individual&consent=on&sessions={raw}"
        )
        before = state()
        response = check(
            client.post(
                site.registration_url, body, content_type="application/x-www-form-urlencoded"
            )
        )
        assert response.status_code == 200, raw
        assert state() == before, raw


@bounded
@given(first_name=hostile_text, organization=hostile_text, needs=hostile_text)
def test_any_text_in_the_text_fields(client, site, first_name, organization, needs):
    data = {
        **valid_form(site),
        "first_name": first_name,
        "organization": organization,
        "accessibility_needs": needs,
    }
    check_text(post_and_check(client, site, data), first_name + organization + needs)
