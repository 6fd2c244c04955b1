"""Placeholders in organizers' texts: `{first_name}`, `{manage_link}`, `{portal_link}`,
`{edition}`. A plain search and replace: the organizer's text never goes through the template
engine, so nothing in it can run or read anything."""

import re

from django.utils.translation import gettext_lazy as _

from .choices import Audience

# `{name}`, tolerant of spaces and of doubled braces (`{{ first_name }}`).
PATTERN = re.compile(r"\{+\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}+")

PLACEHOLDERS = {
    "first_name": _("the person's first name (a speaker's or sponsor contact's name)"),
    "edition": _("the edition's name"),
    "manage_link": _("the private link to the participant's registration"),
    "portal_link": _("the sponsor's private link to their booth information"),
}
COMMON = ("first_name", "edition")
PARTICIPANT_AUDIENCES = (
    Audience.PARTICIPANTS,
    Audience.SEAT_HOLDERS,
    Audience.WORKSHOP_WAITING,
    Audience.EDITION_WAITING,
)


def available(audience):
    """The placeholders a message to `audience` may use, in a stable order."""
    names = list(COMMON)
    if audience in PARTICIPANT_AUDIENCES:
        names.append("manage_link")
    if audience == Audience.SPONSORS:
        names.append("portal_link")
    return names


def used(text):
    return [match.group(1) for match in PATTERN.finditer(text or "")]


def unknown(texts, audience):
    """The placeholders of `texts` a message to `audience` cannot fill, in order, once each."""
    allowed = set(available(audience))
    seen = []
    for text in texts:
        for name in used(text):
            if name not in allowed and name not in seen:
                seen.append(name)
    return seen


def fill(text, values):
    """`text` with each placeholder replaced by its value (an unknown one is left as typed)."""

    def replace(match):
        value = values.get(match.group(1))
        return match.group(0) if value is None else str(value)

    return PATTERN.sub(replace, text or "")
