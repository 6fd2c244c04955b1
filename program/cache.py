"""The program's cache version, which any change of program data bumps (program/signals.py),
and the mark that lets anonymous readers share a route's response (home/page_cache.py)."""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from home.models import EditionSectionPage
from home.navigation import navigation_version
from home.page_cache import (
    mark_public,
    public_content_changed,
    rendered,
    seconds_to_next_minute,
)
from home.versions import CacheVersion

PROGRAM = CacheVersion("program:version")


def cache_version():
    """What cached program responses depend on: the program, and the site's menus they show
    (any page, site or locale change bumps those)."""
    return f"{PROGRAM.current()}.{navigation_version()}"


def bump_cache_version(**kwargs):
    """Called whenever program data changes: every cached program response becomes stale."""
    PROGRAM.bump()
    public_content_changed()


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


def public_route(view):
    """A page route whose response every anonymous reader shares (home/page_cache.py).

    During the event "now" and "next" change every minute: shared copies last until then.
    """

    @wraps(view)
    def wrapper(page, request, *args, **kwargs):
        response = rendered(view(page, request, *args, **kwargs))
        now = timezone.now()
        seconds = seconds_to_next_minute(now) if event_is_on(page.edition, now) else None
        return mark_public(request, response, seconds)

    return wrapper
