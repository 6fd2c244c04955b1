from django.db import models
from django.utils.translation import gettext_lazy as _


class SponsorKind(models.TextChoices):
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    PUBLIC_BODY = "public_body", _("Public body")
    FOUNDATION = "foundation", _("Foundation")


class LogoSize(models.TextChoices):
    """How large the tier's logos are shown on the partners page."""

    LARGE = "large", _("Large")
    MEDIUM = "medium", _("Medium")
    SMALL = "small", _("Small")


class BoothStatus(models.TextChoices):
    """Where a sponsor's booth information stands.

    draft -> submitted -> approved, or submitted -> changes_requested -> submitted again.
    """

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
