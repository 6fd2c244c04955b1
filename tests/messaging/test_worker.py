"""A thousand recipients: queued in one request, sent by the database worker in batches."""

import datetime

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from messaging.choices import Audience, DeliveryStatus
from messaging.models import Message
from registrations.choices import RegistrationStatus
from registrations.groups import ORGANIZERS_GROUP
from registrations.models import Registration

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PEOPLE = 1000


def run_worker():
    # Only our tasks (see tests/registrations/test_tasks.py).
    DBTaskResult.objects.exclude(task_path__startswith="messaging.").delete()
    call_command("db_worker", batch=True, verbosity=0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_thousand_recipients_are_queued_in_one_request_and_sent_by_the_worker(
    client, django_user_model, edition, registration_page, settings
):
    settings.TASKS = DB_TASKS
    settings.ALPOSS_MESSAGE_BATCH_SIZE = 300
    settings.ALPOSS_MESSAGE_BATCH_SECONDS = 3600
    Registration.objects.bulk_create(
        Registration(
            edition=edition,
            first_name=f"Person{n}",
            last_name="Crowd",
            email=f"crowd{n}@example.org",
            status=RegistrationStatus.CONFIRMED,
            language="en" if n % 3 == 0 else "fr",
        )
        for n in range(PEOPLE)
    )
    user = django_user_model.objects.create_user("orga", "orga@example.org", "pw")
    user.groups.add(Group.objects.get(name=ORGANIZERS_GROUP))
    client.force_login(user)
    message = Message.objects.create(
        edition=edition,
        audience=Audience.PARTICIPANTS,
        subject_fr="Bienvenue {first_name}",
        body_fr="Votre inscription : {manage_link}",
    )

    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("messaging_admin:send", args=[message.pk]))
    assert response.status_code == 302
    assert len(queries) < 40, "\n".join(q["sql"][:120] for q in queries)
    assert mail.outbox == []  # the request sends nothing
    assert message.deliveries.filter(status=DeliveryStatus.QUEUED).count() == PEOPLE
    assert DBTaskResult.objects.filter(task_path__startswith="messaging.").count() == 1

    run_worker()  # one batch, then the task queues itself an hour later (the throttle)
    assert len(mail.outbox) == 300
    later = DBTaskResult.objects.get(status="READY", task_path__startswith="messaging.")
    assert later.run_after > timezone.now() + datetime.timedelta(minutes=50)

    settings.ALPOSS_MESSAGE_BATCH_SECONDS = 0
    DBTaskResult.objects.filter(pk=later.pk).update(run_after=timezone.now())
    run_worker()
    assert len(mail.outbox) == PEOPLE
    assert len({m.to[0] for m in mail.outbox}) == PEOPLE
    assert message.deliveries.filter(status=DeliveryStatus.SENT).count() == PEOPLE
    assert not DBTaskResult.objects.ready().exists()
