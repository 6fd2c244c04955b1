"""Queue the reminders due today (run it daily, e.g. from cron): each edition whose
`reminder_days` is set reminds its confirmed participants that many days before it starts."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from home.models import Edition
from registrations import services


def a_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from error


class Command(BaseCommand):
    help = "Queue the reminder e-mails due today, once per confirmed registration."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=a_date, help="Act as if today were this date.")

    def handle(self, *args, **options):
        today = options["date"] or timezone.localdate()
        editions = Edition.objects.filter(reminder_days__isnull=False, start_date__gt=today)
        for edition in editions.order_by("start_date"):
            count = services.send_reminders(edition, today)
            self.stdout.write(f"{edition}: {count} reminder(s) queued.")
