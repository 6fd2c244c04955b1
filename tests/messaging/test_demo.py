from io import StringIO

from django.core import mail

import pytest

from messaging import demo
from messaging.choices import Audience, DeliveryStatus
from messaging.models import Message

pytestmark = pytest.mark.django_db


def test_the_demo_message_to_a_workshops_seat_holders_has_its_record_and_mails_nobody(
    edition, workshop, seat_holders
):
    demo.load(StringIO())
    demo.load(StringIO())  # idempotent
    message = Message.objects.get()
    assert (message.audience, message.workshop) == (Audience.SEAT_HOLDERS, workshop)
    statuses = sorted(message.deliveries.values_list("status", flat=True))
    assert statuses == [DeliveryStatus.FAILED, DeliveryStatus.SENT]
    assert "550" in message.deliveries.get(status=DeliveryStatus.FAILED).last_error
    assert mail.outbox == []


def test_the_demo_record_reads_in_the_admin(english_admin_client, edition, workshop, seat_holders):
    demo.load(StringIO())
    message = Message.objects.get()
    html = english_admin_client.get(f"/admin/messages/{message.pk}/record/").content.decode()
    assert "Mailbox unavailable" in html and "Send again to the 1 failure" in html
    assert "2 recipients" in html
