from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationState(models.TextChoices):
    """Where an edition stands in its registration window."""

    NOT_PLANNED = "not_planned", _("No online registration")
    NOT_YET_OPEN = "not_yet_open", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
