"""Local demo accounts (`make run`): created once, their password kept to be printed again."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model


class LocalAccount:
    """A named local account whose password comes from the command line, an environment
    variable, or is generated once and kept in a git-ignored file under var/."""

    def __init__(self, name, environment_variable):
        self.password_file = settings.BASE_DIR / "var" / f"{name}-password.txt"
        self.environment_variable = environment_variable

    def ensure(self, username, password, create):
        """(user, password to print or None): `create(users, username, password)` makes the
        user the first time; later, a given password resets it, else the kept one is shown."""
        password = password or os.environ.get(self.environment_variable)
        users = get_user_model().objects
        user = users.filter(username=username).first()
        if user is None:
            password = password or secrets.token_urlsafe(12)
            user = create(users, username, password)
            self._remember(password)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            self._remember(password)
        elif self.password_file.exists():
            password = self.password_file.read_text().strip()
        return user, password

    def write_login(self, stdout, username, password):
        stdout.write(f"  user:     {username}")
        if password:
            stdout.write(f"  password: {password}")
        else:
            stdout.write(f"  password: unchanged (set {self.environment_variable}=... to reset it)")
        stdout.write("")

    def _remember(self, password):
        self.password_file.parent.mkdir(exist_ok=True)
        self.password_file.write_text(password + "\n")
        self.password_file.chmod(0o600)
