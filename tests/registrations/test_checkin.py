"""Check-in at the door and at workshops: services, ticket codes, groups and permissions."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.admin.menu import admin_menu
from wagtail.models import GroupCollectionPermission, GroupPagePermission

import pytest

from program.choices import SessionKind
from registrations import codes, services
from registrations.choices import RegistrationStatus, SeatStatus
from registrations.groups import (
    ORGANIZERS_GROUP,
    VOLUNTEERS_GROUP,
    create_groups,
)
from registrations.models import Registration, WorkshopAttendance, WorkshopSeat
from tests.factories.program import SessionFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


def confirmed_person(edition, **fields):
    return services.confirm(RegistrationFactory(edition=edition, **fields)).registration


@pytest.fixture
def workshop(edition):
    return SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True, seats=10
    )


# Ticket codes


def test_ticket_codes_read_back_to_their_registration_and_never_repeat():
    seen = set()
    for pk in [1, 2, 3, 31, 32, 1000, 123_456, codes.MODULUS - 1]:
        code = codes.ticket_code(pk)
        assert len(code) == 7 and code[3] == "-"
        assert codes.pk_from_code(code) == pk
        seen.add(code)
    assert len(seen) == 8


def test_ticket_codes_forgive_case_spaces_and_look_alike_letters():
    code = codes.ticket_code(4242)
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert codes.pk_from_code(typed) == 4242


@pytest.mark.parametrize("typed", ["", "abc", "ABCDEFG", "AB!DEF", "000-000", None])
def test_malformed_ticket_codes_find_nothing(typed):
    assert codes.pk_from_code(typed) is None


# Door check-in


def test_check_in_records_when_and_by_whom_once(edition, volunteer, django_user_model):
    person = confirmed_person(edition)
    first = services.check_in(person, by=volunteer)
    assert first.done_now
    assert first.registration.checked_in_by == volunteer
    other = django_user_model.objects.create_user("other", "o@example.org", "pw")
    again = services.check_in(person, by=other)
    assert not again.done_now
    assert again.registration.checked_in_by == volunteer
    assert again.registration.checked_in_at == first.registration.checked_in_at


@pytest.mark.parametrize(
    "status",
    [
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITING,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.EXPIRED,
    ],
)
def test_a_registration_without_a_seat_cannot_be_checked_in(edition, status):
    person = RegistrationFactory(
        edition=edition,
        status=status,
        waiting_position=1 if status == RegistrationStatus.WAITING else None,
    )
    with pytest.raises(services.NotCheckable):
        services.check_in(person)
    person.refresh_from_db()
    assert person.checked_in_at is None


def test_undo_forgets_the_check_in_and_says_when_there_was_none(edition, volunteer):
    person = confirmed_person(edition)
    services.check_in(person, by=volunteer)
    undone = services.undo_check_in(person)
    assert undone.done_now
    assert (undone.registration.checked_in_at, undone.registration.checked_in_by) == (None, None)
    assert not services.undo_check_in(person).done_now
    assert services.check_in(person).done_now


def test_the_counter_counts_confirmed_people_and_those_checked_in(edition):
    people = [confirmed_person(edition) for _ in range(3)]
    RegistrationFactory(edition=edition, status=RegistrationStatus.CANCELLED)
    services.check_in(people[0])
    assert services.check_in_counts(edition) == {"confirmed": 3, "checked_in": 1}


def test_search_finds_by_every_word_of_name_email_or_code_in_this_edition_only(edition):
    ada = confirmed_person(edition, first_name="Ada", last_name="Lovelace", email="ada@x.org")
    confirmed_person(edition, first_name="Alan", last_name="Turing", email="alan@y.org")
    other_edition = RegistrationFactory(first_name="Ada", last_name="Lovelace")

    def found(text):
        return list(services.search_for_check_in(edition, text))

    assert found("lovelace ada") == [ada]
    assert found("ADA@X") == [ada]
    assert found(ada.ticket_code.lower()) == [ada]
    assert found(other_edition.ticket_code) == []
    assert found("   ") == []
    assert len(found("a")) == 2


def test_search_ignores_accents_and_case_as_typed_on_a_phone(edition):
    esteve = confirmed_person(edition, first_name="Zoë", last_name="Estève", email="z@x.org")
    eve = confirmed_person(edition, first_name="Ève", last_name="Œuvray", email="e@x.org")

    def found(text):
        return [person.pk for person in services.search_for_check_in(edition, text)]

    assert found("esteve") == [esteve.pk]
    assert found("ZOE ESTÈVE") == [esteve.pk]
    assert found("eve") == [esteve.pk, eve.pk]  # by last name


def test_search_leaves_out_purged_registrations(edition):
    person = confirmed_person(edition, last_name="Purgée")
    services.anonymize_queryset(Registration.objects.filter(pk=person.pk))
    assert list(services.search_for_check_in(edition, person.ticket_code)) == []


# Workshop attendance


def test_workshop_attendance_is_recorded_once_with_who(edition, workshop, volunteer):
    person = confirmed_person(edition)
    seat = WorkshopSeat.objects.create(
        registration=person, session=workshop, status=SeatStatus.CONFIRMED
    )
    first = services.attend_workshop(seat, by=volunteer)
    assert first.done_now and first.attendance.checked_in_by == volunteer
    again = services.attend_workshop(seat)
    assert not again.done_now and again.attendance.pk == first.attendance.pk
    assert WorkshopAttendance.objects.count() == 1
    assert services.undo_attendance(seat).done_now
    assert not services.undo_attendance(seat).done_now
    assert WorkshopAttendance.objects.count() == 0


def test_a_waiting_seat_cannot_be_marked_present(edition, workshop):
    person = confirmed_person(edition)
    seat = WorkshopSeat.objects.create(
        registration=person, session=workshop, status=SeatStatus.WAITING, position=1
    )
    with pytest.raises(services.NotCheckable):
        services.attend_workshop(seat)
    assert not WorkshopAttendance.objects.exists()


# Groups


def test_the_volunteers_group_holds_only_admin_access_and_check_in():
    group = Group.objects.get(name=VOLUNTEERS_GROUP)
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("wagtailadmin", "access_admin"),
        ("registrations", "check_in_registration"),
    }
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not GroupCollectionPermission.objects.filter(group=group).exists()


def test_the_organizers_group_edits_program_sponsors_registrations_figures_and_pages():
    group = Group.objects.get(name=ORGANIZERS_GROUP)
    held = set(group.permissions.values_list("content_type__app_label", "codename"))
    for wanted in [
        ("program", "change_session"),
        ("sponsors", "change_sponsor"),
        ("registrations", "change_registration"),
        ("registrations", "check_in_registration"),
        ("figures", "view_attendancetally"),
        ("home", "change_edition"),
        ("wagtailadmin", "access_admin"),
    ]:
        assert wanted in held
    assert ("home", "add_user") not in held
    pages = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= pages


def test_groups_get_back_a_permission_removed_and_keep_what_was_added_by_hand():
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name=ORGANIZERS_GROUP)
    session_permission = Permission.objects.get(
        content_type__app_label="program", codename="change_session"
    )
    group.permissions.remove(session_permission)
    hand_added = Permission.objects.get(content_type__app_label="home", codename="add_user")
    group.permissions.add(hand_added)
    create_groups()
    assert session_permission in group.permissions.all()
    assert hand_added in group.permissions.all()
    assert Group.objects.filter(name=ORGANIZERS_GROUP).count() == 1


def test_a_volunteer_sees_only_the_check_in_item_in_the_admin_menu(rf, volunteer):
    request = rf.get("/admin/")
    request.user = volunteer
    items = admin_menu.menu_items_for_request(request)
    assert [item.name for item in items] == ["checkin"]


def test_a_superuser_also_checks_people_in(django_user_model, edition):
    admin = django_user_model.objects.create_superuser("root", "r@example.org", "pw")
    person = confirmed_person(edition)
    assert services.check_in(person, by=admin).registration.checked_in_by == admin


def test_deleting_a_volunteer_keeps_the_check_in(edition, volunteer):
    person = confirmed_person(edition)
    services.check_in(person, by=volunteer, now=timezone.now() - datetime.timedelta(hours=1))
    volunteer.delete()
    person.refresh_from_db()
    assert person.checked_in_at is not None and person.checked_in_by is None


def test_the_demo_volunteer_is_created_once_in_the_volunteers_group(
    monkeypatch, tmp_path, django_user_model
):
    from io import StringIO

    from django.core.management import call_command

    from registrations.management.commands import ensure_volunteer

    monkeypatch.setattr(ensure_volunteer.ACCOUNT, "password_file", tmp_path / "volunteer.txt")
    monkeypatch.delenv("VOLUNTEER_PASSWORD", raising=False)
    first = StringIO()
    call_command("ensure_volunteer", stdout=first)
    password = (tmp_path / "volunteer.txt").read_text().strip()
    assert f"password: {password}" in first.getvalue()
    user = django_user_model.objects.get(username="benevole")
    assert user.check_password(password)
    assert [group.name for group in user.groups.all()] == [VOLUNTEERS_GROUP]
    assert not user.is_staff and not user.is_superuser

    again = StringIO()
    call_command("ensure_volunteer", stdout=again)
    assert f"password: {password}" in again.getvalue()
    assert django_user_model.objects.filter(username="benevole").count() == 1
