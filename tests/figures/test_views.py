import csv
import datetime
import io
import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

import pytest

from home.page_cache import public_content_changed
from registrations.choices import RegistrationStatus
from tests.factories.home import EditionFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


def edition(year, **kwargs):
    day = datetime.date(year, 2, 17)
    return EditionFactory(year=year, start_date=day, end_date=day, **kwargs)


def register(an_edition, confirmed=0, checked_in=0):
    for i in range(confirmed):
        RegistrationFactory(
            edition=an_edition,
            status=RegistrationStatus.CONFIRMED,
            checked_in_at=timezone.now() if i < checked_in else None,
        )


@pytest.fixture
def editions(home_page):
    """2024 and 2025 entered by hand, 2026 held and counted, 2099 to come."""
    edition(2024, reported_participants=250, reported_online_audience=900)
    edition(2025, reported_participants=350)
    register(edition(2026), confirmed=6, checked_in=5)
    register(edition(2099), confirmed=3)


def url(name, language="fr"):
    with override(language):
        return reverse(f"figures:{name}")


def test_french_and_english_addresses():
    assert url("index", "en") == "/en/figures/"
    assert url("json", "en") == "/en/figures/editions.json"
    assert url("csv").endswith("/editions.csv")
    assert not url("csv").startswith("/en/")


def cells(html, label):
    """The cells of the table row whose header is `label`."""
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    assert match, label
    return re.findall(r"<td>(.*?)</td>", match.group(1))


def test_the_page_shows_every_edition_side_by_side_with_growth(client, editions):
    response = client.get(url("index", "en"))

    html = response.content.decode()
    assert response.status_code == 200
    # Newest first: on a phone the table opens on the edition to come, then the last one held.
    assert cells(html, "Attended") == ["—", "5", "350", "250"]
    assert cells(html, "Registered")[:2] == ["3", "6"]
    assert cells(html, "Change on the edition before") == [
        "—",
        "−345 (−98.6%)",
        "+100 (+40%)",
        "—",
    ]
    assert cells(html, "Checked in at the door") == ["—", "5", "—", "—"]
    assert cells(html, "No-show rate") == ["—", "16.7%", "—", "—"]
    assert cells(html, "Online audience") == ["—", "—", "—", "900"]
    assert "(to come)" in html


def test_an_edition_to_come_shows_audience_and_check_in_as_not_known_yet(client, editions):
    html = client.get(url("index")).content.decode()

    assert cells(html, "Pointés à l’entrée")[0] == "—"
    assert cells(html, "Audience en ligne")[0] == "—"
    record = next(r for r in client.get(url("json")).json()["editions"] if r["year"] == 2099)
    assert record["checked_in"] is None and record["online_audience"] is None
    lines = client.get(url("csv")).content.decode("utf-8-sig").splitlines()
    line = next(row for row in csv.DictReader(lines) if row["year"] == "2099")
    assert line["checked_in"] == "" and line["online_audience"] == ""


def test_the_page_says_attendees_with_one_word_in_french(client, editions):
    html = client.get(url("index")).content.decode()

    assert "Présents par édition" in html
    assert cells(html, "Présents") == ["—", "5", "350", "250"]
    assert cells(html, "Inscrits")[0] == "3"
    assert "Participants" not in html and "Accueillis" not in html


def test_the_chart_is_accessible_svg_without_script_or_inline_style(client, editions):
    html = client.get(url("index", "en")).content.decode()

    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="figures-chart-title figures-chart-desc"' in svg
    assert '<title id="figures-chart-title">Attended per edition</title>' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert desc == (
        "2024: 250 attended; "
        "2025: 350 attended (+100, +40% on the edition before); "
        "2026: 5 attended (−345, −98.6% on the edition before); "
        "2099 (to come): 3 registered so far."
    )
    assert svg.count("<rect") == 4
    assert "style=" not in html
    assert "<script" not in html


def test_the_page_is_cacheable_by_proxies(client, editions):
    response = client.get(url("index"))
    assert "public" in response["Cache-Control"]
    assert "s-maxage=300" in response["Cache-Control"]


