"""What other apps show about an edition on the home and edition pages, without home knowing them.

An app adds a block there by registering, in its wagtail_hooks.py, a function for the
`alposs_edition_highlights` hook: it takes the template context and the edition, and returns
HTML (sponsors shows the edition's top tiers). Blocks come in the apps' INSTALLED_APPS order.
"""

from django import template
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import get_language

from wagtail import hooks

from home.choices import RegistrationState
from home.page_cache import limit_shared_lifetime

register = template.Library()

EDITION_HIGHLIGHTS_HOOK = "alposs_edition_highlights"


@register.simple_tag(takes_context=True)
def edition_highlights(context, edition):
    """The blocks every app registered for `edition`, one after the other."""
    blocks = (render(context, edition) for render in hooks.get_hooks(EDITION_HIGHLIGHTS_HOOK))
    return format_html_join("", "{}", ((block,) for block in blocks))


# The registration page of an edition lives in the registrations app, which home must not
# import: that app registers, for this hook, a function taking the edition and a language code
# and returning the page's URL in that language (or None).
REGISTRATION_URL_HOOK = "alposs_registration_url"


def registration_url(edition, language):
    for find in hooks.get_hooks(REGISTRATION_URL_HOOK):
        url = find(edition, language)
        if url:
            return url
    return None


@register.inclusion_tag("includes/registration_action.html", takes_context=True)
def registration_action(context, edition):
    """Where the edition's registration stands, and the way to it: "Register" while it is
    open, when it opens before, that it is closed after (nothing for a past edition or one
    without online registration). The state comes from `Edition.registration_state`; shared
    copies of the page last no longer than that state (home/page_cache.py)."""
    if edition is None:
        return {"state": None}
    now = timezone.now()
    state = edition.registration_state(now)
    changes_at = edition.registration_changes_at(now)
    if changes_at is not None:
        limit_shared_lifetime(context.get("request"), (changes_at - now).total_seconds())
    if state == RegistrationState.CLOSED and edition.is_past(timezone.localdate(now)):
        state = None
    url = None
    if state == RegistrationState.OPEN:
        url = registration_url(edition, get_language())
        if url is None:
            state = None
    return {
        "state": state,
        "url": url,
        "edition": edition,
        "opens_at": edition.registration_opens_at,
        "closes_at": edition.registration_closes_at,
    }
