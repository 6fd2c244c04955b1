"""A registered participant's program on their management page, in a real browser: their
workshop and marked sessions listed together (axe finds no violation), a mark removed without
JavaScript, and with it the form filled from the stars kept in this browser."""

import json
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import assert_no_axe_violations, manage

# A confirmed person of the upcoming edition with a workshop seat; two sessions marked (one
# during the workshop, when there is one), and the codes of two more to star in the browser.
PREPARE = """
import json
from program.models import Session
from program.my_program import code_of
from registrations.links import RegistrationLinks
from registrations.models import Registration
person = Registration.objects.filter(
    edition__number=4, status="confirmed", seats__status="confirmed"
).order_by("-pk").first()
seat = person.seats.filter(status="confirmed").select_related("session").first()
talks = Session.objects.filter(
    edition=person.edition, live=True, start__isnull=False, end__isnull=False
).exclude(kind__in=["break", "workshop"]).order_by("start", "pk")
during = talks.filter(start__lt=seat.session.end, end__gt=seat.session.start).first()
others = list(talks.exclude(pk=getattr(during, "pk", None))[:3])
person.marked_sessions.set([session for session in (during, others[0]) if session])
print(json.dumps({
    "pk": person.pk,
    "manage": RegistrationLinks(person).manage,
    "marked": person.marked_sessions.count(),
    "seats": person.seats.count(),
    "stars": [code_of(session) for session in others[1:3]],
}))
"""
FORGET = """
from registrations.models import Registration
Registration.objects.get(pk={pk}).marked_sessions.clear()
"""


@pytest.fixture
def participant(demo_environment, demo_server):
    output = manage(demo_environment, "shell", "-c", PREPARE)
    data = json.loads(output.strip().splitlines()[-1])
    data["path"] = urlparse(data["manage"]).path
    yield data
    manage(demo_environment, "shell", "-c", FORGET.format(pk=data["pk"]))


def test_the_management_page_lists_workshops_and_marked_sessions(
    chromium, page, demo_server, participant
):
    page.goto(demo_server + participant["path"])
    items = page.locator(".registration-program__list > li")
    assert items.count() == participant["marked"] + participant["seats"]
    seats = page.locator(".registration-program__list .registration-status")
    assert seats.count() == participant["seats"]
    assert page.locator("#feed-url").input_value().endswith("/agenda.ics")
    assert page.locator("a[href^='webcal://']").count() == 1
    assert_no_axe_violations(page)

    # Without JavaScript, a mark is removed with its button.
    context = chromium.new_context(locale="fr-FR", java_script_enabled=False)
    plain = context.new_page()
    plain.goto(demo_server + participant["path"])
    plain.locator("button[name=unmark_session]").first.click()
    plain.wait_for_load_state()
    assert plain.locator("main [role=status].notice--ok").is_visible()
    assert plain.locator("button[name=unmark_session]").count() == participant["marked"] - 1
    context.close()


def test_the_stars_of_this_browser_fill_the_form(page, demo_server, participant):
    page.goto(demo_server + "/robots.txt")  # the site's origin, for its localStorage
    page.evaluate(
        "codes => localStorage.setItem('alposs-my-program', JSON.stringify(codes))",
        participant["stars"],
    )
    page.goto(demo_server + participant["path"])
    field = page.locator("textarea[name=codes]")
    assert field.input_value() == " ".join(participant["stars"])
    assert page.locator(".mark-sessions__filled").is_visible()
    assert_no_axe_violations(page)
    page.locator("input[name=mark_sessions], button[name=mark_sessions]").click()
    page.wait_for_load_state()
    assert "2 séances ajoutées" in page.locator("main [role=status].notice--ok").inner_text()
    count = participant["marked"] + 2
    assert page.locator("button[name=unmark_session]").count() == count
    # Those stars are kept now: the form stays empty.
    assert page.locator("textarea[name=codes]").input_value() == ""
    assert_no_axe_violations(page)
