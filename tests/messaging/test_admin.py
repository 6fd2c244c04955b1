"""The organizers' screens through the test client: write, preview, test, send, read the record."""

import datetime

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from messaging import services
from messaging.choices import Audience, DeliveryStatus
from messaging.models import Delivery, Message
from registrations.groups import ORGANIZERS_GROUP, VOLUNTEERS_GROUP
from tests.registrations.mail_backends import FlakyEmailBackend

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"messaging_admin:{name}", args=args)


@pytest.fixture
def organizer(client, django_user_model):
    user = django_user_model.objects.create_user(
        "orga", "orga@example.org", "pw", first_name="Olga", last_name="Orga"
    )
    user.groups.add(Group.objects.get(name=ORGANIZERS_GROUP))
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def form_data(edition, workshop, **changes):
    return {
        "edition": edition.pk,
        "audience": Audience.SEAT_HOLDERS,
        "workshop": workshop.pk,
        "subject_fr": "Atelier Git : salle changée",
        "body_fr": (
            "Bonjour {first_name},\nL'atelier change de salle.\nVotre inscription : {manage_link}"
        ),
        "subject_en": "Git workshop: new room",
        "body_en": "Hello {first_name},\nThe workshop moves.\nYour registration: {manage_link}",
        **changes,
    }


def test_an_organizer_sends_a_message_to_seat_holders_in_both_languages_and_reads_the_record(
    organizer,
    edition,
    workshop,
    seat_holders,
    registration_page_en,
    django_capture_on_commit_callbacks,
):
    assert organizer.get(url("index")).status_code == 200
    assert organizer.get(url("create")).status_code == 200
    response = organizer.post(url("create"), form_data(edition, workshop))
    message = Message.objects.get()
    assert response.status_code == 302 and response.url == url("preview", message.pk)

    preview = organizer.get(url("preview", message.pk)).content.decode()
    assert "2 people would receive it now." in preview
    assert "Bonjour Bruno" not in preview  # the first one (Élodie) in French
    as_bruno = organizer.get(
        url("preview", message.pk), {"recipient": f"registration-{seat_holders[1].pk}"}
    )
    assert "Hello Bruno," in as_bruno.content.decode()
    assert "/register/manage/" in as_bruno.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(
            url("test", message.pk), {"recipient": f"registration-{seat_holders[1].pk}"}
        )
    assert response.status_code == 302
    [test] = mail.outbox
    assert test.to == ["orga@example.org"] and test.subject == "[TEST] Git workshop: new room"
    assert not Delivery.objects.exists()
    mail.outbox.clear()

    confirm = organizer.get(url("send", message.pk)).content.decode()
    assert "Send this message to 2 people" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(url("send", message.pk))
    assert response.status_code == 302 and response.url == url("record", message.pk)
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("bruno@example.org", "Git workshop: new room"),
        ("elodie@example.org", "Atelier Git : salle changée"),
    ]
    record = organizer.get(url("record", message.pk)).content.decode()
    assert "Sent on" in record and "Olga Orga" in record
    assert "No failure." in record
    listing = organizer.get(url("index")).content.decode()
    assert "Atelier Git : salle changée" in listing


def test_an_unknown_placeholder_is_refused_naming_it_and_the_text_is_kept(
    organizer, edition, workshop
):
    data = form_data(edition, workshop, body_en="Hello {firstname}, see {portal_link}")
    response = organizer.post(url("create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Placeholder {firstname} is unknown; available: {first_name}, {edition}, {manage_link}."
        in html
    )
    assert "Hello {firstname}, see {portal_link}" in html
    assert not Message.objects.exists()


def test_a_workshop_audience_needs_a_workshop_of_the_same_edition(organizer, edition, workshop):
    from tests.factories.program import SessionFactory

    other = SessionFactory(registration_required=True, seats=3)
    response = organizer.post(url("create"), form_data(edition, other))
    assert "Choose a workshop of the same edition." in response.content.decode()
    response = organizer.post(url("create"), {**form_data(edition, workshop), "workshop": ""})
    assert "Choose the workshop this message is about." in response.content.decode()


def test_failures_are_listed_with_their_error_and_sent_again(
    organizer, edition, workshop, seat_holders, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.registrations.mail_backends.FlakyEmailBackend"
    settings.ALPOSS_MESSAGE_RETRY_DELAYS = []
    organizer.post(url("create"), form_data(edition, workshop))
    message = Message.objects.get()
    FlakyEmailBackend.failures = 1
    try:
        with django_capture_on_commit_callbacks(execute=True):
            organizer.post(url("send", message.pk))
    finally:
        FlakyEmailBackend.failures = 0
    record = organizer.get(url("record", message.pk)).content.decode()
    assert "SMTPServerDisconnected" in record and "Send again to the 1 failure" in record
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(url("resend", message.pk))
    assert len(mail.outbox) == 2
    assert set(message.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_the_record_shows_what_a_stopped_worker_left_as_a_failure(
    organizer, edition, workshop, seat_holders, settings
):
    organizer.post(url("create"), form_data(edition, workshop))
    message = Message.objects.get()
    services.send_message(message)  # not run: no commit callbacks
    Delivery.objects.filter(message=message).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )

    record = organizer.get(url("record", message.pk)).content.decode()

    assert "Interrupted: the worker stopped while sending it" in record
    assert "Send again to the" in record


def test_a_sent_message_is_read_only(
    organizer, edition, workshop, seat_holders, django_capture_on_commit_callbacks
):
    organizer.post(url("create"), form_data(edition, workshop))
    message = Message.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(url("send", message.pk))
    response = organizer.post(url("edit", message.pk), form_data(edition, workshop, subject_fr="x"))
    assert response.status_code == 302 and response.url == url("record", message.pk)
    assert Message.objects.get().subject_fr == "Atelier Git : salle changée"
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(url("send", message.pk))
    assert len(mail.outbox) == 2


def test_volunteers_and_editors_do_not_see_messages(client, django_user_model, edition, workshop):
    volunteer = django_user_model.objects.create_user("vol", "v@example.org", "pw")
    volunteer.groups.add(Group.objects.get(name=VOLUNTEERS_GROUP))
    client.force_login(volunteer)
    message = Message.objects.create(
        edition=edition, audience=Audience.PARTICIPANTS, subject_fr="Secret", body_fr="b"
    )
    for name, args in [
        ("index", ()),
        ("create", ()),
        ("preview", (message.pk,)),
        ("record", (message.pk,)),
    ]:
        response = client.get(url(name, *args))
        assert response.status_code in (302, 403)
        assert "Secret" not in response.content.decode()
    assert client.post(url("send", message.pk)).status_code in (302, 403)
    assert Message.objects.get().sent_at is None
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url("index") not in home


def test_a_draft_may_be_deleted_a_sent_message_may_not(
    organizer, edition, workshop, seat_holders, django_capture_on_commit_callbacks
):
    organizer.post(url("create"), form_data(edition, workshop))
    organizer.post(url("create"), form_data(edition, workshop, subject_fr="Envoyé"))
    draft, sent = Message.objects.order_by("pk")
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(url("send", sent.pk))
    assert "Delete this draft?" in organizer.get(url("delete", draft.pk)).content.decode()
    assert organizer.post(url("delete", draft.pk)).url == url("index")
    assert organizer.post(url("delete", sent.pk)).url == url("record", sent.pk)
    assert list(Message.objects.all()) == [sent]
