from django import template

from wagtail.models import Locale

from home.models import Edition

from ..models import SponsorsPage, sponsors_by_tier

register = template.Library()

#: How many tiers the home and edition pages put forward.
TOP_TIERS = 2


@register.inclusion_tag("sponsors/includes/top_sponsors.html", takes_context=True)
def top_sponsors(context, edition=None, tiers=TOP_TIERS):
    """The top tiers of an edition (the current one by default), with a link to all partners."""
    edition = edition or Edition.objects.current()
    groups = sponsors_by_tier(edition, tier_limit=tiers) if edition else []
    return {
        "request": context.get("request"),
        "edition": edition,
        "groups": groups,
        "partners_page": SponsorsPage.for_edition(edition, Locale.get_active()) if groups else None,
    }
