import datetime
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

import openpyxl
import pytest
import tablib

from program.choices import SessionKind
from registrations.choices import Category, RegistrationStatus
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(english_admin_client, home_page):
    return english_admin_client


@pytest.fixture
def edition_2026():
    day = datetime.date(2026, 2, 17)
    edition = EditionFactory(year=2026, start_date=day, end_date=day)
    for i in range(5):
        RegistrationFactory(
            edition=edition,
            status=RegistrationStatus.CONFIRMED,
            category=Category.STUDENT if i < 2 else Category.COMPANY,
            checked_in_at=timezone.now() if i < 4 else None,
        )
    RegistrationFactory(edition=edition, status=RegistrationStatus.WAITING, waiting_position=1)
    SessionFactory(edition=edition, kind=SessionKind.TALK)
    return edition


def report_url(edition, **query):
    url = reverse("figures_admin:edition_report", args=[edition.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_report_needs_the_permission(client, home_page, edition_2026):
    user = get_user_model().objects.create_user("volunteer", "v@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(report_url(edition_2026)).status_code in (302, 403)
    assert client.get(reverse("figures_admin:across_editions")).status_code in (302, 403)


def test_anonymous_readers_are_sent_to_the_login(client, edition_2026):
    response = client.get(report_url(edition_2026))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_printable_report_has_every_figure(admin_client, edition_2026):
    html = admin_client.get(report_url(edition_2026)).content.decode()

    assert '<th scope="row">Participants</th><td>4</td>' in html
    assert '<th scope="row">Registered</th><td>6</td>' in html
    assert '<th scope="row">No-show rate</th><td>20%</td>' in html
    assert '<th scope="row">Student</th><td>2</td><td>2</td>' in html
    assert '<th scope="row">Company</th><td>3</td><td>2</td>' in html
    assert '<th scope="row">Talk</th><td>1</td>' in html


@pytest.mark.parametrize("file_format", ["xlsx", "ods"])
def test_the_report_exports_to_spreadsheets(admin_client, edition_2026, file_format):
    response = admin_client.get(report_url(edition_2026, format=file_format))

    assert response.status_code == 200
    assert f"alposs-2026-figures.{file_format}" in response["Content-Disposition"]
    book = tablib.Databook().load(response.content, format=file_format)
    summary = book.sheets()[0]
    values = dict(zip(summary.get_col(0), summary.get_col(1), strict=True))
    assert values["Participants"] == 4
    assert values["Checked in at the door"] == 4
    assert values["Confirmed"] == 5


def test_the_xlsx_keeps_numbers_as_numbers(admin_client, edition_2026):
    response = admin_client.get(report_url(edition_2026, format="xlsx"))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[1]
    assert [tuple(row) for row in sheet.iter_rows(values_only=True)] == [
        ("Category", "Confirmed", "Checked in"),
        ("Company", 3, 2),
        ("Student", 2, 2),
    ]


def test_an_unknown_export_format_is_not_found(admin_client, edition_2026):
    assert admin_client.get(report_url(edition_2026, format="pdf")).status_code == 404


def test_the_report_across_editions_links_each_edition(admin_client, edition_2026):
    day = datetime.date(2025, 2, 17)
    EditionFactory(year=2025, start_date=day, end_date=day, reported_participants=350)

    html = admin_client.get(reverse("figures_admin:across_editions")).content.decode()

    assert '<th scope="row">Attended</th><td>350</td><td>4</td>' in html
    assert reverse("figures_admin:edition_report", args=[edition_2026.pk]) in html


def test_the_dashboard_shows_the_current_edition_now(admin_client, edition_2026):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "AlpOSS 2026: registrations now" in html
    assert '<th scope="row">Checked in now</th><td>4</td>' in html
    assert '<th scope="row">On the waiting list</th><td>1</td>' in html


def test_the_reports_menu_has_the_figures(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Figures across editions" in html
