"""Issue 14 in the admin: organizers read a program, check the dry run, then apply it."""

import datetime
import html
import re
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.users.models import UserProfile

import pytest

from program.choices import SessionKind
from program.importing import history, parse
from program.models import ScheduleImport, Session
from registrations.groups import VOLUNTEERS_GROUP, organizers_group
from tests.factories.home import EditionFactory

FIXTURES = Path(__file__).parent / "import_fixtures"
READ_URL = "/admin/program-import/"


def detail_url(record):
    return f"{READ_URL}{record.pk}/"


def _user(django_user_model, name, group, language="en"):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def organizer(client, django_user_model, edition2027):
    client.force_login(_user(django_user_model, "orga", organizers_group()))
    return client


def upload(client, edition, name, **extra):
    file = SimpleUploadedFile(name, (FIXTURES / name).read_bytes())
    return client.post(READ_URL, {"edition": edition.pk, "file": file, **extra})


def shown_form(response):
    """What the dry run's form would send: the digest and the kinds as selected."""
    page = response.content.decode()
    data = {"digest": re.search(r'name="digest" value="([0-9a-f]+)"', page).group(1)}
    for select in re.finditer(r'<select name="(kind_\d+)".*?</select>', page, re.S):
        data[select.group(1)] = re.search(r'value="(\w+)" selected', select.group(0)).group(1)
    return data


def read_then_apply(client, edition, name):
    response = upload(client, edition, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response.url)
    return client.post(response.url, {**shown_form(page), "apply": "1"}, follow=True)


def test_an_upload_shows_a_dry_run_then_applies_it(organizer, edition2027):
    response = upload(organizer, edition2027, "alposs2027.json")

    record = ScheduleImport.objects.get()
    assert response.url == detail_url(record)
    assert Session.objects.count() == 0  # a dry run writes nothing
    page = organizer.get(detail_url(record)).content.decode()
    assert "C3VOC JSON v1" in page
    assert "32 sessions created" in page
    assert "Grande salle" in page  # a new room
    assert "Apply the import" in page

    response = organizer.post(
        detail_url(record),
        {**shown_form(organizer.get(detail_url(record))), "apply": "1"},
        follow=True,
    )

    assert "Program imported into AlpOSS 2027." in response.content.decode()
    assert Session.objects.filter(edition=edition2027, live=True).count() == 32
    record.refresh_from_db()
    assert record.applied_at and record.applied_by.username == "orga"
    assert "32 created" in record.report
    assert "What the import did" in response.content.decode()


def test_the_edition_is_chosen_when_coming_from_its_row(organizer, edition2027):
    listing = organizer.get("/admin/snippets/home/edition/").content.decode()
    assert f"{READ_URL}?edition={edition2027.pk}" in html.unescape(listing)

    page = organizer.get(READ_URL, {"edition": edition2027.pk}).content.decode()

    assert f'<option value="{edition2027.pk}" selected>' in page


def test_the_same_file_again_has_nothing_to_change(organizer, edition2027):
    read_then_apply(organizer, edition2027, "alposs2027.xml")

    response = upload(organizer, edition2027, "alposs2027.xml")
    page = organizer.get(response.url).content.decode()

    assert "Nothing to change: the edition already holds this program." in page
    assert "0 sessions created" in page and "32 sessions unchanged" in page
    assert "<details" in page


def test_a_changed_version_lists_exactly_the_changes(organizer, edition2027):
    read_then_apply(organizer, edition2027, "alposs2027.json")

    response = upload(organizer, edition2027, "alposs2027-v2.json")
    page = html.unescape(organizer.get(response.url).content.decode())

    assert "1 session created" in page and "4 sessions updated" in page
    assert "27 sessions unchanged" in page and "1 session withdrawn" in page
    assert "Séance 3, nouveau titre" in page
    assert "Atelier Vercors" in page
    assert "2027-03-11 17:00" in page  # the session moved, new time shown
    assert "Nouvelle séance" in page
    assert len(re.findall(r'class="import-change"', page)) >= 4

    organizer.post(response.url, {**shown_form(organizer.get(response.url)), "apply": "1"})
    assert Session.objects.filter(title="Séance 3, nouveau titre").count() == 1
    assert Session.objects.filter(edition=edition2027).count() == 33


def test_a_bad_file_is_a_field_error_and_writes_nothing(organizer, edition2027):
    file = SimpleUploadedFile("schedule.json", b"{ not json")

    response = organizer.post(READ_URL, {"edition": edition2027.pk, "file": file})

    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert ScheduleImport.objects.count() == 0 and Session.objects.count() == 0


def test_a_file_too_large_is_refused_before_reading(organizer, edition2027, settings):
    settings.ALPOSS_IMPORT_MAX_BYTES = 1000

    response = upload(organizer, edition2027, "alposs2027.json")

    assert "larger than" in response.context["form"].errors["file"][0]
    assert ScheduleImport.objects.count() == 0


def test_an_address_refused_keeps_what_was_typed_but_not_the_token(organizer, edition2027):
    url = "http://127.0.0.1:9/schedule.json"  # private: refused before any request

    response = organizer.post(
        READ_URL, {"edition": edition2027.pk, "url": url, "token": "s3cr3t-token"}
    )

    page = response.content.decode()
    assert "private or local address" in response.context["form"].errors["url"][0]
    assert f'value="{url}"' in page
    assert "s3cr3t-token" not in page
    assert ScheduleImport.objects.count() == 0


