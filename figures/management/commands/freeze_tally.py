"""Keep an edition's figures for good now (the purge of personal data also does it first)."""

from django.core.management.base import BaseCommand, CommandError

from figures.services import freeze_tally
from home.models import Edition


class Command(BaseCommand):
    help = "Freeze the attendance figures of an edition (idempotent: a frozen tally never changes)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="The year of the edition, e.g. 2026.")

    def handle(self, *args, year, **options):
        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            raise CommandError(f"No edition for {year}.")
        tally = freeze_tally(edition)
        self.stdout.write(
            f"{edition}: {tally.participants} participants, {tally.checked_in} checked in, "
            f"{tally.registered} registered; frozen at {tally.frozen_at:%Y-%m-%d %H:%M %Z}."
        )
