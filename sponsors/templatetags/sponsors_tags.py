from django import template

from wagtail.models import Locale

from home.models import Edition, EditionPage

from ..models import SponsorsPage, sponsors_by_tier

register = template.Library()

#: How many tiers the home and edition pages put forward.
TOP_TIERS = 2


def partners_page_for(edition):
    """The live partners page of this edition in the active language, if any."""
    edition_page = (
        EditionPage.objects.live().filter(edition=edition, locale=Locale.get_active()).first()
    )
    if edition_page is None:
        return None
    return SponsorsPage.objects.live().child_of(edition_page).first()


@register.inclusion_tag("sponsors/includes/top_sponsors.html", takes_context=True)
def top_sponsors(context, edition=None, tiers=TOP_TIERS):
    """The top tiers of an edition (the current one by default), with a link to all partners."""
    edition = edition or Edition.objects.current()
    groups = sponsors_by_tier(edition, tier_limit=tiers) if edition else []
    return {
        "request": context.get("request"),
        "edition": edition,
        "groups": groups,
        "partners_page": partners_page_for(edition) if groups else None,
    }
