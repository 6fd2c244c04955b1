"""Private links without accounts: signed tokens carrying the registration id and its key.

The signature makes them unforgeable; the per-registration random key makes them revocable
(`Registration.rotate_key()`); confirmation links also expire.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare

from .models import Registration

CONFIRM = "registrations.confirm"
MANAGE = "registrations.manage"
CHECKIN = "registrations.checkin"
PURPOSES = (CONFIRM, MANAGE, CHECKIN)


class InvalidToken(Exception):
    """The link was tampered with, revoked, or points at nothing."""


class ExpiredToken(InvalidToken):
    """The link was genuine but is too old."""


def confirmation_delay():
    hours = getattr(settings, "REGISTRATIONS_CONFIRMATION_HOURS", 48)
    return datetime.timedelta(hours=hours)


def make_token(registration, purpose):
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    return signing.dumps([registration.pk, registration.key], salt=purpose, compress=False)


def read_token(token, purpose, queryset=None):
    """The registration a token points at, or InvalidToken / ExpiredToken."""
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    max_age = confirmation_delay() if purpose == CONFIRM else None
    try:
        pk, key = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidToken from error
    if not isinstance(pk, int) or not isinstance(key, str):
        raise InvalidToken
    queryset = queryset if queryset is not None else Registration.objects.all()
    registration = queryset.filter(pk=pk).select_related("edition").first()
    if registration is None or registration.purged_at or not registration.key:
        raise InvalidToken
    if not constant_time_compare(registration.key, key):
        raise InvalidToken
    return registration
