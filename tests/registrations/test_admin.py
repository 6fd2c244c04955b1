import csv
import io
import zipfile

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
import tablib
from openpyxl import load_workbook

from registrations import services
from registrations.choices import RegistrationStatus
from registrations.groups import REGISTRATIONS_GROUP as ORGANIZER_GROUP
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(edition):
    people = []
    for n, name in enumerate(["Élodie", "Bruno", "Chloé", "Dominique", "Eugène"]):
        registration = RegistrationFactory(
            edition=edition, first_name=name, last_name="Durand", email=f"d{n}@example.org"
        )
        people.append(services.confirm(registration).registration)
    return people


def test_the_organizer_group_exists_after_migrating():
    group = Group.objects.get(name=ORGANIZER_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_registration", "change_registration"} <= codenames


def test_registrations_are_hidden_from_editors_without_the_permission(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse("registrations:index"))
    assert response.status_code in (302, 403)
    assert client.get(reverse("registrations_admin:cancel", args=[1])).status_code in (302, 403)


def test_the_listing_shows_counts_filters_and_search(client, organizer, people, edition):
    client.force_login(organizer)
    response = client.get(reverse("registrations:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Élodie" in html
    assert "5 registrations" in html or "5 inscriptions" in html
    searched = client.get(reverse("registrations:index"), {"q": "Chloé"}).content.decode()
    assert "Chloé" in searched and "Bruno" not in searched
    waiting = client.get(
        reverse("registrations:index"), {"status": "waiting", "edition": edition.pk}
    ).content.decode()
    assert "Dominique" in waiting and "Bruno" not in waiting


def test_exports_open_as_csv_xlsx_and_ods(client, organizer, people):
    client.force_login(organizer)
    url = reverse("registrations:index")
    response = client.get(url, {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 6
    assert any("Élodie" in row for row in rows)

    xlsx = client.get(url, {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "Élodie" in values

    ods = client.get(url, {"export": "ods"})
    assert ods["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    with zipfile.ZipFile(io.BytesIO(ods.content)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert "Élodie" in archive.read("content.xml").decode()
    sheet = tablib.Dataset().load(ods.content, format="ods")
    assert len(sheet) == 5
    assert "Élodie" in sheet.get_col(2)  # edition, last name, first name...


def test_an_organizer_cancels_and_the_next_person_is_promoted_with_log_entries(
    client, organizer, people
):
    client.force_login(organizer)
    url = reverse("registrations_admin:cancel", args=[people[0].pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    people[0].refresh_from_db()
    people[3].refresh_from_db()
    assert people[0].status == RegistrationStatus.CANCELLED
    assert people[3].status == RegistrationStatus.CONFIRMED
    actions = set(ModelLogEntry.objects.values_list("action", "object_id"))
    assert ("registrations.cancel", str(people[0].pk)) in actions
    assert ("registrations.promote", str(people[3].pk)) in actions


def test_an_organizer_promotes_by_hand(client, organizer, people):
    client.force_login(organizer)
    response = client.post(reverse("registrations_admin:promote", args=[people[4].pk]))
    assert response.status_code == 302
    people[4].refresh_from_db()
    assert people[4].status == RegistrationStatus.CONFIRMED
    assert ModelLogEntry.objects.filter(action="registrations.promote").count() == 1


def test_workshop_lists_are_printable(client, organizer, people, edition):
    from program.choices import SessionKind
    from tests.factories.program import SessionFactory

    session = SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True, seats=2
    )
    services.change_workshops(people[0], [session])
    client.force_login(organizer)
    lists = client.get(reverse("registrations_admin:workshop_lists")).content.decode()
    assert session.title in lists
    sheet = client.get(reverse("registrations_admin:attendees", args=[session.pk]))
    assert "Élodie" in sheet.content.decode()
    move = client.post(
        reverse("registrations_admin:workshops", args=[people[1].pk]), {"sessions": [session.pk]}
    )
    assert move.status_code == 302
    assert ModelLogEntry.objects.filter(action="registrations.move").count() == 1


def test_the_inspect_view_never_shows_the_private_key(client, organizer, people):
    client.force_login(organizer)
    response = client.get(reverse("registrations:inspect", args=[people[0].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Élodie" in html
    assert people[0].key not in html
