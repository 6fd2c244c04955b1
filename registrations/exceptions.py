"""What the rules refuse: each exception carries a translated message safe to show."""

from django.utils.translation import gettext_lazy as _


class RegistrationError(Exception):
    """A rule said no; `message` is translated and safe to show to the participant."""

    message = _("This action is not possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class RegistrationClosed(RegistrationError):
    message = _("Registration for this edition is closed.")


class ConfirmationExpired(RegistrationError):
    message = _(
        "This confirmation link has expired and the registration was not kept. "
        "You can register again."
    )


class NotConfirmable(RegistrationError):
    message = _("This registration was cancelled or has expired. You can register again.")


class InvalidWorkshops(RegistrationError):
    message = _("Some of the chosen workshops cannot be booked for this edition.")


class NotCheckable(RegistrationError):
    message = _("This registration holds no seat: it cannot be checked in.")


class NoNewLink(RegistrationError):
    message = _("Only a registration still in progress can be sent a new link.")
