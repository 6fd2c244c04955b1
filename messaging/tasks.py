"""The worker's side of a message: throttled batches, retries, and never one e-mail twice.

`send_deliveries(message_id)` claims at most ALPOSS_MESSAGE_BATCH_SIZE queued deliveries
(rows locked with SKIP LOCKED, then each moved queued -> sending by a conditional update: a
delivery another worker claimed is never sent again), checks each person is still concerned
(a registration cancelled or purged since is skipped), sends, and records the outcome. A mail
server error puts the delivery back in the queue for later (ALPOSS_MESSAGE_RETRY_DELAYS), then
records it as failed. While deliveries remain, the task queues itself again
ALPOSS_MESSAGE_BATCH_SECONDS later; where the backend cannot defer (the immediate backend of
development and tests), it goes on at once.
"""

import contextlib
import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Min, Q
from django.tasks import task
from django.utils import timezone

from . import audiences
from .choices import DeliveryStatus
from .models import Delivery, Message
from .rendering import Renderer

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


def _due(queryset, now):
    return queryset.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def claim(message_id, now, ignore_schedule=False):
    """The pks of the deliveries this worker now owns (moved to `sending`), at most a batch."""
    mine = []
    with transaction.atomic():
        queued = Delivery.objects.filter(message_id=message_id, status=DeliveryStatus.QUEUED)
        if not ignore_schedule:
            queued = _due(queued, now)
        pks = list(
            queued.select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[: settings.ALPOSS_MESSAGE_BATCH_SIZE]
        )
        for pk in pks:
            taken = Delivery.objects.filter(pk=pk, status=DeliveryStatus.QUEUED).update(
                status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now
            )
            if taken:
                mine.append(pk)
    return mine


def _record(delivery, **changes):
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(**changes)


def _failed(delivery, error, now):
    delays = tuple(settings.ALPOSS_MESSAGE_RETRY_DELAYS)
    text = f"{type(error).__name__}: {error}"[:1000]
    if delivery.attempts <= len(delays):
        later = now + datetime.timedelta(seconds=delays[delivery.attempts - 1])
        _record(delivery, status=DeliveryStatus.QUEUED, next_attempt_at=later, last_error=text)
        logger.warning("Message delivery %s failed, retrying: %s", delivery.pk, text)
    else:
        _record(delivery, status=DeliveryStatus.FAILED, next_attempt_at=None, last_error=text)
        logger.error("Message delivery %s failed for good: %s", delivery.pk, text)


def fail_interrupted(message_id, now=None):
    """Deliveries left `sending` longer than ALPOSS_MESSAGE_SENDING_TIMEOUT (their worker
    stopped) become failures the organizer sees and may send again: never sent twice on its
    own, never silently forgotten. Returns how many."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=settings.ALPOSS_MESSAGE_SENDING_TIMEOUT)
    return Delivery.objects.filter(
        message_id=message_id, status=DeliveryStatus.SENDING, claimed_at__lt=limit
    ).update(status=DeliveryStatus.FAILED, last_error=Delivery.INTERRUPTED)


def send_batch(message_id, ignore_schedule=False):
    """Send one batch of `message_id`; returns the number of deliveries handled."""
    now = timezone.now()
    fail_interrupted(message_id, now)
    pks = claim(message_id, now, ignore_schedule)
    if not pks:
        return 0
    message = Message.objects.select_related("edition").get(pk=message_id)
    deliveries = list(Delivery.objects.filter(pk__in=pks).order_by("pk"))
    concerned = audiences.still_concerned(
        message, [(d.recipient_kind, d.recipient_id) for d in deliveries]
    )
    renderer = Renderer(message)
    connection = get_connection()
    with contextlib.suppress(*MAIL_ERRORS):
        connection.open()  # else each sending tries again, and records its own error
    try:
        for delivery in deliveries:
            person = concerned.get((delivery.recipient_kind, delivery.recipient_id))
            if person is None:
                _record(delivery, status=DeliveryStatus.SKIPPED, last_error="")
                continue
            try:
                email = renderer.email(person, to=delivery.email)
                email.connection = connection
                email.send()
            except MAIL_ERRORS as error:
                _failed(delivery, error, timezone.now())
            except Exception as error:  # a bug must not leave the delivery "sending"
                logger.exception("Message delivery %s could not be built", delivery.pk)
                _record(
                    delivery,
                    status=DeliveryStatus.FAILED,
                    last_error=f"{type(error).__name__}: {error}"[:1000],
                )
            else:
                _record(delivery, status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error="")
    finally:
        with contextlib.suppress(*MAIL_ERRORS):
            connection.close()
    return len(pks)


@task()
def send_deliveries(message_id):
    defers = send_deliveries.get_backend().supports_defer
    while True:
        handled = send_batch(message_id, ignore_schedule=not defers)
        queued = Delivery.objects.filter(message_id=message_id, status=DeliveryStatus.QUEUED)
        if not queued.exists():
            return "done"
        if not defers:
            if not handled:
                return "left to another worker"
            continue
        now = timezone.now()
        throttle = now + datetime.timedelta(seconds=settings.ALPOSS_MESSAGE_BATCH_SECONDS)
        if _due(queued, now).exists():
            if not handled:
                return "left to another worker"  # it holds them, and queues what follows
            run_after = throttle
        else:
            first = queued.aggregate(first=Min("next_attempt_at"))["first"] or throttle
            run_after = max(first, throttle) if handled else first
        send_deliveries.using(run_after=run_after).enqueue(message_id)
        return "more later"


@task()
def send_test_email(message_id, kind, pk, address):
    message = Message.objects.select_related("edition").get(pk=message_id)
    person = audiences.recipient_by_key(message, kind, pk)
    if person is None:
        return "nobody"
    Renderer(message).email(person, to=address, test=True).send()
    return "sent"
