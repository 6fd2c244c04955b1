"""Create the local admin account once, and say how to log in (used by `make run`)."""

import os

from django.core.management.base import BaseCommand

from home.local_accounts import LocalAccount

ACCOUNT = LocalAccount("admin", "ADMIN_PASSWORD")


def create_superuser(users, username, password):
    return users.create_superuser(username, "admin@alposs.localhost", password)


class Command(BaseCommand):
    help = "Create a superuser 'admin' for local use (password from ADMIN_PASSWORD or generated)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", default=None, help="Defaults to $ADMIN_PASSWORD.")

    def handle(self, *args, username, password, **options):
        _user, password = ACCOUNT.ensure(username, password, create_superuser)
        port = os.environ.get("PORT", "8000")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Admin: http://127.0.0.1:{port}/admin/"))
        ACCOUNT.write_login(self.stdout, username, password)
