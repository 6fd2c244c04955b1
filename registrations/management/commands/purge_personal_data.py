"""Remove the personal data of past editions' registrations; anonymous counts stay."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from home.models import Edition
from registrations import services


class Command(BaseCommand):
    help = (
        "Erase names, e-mails and free-text answers of registrations (status, category and "
        "check-in stay, so the counts do not change). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, help="The year of the edition to purge.")
        parser.add_argument(
            "--due",
            action="store_true",
            help="Purge every edition past its retention (ALPOSS_REGISTRATION_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Also purge an edition that is not over yet."
        )

    def handle(self, *args, edition=None, due=False, force=False, **options):
        if edition is None and not due:
            raise CommandError("Give --edition <year> or --due.")
        today = timezone.localdate()
        if edition is not None:
            try:
                editions = [Edition.objects.get(year=edition)]
            except Edition.DoesNotExist as error:
                raise CommandError(f"No edition in {edition}.") from error
            if not editions[0].is_past(today) and not force:
                raise CommandError(
                    f"The {edition} edition is not over: its registrations are still in use. "
                    "Add --force to purge it anyway."
                )
        else:
            editions = [
                e for e in Edition.objects.past(today) if services.purge_due_date(e) <= today
            ]
        for item in editions:
            count = services.purge_edition(item)
            self.stdout.write(f"{item}: personal data removed from {count} registration(s).")
