"""Two changes to a page-cache hit, tried by bench/profile_hit.py without touching the site.

- `reuse-client`: Django's Redis backend builds a new `redis.Redis` client for every cache
  call (`RedisCacheClient.get_client`); redis-py's constructor fills its response-callback
  tables each time. This keeps one client per connection pool (clients are thread-safe).
- `one-round-trip`: the hit reads the two version tokens, then the entry under a key made of
  them: two Redis round trips. This keeps the entry under a key without versions, with the
  versions inside it, and reads the tokens and the entry in one MGET.

- `local-tier`: each worker keeps the responses it served from the shared cache for 2
  seconds in its own memory (pickled, as the local-memory backend does) and answers from there
  without asking Redis; a publication reaches every worker within those 2 seconds (Varnish,
  purged on publication, is not affected). A change of behaviour, unlike the two above.

`VARIANT` (environment) names the changes to apply, comma-separated; this module is also a
WSGI entry point (`gunicorn --pythonpath bench page_cache_variants:application`).
"""

import hashlib
import os


def reuse_redis_clients():
    from django.core.cache.backends.redis import RedisCacheClient

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_reused_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client

    RedisCacheClient.get_client = get_client


def one_round_trip():
    from django.conf import settings
    from django.core.cache import cache
    from django.utils.translation import get_language_from_path

    from home import page_cache
    from home.navigation import NAVIGATION
    from home.page_cache import PUBLIC

    def key_of(request):
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        where = "|".join(
            [request.get_host(), request.path, request.META.get("QUERY_STRING", ""), language]
        )
        return "public-page:" + hashlib.sha256(where.encode()).hexdigest()

    def call(self, request):
        if not page_cache._may_be_cached(request):
            return self.get_response(request)
        key = key_of(request)
        try:
            found = cache.get_many([PUBLIC.key, NAVIGATION.key, key])
        except Exception:
            return self.get_response(request)
        versions = (found.get(PUBLIC.key), found.get(NAVIGATION.key))
        entry = found.get(key)
        if entry is not None and None not in versions and entry[0] == versions:
            return page_cache._answer(request, entry[1])
        if None in versions:
            versions = (PUBLIC.current(), NAVIGATION.current())
        response = self.get_response(request)
        marked = getattr(response, page_cache.MARK, False)
        if marked and not response.streaming and not response.cookies:
            page_cache._validators(response)
            cache.set(key, (versions, response), page_cache._seconds_to_keep(response))
            return page_cache._answer(request, response)
        return response

    page_cache.PublicPageCacheMiddleware.__call__ = call


def local_tier(seconds=2, entries=500):
    import pickle
    import time

    from home import page_cache

    shared = page_cache.PublicPageCacheMiddleware.__call__
    kept = {}  # where -> (until, pickled response)

    def call(self, request):
        if not page_cache._may_be_cached(request):
            return shared(self, request)
        where = (request.get_host(), request.path, request.META.get("QUERY_STRING", ""))
        now = time.monotonic()
        found = kept.get(where)
        if found is not None and found[0] > now:
            return page_cache._answer(request, pickle.loads(found[1]))  # noqa: S301 - our own
        response = shared(self, request)
        marked = getattr(response, page_cache.MARK, False)
        if marked and response.status_code == 200 and not response.cookies:
            if len(kept) >= entries:
                kept.clear()
            kept[where] = (now + seconds, pickle.dumps(response))
        return response

    page_cache.PublicPageCacheMiddleware.__call__ = call


VARIANTS = {
    "reuse-client": reuse_redis_clients,
    "one-round-trip": one_round_trip,
    "local-tier": local_tier,
}


def apply(names):
    for name in filter(None, (names or "").split(",")):
        VARIANTS[name]()


def _application():
    from alposs.wsgi import application

    apply(os.environ.get("VARIANT"))
    return application


if os.environ.get("VARIANT") is not None:
    application = _application()
