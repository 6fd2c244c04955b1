"""A participant finds the registration form from the home page in one click, on a phone and on
a desktop, in French and in English; the program and a workshop page lead there too and show
the seats left. axe checks every page touched (issue 15).

ALPOSS_SCREENSHOTS=<folder> keeps a screenshot of each page visited, to look at them.
"""

import os
import re
from pathlib import Path

from django.utils import timezone

import pytest

from home.demo import upcoming_date
from tests.browser.conftest import PHONE, assert_no_axe_violations

DESKTOP = {"width": 1280, "height": 900}
LANGUAGES = {
    "fr": {"home": "/", "form": "/{year}/inscription/", "register": "S’inscrire"},
    "en": {"home": "/en/", "form": "/en/{year}/register/", "register": "Register"},
}


@pytest.fixture(scope="module")
def year():
    return upcoming_date(timezone.localdate()).year


@pytest.fixture(params=["phone", "desktop"])
def screen(request, chromium):
    size = PHONE if request.param == "phone" else DESKTOP
    context = chromium.new_context(
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport=size,
        is_mobile=request.param == "phone",
    )
    tab = context.new_page()
    tab.screen_name = request.param
    yield tab
    context.close()


def keep(page, name):
    folder = os.environ.get("ALPOSS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-{page.screen_name}.png", full_page=True)


def register_button(page, text):
    # French may write the apostrophe straight or curly.
    pattern = re.compile(text.replace("’", "['’]"))
    return page.locator(".registration-action__button").filter(has_text=pattern)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_home_page_leads_to_the_registration_form_in_one_click(
    screen, demo_server, year, language
):
    texts = LANGUAGES[language]
    form_path = texts["form"].format(year=year)
    screen.goto(demo_server + texts["home"])
    assert screen.locator("html").get_attribute("lang") == language
    button = register_button(screen, texts["register"])
    assert button.count() == 1
    button.scroll_into_view_if_needed()
    assert button.is_visible()
    keep(screen, f"home-{language}")
    assert_no_axe_violations(screen)

    button.click()
    screen.wait_for_url(demo_server + form_path)
    assert screen.locator("#id_email").is_visible()
    keep(screen, f"form-{language}")
    assert_no_axe_violations(screen)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_edition_program_and_a_workshop_lead_there_and_show_seats_left(
    screen, demo_server, year, language
):
    texts = LANGUAGES[language]
    form_path = texts["form"].format(year=year)
    edition_path = form_path.rsplit("/", 2)[0] + "/"
    screen.goto(demo_server + edition_path)
    assert register_button(screen, texts["register"]).get_attribute("href") == form_path
    # The registration page is in the edition's menu too.
    assert screen.locator(f"header a[href='{form_path}'], nav a[href='{form_path}']").count()
    keep(screen, f"edition-{language}")
    assert_no_axe_violations(screen)

    screen.goto(f"{demo_server}{edition_path}programme/")
    assert register_button(screen, texts["register"]).get_attribute("href") == form_path
    seats = screen.locator(".slot__seats").filter(
        has_text=re.compile(r"places? restantes?|complet|seats? left|full")
    )
    assert seats.count() > 0
    keep(screen, f"program-{language}")
    assert_no_axe_violations(screen)

    workshop = seats.first.locator("xpath=ancestor::article").locator(".slot__title a")
    workshop.click()
    screen.wait_for_load_state()
    assert register_button(screen, texts["register"]).get_attribute("href") == form_path
    seats_text = screen.locator(".session-detail__facts").inner_text()
    assert re.search(r"places? restantes?|complet|seats? left|full", seats_text)
    keep(screen, f"workshop-{language}")
    assert_no_axe_violations(screen)
