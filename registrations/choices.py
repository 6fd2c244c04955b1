"""Fixed lists of the registration app: who registers, where a registration stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Who the participant comes as (kept, anonymous, in the figures after the purge)."""

    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    PUBLIC_BODY = "public_body", _("Public body")
    RESEARCH = "research", _("Research or education")
    STUDENT = "student", _("Student")
    INDIVIDUAL = "individual", _("Individual")


class RegistrationStatus(models.TextChoices):
    """Where a registration stands for the edition (the seat in the venue)."""

    PENDING = "pending", _("Waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired (never confirmed)")


# A registration in one of these states holds or awaits a place: one per address and edition.
ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
)


class SeatStatus(models.TextChoices):
    """Where a registration stands for one workshop."""

    REQUESTED = "requested", _("Requested (registration not confirmed yet)")
    CONFIRMED = "confirmed", _("Seat confirmed")
    WAITING = "waiting", _("On the waiting list")


class EmailKind(models.TextChoices):
    """The e-mails sent to participants."""

    CONFIRM = "confirm", _("Please confirm")
    TICKET = "ticket", _("Ticket")
    WAITING = "waiting", _("On the waiting list")
    PROMOTED = "promoted", _("Promoted from the waiting list")
    SEAT = "seat", _("Workshop seat freed for you")
    LINK = "link", _("Management link again")
    CANCELLED = "cancelled", _("Cancelled")
    EMAIL_CHANGE = "email_change", _("Confirm a new e-mail address")
    EMAIL_CHANGED = "email_changed", _("E-mail address changed (to the old one)")
    WORKSHOP_CHANGED = "workshop_changed", _("A workshop moved or was cancelled")
    REMINDER = "reminder", _("Reminder before the edition")
