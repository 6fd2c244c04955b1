"""Expire the registrations never confirmed in time (run it hourly, e.g. from cron)."""

from django.core.management.base import BaseCommand

from registrations import services


class Command(BaseCommand):
    help = "Expire pending registrations older than ALPOSS_REGISTRATION_CONFIRMATION_HOURS."

    def handle(self, *args, **options):
        count = services.expire_pending()
        self.stdout.write(f"{count} registration(s) expired.")
