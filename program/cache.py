"""Program responses kept in the cache for anonymous readers, and the version that makes them
stale: any change of program data (program/signals.py) or of the site's menus they show."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from home.models import EditionSectionPage
from home.navigation import navigation_version
from home.versions import CacheVersion

PROGRAM = CacheVersion("program:version")


def cache_version():
    """What cached program responses depend on: the program, and the site's menus they show
    (any page, site or locale change bumps those)."""
    return f"{PROGRAM.current()}.{navigation_version()}"


def bump_cache_version(**kwargs):
    """Called whenever program data changes: every cached program response becomes stale."""
    PROGRAM.bump()


def cached_edition_of_program_page(page):
    """The page's edition, kept in the cache until program or edition data changes."""
    key = f"program:edition-of:{cache_version()}:{page.pk}:{page.path}"
    edition = cache.get(key)
    if edition is None:
        edition = EditionSectionPage.read_edition(page)  # ProgramPage's own comes here
        if edition is not None:
            cache.set(key, edition, settings.ALPOSS_PUBLIC_CACHE_SECONDS)
    return edition


def event_is_on(edition, now):
    return edition is not None and edition.is_on(timezone.localdate(now))


def cached_for_anonymous(view):
    """Keep the response of a route for anonymous readers until the program changes.

    During the event the key also carries the current minute, so "now" and "next" stay right.
    """

    @wraps(view)
    def wrapper(page, request, *args, **kwargs):
        if (
            request.method not in ("GET", "HEAD")
            or getattr(request, "is_preview", False)
            or request.user.is_authenticated
        ):
            return view(page, request, *args, **kwargs)
        now = timezone.now()
        minute = now.strftime("%Y%m%d%H%M") if event_is_on(page.edition, now) else ""
        query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
        key = (
            f"program:page:{cache_version()}:{page.pk}:{get_language()}:"
            f"{hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:24]}:"
            f"{query}:{minute}"
        )
        response = cache.get(key)
        if response is None:
            response = view(page, request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if response.status_code == 200:
                response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
                cache.set(key, response, settings.ALPOSS_PUBLIC_CACHE_SECONDS)
        if request.headers.get("If-None-Match") == response.get("ETag"):
            not_modified = HttpResponse(status=304)
            not_modified["ETag"] = response["ETag"]
            return not_modified
        return response

    return wrapper
