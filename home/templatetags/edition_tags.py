"""What other apps show about an edition on the home and edition pages, without home knowing them.

An app adds a block there by registering, in its wagtail_hooks.py, a function for the
`alposs_edition_highlights` hook: it takes the template context and the edition, and returns
HTML (sponsors shows the edition's top tiers). Blocks come in the apps' INSTALLED_APPS order.
"""

from django import template
from django.utils.html import format_html_join

from wagtail import hooks

register = template.Library()

EDITION_HIGHLIGHTS_HOOK = "alposs_edition_highlights"


@register.simple_tag(takes_context=True)
def edition_highlights(context, edition):
    """The blocks every app registered for `edition`, one after the other."""
    blocks = (render(context, edition) for render in hooks.get_hooks(EDITION_HIGHLIGHTS_HOOK))
    return format_html_join("", "{}", ((block,) for block in blocks))
