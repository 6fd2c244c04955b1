"""Template helpers for the live and replay markers."""

from django import template

register = template.Library()


@register.filter
def media_state(session, now):
    """`{{ session|media_state:now }}`: "live", "replay", "upcoming", "replay_soon" or ""."""
    return session.media_state(now)
