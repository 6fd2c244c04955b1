"""Two workers sending the same message at once never send one delivery twice.

Only PostgreSQL runs this (SQLite serializes writers itself):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/alposs_messages pytest tests/messaging
"""

import collections
import threading

from django.core import mail

from messaging import services, tasks
from messaging.choices import Audience, DeliveryStatus
from messaging.models import Message
from registrations.choices import RegistrationStatus
from registrations.models import Registration
from tests.factories.home import EditionFactory
from tests.registrations.concurrency import POSTGRES_THREADS, run_at_once

pytestmark = POSTGRES_THREADS

PEOPLE = 120
WORKERS = 4


def test_workers_sending_one_message_at_the_same_time_send_each_delivery_once(settings):
    settings.ALPOSS_MESSAGE_BATCH_SIZE = 7
    edition = EditionFactory(capacity=1000)
    Registration.objects.bulk_create(
        Registration(
            edition=edition,
            first_name=f"P{n}",
            last_name="Same",
            email=f"same{n}@example.org",
            status=RegistrationStatus.CONFIRMED,
        )
        for n in range(PEOPLE)
    )
    message = Message.objects.create(
        edition=edition, audience=Audience.PARTICIPANTS, subject_fr="s", body_fr="{first_name}"
    )
    services.send_message(message)  # the immediate backend already sent; queue it all again
    message.deliveries.update(status=DeliveryStatus.QUEUED, attempts=0, sent_at=None)
    mail.outbox.clear()
    lock = threading.Lock()
    handled = []

    def worker(_n):
        while True:
            count = tasks.send_batch(message.pk)
            with lock:
                handled.append(count)
            if not count and not message.deliveries.filter(status="queued").exists():
                return

    run_at_once(worker, list(range(WORKERS)))
    sent_to = collections.Counter(m.to[0] for m in mail.outbox)
    assert len(sent_to) == PEOPLE
    assert max(sent_to.values()) == 1
    assert message.deliveries.filter(status=DeliveryStatus.SENT, attempts=1).count() == PEOPLE
    assert sum(handled) == PEOPLE
