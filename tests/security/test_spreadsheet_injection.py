"""Text typed by participants, sponsors or organizers never runs as a formula in the spreadsheets
the site writes (CSV, XLSX, ODS): it comes back as text, with a leading apostrophe."""

import csv
import datetime
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import override

import pytest
import tablib
from odf import teletype
from odf.opendocument import load as load_ods
from odf.table import TableCell, TableRow
from openpyxl import load_workbook

from home.exports import spreadsheet_safe
from program.choices import SessionKind
from registrations.choices import RegistrationStatus
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory, SpeakerFactory
from tests.factories.registrations import RegistrationFactory
from tests.factories.sponsors import BoothInfoFactory, SponsorFactory, SponsorshipFactory

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
NEUTRALISED = sorted("'" + value for value in HOSTILE)


@pytest.mark.parametrize("value", HOSTILE)
def test_text_that_a_spreadsheet_would_evaluate_gets_an_apostrophe(value):
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    [-5, 3.5, Decimal("-0.25"), None, "", "Dürr-Ñúñez", "+33 6 12 34 56 78", datetime.date.today()],
)
def test_numbers_dates_plain_text_and_phone_numbers_are_kept_as_they_are(value):
    assert spreadsheet_safe(value) is value


def read(content, file_format):
    """Every row of an exported file, read back with the csv module, openpyxl or odfpy."""
    if file_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    if file_format == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    return ods_rows(content)


def as_read(values, file_format):
    """What a reader gets back: XML turns a carriage return into a line feed (ODS is XML)."""
    if file_format == "ods":
        return sorted(value.replace("\r", "\n") for value in values)
    return values


def ods_rows(content):
    document = load_ods(io.BytesIO(content))
    rows = []
    for row in document.spreadsheet.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            assert not cell.getAttribute("formula"), cell
            kind = cell.getAttribute("valuetype")
            if kind == "float":
                cells.append(Decimal(cell.getAttribute("value")))
            else:
                cells.append(teletype.extractText(cell) if kind == "string" else None)
        rows.append(cells)
    return rows


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def column(rows, heading):
    """The cells under `heading`, sorted (the order of the rows is not what is tested)."""
    index = rows[0].index(heading)
    return sorted(row[index] for row in rows[1:])


@pytest.fixture
def superuser_client(client, home_page):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


# Registrations (admin listing exports; headings in French, the admin's default language)


@pytest.fixture
def hostile_registrations():
    edition = EditionFactory(year=2031)
    for n, value in enumerate(HOSTILE):
        RegistrationFactory(
            edition=edition,
            last_name=value,
            first_name=f"Person {n}",
            organization=value,
            accessibility_needs=value,
            dietary_needs=value,
            status=RegistrationStatus.WAITING,
            waiting_position=n + 1,
        )
    return edition


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "ods"])
def test_registrations_exports_write_formulas_as_text(
    superuser_client, hostile_registrations, file_format
):
    response = superuser_client.get(
        reverse("registrations:index"), {"export": file_format, "ordering": "waiting_position"}
    )
    rows = read(body(response), file_format)

    assert len(rows) == 1 + len(HOSTILE)
    for heading in ("Nom", "Organisation", "Besoins d'accessibilité", "Régime alimentaire"):
        assert column(rows, heading) == as_read(NEUTRALISED, file_format), heading
    # numbers stay numbers
    positions = column(rows, "Rang sur la liste d'attente")
    assert [int(position) for position in positions] == [1, 2, 3, 4, 5, 6]
    if file_format != "csv":
        assert all(not isinstance(position, str) for position in positions)


# Sponsors (logistics export)


@pytest.fixture
def hostile_booths():
    edition = EditionFactory(year=2032)
    for n, value in enumerate(HOSTILE):
        BoothInfoFactory(
            booth_number=f"A{n}",
            sponsorship=SponsorshipFactory(
                tier__edition=edition, sponsor=SponsorFactory(name=f"{value} {n}")
            ),
            contact_name=value,
            staff=[value],
            note=value,
        )
    return edition


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "ods"])
def test_sponsors_logistics_exports_write_formulas_as_text(
    superuser_client, hostile_booths, file_format
):
    response = superuser_client.get(
        reverse("sponsors_admin:export", args=[hostile_booths.pk, file_format])
    )
    rows = read(body(response), file_format)

    assert len(rows) == 1 + len(HOSTILE)
    for heading in ("Personne à contacter", "Personnes sur le stand", "Note"):
        assert column(rows, heading) == as_read(NEUTRALISED, file_format), heading
    sponsors = [f"'{value} {n}" for n, value in enumerate(HOSTILE)]
    assert column(rows, "Partenaire") == as_read(sorted(sponsors), file_format)
    assert set(column(rows, "Téléphone")) == {"+33 6 12 34 56 78"}  # a phone number, kept
    assert [int(count) for count in column(rows, "Nombre de personnes")] == [1] * len(HOSTILE)


# Figures (open data and the yearly report)


def test_figures_open_data_csv_writes_formulas_as_text_and_numbers_as_numbers(client, home_page):
    for n, value in enumerate(HOSTILE):
        day = datetime.date(2010 + n, 2, 17)
        EditionFactory(
            year=2010 + n,
            name=value,
            start_date=day,
            end_date=day,
            reported_participants=300 - 10 * n,
        )

    with override("fr"):
        response = client.get(reverse("figures:csv"))
    rows = read(response.content, "csv")

    assert column(rows, "name") == NEUTRALISED
    assert column(rows, "growth") == ["", "-10", "-10", "-10", "-10", "-10"]


@pytest.fixture
def hostile_workshops():
    day = datetime.date(2033, 2, 17)
    edition = EditionFactory(year=2033, start_date=day, end_date=day)
    for n, value in enumerate(HOSTILE):
        SessionFactory(
            edition=edition, kind=SessionKind.WORKSHOP, title=value, slug=f"w{n}", hour=9 + n
        )
    return edition


@pytest.mark.parametrize("file_format", ["xlsx", "ods"])
def test_figures_report_exports_write_formulas_as_text(
    superuser_client, hostile_workshops, file_format
):
    url = reverse("figures_admin:edition_report", args=[hostile_workshops.pk])
    content = superuser_client.get(url, {"format": file_format}).content

    if file_format == "xlsx":
        book = load_workbook(io.BytesIO(content))
        sheet = book[book.sheetnames[-1]]
        titles = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    else:
        book = tablib.Databook().load(io.BytesIO(content), format="ods")
        titles = [row[0] for row in book.sheets()[-1]]
    assert sorted(titles) == as_read(NEUTRALISED, file_format)


# Program (snippet listing exports)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_program_exports_write_formulas_as_text(superuser_client, file_format):
    edition = EditionFactory(year=2034)
    for n, value in enumerate(HOSTILE):
        SessionFactory(edition=edition, title=value, slug=f"s{n}", hour=9 + n)
        SpeakerFactory(name=f"{value} {n}", slug=f"speaker-{n}", organization=value)

    sessions = read(
        body(
            superuser_client.get(
                reverse("wagtailsnippets_program_session:list"), {"export": file_format}
            )
        ),
        file_format,
    )
    speakers = read(
        body(
            superuser_client.get(
                reverse("wagtailsnippets_program_speaker:list"), {"export": file_format}
            )
        ),
        file_format,
    )

    assert column(sessions, "Titre") == NEUTRALISED
    assert column(speakers, "Organisation") == NEUTRALISED
