"""The HTTP cache in front of the app servers (Varnish, deploy/varnish/alposs.vcl) forgets every
page of the site whenever published content changes, once the change is committed.

Any change can show on many pages (a session on the schedule, its speakers' pages, the exports,
the live page; a page title in every menu), so the whole site is purged, not a list of URLs:
the VCL turns a PURGE of `/` into a ban of everything under it. Publishing is rare beside
reading, and the cache refills from app servers that answer from Redis.
The purge goes through Wagtail's frontend cache (its task queue, so `db_worker` sends it).
"""

from django.conf import settings
from django.db import transaction

from wagtail.models import Site

PENDING = "_alposs_http_cache_purge_pending"


def purge_site_from_http_cache(**kwargs):
    """Usable as a signal receiver; several changes in one transaction purge once."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    connection = transaction.get_connection()
    if getattr(connection, PENDING, False):
        return
    setattr(connection, PENDING, True)

    def purge():
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        setattr(connection, PENDING, False)
        purge_urls_from_cache([f"{site.root_url}/" for site in Site.objects.all()])

    transaction.on_commit(purge)
