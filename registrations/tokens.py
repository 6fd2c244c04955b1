"""Private links without accounts: signed tokens carrying the registration id and its key.

The signature makes them unforgeable; the per-registration random key makes them revocable
(`services.revoke_links`, on cancelling or when a new link is sent). Confirmation links (of a
registration, of a new e-mail address) expire after ALPOSS_REGISTRATION_CONFIRMATION_HOURS,
the delete-my-data link of the page shown after cancelling after an hour, and every other
link (management, check-in, the private calendar feed) on the edition's purge date
(end date + ALPOSS_REGISTRATION_RETENTION_DAYS), whether or not the purge has run.
"""

import datetime
import time

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .models import Registration
from .retention import links_expired

CONFIRM = "registrations.confirm"
MANAGE = "registrations.manage"
CHECKIN = "registrations.checkin"
DELETE = "registrations.delete"  # the delete-my-data form of the page shown after cancelling
EMAIL = "registrations.email"  # sent to a new address; signs that address too
FEED = "registrations.feed"  # the private calendar feed of the workshops and marked sessions
PURPOSES = (CONFIRM, MANAGE, CHECKIN, DELETE, EMAIL, FEED)
DELETION_DELAY = datetime.timedelta(hours=1)


class InvalidToken(Exception):
    """The link was tampered with, revoked, or points at nothing."""


class ExpiredToken(InvalidToken):
    """The link was genuine but is too old; `purpose` says which kind of link it was."""

    def __init__(self, purpose):
        super().__init__(purpose)
        self.purpose = purpose


def confirmation_delay():
    hours = settings.ALPOSS_REGISTRATION_CONFIRMATION_HOURS
    return datetime.timedelta(hours=hours)


def _signature(purpose, value, registration=None):
    if purpose == EMAIL:
        # The new address is signed: a link sent to an address asked for earlier dies when
        # another one is asked for.
        value = f"{value}-{registration.pending_email.casefold()}"
    return signing.Signer(salt=purpose, algorithm="sha256").signature(value)


def make_token(registration, purpose, now=None):
    """`<id>-<key>-<time>-<signature>`: only letters, digits, `-` and `_`, as page routes need."""
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    stamp = format(int(now if now is not None else time.time()), "x")
    value = f"{registration.pk}-{registration.key}-{stamp}"
    return f"{value}-{_signature(purpose, value, registration)}"


def read_token(token, purpose, queryset=None, now=None):
    """The registration a token points at, or InvalidToken / ExpiredToken."""
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    parts = (token or "").split("-", 3)
    if len(parts) != 4 or not parts[0].isdigit():
        raise InvalidToken
    pk, key, stamp, signature = parts
    value = f"{pk}-{key}-{stamp}"
    signed_alone = purpose != EMAIL  # else checked once the registration is read
    if signed_alone and not constant_time_compare(signature, _signature(purpose, value)):
        raise InvalidToken
    try:
        issued = int(stamp, 16)
    except ValueError as error:
        raise InvalidToken from error
    now = now if now is not None else time.time()
    lifetime = {CONFIRM: confirmation_delay(), EMAIL: confirmation_delay(), DELETE: DELETION_DELAY}
    lifetime = lifetime.get(purpose)
    expired = lifetime is not None and now - issued > lifetime.total_seconds()
    if expired and signed_alone:
        raise ExpiredToken(purpose)
    queryset = queryset if queryset is not None else Registration.objects.all()
    registration = queryset.filter(pk=int(pk)).select_related("edition").first()
    if registration is None:
        raise InvalidToken
    if not signed_alone and not (
        registration.pending_email
        and constant_time_compare(signature, _signature(purpose, value, registration))
    ):
        raise InvalidToken
    if expired:
        raise ExpiredToken(purpose)
    if purpose != CONFIRM and links_expired(registration.edition, _local_date(now)):
        raise ExpiredToken(purpose)
    if registration.purged_at or not registration.key:
        raise InvalidToken
    if not constant_time_compare(registration.key, key):
        raise InvalidToken
    return registration


def _local_date(timestamp):
    moment = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    return timezone.localdate(moment)
