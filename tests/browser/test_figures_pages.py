"""The editions in figures on the demo: every edition, numbers that match the records and the open
data, accessible in both languages and on a phone, nothing loaded from elsewhere."""

import csv
import io
import json
import re
import urllib.request
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import PageWeight, assert_no_axe_violations

PAGES = [("/chiffres/", "Les éditions en chiffres"), ("/en/figures/", "The editions in figures")]


def row_cells(page, label):
    row = (
        page.locator("table.figures-table")
        .first.locator("tbody tr")
        .filter(has=page.locator("th", has_text=re.compile(f"^{re.escape(label)}$")))
    )
    return row.locator("td").all_inner_texts()


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_figures_page_has_no_accessibility_violation(page, demo_server, path, heading):
    page.goto(demo_server + path)

    assert page.locator("h1").inner_text() == heading
    assert_no_axe_violations(page)


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_figures_page_has_no_accessibility_violation_on_a_phone(
    phone_page, demo_server, path, heading
):
    phone_page.goto(demo_server + path)

    assert phone_page.locator("h1").inner_text() == heading
    assert_no_axe_violations(phone_page)


def test_figures_page_shows_every_edition_from_the_records(page, demo_server):
    page.goto(demo_server + "/en/figures/")

    headers = page.locator("table.figures-table").first.locator("thead th").all_inner_texts()
    assert headers == ["Figure", "2027 (to come)", "2026", "2025", "2024"]
    assert row_cells(page, "Attended") == ["—", "510", "350", "250"]
    assert row_cells(page, "Registered")[0] == "100"
    assert row_cells(page, "Checked in at the door") == ["—", "510", "—", "—"]
    assert row_cells(page, "Online audience")[0] == "—"  # not known yet
    assert row_cells(page, "Change on the edition before")[1:] == [
        "+160 (+45.7%)",
        "+100 (+40%)",
        "—",
    ]
    chart = page.get_by_role("img", name="Attended per edition")
    assert chart.locator("rect").count() == 4


def test_french_figures_are_formatted_for_french(page, demo_server):
    page.goto(demo_server + "/chiffres/")

    assert row_cells(page, "Présents") == ["—", "510", "350", "250"]
    assert row_cells(page, "Inscrits")[0] == "100"
    assert row_cells(page, "Évolution sur l’édition précédente")[2] == "+100 (+40\u00a0%)"


def read(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local URL)
        return response.read()


def test_the_open_data_match_the_page(page, demo_server):
    page.goto(demo_server + "/en/figures/")
    # The table is newest first, the data oldest first; the edition to come counts registered.
    shown = row_cells(page, "Attended")[:0:-1] + row_cells(page, "Registered")[:1]

    data = json.loads(read(demo_server + "/chiffres/editions.json"))
    rows = list(
        csv.DictReader(
            io.StringIO(read(demo_server + "/chiffres/editions.csv").decode("utf-8-sig"))
        )
    )

    assert [str(e["participants"]) for e in data["editions"]] == shown
    assert [r["participants"] for r in rows] == shown
    assert [r["year"] for r in rows] == ["2024", "2025", "2026", "2027"]


@pytest.mark.parametrize("width", [320, 390, 800, 1280])
def test_chart_labels_are_at_least_12px_on_screen(page, demo_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_server + "/chiffres/")

    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.bar-chart text')].map(text =>
            parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)"""
    )
    assert sizes and min(sizes) >= 12


def test_on_a_phone_the_table_opens_on_the_newest_editions(phone_page, demo_server):
    phone_page.goto(demo_server + "/chiffres/")

    first = phone_page.locator("table.figures-table thead th").nth(1)
    assert "2027" in first.inner_text()
    assert first.bounding_box()["x"] + first.bounding_box()["width"] <= 390


@pytest.mark.parametrize("path", [path for path, _heading in PAGES])
def test_figures_page_loads_nothing_from_elsewhere_and_sets_no_cookie(page, demo_server, path):
    weight = PageWeight(page)

    page.goto(demo_server + path)
    page.wait_for_load_state("networkidle")

    assert {urlparse(url).netloc for url in weight.requests} == {urlparse(demo_server).netloc}
    assert page.context.cookies() == []
    assert page.evaluate("document.scripts.length") == 0
