"""One word per meaning on the figures page, and no column of zeros for an edition just
created."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

import pytest

from registrations.choices import RegistrationStatus
from tests.factories.home import EditionFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


def edition(year, **kwargs):
    day = datetime.date(year, 2, 17)
    return EditionFactory(year=year, start_date=day, end_date=day, **kwargs)


def page(client, language="fr"):
    with override(language):
        return client.get(reverse("figures:index")).content.decode()


def cells(html, label):
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    return re.findall(r"<td>(.*?)</td>", match.group(1)) if match else None


def headers(html):
    head = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    found = re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in found]


@pytest.fixture
def held_and_to_come(home_page):
    held = edition(2026)
    for i in range(4):
        RegistrationFactory(
            edition=held,
            status=RegistrationStatus.CONFIRMED,
            checked_in_at=timezone.now() if i < 3 else None,
        )
    coming = edition(2099)
    for _ in range(2):
        RegistrationFactory(edition=coming, status=RegistrationStatus.CONFIRMED)


@pytest.mark.parametrize(
    ("language", "attended", "registered"),
    [("fr", "Présents", "Inscrits"), ("en", "Attended", "Registered")],
)
def test_attended_is_only_for_an_edition_held_and_registered_counts_confirmed(
    client, held_and_to_come, language, attended, registered
):
    html = page(client, language)

    assert cells(html, attended) == ["—", "3"]  # 2099 first: nobody attended yet
    assert cells(html, registered) == ["2", "4"]
    # The chart says the same words: the edition to come's bar is "registered so far".
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", html, re.S).group(1)
    if language == "en":
        assert desc == "2026: 3 attended; 2099 (to come): 2 registered so far."
    else:
        assert "3 présents" in desc and "2 inscrits à ce jour" in desc


def test_an_edition_just_created_is_not_a_column_of_zeros(client, held_and_to_come):
    edition(2100)  # just created: no registration, no session, no sponsor

    html = page(client, "en")

    assert headers(html) == ["Figure", "2099 (to come)", "2026"]  # the phone opens on 2099
    assert "2100: no figures yet." in html
    assert html.count("<rect") == 2


def test_only_an_empty_edition_says_no_figures_yet(client, home_page):
    edition(2100)

    html = page(client)

    assert "2100\u202f: pas encore de chiffres." in html
    assert "<table" not in html
