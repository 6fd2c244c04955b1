"""Private links to the sponsor portal: signed, carrying a revocable key, with an expiry.

A link is `signing.dumps({"s": sponsorship id, "k": portal key})` with its own salt. Rotating a
sponsorship's `portal_key` revokes every link sent before; the signature's timestamp expires it.
"""

import enum

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import override

SALT = "sponsors.portal-link"


def max_age():
    return settings.ALPOSS_SPONSOR_PORTAL_LINK_MAX_AGE


class LinkProblem(enum.Enum):
    INVALID = "invalid"
    EXPIRED = "expired"
    REVOKED = "revoked"


class PortalLinkError(Exception):
    def __init__(self, problem):
        super().__init__(problem.value)
        self.problem = problem


def make_token(sponsorship):
    return signing.dumps({"s": sponsorship.pk, "k": sponsorship.portal_key}, salt=SALT)


def portal_path(sponsorship, language=None):
    with override(language or sponsorship.language):
        return reverse("sponsors:portal", kwargs={"token": make_token(sponsorship)})


def portal_url(sponsorship, language=None):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + portal_path(sponsorship, language)


def sponsorship_for_token(token, queryset):
    """The sponsorship this token opens, or PortalLinkError saying why not."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise PortalLinkError(LinkProblem.EXPIRED) from None
    except (signing.BadSignature, ValueError, UnicodeError):
        raise PortalLinkError(LinkProblem.INVALID) from None
    if not isinstance(payload, dict):
        raise PortalLinkError(LinkProblem.INVALID)
    pk, key = payload.get("s"), payload.get("k")
    if not isinstance(pk, int) or not isinstance(key, str):
        raise PortalLinkError(LinkProblem.INVALID)
    sponsorship = queryset.filter(pk=pk).first()
    if sponsorship is None or not constant_time_compare(key, sponsorship.portal_key):
        raise PortalLinkError(LinkProblem.REVOKED)
    return sponsorship
