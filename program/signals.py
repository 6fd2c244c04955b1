"""Keep cached program pages fresh: any change to program data makes them stale."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import published, unpublished

from .cache import bump_cache_version
from .changes import paused, record_version


def _program_changed(sender, **kwargs):
    bump_cache_version()


def _session_published(sender, instance, **kwargs):
    """A publication or an unpublication in the admin: a schedule version if it changed it."""
    if not paused():
        record_version(instance.edition_id)


def connect():
    from home.models import Edition, EditionPage

    from .models import Room, Session, SessionLink, SessionSpeaker, Speaker, Track

    for model in (Session, SessionSpeaker, SessionLink, Speaker, Room, Track, Edition, EditionPage):
        uid = f"program-cache-{model.__name__}"
        post_save.connect(_program_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_program_changed, sender=model, dispatch_uid=f"{uid}-delete")
    published.connect(_program_changed, sender=Session, dispatch_uid="program-cache-published")
    unpublished.connect(_program_changed, sender=Session, dispatch_uid="program-cache-unpublished")
    published.connect(_session_published, sender=Session, dispatch_uid="program-version-published")
    unpublished.connect(
        _session_published, sender=Session, dispatch_uid="program-version-unpublished"
    )
    # Page, site and locale changes (the menus cached program pages carry) are in their cache
    # key: cache.cache_version() includes the navigation version.
    _connect_peertube()


def _connect_peertube():
    """The allowed PeerTube instances are read from the site settings and cached."""
    from home.models import SiteSettings

    from .peertube.urls import forget_allowed_hosts

    post_save.connect(forget_allowed_hosts, sender=SiteSettings, dispatch_uid="peertube-hosts-save")
    post_delete.connect(
        forget_allowed_hosts, sender=SiteSettings, dispatch_uid="peertube-hosts-delete"
    )
