"""The figures of an edition, frozen for good before its personal data is purged."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Edition


class AttendanceTally(models.Model):
    """One edition's figures as computed from the records on the day they were frozen.

    Once frozen, the public page, the open data and the reports read this row, never the
    records again: deleting names (or whole registrations) cannot change a published figure.
    The main numbers are columns (to sort and filter in the database); everything is in `figures`.
    """

    edition = models.OneToOneField(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="attendance_tally",
    )
    figures = models.JSONField(_("figures"), default=dict)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    registered = models.PositiveIntegerField(_("registered"), null=True, blank=True)
    confirmed = models.PositiveIntegerField(_("confirmed"), null=True, blank=True)
    checked_in = models.PositiveIntegerField(_("checked in"), null=True, blank=True)
    online_audience = models.PositiveIntegerField(_("online audience"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"), default=timezone.now)

    class Meta:
        ordering = ["-edition__year"]
        verbose_name = _("attendance tally")
        verbose_name_plural = _("attendance tallies")

    def __str__(self):
        return f"{self.edition} — {self.participants}"