def test_neither_file_nor_address_says_so_in_french(client, django_user_model, edition2027):
    client.force_login(_user(django_user_model, "orga-fr", organizers_group(), "fr"))

    response = client.post(READ_URL, {"edition": edition2027.pk})

    assert response.context["form"].errors["file"] == [
        "Choisissez un fichier, ou donnez une adresse ci-dessous."
    ]


def test_a_plan_that_changed_meanwhile_is_shown_again_not_applied(organizer, edition2027):
    read_then_apply(organizer, edition2027, "alposs2027.json")
    response = upload(organizer, edition2027, "alposs2027-v2.json")
    shown = shown_form(organizer.get(response.url))
    # Someone edits a session after the dry run was shown.
    Session.objects.filter(title__startswith="Séance 1 :").update(title="Séance 1, retouchée ici")

    again = organizer.post(response.url, {**shown, "apply": "1"})

    assert again.status_code == 200
    assert "The program changed since this dry run was shown" in again.content.decode()
    assert "Séance 1, retouchée ici" in again.content.decode()
    assert ScheduleImport.objects.get(pk=again.context["record"].pk).applied_at is None
    assert not Session.objects.filter(title="Nouvelle séance").exists()


def test_an_import_is_applied_once(organizer, edition2027):
    response = upload(organizer, edition2027, "alposs2027.json")
    shown = shown_form(organizer.get(response.url))
    organizer.post(response.url, {**shown, "apply": "1"})

    again = organizer.post(response.url, {**shown, "apply": "1"}, follow=True)

    assert "This import was already applied." in again.content.decode()
    assert Session.objects.filter(edition=edition2027).count() == 32


def test_the_kinds_chosen_apply_to_this_import(organizer, edition2027):
    response = upload(organizer, edition2027, "alposs2027.json")
    record = ScheduleImport.objects.get()
    assert record.kinds["Discussion"] == SessionKind.ROUND_TABLE
    chosen = shown_form(organizer.get(response.url))
    # The form lists the types as the source first uses them (a JSON column keeps no order on
    # PostgreSQL).
    index = list(history.kinds_of(record, history.schedule_of(record))).index("Discussion")
    chosen[f"kind_{index}"] = SessionKind.KEYNOTE

    organizer.post(response.url, {**chosen, "recompute": "1"})
    organizer.post(response.url, {**shown_form(organizer.get(response.url)), "apply": "1"})

    record.refresh_from_db()
    assert record.kinds["Discussion"] == SessionKind.KEYNOTE and record.applied_at
    assert Session.objects.filter(kind=SessionKind.KEYNOTE).exists()
    assert not Session.objects.filter(kind=SessionKind.ROUND_TABLE).exists()


def test_changed_kinds_applied_without_recomputing_show_the_dry_run_again(organizer, edition2027):
    response = upload(organizer, edition2027, "alposs2027.json")
    chosen = shown_form(organizer.get(response.url))
    chosen["kind_0"] = SessionKind.BREAK

    again = organizer.post(response.url, {**chosen, "apply": "1"})

    assert "The program changed since" in again.content.decode()
    assert Session.objects.count() == 0


def test_volunteers_cannot_import(client, django_user_model, edition2027):
    client.force_login(_user(django_user_model, "vol", Group.objects.get(name=VOLUNTEERS_GROUP)))
    file = SimpleUploadedFile("s.json", (FIXTURES / "alposs2027.json").read_bytes())

    assert client.get(READ_URL).status_code == 403
    assert client.post(READ_URL, {"edition": edition2027.pk, "file": file}).status_code == 403
    assert ScheduleImport.objects.count() == 0


def test_the_history_says_who_imported_what_and_with_what_result(organizer, edition2027):
    read_then_apply(organizer, edition2027, "alposs2027.json")
    upload(organizer, edition2027, "alposs2027-v2.json")

    page = organizer.get(READ_URL).content.decode()

    assert page.count("alposs2027") >= 2
    assert "Applied" in page and "Dry run only, not applied" in page


def test_an_address_is_read_once_and_its_token_never_kept(organizer, edition2027, monkeypatch):
    calls = []

    def answer(url, token=""):
        calls.append((url, token))
        return parse((FIXTURES / "alposs2027.xml").read_bytes())

    monkeypatch.setattr(history, "load", answer)
    url = "https://pretalx.example.org/api/events/alposs2027/"

    response = organizer.post(
        READ_URL, {"edition": edition2027.pk, "url": url, "token": "s3cr3t-token"}
    )
    page = organizer.get(response.url)
    organizer.post(response.url, {**shown_form(page), "apply": "1"})

    record = ScheduleImport.objects.get()
    assert calls == [(url, "s3cr3t-token")]  # the dry run and the apply read what was stored
    assert record.source == url and record.format == "frab XML" and record.applied_at
    assert b"s3cr3t-token" not in bytes(record.data)
    assert "s3cr3t-token" not in page.content.decode()
    assert Session.objects.filter(edition=edition2027).count() == 32


def test_a_program_outside_the_edition_is_a_field_error(organizer, db):
    edition = EditionFactory(
        year=2030, start_date=datetime.date(2030, 5, 1), end_date=datetime.date(2030, 5, 1)
    )

    response = upload(organizer, edition, "alposs2027.json")

    assert "outside the edition" in response.context["form"].errors["file"][0]
    assert ScheduleImport.objects.count() == 0 and Session.objects.count() == 0
