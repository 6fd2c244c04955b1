"""A message organizers write to an audience of an edition, and one delivery per person."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Edition
from registrations.models import user_label

from .choices import Audience, DeliveryStatus, RecipientKind


class Message(models.Model):
    """A draft until it is sent; read-only afterwards (its deliveries record what happened)."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="messages"
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    workshop = models.ForeignKey(
        "program.Session",
        verbose_name=_("workshop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    subject_fr = models.CharField(_("subject in French"), max_length=200)
    body_fr = models.TextField(_("text in French"), max_length=20000)
    subject_en = models.CharField(_("subject in English"), max_length=200, blank=True)
    body_en = models.TextField(_("text in English"), max_length=20000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.subject_fr

    @property
    def sent_by_name(self):
        return user_label(self.sent_by)

    @property
    def is_sent(self):
        return self.sent_at is not None

    def text_in(self, language):
        """(subject, body) in `language`; the French text where the English one is missing."""
        if language == "en" and self.subject_en.strip() and self.body_en.strip():
            return self.subject_en, self.body_en
        return self.subject_fr, self.body_fr


class Delivery(models.Model):
    """The message to one address: queued, then sent, failed or skipped. One per address."""

    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="deliveries"
    )
    recipient_kind = models.CharField(_("recipient"), max_length=16, choices=RecipientKind.choices)
    recipient_id = models.PositiveBigIntegerField(_("recipient id"))
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("taken by a worker at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    # last_error of a delivery whose worker stopped while sending it (tasks.fail_interrupted).
    INTERRUPTED = "interrupted"

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            # Nobody gets one message twice (an address removed by a purge is blank).
            models.UniqueConstraint(
                fields=["message", "email"],
                condition=~Q(email=""),
                name="delivery_once_per_message_and_email",
            )
        ]
        indexes = [models.Index(fields=["message", "status"], name="delivery_message_status")]

    def __str__(self):
        return f"{self.message} → {self.email or self.pk}"

    @property
    def error_text(self):
        if self.last_error == self.INTERRUPTED:
            return _(
                "Interrupted: the worker stopped while sending it, so it may or may not have "
                "left. Send it again only if the person should rather get it twice than never."
            )
        return self.last_error
