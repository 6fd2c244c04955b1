"""System checks: rate limits and proxies that parse, a shared cache, media links that last."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .client_address import trusted_proxies
from .ratelimit import Rate

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.security)
def rate_limit_settings(app_configs, **kwargs):
    errors = []
    for name, text in settings.ALPOSS_RATE_LIMITS.items():
        try:
            Rate.parse(text)
        except ValueError as error:
            errors.append(Error(f"ALPOSS_RATE_LIMITS[{name!r}]: {error}", id="home.E001"))
    try:
        trusted_proxies()
    except ValueError as error:
        errors.append(Error(f"ALPOSS_TRUSTED_PROXIES: {error}", id="home.E002"))
    return errors


@register(Tags.security, Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Warning(
            f"The cache ({backend}) is not shared between processes: each worker keeps its "
            "own rate-limit counters, so the limits multiply by the number of workers.",
            hint="Set CACHE_URL to a Redis server shared by every worker, e.g. "
            "redis://127.0.0.1:6379/1.",
            id="home.W001",
        )
    ]


@register(Tags.security, deploy=True)
def media_links_outlive_cached_pages(app_configs, **kwargs):
    """Signed media links (a private bucket) must work for as long as a cached page shows them."""
    options = getattr(settings, "ALPOSS_MEDIA_S3", {})
    if not options.get("querystring_auth"):
        return []
    expiry = options["querystring_expire"]
    # A page leaves the cache at most ALPOSS_PUBLIC_CACHE_SECONDS after it was drawn; give its
    # reader an hour more.
    if expiry >= settings.ALPOSS_PUBLIC_CACHE_SECONDS + 3600:
        return []
    return [
        Warning(
            f"Signed media links expire after {expiry} s: pages cached for "
            f"{settings.ALPOSS_PUBLIC_CACHE_SECONDS} s, then read for an hour, would show "
            "broken images.",
            hint="Raise ALPOSS_MEDIA_S3_URL_EXPIRY (6 hours by default), or let browsers read "
            "the bucket's images/ folder (docs/deploy-s3.md) and turn "
            "ALPOSS_MEDIA_S3_QUERYSTRING_AUTH off.",
            id="home.W002",
        )
    ]
