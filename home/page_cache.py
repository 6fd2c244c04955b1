"""Public pages and exports answered from the shared cache, before sessions, locale and routing.

A view says a response may be shared by calling `mark_public` (pages: `PublicPageMixin`,
program routes: `program.cache.public_route`): only anonymous GETs get that mark, never a
preview, a form page or a private link.
`PublicPageCacheMiddleware`, placed right after WhiteNoise, keeps marked responses in the cache
(Redis in production, shared by every worker and app server) under a key made of the host, the
path, the query and the page's language, with the versions they were made under: the public
content version that any published change bumps (`public_content_changed`) and the menus'.
A hit is one round trip to the cache (the entry and the current versions together) and no SQL
query; a conditional request whose ETag or date still match gets a 304.

The HTTP cache in front (deploy/varnish) keeps the same responses: `s-maxage` tells it how long,
and Wagtail's frontend cache purges it on publication (home/frontend_cache.py). Browsers get
`max-age=0`: they keep the page but ask again every time, which costs a 304.
"""

import hashlib
import logging
import math

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_path

from .frontend_cache import purge_site_from_http_cache
from .navigation import NAVIGATION
from .versions import CacheVersion

logger = logging.getLogger(__name__)

PUBLIC = CacheVersion("public-pages:version")
MARK = "_alposs_public"  # set on a response that anonymous readers may share
MAX_QUERY_LENGTH = 200  # longer query strings are answered but not kept
LIFETIME_LIMIT = "_alposs_shared_seconds"  # set on a request by limit_shared_lifetime


def public_content_changed(**kwargs):
    """Every cached public response is stale, here and in the HTTP cache in front. Usable as a
    signal receiver."""
    PUBLIC.bump()
    purge_site_from_http_cache()


def bump_on_changes_of(*models, except_creation=False):
    """Any save or deletion of these models makes every cached public response stale.

    `except_creation`: for rows made with their defaults on first use (site settings), which
    pages already showed.
    """
    receiver = _changed_not_created if except_creation else public_content_changed
    for model in models:
        uid = f"public-pages-{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(public_content_changed, sender=model, dispatch_uid=f"{uid}-delete")


def _changed_not_created(sender, created=False, **kwargs):
    if not created:
        public_content_changed()


def seconds_to_next_minute(now=None):
    now = now or timezone.now()
    return max(1, 60 - now.second)


def limit_shared_lifetime(request, seconds):
    """What a page shows changes in `seconds` (a registration opens, seats are taken): shared
    copies of the response must not outlive that. Called while the page is made, before
    `mark_public`; the shortest limit wins."""
    if request is None:
        return
    seconds = max(1, math.ceil(seconds))
    current = getattr(request, LIFETIME_LIMIT, None)
    setattr(request, LIFETIME_LIMIT, seconds if current is None else min(current, seconds))


def mark_public(request, response, seconds=None):
    """Let the shared caches keep this response for `seconds` (the setting by default, shortened
    by `limit_shared_lifetime`), when it was made for an anonymous GET and sets no cookie.
    Returns the response."""
    shareable = (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
        and not response.cookies
    )
    if shareable:
        lifetime = settings.ALPOSS_PUBLIC_CACHE_SECONDS if seconds is None else seconds
        limit = getattr(request, LIFETIME_LIMIT, None)
        if limit is not None:
            lifetime = min(lifetime, limit)
        patch_cache_control(response, public=True, max_age=0, s_maxage=math.ceil(lifetime))
        setattr(response, MARK, True)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response


class PublicPageMixin:
    """For Wagtail pages whose content is the same for every anonymous reader."""

    def serve(self, request, *args, **kwargs):
        return mark_public(request, rendered(super().serve(request, *args, **kwargs)))


def rendered(response):
    """The response with its template rendered, so it can be measured and kept."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


def _may_be_cached(request):
    """Anonymous GETs only: a session cookie means someone may be signed in (or has messages
    waiting); the CSRF token cookie is the only one an anonymous reader may carry."""
    if request.method != "GET" or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def _key(request):
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    where = "|".join(
        [request.get_host(), request.path, request.META.get("QUERY_STRING", ""), language]
    )
    return f"public-page:{hashlib.sha256(where.encode()).hexdigest()}"


def _lookup(key):
    """The versions now and the response kept under `key` if it was made under them: the
    entry and both versions come in one round trip to the cache."""
    found = cache.get_many([PUBLIC.key, NAVIGATION.key, key])
    versions = (found.get(PUBLIC.key), found.get(NAVIGATION.key))
    entry = found.get(key)
    if None in versions:  # first request, or evicted: nothing kept can be trusted
        return (PUBLIC.current(), NAVIGATION.current()), None
    if entry is not None and entry[0] == versions:
        return versions, entry[1]
    return versions, None


def _seconds_to_keep(response):
    header = response.get("Cache-Control", "")
    for directive in header.split(","):
        name, _, value = directive.strip().partition("=")
        if name == "s-maxage" and value.isdigit():
            return min(int(value), settings.ALPOSS_PUBLIC_CACHE_SECONDS)
    return settings.ALPOSS_PUBLIC_CACHE_SECONDS


def _validators(response):
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date()


def _answer(request, response):
    """The response, or a 304 when the reader's copy is still this one."""
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_be_cached(request):
            return self.get_response(request)
        key = _key(request)
        try:
            versions, cached = _lookup(key)
        except Exception:  # the cache server is down: pages are slower, not broken
            logger.warning("Public page cache unreachable", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            return _answer(request, cached)
        response = self.get_response(request)
        # Cookies are checked here, not in mark_public: CSRF and sessions set theirs afterwards.
        if getattr(response, MARK, False) and not response.streaming and not response.cookies:
            _validators(response)
            try:
                # Under the versions read before the page was made: a change meanwhile wins.
                cache.set(key, (versions, response), _seconds_to_keep(response))
            except Exception:
                logger.warning("Public page cache unreachable", exc_info=True)
            return _answer(request, response)
        return response
