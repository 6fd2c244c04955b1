"""The sponsor portal: a hostile link opens nothing; the booth form saves a whole draft or
nothing, and stores no control character."""

from django.forms.models import model_to_dict

import pytest
from hypothesis import given

from home.cleaning import is_unsafe
from sponsors.models import BoothInfo
from tests.factories.sponsors import BOOTH_FORM
from tests.security.hostile import (
    HOSTILE,
    RAW_ESCAPES,
    bounded,
    check,
    check_text,
    hostile_text,
    path_segment,
)

pytestmark = pytest.mark.django_db

GROUPS = {
    "texts": (
        "contact_name",
        "contact_phone",
        "staff_text",
        "description",
        "description_en",
        "note",
    ),
    "email": ("contact_email",),
    "numbers": ("tables", "chairs", "power_sockets", "setup_minutes"),
    "others": ("needs_screen", "needs_network", "demo_needs_internet", "arrival_time"),
}
FIELDS = tuple(name for group in GROUPS.values() for name in group)
PORTAL = "/espace-partenaire/{}/"


def stored(booth):
    return model_to_dict(BoothInfo.objects.get(pk=booth.pk), exclude=["logo_override"])


def assert_whole(booth, fields, hostile):
    """Every field not driven holds exactly what was posted; no text holds a control."""
    row = BoothInfo.objects.get(pk=booth.pk)
    for name, value in BOOTH_FORM.items():
        if name in fields or name in ("needs_screen", "arrival_time"):
            continue
        if name == "staff_text":
            assert row.staff == ["Camille Martin", "Dominique Petit"]
        else:
            assert str(getattr(row, name)) == value, (hostile, name)
    for name in ("contact_name", "contact_email", "contact_phone", "description", "note"):
        text = getattr(row, name) or ""
        assert not any(is_unsafe(c) and c not in "\r\n\t" for c in text), (hostile, name)
    assert not any(is_unsafe(c) for name in row.staff for c in name), hostile


@pytest.mark.parametrize("group", GROUPS)
def test_a_hostile_value_saves_a_whole_draft_or_nothing(client, site, group):
    booth = site.booth
    for hostile in HOSTILE:
        before = stored(booth)
        data = {**BOOTH_FORM, **dict.fromkeys(GROUPS[group], hostile.value), "save": "1"}
        response = check(client.post(site.portal_url, data), hostile)
        assert response.status_code in (302, 400), hostile
        if response.status_code == 302:
            assert_whole(booth, GROUPS[group], hostile)
        else:
            assert stored(booth) == before, hostile


def test_several_values_where_one_is_expected_and_broken_escapes(client, site):
    for field in FIELDS:
        data = {**BOOTH_FORM, field: ["1", "<script>alert('xss-1')</script>", "9" * 40]}
        response = check(client.post(site.portal_url, data))
        assert response.status_code in (302, 400), field
    for raw in RAW_ESCAPES:
        body = "&".join(f"{name}=a{raw}" for name in FIELDS)
        response = client.post(
            site.portal_url, body, content_type="application/x-www-form-urlencoded"
        )
        assert check(response).status_code == 400, raw


def test_a_hostile_link_opens_nothing(client, site):
    before = stored(site.booth)
    for hostile in HOSTILE:
        if not hostile.value.strip():
            continue
        url = PORTAL.format(path_segment(hostile.value))
        for response in (client.get(url), client.post(url, {**BOOTH_FORM, "save": "1"})):
            assert check(response, hostile).status_code in (404, 410), hostile
    for raw in RAW_ESCAPES:
        assert check(client.get(PORTAL.format(f"a{raw}b"))).status_code in (404, 410), raw
    tampered = site.portal_url.rstrip("/").rsplit("/", 1)[-1]
    for token in (tampered + "x", tampered.upper(), tampered.replace(":", "", 1)):
        assert check(client.get(PORTAL.format(token))).status_code in (404, 410), token
    assert stored(site.booth) == before


@bounded
@given(name=hostile_text, staff=hostile_text, description=hostile_text)
def test_any_text_in_the_booth_form(client, site, name, staff, description):
    before = stored(site.booth)
    data = {
        **BOOTH_FORM,
        "contact_name": name,
        "staff_text": staff,
        "description": description,
        "save": "1",
    }
    response = check_text(client.post(site.portal_url, data), name + staff + description)
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert_whole(site.booth, ("contact_name", "staff_text", "description"), None)
    else:
        assert stored(site.booth) == before
