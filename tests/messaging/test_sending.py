import datetime

from django.core import mail
from django.utils import timezone, translation

import pytest

from messaging import placeholders, services, tasks
from messaging.choices import Audience, DeliveryStatus
from messaging.exceptions import MessageError
from messaging.models import Delivery, Message
from registrations import tokens
from registrations.choices import RegistrationStatus
from registrations.services import cancel, delete_personal_data, purge_edition
from tests.factories.sponsors import SponsorshipFactory, SponsorTierFactory
from tests.registrations.mail_backends import FlakyEmailBackend

from .conftest import person

pytestmark = pytest.mark.django_db

FLAKY = "tests.registrations.mail_backends.FlakyEmailBackend"


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = FLAKY
    yield FlakyEmailBackend
    FlakyEmailBackend.failures = 0


def workshop_message(edition, workshop, **texts):
    return Message.objects.create(
        edition=edition,
        audience=Audience.SEAT_HOLDERS,
        workshop=workshop,
        subject_fr=texts.get("subject_fr", "{first_name}, votre atelier"),
        body_fr=texts.get("body_fr", "Bonjour {first_name},\nVotre inscription : {manage_link}"),
        subject_en=texts.get("subject_en", "{first_name}, your workshop"),
        body_en=texts.get("body_en", "Hello {first_name},\nYour registration: {manage_link}"),
    )


def send(message, capture):
    with capture(execute=True):
        return services.send_message(message)


def test_an_unknown_placeholder_is_named():
    assert placeholders.unknown(["Hi {first_name} {foo} {{ bar }}"], Audience.SPEAKERS) == [
        "foo",
        "bar",
    ]
    # A private link of another audience is unknown here.
    assert placeholders.unknown(["{portal_link}"], Audience.PARTICIPANTS) == ["portal_link"]
    assert placeholders.unknown(["{manage_link} {{ first_name }}"], Audience.PARTICIPANTS) == []


def test_placeholders_are_replaced_without_the_template_engine():
    text = "{first_name} {% load static %} {{ settings.SECRET_KEY }} {edition}"
    assert (
        placeholders.fill(text, {"first_name": "{{ x }}", "edition": "AlpOSS"})
        == "{{ x }} {% load static %} {{ settings.SECRET_KEY }} AlpOSS"
    )


def test_sending_refuses_an_unknown_placeholder_naming_it(edition, workshop, seat_holders):
    message = workshop_message(edition, workshop, body_en="Hello {nom}")
    with (
        translation.override("en"),
        pytest.raises(MessageError, match=r"\{nom\} is unknown; available: \{first_name\}"),
    ):
        services.send_message(message)
    assert not Delivery.objects.exists()
    message.refresh_from_db()
    assert message.sent_at is None


def test_seat_holders_get_the_message_in_their_language_with_their_own_link(
    edition, workshop, seat_holders, registration_page_en, django_capture_on_commit_callbacks
):
    elodie, bruno, _chloe = seat_holders
    assert send(workshop_message(edition, workshop), django_capture_on_commit_callbacks) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"elodie@example.org", "bruno@example.org"}
    french, english = by_address["elodie@example.org"], by_address["bruno@example.org"]
    assert french.subject == "Elodie, votre atelier"
    assert english.subject == "Bruno, your workshop"
    assert "Bonjour Elodie," in french.body and "Hello Bruno," in english.body
    french_link = french.body.split("inscription : ")[1].strip()
    english_link = english.body.split("registration: ")[1].strip()
    assert "/inscription/gerer/" in french_link and "/register/manage/" in english_link
    assert tokens.read_token(french_link.rstrip("/").split("/")[-1], tokens.MANAGE) == elodie
    assert tokens.read_token(english_link.rstrip("/").split("/")[-1], tokens.MANAGE) == bruno
    html, mimetype = english.alternatives[0]
    assert mimetype == "text/html" and f'href="{english_link}"' in html
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_the_french_text_goes_to_everyone_without_an_english_one(
    edition, workshop, seat_holders, registration_page, django_capture_on_commit_callbacks
):
    message = workshop_message(edition, workshop, subject_en="", body_en="")
    send(message, django_capture_on_commit_callbacks)
    assert {m.subject for m in mail.outbox} == {"Elodie, votre atelier", "Bruno, votre atelier"}


