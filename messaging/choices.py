"""Fixed lists of the messaging app: to whom a message goes, where each delivery stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PARTICIPANTS = "participants", _("Confirmed participants of the edition")
    SEAT_HOLDERS = "seat_holders", _("Seat holders of a workshop")
    WORKSHOP_WAITING = "workshop_waiting", _("Waiting list of a workshop")
    EDITION_WAITING = "edition_waiting", _("Waiting list of the edition")
    SPEAKERS = "speakers", _("Speakers of the edition")
    SPONSORS = "sponsors", _("Contacts of the edition's sponsors")


# The audiences about one workshop: the message names it.
WORKSHOP_AUDIENCES = (Audience.SEAT_HOLDERS, Audience.WORKSHOP_WAITING)


class RecipientKind(models.TextChoices):
    REGISTRATION = "registration", _("Participant")
    SPEAKER = "speaker", _("Speaker")
    SPONSORSHIP = "sponsorship", _("Sponsor contact")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent (no longer concerned)")
