"""`/healthz`: whether this app server reaches its database and its cache, for a load balancer.

Answers 200 with `database ok` and `cache ok`, else 503 naming what failed. Never cached, no
session, no page routing: it costs one `SELECT 1` and one cache write and read.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database is unreachable")
        return False


def _cache_ok():
    probe = secrets.token_hex(8)
    try:
        cache.set("healthz:probe", probe, 30)
        return cache.get("healthz:probe") is not None
    except Exception:  # any backend's connection error (redis, memcached...)
        logger.exception("Health check: the cache is unreachable")
        return False


@never_cache
@require_safe
def healthz(request):
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    body = "".join(f"{name} {'ok' if ok else 'unreachable'}\n" for name, ok in checks.items())
    status = 200 if all(checks.values()) else 503
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")