def test_sponsor_contacts_get_their_private_portal_link(
    edition, django_capture_on_commit_callbacks
):
    sponsorship = SponsorshipFactory(
        tier=SponsorTierFactory(edition=edition), contact_name="Dominique", language="en"
    )
    message = Message.objects.create(
        edition=edition,
        audience=Audience.SPONSORS,
        subject_fr="Stand",
        body_fr="Bonjour {first_name} : {portal_link}",
        subject_en="Booth",
        body_en="Hello {first_name}: {portal_link}",
    )
    send(message, django_capture_on_commit_callbacks)
    [email] = mail.outbox
    from sponsors.models import Sponsorship
    from sponsors.portal import portal_url, sponsorship_for_token

    assert email.subject == "Booth" and email.to == [sponsorship.contact_email]
    link = email.body.split(": ", 1)[1].strip()
    assert link.startswith(portal_url(sponsorship, "en").rsplit("/", 2)[0])
    token = link.rstrip("/").split("/")[-1]
    assert sponsorship_for_token(token, Sponsorship.objects.all()) == sponsorship


def test_a_message_is_sent_once(
    edition, workshop, seat_holders, django_capture_on_commit_callbacks
):
    message = workshop_message(edition, workshop)
    send(message, django_capture_on_commit_callbacks)
    with pytest.raises(MessageError):
        services.send_message(message)
    tasks.send_deliveries.call(message.pk)  # the task again: nothing left to send
    assert len(mail.outbox) == 2


def test_a_delivery_claimed_by_another_worker_is_not_sent_again(edition, workshop, seat_holders):
    message = workshop_message(edition, workshop)
    services.send_message(message)  # no commit callbacks run: the task is not queued
    first = Delivery.objects.order_by("pk").first()
    assert tasks.claim(message.pk, timezone.now()) != []
    assert tasks.claim(message.pk, timezone.now()) == []  # all taken by the first worker
    Delivery.objects.filter(pk=first.pk).update(status=DeliveryStatus.SENT)
    tasks.send_deliveries.call(message.pk)
    assert mail.outbox == []


def test_people_who_cancelled_or_were_purged_since_it_was_queued_get_nothing(
    edition, workshop, seat_holders
):
    elodie, bruno, chloe = seat_holders
    message = workshop_message(edition, workshop)
    services.send_message(message)
    cancel(elodie, notify=False)
    mail.outbox.clear()
    tasks.send_deliveries.call(message.pk)
    assert [m.to for m in mail.outbox] == [["bruno@example.org"]]
    assert Delivery.objects.get(email="elodie@example.org").status == DeliveryStatus.SKIPPED


def test_the_purge_of_the_edition_forgets_the_addresses_and_cancels_what_is_queued(
    edition, workshop, seat_holders
):
    message = workshop_message(edition, workshop)
    services.send_message(message)
    purge_edition(edition)
    tasks.send_deliveries.call(message.pk)
    assert mail.outbox == []
    assert set(Delivery.objects.values_list("email", "status")) == {("", DeliveryStatus.SKIPPED)}


