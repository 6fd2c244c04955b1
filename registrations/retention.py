"""How long an edition's personal data, and the private links that reach it, are kept."""

import datetime

from django.conf import settings
from django.utils import timezone


def retention_days():
    return settings.ALPOSS_REGISTRATION_RETENTION_DAYS


def purge_due_date(edition):
    """The day `purge_personal_data --due` removes the edition's names and e-mails."""
    return edition.end_date + datetime.timedelta(days=retention_days())


def links_expired(edition, today=None):
    """Private links die on the purge date, whether or not the purge has run yet."""
    return (today or timezone.localdate()) >= purge_due_date(edition)
