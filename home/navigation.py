"""The menus' cache version, and the page, site and locale changes that make it stale.

Menus and the language switcher (home/templatetags/navigation_tags.py) are cached under this
version; `connect_signals` bumps it on any change they show (publish, unpublish, save, move,
delete), so menus are never stale and a page costs no menu query while nothing changes.
Program pages carry the menus too: their cache key includes this version (program/cache.py).
"""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .frontend_cache import purge_site_from_http_cache
from .versions import CacheVersion

VERSION_KEY = "navigation:version"

NAVIGATION = CacheVersion(VERSION_KEY)
navigation_version = NAVIGATION.current


def bump_navigation_version(**kwargs):
    """Every cached menu and language switcher is stale, and so is every page of the HTTP cache
    in front, which shows them."""
    NAVIGATION.bump()
    purge_site_from_http_cache()


def _page_changed(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        bump_navigation_version()


def connect_signals():
    """Called from the home app's ready(): any process that changes pages bumps the version."""
    post_save.connect(_page_changed, dispatch_uid="navigation-page-save")
    post_delete.connect(_page_changed, dispatch_uid="navigation-page-delete")
    page_published.connect(bump_navigation_version, dispatch_uid="navigation-published")
    page_unpublished.connect(bump_navigation_version, dispatch_uid="navigation-unpublished")
    post_page_move.connect(bump_navigation_version, dispatch_uid="navigation-moved")
    for model in (Site, Locale):
        uid = f"navigation-{model.__name__}"
        post_save.connect(bump_navigation_version, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_navigation_version, sender=model, dispatch_uid=f"{uid}-delete")
