"""Print the private booth link of a sponsorship (to give it by hand, or to test the portal)."""

from django.core.management.base import BaseCommand, CommandError

from sponsors.models import Sponsorship
from sponsors.portal import portal_url


class Command(BaseCommand):
    help = "Print the private booth link of a sponsor for an edition (the current one by default)."

    def add_arguments(self, parser):
        parser.add_argument("sponsor", help="The sponsor's slug.")
        parser.add_argument("--year", type=int, help="The edition's year.")
        parser.add_argument("--language", choices=["fr", "en"], help="Default: the sponsor's.")

    def handle(self, *args, **options):
        from home.models import Edition

        if options["year"]:
            edition = Edition.objects.filter(year=options["year"]).first()
        else:
            edition = Edition.objects.current()
        sponsorship = Sponsorship.objects.filter(
            sponsor__slug=options["sponsor"], edition=edition
        ).first()
        if sponsorship is None:
            raise CommandError("No sponsorship of this sponsor for this edition.")
        self.stdout.write(portal_url(sponsorship, options["language"]))
