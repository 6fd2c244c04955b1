import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from registrations.tasks import send_registration_email
from tests.factories.registrations import RegistrationFactory
from tests.registrations.mail_backends import FlakyEmailBackend

pytestmark = pytest.mark.django_db

FLAKY = "tests.registrations.mail_backends.FlakyEmailBackend"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = FLAKY
    yield FlakyEmailBackend
    FlakyEmailBackend.failures = 0


def run_worker():
    # Only our tasks: Wagtail's own (declared with the django_tasks backport) get queued too
    # when TASKS is overridden inside a test process, and are then refused as "not a Task".
    # With TASKS set at start-up, as in production, the worker runs both (checked by hand).
    DBTaskResult.objects.exclude(task_path__startswith="registrations.").delete()
    call_command("db_worker", batch=True, verbosity=0)


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # the worker closes its connection
def test_a_queued_mail_is_delivered_by_the_worker_and_retried_after_an_smtp_failure(
    registration_page, edition, settings, flaky_mail
):
    settings.TASKS = DB_TASKS
    flaky_mail.failures = 1
    registration = RegistrationFactory(edition=edition)

    send_registration_email.enqueue(registration.pk, "confirm")
    assert DBTaskResult.objects.ready().count() == 1
    assert mail.outbox == []

    run_worker()  # first attempt: the mail server fails, a retry is queued for later
    assert mail.outbox == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"] == [registration.pk, "confirm", 2]
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=30)

    run_worker()  # too early: nothing happens
    assert mail.outbox == []

    DBTaskResult.objects.filter(pk=retry.pk).update(
        run_after=timezone.now() - datetime.timedelta(seconds=1)
    )
    run_worker()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [registration.email]
    assert not DBTaskResult.objects.ready().exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_gives_up_after_the_last_retry(registration_page, edition, settings, flaky_mail):
    settings.TASKS = DB_TASKS
    settings.ALPOSS_REGISTRATION_MAIL_RETRY_DELAYS = [0, 0]
    flaky_mail.failures = 10
    registration = RegistrationFactory(edition=edition)
    send_registration_email.enqueue(registration.pk, "confirm")
    for _ in range(4):
        run_worker()
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 3
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1


def test_a_registration_is_kept_when_the_mail_server_is_down(
    client, registration_page, flaky_mail, settings, django_capture_on_commit_callbacks
):
    settings.ALPOSS_REGISTRATION_MAIL_RETRY_DELAYS = [0]
    flaky_mail.failures = 100
    data = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.org",
        "category": "individual",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(registration_page.url, data)
    assert response.status_code == 302
    assert registration_page.edition.registrations.get().email == "ada@example.org"
    assert mail.outbox == []
