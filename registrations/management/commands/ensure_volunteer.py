"""Create the demo check-in volunteer once, and say how to log in (used by `make run`)."""

import os

from django.core.management.base import BaseCommand

from home.local_accounts import LocalAccount
from home.models import Edition
from registrations.groups import volunteers_group
from registrations.links import page_path
from registrations.models import RegistrationPage

ACCOUNT = LocalAccount("volunteer", "VOLUNTEER_PASSWORD")


def create_volunteer(users, username, password):
    return users.create_user(
        username, f"{username}@alposs.localhost", password, first_name="Bénévole", last_name="Démo"
    )


def check_in_path():
    page = RegistrationPage.for_edition(Edition.objects.current())
    base = page_path(page) if page else None
    return base + page.reverse_subpage("checkin_search") if base else "/"


class Command(BaseCommand):
    help = (
        "Create a check-in volunteer 'benevole' for local use, in the Check-in volunteers group "
        "(password from VOLUNTEER_PASSWORD or generated)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="benevole")
        parser.add_argument("--password", default=None, help="Defaults to $VOLUNTEER_PASSWORD.")

    def handle(self, *args, username, password, **options):
        user, password = ACCOUNT.ensure(username, password, create_volunteer)
        user.groups.add(volunteers_group())
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(f"Check-in volunteer: http://127.0.0.1:{port}{check_in_path()}")
        )
        ACCOUNT.write_login(self.stdout, username, password)
