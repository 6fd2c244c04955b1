"""Absolute links to a registration's pages, in the participant's language.

E-mails are sent by a background task, without a request: links start from
WAGTAILADMIN_BASE_URL, the one absolute address the settings know.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from home.navigation import navigation_version

from . import tokens
from .models import RegistrationPage


def page_path(page):
    with translation.override(page.locale.language_code):
        parts = page.get_url_parts()
    return parts[2] if parts else None


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def route_url(page, route, **kwargs):
    base = page_path(page)
    if base is None:
        return None
    return absolute(base + page.reverse_subpage(route, kwargs=kwargs))


class RegistrationLinks:
    """The private links of one registration, in its language."""

    def __init__(self, registration, page=None):
        self.registration = registration
        self.page = page or RegistrationPage.for_edition(
            registration.edition_id, language=registration.language
        )

    def _url(self, route, purpose, now=None):
        if self.page is None:
            return None
        token = tokens.make_token(self.registration, purpose, now=now)
        return route_url(self.page, route, token=token)

    @property
    def confirm(self):
        return self._url("confirm_view", tokens.CONFIRM)

    @property
    def email(self):
        return self._url("email_view", tokens.EMAIL)

    @property
    def manage(self):
        return self._url("manage_view", tokens.MANAGE)

    @property
    def feed(self):
        """The private calendar feed (a file: no trailing slash). Dated from the registration,
        not from now, so that the address stays the same until the links are revoked."""
        url = self._url("feed_view", tokens.FEED, now=self.registration.created_at.timestamp())
        return url.rstrip("/") if url else None

    @property
    def checkin(self):
        return self._url("checkin", tokens.CHECKIN)

    @property
    def form(self):
        if self.page is None:
            return None
        path = page_path(self.page)
        return absolute(path) if path else None


def webcal(url):
    """The same address for calendar apps that subscribe on a click (webcal://)."""
    return "webcal://" + url.split("://", 1)[1] if url else None


def public_page_url(edition, language):
    """The URL of the edition's registration form in `language` (else in another language),
    or None; kept in the cache until a page changes (two queries, then none)."""
    key = f"registrations:page-url:{navigation_version()}:{edition.pk}:{language}"
    url = cache.get(key)
    if url is None:
        page = RegistrationPage.for_edition(edition, language=language)
        url = (page.get_url() or "") if page is not None else ""
        cache.set(key, url, settings.ALPOSS_PUBLIC_CACHE_SECONDS)
    return url or None
