"""The one exporter: rows in, a CSV, XLSX or ODS file out, every cell safe."""

import datetime
import io

import pytest
import tablib
from openpyxl import load_workbook

from home import exports


def test_the_csv_is_utf8_with_a_byte_order_mark_and_quotes_only_what_needs_it():
    table = exports.sheet("Tab", ["Nom", "Note"], [["Dürr, Élodie", "=1+1"], ["Zoé", None]])

    content = exports.write([table], "csv")

    assert content == ('\ufeffNom,Note\r\n"Dürr, Élodie",\'=1+1\r\nZoé,\r\n'.encode())


@pytest.mark.parametrize("file_format", ["xlsx", "ods"])
def test_each_sheet_becomes_a_tab_with_numbers_dates_and_safe_text(file_format):
    moment = datetime.datetime(2026, 12, 2, 9, 5)
    sheets = [
        exports.sheet("Summary", ["Figure", "Value"], [["Participants", 512]]),
        exports.sheet("People", ["Name", "Came at"], [["@SUM(A1)", moment]]),
    ]

    book = tablib.Databook().load(io.BytesIO(exports.write(sheets, file_format)), file_format)

    summary, people = book.sheets()
    assert (summary.title, summary.headers, summary[0]) == (
        "Summary",
        ["Figure", "Value"],
        ("Participants", 512),
    )
    assert (people.title, people[0][0]) == ("People", "'@SUM(A1)")
    assert people[0][1] == moment


def test_a_control_character_is_dropped_rather_than_breaking_the_file():
    table = exports.sheet("Tab", ["Note"], [["bell\x07 here\ttab"], ["\x01=1"]])

    sheet = load_workbook(io.BytesIO(exports.write([table], "xlsx"))).active

    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "bell here\ttab",
        "'=1",
    ]


def test_a_long_title_is_cut_to_what_xlsx_allows():
    table = exports.sheet("A title far longer than thirty-one characters", ["A"], [])

    assert table.title == "A title far longer than thirty-"
    assert load_workbook(io.BytesIO(exports.write([table], "xlsx"))).sheetnames == [table.title]
