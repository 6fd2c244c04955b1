"""Template helpers for the live and replay markers."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def media_state(session, now):
    """`{{ session|media_state:now }}`: "live", "replay", "upcoming", "replay_soon" or ""."""
    return session.media_state(now)


@register.filter
def video_length(seconds):
    """`{{ video.duration|video_length }}`: "45 min", "1 h 05"; "" when unknown."""
    if not seconds:
        return ""
    minutes = round(seconds / 60) or 1
    if minutes < 60:
        return _("%(minutes)s min") % {"minutes": minutes}
    return _("%(hours)s h %(minutes)02d") % {"hours": minutes // 60, "minutes": minutes % 60}


@register.filter
def video_length_iso(seconds):
    """The same length for <time datetime>: "PT45M"."""
    return f"PT{round(seconds / 60) or 1}M" if seconds else ""
