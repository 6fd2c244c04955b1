"""Rate limits of the registration form and of the volunteers' check-in search (home.ratelimit)."""

import re

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client, RequestFactory

import pytest

from alposs.settings import base
from home.ratelimit import seconds_to_wait
from registrations import services
from registrations.groups import VOLUNTEERS_GROUP
from registrations.models import Registration
from tests.factories.registrations import REGISTRATION_FORM, RegistrationFactory

pytestmark = pytest.mark.django_db

REFUSED_FR = (
    "Trop d’inscriptions depuis votre connexion ou avec cette adresse électronique. "
    "Merci de réessayer dans "
)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def client_at(address, **headers):
    return Client(REMOTE_ADDR=address, **headers)


def registrations_of(email):
    return Registration.objects.filter(email__iexact=email).count()


# Registration form


def test_a_sixth_registration_to_one_mailbox_is_refused_and_keeps_what_was_typed(
    registration_page, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ALPOSS_RATE_LIMITS = {**base.ALPOSS_RATE_LIMITS}  # the defaults: 5 an hour
    spellings = ["grace@example.org", "Grace@Example.org", "grace+a@example.org"] * 2
    for n, email in enumerate(spellings[:5]):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_at(f"203.0.113.{n}").post(
                registration_page.url, {**REGISTRATION_FORM, "email": email}
            )
        assert response.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        refused = client_at("203.0.113.99").post(
            registration_page.url,
            {**REGISTRATION_FORM, "email": spellings[5], "last_name": "Hopper-Typed"},
        )

    html = refused.content.decode()
    assert refused.status_code == 429
    assert REFUSED_FR in html
    assert "<h2>Rien n’a été enregistré</h2>" in html  # not "correct what is marked below"
    assert re.search(r"Merci de réessayer dans \d+ minutes?\.", html)
    assert 'value="grace+a@example.org"' in html
    assert 'value="Hopper-Typed"' in html
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert len(mailoutbox) == 5


def test_too_many_registrations_from_one_address_are_refused_whatever_the_email(
    registration_page, settings
):
    settings.ALPOSS_RATE_LIMITS = {"registration.address": "3/h", "registration.email": "5/h"}
    same_address = client_at("203.0.113.7")
    statuses = [
        same_address.post(
            registration_page.url, {**REGISTRATION_FORM, "email": f"p{n}@example.org"}
        )
        for n in range(5)
    ]

    assert [response.status_code for response in statuses] == [302, 302, 302, 429, 429]
    assert Registration.objects.count() == 3
    other = client_at("203.0.113.8").post(
        registration_page.url, {**REGISTRATION_FORM, "email": "other@example.org"}
    )
    assert other.status_code == 302


def test_the_message_is_in_english_on_the_english_form(registration_page_en, settings):
    settings.ALPOSS_RATE_LIMITS = {"registration.email": "1/h"}
    english = client_at("203.0.113.7")
    english.post(registration_page_en.url, REGISTRATION_FORM)

    html = english.post(registration_page_en.url, REGISTRATION_FORM).content.decode()

    assert (
        "Too many registrations from your connection or with this e-mail address. "
        "Please try again in "
    ) in html


def test_clients_behind_the_trusted_proxy_are_limited_one_by_one(registration_page, settings):
    settings.ALPOSS_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.ALPOSS_RATE_LIMITS = {"registration.address": "2/h"}
    nginx = client_at("127.0.0.1")

    def post(client_address, n):
        return nginx.post(
            registration_page.url,
            {**REGISTRATION_FORM, "email": f"p{n}@example.org"},
            HTTP_X_FORWARDED_FOR=client_address,
        ).status_code

    assert [post("203.0.113.7", n) for n in range(3)] == [302, 302, 429]
    # A forged first entry does not make a new client: nginx appends the address it saw.
    assert post("198.51.100.1, 203.0.113.7", 3) == 429
    assert post("203.0.113.8", 4) == 302


def test_a_forged_forwarded_header_from_the_internet_changes_nothing(registration_page, settings):
    settings.ALPOSS_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.ALPOSS_RATE_LIMITS = {"registration.address": "2/h"}
    attacker = client_at("198.51.100.9")

    statuses = [
        attacker.post(
            registration_page.url,
            {**REGISTRATION_FORM, "email": f"p{n}@example.org"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(3)
    ]

    assert statuses == [302, 302, 429]


def test_an_ipv6_network_cannot_rotate_addresses_past_the_limit(registration_page, settings):
    settings.ALPOSS_RATE_LIMITS = {"registration.address": "2/h"}
    statuses = [
        client_at(f"2001:db8:5:6::{n:x}")
        .post(registration_page.url, {**REGISTRATION_FORM, "email": f"p{n}@example.org"})
        .status_code
        for n in range(1, 4)
    ]

    assert statuses == [302, 302, 429]


# Check-in search


@pytest.fixture
def volunteers(django_user_model):
    group = Group.objects.get(name=VOLUNTEERS_GROUP)
    people = []
    for name in ("anne", "bruno", "chloe"):
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
        user.groups.add(group)
        people.append(user)
    return people


@pytest.fixture
def search_url(registration_page):
    return registration_page.url + "accueil/"


def logged_in(user, address):
    client = client_at(address)
    client.force_login(user)
    return client


def test_a_volunteer_searching_too_fast_is_told_to_wait_and_keeps_the_query(
    edition, volunteers, search_url, settings
):
    settings.ALPOSS_RATE_LIMITS = {"checkin-search.user": "3/10m"}
    services.confirm(RegistrationFactory(edition=edition, first_name="Ada", last_name="Lovelace"))
    anne = logged_in(volunteers[0], "203.0.113.7")
    for _ in range(3):
        assert "Ada Lovelace" in anne.get(search_url, {"q": "lovelace"}).content.decode()

    refused = anne.get(search_url, {"q": "lovelace"})

    html = refused.content.decode()
    assert refused.status_code == 429
    assert "Trop de recherches. Merci de réessayer dans" in html
    assert 'role="alert"' in html
    assert 'value="lovelace"' in html
    assert "Ada Lovelace" not in html
    assert "résultat" not in html
    assert 0 < int(refused["Retry-After"]) <= 600
    # The page itself, its counter and the other volunteers go on.
    assert anne.get(search_url).status_code == 200
    assert anne.get(search_url, {"format": "json"}).status_code == 200
    bruno = logged_in(volunteers[1], "203.0.113.7")
    assert "Ada Lovelace" in bruno.get(search_url, {"q": "lovelace"}).content.decode()


def test_one_address_is_limited_whoever_searches(edition, volunteers, search_url, settings):
    settings.ALPOSS_RATE_LIMITS = {
        "checkin-search.user": "10/10m",
        "checkin-search.address": "4/10m",
    }
    clients = [logged_in(user, "203.0.113.7") for user in volunteers]

    statuses = [clients[n % 3].get(search_url, {"q": "x"}).status_code for n in range(5)]

    assert statuses == [200, 200, 200, 200, 429]
    elsewhere = logged_in(volunteers[0], "203.0.113.8")
    assert elsewhere.get(search_url, {"q": "x"}).status_code == 200


def test_the_default_limits_let_a_busy_door_through(edition, volunteers, search_url, settings):
    """300 people in an hour through 3 volunteers on one Wi-Fi, half of them in 10 minutes:
    50 people each, 3 searches a person (a typo, the name, the page after checking in)."""
    settings.ALPOSS_RATE_LIMITS = {**base.ALPOSS_RATE_LIMITS}
    door = RequestFactory().get(search_url, {"q": "x"}, REMOTE_ADDR="203.0.113.7")

    waits = {
        seconds_to_wait(door, "checkin-search", user=user.pk)
        for _ in range(50 * 3)
        for user in volunteers
    }

    assert waits == {0}
    clients = [logged_in(user, "203.0.113.7") for user in volunteers]
    assert {client.get(search_url, {"q": "x"}).status_code for client in clients} == {200}