def test_a_mail_server_failure_is_retried_then_recorded_and_sent_again_on_request(
    edition, workshop, seat_holders, settings, flaky_mail, django_capture_on_commit_callbacks
):
    settings.ALPOSS_MESSAGE_RETRY_DELAYS = [0, 0]
    message = workshop_message(edition, workshop)
    flaky_mail.failures = 1  # the first e-mail fails once, then is retried
    send(message, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [1, 2]

    mail.outbox.clear()
    other = workshop_message(edition, workshop, subject_fr="Encore")
    flaky_mail.failures = 100
    send(other, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    failed = other.deliveries.all()
    assert {(d.status, d.attempts) for d in failed} == {(DeliveryStatus.FAILED, 3)}
    assert "SMTPServerDisconnected" in failed[0].last_error

    flaky_mail.failures = 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resend_failed(other) == 2
    assert len(mail.outbox) == 2
    assert set(other.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_an_empty_audience_is_refused(edition, workshop):
    with translation.override("en"), pytest.raises(MessageError, match="Nobody"):
        services.send_message(workshop_message(edition, workshop))


def test_people_are_sent_in_batches_of_the_setting(edition, settings):
    settings.ALPOSS_MESSAGE_BATCH_SIZE = 3
    for n in range(7):
        person(edition, f"P{n}")
    message = Message.objects.create(
        edition=edition, audience=Audience.PARTICIPANTS, subject_fr="s", body_fr="b"
    )
    services.send_message(message)
    assert tasks.send_batch(message.pk) == 3
    assert len(mail.outbox) == 3
    assert message.deliveries.filter(status=DeliveryStatus.QUEUED).count() == 4


def test_the_participant_status_is_rechecked_not_the_audience_at_writing_time(edition):
    ada = person(edition, "Ada", RegistrationStatus.WAITING)
    message = Message.objects.create(
        edition=edition, audience=Audience.EDITION_WAITING, subject_fr="s", body_fr="b"
    )
    services.send_message(message)
    ada.status, ada.waiting_position = RegistrationStatus.CONFIRMED, None
    ada.save()
    tasks.send_deliveries.call(message.pk)
    assert mail.outbox == []  # no longer on the waiting list: the message is not for her


def test_a_batch_costs_two_queries_per_e_mail_and_a_few_more(
    edition, registration_page_en, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.ALPOSS_MESSAGE_BATCH_SIZE = 30
    for n in range(40):
        person(edition, f"P{n}", language="en" if n % 2 else "fr")
    message = Message.objects.create(
        edition=edition,
        audience=Audience.PARTICIPANTS,
        subject_fr="s",
        body_fr="{manage_link}",
        subject_en="s",
        body_en="{manage_link}",
    )
    services.send_message(message)
    with CaptureQueriesContext(connection) as queries:
        assert tasks.send_batch(message.pk) == 30
    assert len(queries) <= 2 * 30 + 15
    assert len(mail.outbox) == 30


def test_a_participant_who_deletes_their_data_leaves_the_delivery_records(
    edition, workshop, seat_holders
):
    elodie, _bruno, _chloe = seat_holders
    message = workshop_message(edition, workshop)
    services.send_message(message)
    delete_personal_data(elodie)
    delivery = message.deliveries.get(recipient_id=elodie.pk)
    assert (delivery.email, delivery.status) == ("", DeliveryStatus.SKIPPED)
    assert message.deliveries.exclude(pk=delivery.pk).get().email == "bruno@example.org"


def test_deliveries_a_stopped_worker_left_become_failures_to_send_again_by_hand(
    edition, workshop, seat_holders, settings, django_capture_on_commit_callbacks
):
    settings.ALPOSS_MESSAGE_SENDING_TIMEOUT = 900
    message = workshop_message(edition, workshop)
    services.send_message(message)  # no commit callbacks run: the task is not queued
    claimed_at = timezone.now() - datetime.timedelta(hours=1)
    stale, fresh = tasks.claim(message.pk, claimed_at)[:2]
    Delivery.objects.filter(pk=fresh).update(claimed_at=timezone.now())  # still at work

    tasks.send_deliveries.call(message.pk)  # the next batch finds the one left behind

    stale, fresh = Delivery.objects.get(pk=stale), Delivery.objects.get(pk=fresh)
    assert (stale.status, stale.last_error) == (DeliveryStatus.FAILED, Delivery.INTERRUPTED)
    assert stale.error_text.startswith("Interrompu\u202f: le processus d’envoi s’est arrêté")
    assert fresh.status == DeliveryStatus.SENDING  # never sent twice on its own
    assert stale.email not in {m.to[0] for m in mail.outbox}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resend_failed(message) == 1
    assert stale.email in {m.to[0] for m in mail.outbox}
