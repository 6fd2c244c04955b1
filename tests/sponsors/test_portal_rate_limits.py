"""The sponsor portal counts link attempts and saves per client address (home.ratelimit)."""

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import pytest

from sponsors.models import BoothInfo
from sponsors.portal import portal_path
from tests.factories.sponsors import BoothInfoFactory

pytestmark = pytest.mark.django_db

DRAFT = {
    "contact_name": "Camille Martin",
    "contact_email": "camille@sponsor.example.org",
    "tables": "1",
    "chairs": "2",
    "power_sockets": "1",
    "description": "Nous présentons notre forge libre.",
    "save": "1",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def booth(home_page):
    return BoothInfoFactory(contact_name="", description="", arrival_time=None)


def test_guessing_links_from_one_address_is_stopped(home_page, settings):
    settings.ALPOSS_RATE_LIMITS = {"sponsor-portal.address": "3/h"}
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    guesses = [reverse("sponsors:portal", kwargs={"token": f"guess-{n}"}) for n in range(4)]

    responses = [guesser.get(url) for url in guesses]

    assert [response.status_code for response in responses] == [404, 404, 404, 429]
    html = responses[-1].content.decode()
    assert "<h1>Trop de demandes</h1>" in html
    assert "demandée trop souvent depuis votre connexion" in html
    assert "Merci de réessayer dans" in html
    assert 0 < int(responses[-1]["Retry-After"]) <= 3600
    assert "no-store" in responses[-1]["Cache-Control"]
    assert responses[-1]["X-Robots-Tag"] == "noindex, nofollow"
    assert Client(REMOTE_ADDR="203.0.113.8").get(guesses[0]).status_code == 404


def test_the_page_of_a_real_link_is_paused_too_and_says_so_in_english(booth, settings):
    settings.ALPOSS_RATE_LIMITS = {"sponsor-portal.address": "2/h"}
    sponsor = Client(REMOTE_ADDR="203.0.113.7")
    url = portal_path(booth.sponsorship, "en")

    statuses = [sponsor.get(url).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert "This page was asked for too often from your connection" in (
        sponsor.get(url).content.decode()
    )


def test_too_many_saves_are_refused_and_the_form_keeps_what_was_typed(booth, settings):
    settings.ALPOSS_RATE_LIMITS = {"sponsor-portal-save.address": "2/h"}
    sponsor = Client(REMOTE_ADDR="203.0.113.7")
    url = portal_path(booth.sponsorship)
    for n in range(2):
        assert sponsor.post(url, {**DRAFT, "note": f"essai {n}"}).status_code == 302

    refused = sponsor.post(url, {**DRAFT, "description": "Texte tapé à garder"})

    html = refused.content.decode()
    assert refused.status_code == 429
    assert "Trop d’enregistrements depuis votre connexion : rien n’a été enregistré." in html
    assert "Texte tapé à garder</textarea>" in html
    assert 0 < int(refused["Retry-After"]) <= 3600
    booth = BoothInfo.objects.get(pk=booth.pk)
    assert booth.description == DRAFT["description"]
    assert booth.note == "essai 1"
    # Reading the page is a link attempt, not a save: it still opens.
    assert sponsor.get(url).status_code == 200


def test_posts_from_the_internet_cannot_spread_over_forged_forwarded_addresses(booth, settings):
    settings.ALPOSS_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.ALPOSS_RATE_LIMITS = {"sponsor-portal-save.address": "2/h"}
    attacker = Client(REMOTE_ADDR="198.51.100.9")
    url = portal_path(booth.sponsorship)

    statuses = [
        attacker.post(url, DRAFT, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]

    assert statuses == [302, 302, 429]
