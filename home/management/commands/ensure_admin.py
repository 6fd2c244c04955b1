"""Create the local admin account once, and say how to log in (used by `make run`)."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = settings.BASE_DIR / "var" / "admin-password.txt"


def remember(password):
    """Keep the local password in a git-ignored file so the next `make run` can print it."""
    PASSWORD_FILE.parent.mkdir(exist_ok=True)
    PASSWORD_FILE.write_text(password + "\n")
    PASSWORD_FILE.chmod(0o600)


class Command(BaseCommand):
    help = "Create a superuser 'admin' for local use (password from ADMIN_PASSWORD or generated)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", default=None, help="Defaults to $ADMIN_PASSWORD.")

    def handle(self, *args, username, password, **options):
        password = password or os.environ.get("ADMIN_PASSWORD")
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = password or secrets.token_urlsafe(12)
            user_model.objects.create_superuser(username, "admin@alposs.localhost", password)
            remember(password)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            remember(password)
        elif PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        port = os.environ.get("PORT", "8000")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Admin: http://127.0.0.1:{port}/admin/"))
        self.stdout.write(f"  user:     {username}")
        if password:
            self.stdout.write(f"  password: {password}")
        else:
            self.stdout.write("  password: unchanged (set ADMIN_PASSWORD=... to reset it)")
        self.stdout.write("")
