"""Organizers work in LibreOffice: the exports must open there, with every row and accent."""

import csv
import os
import re
import shutil
import subprocess

from django.urls import reverse

import pytest

from registrations import services
from tests.factories.registrations import RegistrationFactory

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        SOFFICE is None and os.environ.get("CI") != "true",
        reason="LibreOffice is not installed (apt-get install libreoffice-calc to run this test)",
    ),
]


@pytest.fixture
def people(edition):
    names = ["Élodie", "Maël", "Zoé", "Noël", "Ångström"]
    for n, name in enumerate(names):
        registration = RegistrationFactory(
            edition=edition, first_name=name, last_name="Dürr-Ñúñez", email=f"p{n}@example.org"
        )
        services.confirm(registration)
    return names


def _read_back_in_libreoffice(path, workdir):
    """Convert the file to CSV with LibreOffice itself: what it cannot open, it cannot convert."""
    assert SOFFICE, "CI must have LibreOffice Calc (.ci/run installs libreoffice-calc)"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{workdir}/profile",
            "--headless",
            # For CSV, what the organizer picks in LibreOffice's import dialog: UTF-8, commas.
            *(["--infilter=CSV:44,34,76"] if path.suffix == ".csv" else []),
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(workdir / "out"),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    converted = workdir / "out" / (path.stem + ".csv")
    with converted.open(encoding="utf-8") as stream:
        return list(csv.reader(stream))


@pytest.mark.parametrize("file_format", ["xlsx", "ods", "csv"])
def test_each_export_opens_in_libreoffice_with_every_row(
    client, organizer, people, tmp_path, file_format
):
    client.force_login(organizer)
    response = client.get(reverse("registrations:index"), {"export": file_format})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    exported = tmp_path / f"registrations.{file_format}"
    exported.write_bytes(content)

    rows = _read_back_in_libreoffice(exported, tmp_path)

    first_names = {cell for row in rows[1:] for cell in row}
    assert len(rows) == 1 + len(people)
    assert set(people) <= first_names
    assert any("Dürr-Ñúñez" in row for row in rows[1:])
    assert rows[0][:3] == ["Édition", "Nom", "Prénom"]
    newsletter = rows[0].index("Lettre d'information")
    registered = rows[0].index("Inscrit le")
    assert {row[newsletter] for row in rows[1:]} == {"Non"}
    # Paris time to the minute, as LibreOffice shows it back (no UTC offset, no microseconds)
    assert all(re.fullmatch(r"[\d/.-]+ \d\d:\d\d(:00)?", row[registered]) for row in rows[1:])


@pytest.mark.parametrize("file_format", ["xlsx", "ods", "csv"])
def test_formula_looking_text_is_read_back_as_text_by_libreoffice(
    client, organizer, edition, tmp_path, file_format
):
    formula = '=HYPERLINK("http://evil","x")'
    RegistrationFactory(edition=edition, last_name=formula, organization="=1+1")
    client.force_login(organizer)
    response = client.get(reverse("registrations:index"), {"export": file_format})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    exported = tmp_path / f"registrations.{file_format}"
    exported.write_bytes(content)

    header, row = _read_back_in_libreoffice(exported, tmp_path)

    # As typed, with the apostrophe that marks text: not the link's label, not 2.
    assert row[header.index("Nom")] == "'" + formula
    assert row[header.index("Organisation")] == "'=1+1"
