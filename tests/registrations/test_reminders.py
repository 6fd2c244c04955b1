"""Issue 16: a reminder with the ticket, a configurable number of days before the edition, to
confirmed participants (off unless the edition sets it), once per registration."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from registrations import services
from registrations.choices import RegistrationStatus
from registrations.models import Registration
from tests.registrations.test_workshops import sign_up, workshop

pytestmark = pytest.mark.django_db


def days_before(edition, days):
    return edition.start_date - datetime.timedelta(days=days)


def confirmed_long_ago(registration):
    """Confirmed weeks before the reminder day, as most people are."""
    Registration.objects.filter(pk=registration.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=3650)
    )
    return registration


@pytest.fixture
def reminded_edition(edition):
    edition.reminder_days = 3
    edition.save(update_fields=["reminder_days"])
    return edition


def remind(edition, today, callbacks):
    with callbacks(execute=True):
        return services.send_reminders(edition, today)


def test_an_edition_without_reminder_days_reminds_nobody(
    registration_page, edition, django_capture_on_commit_callbacks
):
    confirmed_long_ago(services.confirm(sign_up(edition, 1)).registration)
    mail.outbox.clear()

    assert remind(edition, days_before(edition, 1), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_confirmed_participants_get_the_reminder_with_their_ticket_once(
    registration_page, reminded_edition, django_capture_on_commit_callbacks
):
    edition = reminded_edition
    edition.start_date = edition.end_date = timezone.localdate() + datetime.timedelta(days=3)
    edition.save()
    session = workshop(edition, title="Atelier Inkscape")
    person = confirmed_long_ago(services.confirm(sign_up(edition, 1, [session])).registration)
    pending = sign_up(edition, 2)
    cancelled = confirmed_long_ago(services.confirm(sign_up(edition, 3)).registration)
    services.cancel(cancelled)
    mail.outbox.clear()

    assert remind(edition, days_before(edition, 4), django_capture_on_commit_callbacks) == 0
    assert remind(edition, days_before(edition, 3), django_capture_on_commit_callbacks) == 1
    assert remind(edition, days_before(edition, 2), django_capture_on_commit_callbacks) == 0

    [message] = mail.outbox
    assert message.to == [person.email] and pending.email not in message.to
    assert message.subject == f"À bientôt à {edition}\u202f: votre billet"
    assert f"{edition} commence dans 3\u00a0jours." in message.body
    assert "Atelier Inkscape" in message.body
    assert any(name.endswith(".ics") for name, *_ in message.attachments)


def test_who_confirmed_after_the_reminder_day_or_on_the_waiting_list_gets_none(
    registration_page, reminded_edition, django_capture_on_commit_callbacks
):
    edition = reminded_edition
    services.confirm(sign_up(edition, 1))  # confirmed just now: the ticket is fresh
    waiting = [services.confirm(sign_up(edition, n)).registration for n in range(2, 6)]
    assert waiting[-1].status == RegistrationStatus.WAITING
    mail.outbox.clear()

    today = timezone.localdate()
    edition.start_date = today + datetime.timedelta(days=2)
    edition.end_date = edition.start_date
    edition.save()

    assert remind(edition, today, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_reminders_take_a_fixed_number_of_queries_whatever_their_number(
    registration_page, reminded_edition, django_capture_on_commit_callbacks
):
    edition = reminded_edition
    edition.capacity = 50
    edition.save(update_fields=["capacity"])

    def count_for(people, first):
        for n in range(first, first + people):
            confirmed_long_ago(services.confirm(sign_up(edition, n)).registration)
        Registration.objects.update(reminded_at=None)
        with CaptureQueriesContext(connection) as queries:
            sent = services.send_reminders(edition, days_before(edition, 1))
        return sent, len(queries)

    few, few_queries = count_for(2, 100)
    many, many_queries = count_for(20, 200)
    assert (few, many) == (2, 22)
    assert few_queries == many_queries


def test_the_command_queues_the_reminders_due_on_a_date(
    registration_page, reminded_edition, django_capture_on_commit_callbacks
):
    edition = reminded_edition
    confirmed_long_ago(services.confirm(sign_up(edition, 1)).registration)
    mail.outbox.clear()
    output = io.StringIO()

    day = days_before(edition, 2).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", day, stdout=output)

    assert f"{edition}: 1 reminder(s) queued." in output.getvalue()
    assert len(mail.outbox) == 1
