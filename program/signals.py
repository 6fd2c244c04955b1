"""Keep cached program pages fresh: any change to program data makes them stale."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)


def _program_changed(sender, **kwargs):
    from .views import bump_cache_version

    bump_cache_version()


def _page_deleted(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        _program_changed(sender)


def connect():
    from home.models import Edition, EditionPage

    from .models import Room, Session, SessionLink, SessionSpeaker, Speaker, Track

    for model in (Session, SessionSpeaker, SessionLink, Speaker, Room, Track, Edition, EditionPage):
        uid = f"program-cache-{model.__name__}"
        post_save.connect(_program_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_program_changed, sender=model, dispatch_uid=f"{uid}-delete")
    published.connect(_program_changed, sender=Session, dispatch_uid="program-cache-published")
    unpublished.connect(_program_changed, sender=Session, dispatch_uid="program-cache-unpublished")
    # Cached program pages carry the site's menus: any page published, unpublished or moved
    # may change them.
    page_published.connect(_program_changed, dispatch_uid="program-cache-page")
    page_unpublished.connect(_program_changed, dispatch_uid="program-cache-page-unpublished")
    post_page_move.connect(_program_changed, dispatch_uid="program-cache-page-moved")
    post_delete.connect(_page_deleted, dispatch_uid="program-cache-page-deleted")
    _connect_peertube()


def _connect_peertube():
    """The allowed PeerTube instances are read from the site settings and cached."""
    from home.models import SiteSettings

    from .peertube.urls import forget_allowed_hosts

    post_save.connect(forget_allowed_hosts, sender=SiteSettings, dispatch_uid="peertube-hosts-save")
    post_delete.connect(
        forget_allowed_hosts, sender=SiteSettings, dispatch_uid="peertube-hosts-delete"
    )
