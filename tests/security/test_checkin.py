"""The volunteers' pages, logged in: search, ticket and workshop pages with hostile values
in every parameter. Nothing is checked in but by a valid id and a valid action."""

import pytest
from hypothesis import given

from registrations.models import Registration, WorkshopAttendance, WorkshopSeat
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


def search_url(site):
    return site.registration_url + "accueil/"


def workshop_url(site, pk=None):
    return f"{search_url(site)}atelier/{pk or site.workshop.pk}/"


def nobody_checked_in():
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()
    assert not WorkshopAttendance.objects.exists()


def test_a_hostile_query_is_answered_without_error(volunteer_client, site):
    for hostile in HOSTILE:
        for extra in ({}, {"format": hostile.value}):
            response = volunteer_client.get(search_url(site), {"q": hostile.value, **extra})
            assert check(response, hostile).status_code == 200, hostile
    for raw in RAW_ESCAPES:
        url = f"{search_url(site)}?q=Ada{raw}&format={raw}"
        assert check(volunteer_client.get(url)).status_code == 200, raw
    assert check(volunteer_client.get(f"{search_url(site)}?q=x&q=Ada")).status_code == 200


@pytest.mark.parametrize("field", ["registration", "action", "q"])
def test_a_hostile_search_post_changes_nothing(volunteer_client, site, field):
    for hostile in HOSTILE:
        data = {"registration": "0", "action": "check_in", "q": "Ada", field: hostile.value}
        response = check(volunteer_client.post(search_url(site), data), hostile)
        assert response.status_code == 302, hostile
    nobody_checked_in()


def test_a_hostile_action_on_a_real_registration_changes_nothing(volunteer_client, site):
    for hostile in HOSTILE:
        data = {"registration": str(site.participant.pk), "action": hostile.value}
        check(volunteer_client.post(search_url(site), data), hostile)
        check(volunteer_client.post(site.link("accueil"), data), hostile)
    nobody_checked_in()


def test_a_hostile_ticket_token_opens_nothing(volunteer_client, site):
    for hostile in HOSTILE:
        if not hostile.value.strip():
            continue
        url = f"{search_url(site)}{path_segment(hostile.value)}/"
        for response in (volunteer_client.get(url), volunteer_client.post(url)):
            assert check(response, hostile).status_code in (404, 410), hostile
    nobody_checked_in()


def test_a_workshop_id_out_of_range_is_not_found(volunteer_client, site):
    for pk in ("9" * 40, str(2**63), str(2**63 - 1), "0"):
        assert check(volunteer_client.get(workshop_url(site, pk))).status_code == 404, pk
        assert check(volunteer_client.post(workshop_url(site, pk))).status_code == 404, pk


@pytest.mark.parametrize("field", ["seat", "action"])
def test_a_hostile_attendance_post_changes_nothing(volunteer_client, site, field):
    seat = WorkshopSeat.objects.get(registration=site.participant)
    for hostile in HOSTILE:
        data = {"seat": str(seat.pk), "action": "undo", field: hostile.value}
        response = check(volunteer_client.post(workshop_url(site), data), hostile)
        assert response.status_code == 302, hostile
    nobody_checked_in()


@bounded
@given(query=hostile_text)
def test_any_query(volunteer_client, site, query):
    response = volunteer_client.get(search_url(site), {"q": query})
    assert check_text(response, query).status_code == 200