def test_the_page_takes_the_same_queries_for_two_and_six_editions(client, home_page):
    register(edition(2024, reported_participants=250), confirmed=0)
    register(edition(2026), confirmed=2, checked_in=1)
    client.get(url("index"))  # warm the site and locale caches
    public_content_changed()  # the page itself is computed again (a hit costs no query)
    with CaptureQueriesContext(connection) as at_two:
        client.get(url("index"))
    for year in (2027, 2028, 2029, 2030):
        register(edition(year), confirmed=3, checked_in=2)
    with CaptureQueriesContext(connection) as at_six:
        response = client.get(url("index"))

    assert response.content.decode().count("<rect") == 6
    assert len(at_six) == len(at_two)


def test_the_open_data_have_the_numbers_of_the_page(client, editions):
    data = json.loads(client.get(url("json")).content)
    rows = list(csv.DictReader(io.StringIO(client.get(url("csv")).content.decode("utf-8-sig"))))

    assert [(e["year"], e["participants"], e["source"]) for e in data["editions"]] == [
        (2024, 250, "reported"),
        (2025, 350, "reported"),
        (2026, 5, "computed"),
        (2099, 3, "computed"),
    ]
    assert [(r["year"], r["participants"], r["growth"], r["checked_in"]) for r in rows] == [
        ("2024", "250", "", ""),
        ("2025", "350", "100", ""),
        ("2026", "5", "-345", "5"),
        ("2099", "3", "", ""),  # not checked in yet: not known, not 0
    ]
    for row, record in zip(rows, data["editions"], strict=True):
        assert list(row) == data["columns"]
        for column, value in record.items():
            expected = (
                ""
                if value is None
                else str(value).lower()
                if isinstance(value, bool)
                else str(value)
            )
            assert row[column] == expected, column


def test_the_csv_starts_with_a_byte_order_mark_and_quotes_commas(client, home_page):
    edition(2024, reported_participants=250, name="AlpOSS, la première")

    response = client.get(url("csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbfyear,name,held,source,participants,")
    assert '2024,"AlpOSS, la première",true,reported,250,reported,' in response.content.decode()


def table_cells(html):
    rows = re.findall(r'<tr>\s*<th scope="row">.*?</th>(.*?)</tr>', html, re.S)
    return [re.findall(r"<td>(.*?)</td>", row) for row in rows]


def test_numbers_are_formatted_for_french(client, editions):
    edition(2023, reported_participants=1250)

    cells = table_cells(client.get(url("index")).content.decode())

    assert cells[0] == ["—", "5", "350", "250", "1\u00a0250"]
    assert cells[1][3] == "−1\u00a0000 (−80\u00a0%)"
    assert cells[7][1] == "16,7\u00a0%"


def test_participants_by_category_for_the_editions_that_counted_them(client, home_page):
    edition(2025, reported_participants=350)
    held = edition(2026)
    for category, n in (("student", 2), ("company", 1)):
        for _ in range(n):
            RegistrationFactory(
                edition=held,
                category=category,
                status=RegistrationStatus.CONFIRMED,
                checked_in_at=timezone.now(),
            )

    html = client.get(url("index", "en")).content.decode()
    data = json.loads(client.get(url("json")).content)

    table = re.search(r"Attended by category</caption>(.*?)</table>", html, re.S).group(1)
    assert re.findall(r'<th scope="col">(\d+)', table) == ["2026"]
    assert cells(table, "Student") == ["2"]
    assert cells(table, "Company") == ["1"]
    assert cells(table, "Individual") == ["0"]
    assert [(e["participants_student"], e["participants_company"]) for e in data["editions"]] == [
        (None, None),
        (2, 1),
    ]


def test_every_page_footer_links_to_the_figures_in_its_language(client, home_page, home_page_en):
    french = client.get("/").content.decode()
    assert '<li><a href="/chiffres/">Chiffres</a></li>' in french
    english = client.get("/en/").content.decode()
    assert '<li><a href="/en/figures/">Figures</a></li>' in english


def test_the_sitemap_lists_the_figures_in_both_languages_next_to_the_pages(client, home_page):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/chiffres/</loc>" in xml
    assert "<loc>http://testserver/en/figures/</loc>" in xml
    assert re.search(r"<loc>http://[^<]+/</loc>", xml), "the home page is still listed"
