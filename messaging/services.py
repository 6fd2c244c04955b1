"""Sending a message: the audience is computed and queued in one request, the worker sends.

`send_message` creates one Delivery per address in a few queries (bulk), marks the message
sent and queues ONE task when the transaction commits; the task (tasks.py) sends the
deliveries in throttled batches. Nobody gets a message twice: one delivery per address
(a unique constraint), and a delivery is claimed by a conditional update before it is sent.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audiences, placeholders
from .choices import DeliveryStatus
from .exceptions import MessageError
from .models import Delivery, Message
from .rendering import Renderer
from .tasks import send_deliveries, send_test_email


def check_placeholders(message):
    bad = placeholders.unknown(
        [message.subject_fr, message.body_fr, message.subject_en, message.body_en],
        message.audience,
    )
    if bad:
        raise MessageError(unknown_placeholder_text(bad[0], message.audience))


def unknown_placeholder_text(name, audience):
    return _("Placeholder {%(name)s} is unknown; available: %(available)s.") % {
        "name": name,
        "available": ", ".join(f"{{{n}}}" for n in placeholders.available(audience)),
    }


def send_message(message, user=None, now=None):
    """Queue `message` to its audience as it is now; returns the number of recipients."""
    now = now or timezone.now()
    with transaction.atomic():
        current = Message.objects.select_for_update().get(pk=message.pk)
        if current.is_sent:
            raise MessageError(_("This message was already sent."))
        check_placeholders(current)
        people = audiences.recipients(current)
        if not people:
            raise MessageError(_("Nobody to send this message to: the audience is empty."))
        Delivery.objects.bulk_create(
            [
                Delivery(
                    message=current,
                    recipient_kind=person.kind,
                    recipient_id=person.pk,
                    email=person.email,
                    language=person.language,
                )
                for person in people
            ],
            batch_size=500,
        )
        Message.objects.filter(pk=current.pk).update(sent_at=now, sent_by=user)
        message.sent_at, message.sent_by = now, user
        transaction.on_commit(lambda: send_deliveries.enqueue(message.pk), robust=True)
    return len(people)


def resend_failed(message):
    """Queue again the deliveries that failed; returns how many."""
    with transaction.atomic():
        count = Delivery.objects.filter(message=message, status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.QUEUED, attempts=0, next_attempt_at=None, last_error=""
        )
        if count:
            transaction.on_commit(lambda: send_deliveries.enqueue(message.pk), robust=True)
    return count


def send_test(message, person, address):
    """The message as `person` reads it, marked [TEST], to `address` (not a delivery)."""
    check_placeholders(message)
    transaction.on_commit(
        lambda: send_test_email.enqueue(message.pk, person.kind, person.pk, address),
        robust=True,
    )


def preview(message, person):
    """(subject, body) of `message` as `person` reads it."""
    return Renderer(message).text(person)


def with_counts(messages):
    """The messages annotated with their deliveries by status (one query)."""
    return messages.annotate(
        total=Count("deliveries"),
        **{
            f"count_{status}": Count("deliveries", filter=Q(deliveries__status=status))
            for status in DeliveryStatus.values
        },
    )
