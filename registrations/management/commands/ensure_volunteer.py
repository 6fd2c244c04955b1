"""Create the demo check-in volunteer once, and say how to log in (used by `make run`)."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from home.models import Edition
from registrations.groups import volunteers_group
from registrations.links import page_path, registration_page

PASSWORD_FILE = settings.BASE_DIR / "var" / "volunteer-password.txt"


def remember(password):
    """Keep the local password in a git-ignored file so the next `make run` can print it."""
    PASSWORD_FILE.parent.mkdir(exist_ok=True)
    PASSWORD_FILE.write_text(password + "\n")
    PASSWORD_FILE.chmod(0o600)


def check_in_path():
    edition = Edition.objects.current()
    page = registration_page(edition) if edition else None
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
        password = password or os.environ.get("VOLUNTEER_PASSWORD")
        users = get_user_model().objects
        user = users.filter(username=username).first()
        if user is None:
            password = password or secrets.token_urlsafe(12)
            user = users.create_user(
                username,
                f"{username}@alposs.localhost",
                password,
                first_name="Bénévole",
                last_name="Démo",
            )
            remember(password)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            remember(password)
        elif PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        user.groups.add(volunteers_group())
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(f"Check-in volunteer: http://127.0.0.1:{port}{check_in_path()}")
        )
        self.stdout.write(f"  user:     {username}")
        if password:
            self.stdout.write(f"  password: {password}")
        else:
            self.stdout.write("  password: unchanged (set VOLUNTEER_PASSWORD=... to reset it)")
        self.stdout.write("")
