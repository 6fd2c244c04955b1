"""Issue 16: participants holding a seat in a workshop that moves, changes room or is cancelled
get an e-mail in their language saying what changed, with the updated ticket and calendar file,
once per publication."""

import datetime

from django.core import mail
from django.utils import timezone

import pytest

from program.changes import record_version
from program.models import Session
from registrations import emails, services
from registrations.choices import EmailKind
from tests.factories.program import RoomFactory
from tests.program.test_schedule_changes import publish
from tests.registrations.test_workshops import sign_up, workshop

pytestmark = pytest.mark.django_db
PARIS = timezone.get_default_timezone()


def later(session, hours=2):
    """The admin form's start and end of `session` moved `hours` later (Paris time)."""
    moved = {}
    for name in ("start", "end"):
        when = timezone.localtime(getattr(session, name)) + datetime.timedelta(hours=hours)
        moved[name] = when.strftime("%Y-%m-%d %H:%M:%S")
    return moved


def move_by_an_hour(session):
    """As an import does: straight to the published row, then record_version()."""
    hour = datetime.timedelta(hours=1)
    Session.objects.filter(pk=session.pk).update(start=session.start + hour, end=session.end + hour)


def as_workshop(**fields):
    """The admin form's fields that keep a session a bookable workshop."""
    return {"seats": "2", "registration_required": "on", **fields}


@pytest.fixture
def inkscape(edition):
    room = RoomFactory(edition=edition, name="Salle Belledonne")
    session = workshop(edition, seats=2, hour=14, title="Atelier Inkscape", room=room)
    record_version(edition.pk)
    return session


@pytest.fixture
def seat_holders(registration_page_en, edition, inkscape):
    """Two confirmed seat holders (one reads English), one on the workshop's waiting list and
    one who cancelled; no mail left in the outbox."""
    french = services.confirm(sign_up(edition, 1, [inkscape])).registration
    english = sign_up(edition, 2, [inkscape])
    english.language = "en"
    english.save(update_fields=["language"])
    english = services.confirm(english).registration
    waiting = services.confirm(sign_up(edition, 3, [inkscape])).registration  # 3rd of 2 seats
    mail.outbox.clear()
    return {"fr": french, "en": english, "waiting": waiting}


def mails_to(person):
    return [message for message in mail.outbox if message.to == [person.email]]


def ics_of(message):
    [calendar] = [
        item.content
        for item in message.attachments
        if isinstance(item, tuple) and item.filename.endswith(".ics")
    ]
    return calendar.decode() if isinstance(calendar, bytes) else calendar


def has_qr_code(message):
    return any(
        not isinstance(item, tuple) and item.get_content_type() == "image/png"
        for item in message.attachments
    )


def test_a_moved_workshop_mails_each_seat_holder_in_their_language_with_the_new_ticket(
    admin_client, edition, inkscape, seat_holders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(
            admin_client,
            inkscape,
            **as_workshop(**later(inkscape)),
        )

    [french] = mails_to(seat_holders["fr"])
    assert french.subject == f"Un changement dans vos ateliers à {edition}"
    assert "Atelier Inkscape" in french.body and "Modifiée" in french.body
    assert "14:00 → " in french.body and "16:00" in french.body
    day = timezone.localtime(inkscape.start).strftime("%Y%m%d")
    assert f"DTSTART;TZID=Europe/Paris:{day}T160000" in ics_of(french)
    [english] = mails_to(seat_holders["en"])
    assert english.subject == f"A change to your workshops at {edition}"
    assert "Changed" in english.body and "/register/" in english.body
    assert has_qr_code(english) and has_qr_code(french)
    assert mails_to(seat_holders["waiting"]) == []
    assert len(mail.outbox) == 2


def test_saving_the_same_publication_again_or_a_new_title_mails_nobody_again(
    admin_client, inkscape, seat_holders, django_capture_on_commit_callbacks
):
    moved = as_workshop(**later(inkscape))
    with django_capture_on_commit_callbacks(execute=True):
        publish(admin_client, inkscape, **moved)
    assert len(mail.outbox) == 2

    inkscape.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        publish(admin_client, inkscape, **moved)
        publish(admin_client, inkscape, **moved, title="Atelier Inkscape, débutants")
    assert len(mail.outbox) == 2


def test_a_new_room_is_told_with_the_old_and_the_new_one(
    admin_client, edition, inkscape, seat_holders, django_capture_on_commit_callbacks
):
    other = RoomFactory(edition=edition, name="Salle Chartreuse")
    with django_capture_on_commit_callbacks(execute=True):
        publish(admin_client, inkscape, **as_workshop(room=other.pk))

    [french] = mails_to(seat_holders["fr"])
    assert "Salle\u202f: Salle Belledonne → Salle Chartreuse" in french.body


def test_a_cancelled_workshop_is_told_and_left_out_of_the_new_ticket(
    admin_client, inkscape, seat_holders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/snippets/program/session/unpublish/{inkscape.pk}/")
    assert response.status_code == 302

    [english] = mails_to(seat_holders["en"])
    assert "Atelier Inkscape: Cancelled" in english.body
    assert "Atelier Inkscape" not in ics_of(english)
    assert "Your workshops" not in english.body


def test_one_version_moving_two_workshops_writes_once_to_who_holds_both(
    registration_page, edition, django_capture_on_commit_callbacks
):
    morning, afternoon = workshop(edition, hour=9), workshop(edition, hour=14)
    record_version(edition.pk)
    person = services.confirm(sign_up(edition, 1, [morning, afternoon])).registration
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        for session in (morning, afternoon):
            move_by_an_hour(session)
        record_version(edition.pk)  # one import: one version

    [message] = mail.outbox
    assert message.to == [person.email]
    assert morning.title in message.body and afternoon.title in message.body


def test_nothing_is_sent_to_who_cancelled_before_the_worker_sent_it(
    registration_page, edition, inkscape, django_capture_on_commit_callbacks
):
    person = services.confirm(sign_up(edition, 1, [inkscape])).registration
    move_by_an_hour(inkscape)
    version = record_version(edition.pk)
    services.cancel(person)

    assert emails.send(person.pk, EmailKind.WORKSHOP_CHANGED, version_id=version.pk) is False


def test_the_mail_is_queued_for_the_task_with_the_version(
    registration_page, edition, inkscape, django_capture_on_commit_callbacks
):
    person = services.confirm(sign_up(edition, 1, [inkscape])).registration
    move_by_an_hour(inkscape)
    with django_capture_on_commit_callbacks() as callbacks:
        version = record_version(edition.pk)

    [queued] = callbacks
    assert queued.args == (person.pk, "workshop_changed")
    assert queued.keywords == {"version_id": version.pk}
