"""A reader clicks the language switcher on a session, a speaker, the live page, the filtered
schedule, the registration form, their private management page and ticket, a sponsor's
portal, the figures and a standard page, on a phone and a desktop, in both directions: they land
on the same page in the other language, and axe finds nothing to fix there."""

import json
from urllib.parse import urlparse

from django.utils import timezone

import pytest

from home.demo import upcoming_date
from tests.browser.conftest import PHONE, assert_no_axe_violations, manage

SPONSOR = "cordee-numerique"

# A confirmed registration of the coming edition, its private links, and a session and a speaker
# of its program.
PRIVATE_LINKS = """
import json
from urllib.parse import urlparse
from program.models import Session
from registrations.links import RegistrationLinks
from registrations.models import Registration
registration = Registration.objects.filter(
    edition__year={year}, status="confirmed", language="fr"
).first()
links = RegistrationLinks(registration)
session = (
    Session.objects.filter(edition__year={year}, live=True, session_speakers__isnull=False)
    .exclude(kind="break").order_by("start").first()
)
print(json.dumps({{
    "manage": urlparse(links.manage).path,
    "ticket": urlparse(links.checkin).path,
    "session": session.slug,
    "speaker": session.session_speakers.first().speaker.slug,
}}))
"""


@pytest.fixture(scope="module")
def journeys(demo_environment, demo_server):
    """(French path, English path) pairs of the same page."""
    year = upcoming_date(timezone.localdate()).year
    found = json.loads(
        manage(demo_environment, "shell", "-v", "0", "-c", PRIVATE_LINKS.format(year=year))
    )
    portal = urlparse(manage(demo_environment, "sponsor_link", SPONSOR).strip()).path
    portal_token = portal.rstrip("/").rsplit("/", 1)[1]
    manage_token = found["manage"].rstrip("/").rsplit("/", 1)[1]
    ticket_token = found["ticket"].rstrip("/").rsplit("/", 1)[1]
    session, speaker = found["session"], found["speaker"]
    return {
        "session": (f"/{year}/programme/{session}/", f"/en/{year}/programme/{session}/"),
        "speaker": (
            f"/{year}/programme/intervenants/{speaker}/",
            f"/en/{year}/programme/speakers/{speaker}/",
        ),
        "live": (f"/{year}/direct/", f"/en/{year}/live/"),
        "schedule": (
            f"/{year}/programme/?kind=workshop&language=fr",
            f"/en/{year}/programme/?kind=workshop&language=fr",
        ),
        "form": (f"/{year}/inscription/", f"/en/{year}/register/"),
        "manage": (
            f"/{year}/inscription/gerer/{manage_token}/",
            f"/en/{year}/register/manage/{manage_token}/",
        ),
        "ticket": (
            f"/{year}/inscription/accueil/{ticket_token}/",
            f"/en/{year}/register/checkin/{ticket_token}/",
        ),
        "portal": (f"/espace-partenaire/{portal_token}/", f"/en/sponsor-portal/{portal_token}/"),
        "figures": ("/chiffres/", "/en/figures/"),
        "standard": ("/code-de-conduite/", "/en/code-of-conduct/"),
    }


def switch(page, demo_server, language, expected):
    """Click the switcher's link to `language`; the page must be `expected` in that language."""
    link = page.locator(f".lang-switch a[hreflang={language}]")
    assert link.is_visible()
    assert page.locator(".lang-switch__note").count() == 0
    link.click()
    page.wait_for_url(demo_server + expected)
    assert page.locator("html").get_attribute("lang") == language


def walk(page, demo_server, french, english, check_axe=True):
    response = page.goto(demo_server + french)
    assert response.status == 200, french
    switch(page, demo_server, "en", english)
    if check_axe:
        assert_no_axe_violations(page)
    switch(page, demo_server, "fr", french)
    if check_axe:
        assert_no_axe_violations(page)


PHONE_JOURNEYS = ["session", "speaker", "live", "schedule", "manage", "ticket", "portal"]


@pytest.mark.parametrize("name", PHONE_JOURNEYS)
def test_on_a_phone_the_switcher_keeps_the_page(phone_page, demo_server, journeys, name):
    french, english = journeys[name]
    walk(phone_page, demo_server, french, english)


@pytest.mark.parametrize(
    "name", ["session", "speaker", "schedule", "form", "manage", "figures", "standard"]
)
def test_on_a_desktop_the_switcher_keeps_the_page(page, demo_server, journeys, name):
    page.set_viewport_size({"width": 1280, "height": 900})
    french, english = journeys[name]
    walk(page, demo_server, french, english)


def test_the_private_page_reached_through_the_switcher_is_never_cached(page, demo_server, journeys):
    french, english = journeys["manage"]
    page.goto(demo_server + french)
    with page.expect_response(demo_server + english) as answer:
        page.locator(".lang-switch a[hreflang=en]").click()
    assert "no-store" in answer.value.headers["cache-control"]


def test_a_missing_page_offers_the_other_home_page(page, demo_server):
    page.goto(demo_server + "/code-de-conduite/pas-de-page/")
    page.locator(".lang-switch a[hreflang=en]").click()
    page.wait_for_url(demo_server + "/en/")
    assert_no_axe_violations(page)


# A French-only page under the coming edition's French page (idempotent: the demo server is
# shared with the other modules).
FRENCH_ONLY_PAGE = """
from home.models import EditionPage, StandardPage
parent = EditionPage.objects.get(edition__year={year}, locale__language_code="fr")
if not StandardPage.objects.filter(slug="benevoles-switcher").exists():
    page = parent.add_child(instance=StandardPage(
        title="Devenir bénévole", slug="benevoles-switcher", intro="Rejoignez l'équipe."
    ))
    page.save_revision().publish()
"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_a_page_without_translation_leads_to_the_nearest_one_and_says_so(
    page, demo_server, demo_environment, viewport
):
    year = upcoming_date(timezone.localdate()).year
    manage(demo_environment, "shell", "-v", "0", "-c", FRENCH_ONLY_PAGE.format(year=year))
    page.set_viewport_size(viewport)
    page.goto(f"{demo_server}/{year}/benevoles-switcher/")
    note = page.locator(".lang-switch__note")
    assert note.is_visible()
    assert note.inner_text() == "(this page is not translated)"
    assert_no_axe_violations(page)
    page.locator(".lang-switch a[hreflang=en]").click()
    page.wait_for_url(f"{demo_server}/en/{year}/")
    assert_no_axe_violations(page)
