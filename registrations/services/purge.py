"""Deleting personal data: one participant's on request, an edition's after its retention
period (`purge_personal_data`). Names, e-mails and free text go; status, category and
check-ins stay, and the figures app freezes the edition's tally first (the signal)."""

from django.db import transaction
from django.utils import timezone

from ..models import Registration
from ..signals import personal_data_deleted, personal_data_purge_requested
from .program import clear_marked_sessions
from .registration import cancel


def anonymize_queryset(queryset, now=None):
    """Remove names, e-mails, free-text answers and marked sessions; keep status, category and
    check-in."""
    now = now or timezone.now()
    queryset = queryset.filter(purged_at__isnull=True)
    clear_marked_sessions(queryset)
    return queryset.update(
        first_name="",
        last_name="",
        email="",
        pending_email="",
        organization="",
        accessibility_needs="",
        dietary_needs="",
        newsletter=False,
        key="",
        purged_at=now,
    )


def delete_personal_data(registration, now=None):
    """The participant's own request: cancel (freeing seats), then remove personal data."""
    now = now or timezone.now()
    with transaction.atomic():
        cancel(registration, now=now, notify=False)
        anonymize_queryset(Registration.objects.filter(pk=registration.pk), now)
        personal_data_deleted.send(sender=Registration, registration_ids=[registration.pk])


def purge_edition(edition, now=None):
    """Remove the personal data of an edition's registrations (idempotent); returns a count."""
    with transaction.atomic():
        personal_data_purge_requested.send(sender=Registration, edition=edition)
        return anonymize_queryset(Registration.objects.filter(edition=edition), now)
