"""Fixed lists of the program: kinds of session, languages, audience levels, track colours."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    TALK = "talk", _("Talk")
    LIGHTNING = "lightning", _("Lightning talk")
    ROUND_TABLE = "round_table", _("Round table")
    WORKSHOP = "workshop", _("Workshop")
    BREAK = "break", _("Break or social time")


# The `type` written in the frab XML and C3VOC JSON exports (their examples: talk, workshop,
# hands-on, meeting, discussion, other).
EXPORT_TYPES = {
    SessionKind.KEYNOTE: "talk",
    SessionKind.TALK: "talk",
    SessionKind.LIGHTNING: "lightning_talk",
    SessionKind.ROUND_TABLE: "discussion",
    SessionKind.WORKSHOP: "workshop",
    SessionKind.BREAK: "other",
}


class SessionLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class AudienceLevel(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")


class LinkType(models.TextChoices):
    """The link types the C3VOC schema accepts (its `Reference.type` enumeration)."""

    SLIDES = "slides", _("Slides")
    WEB = "web", _("Web page")
    ARTICLE = "article", _("Article")
    MEDIA = "media", _("Video or audio")
    RELATED = "related", _("Related")


class TrackColour(models.TextChoices):
    """Light tints only: the site's dark text keeps a contrast ratio above 7:1 on each one."""

    BLUE = "blue", _("Blue")
    GREEN = "green", _("Green")
    AMBER = "amber", _("Amber")
    PINK = "pink", _("Pink")
    VIOLET = "violet", _("Violet")
    SKY = "sky", _("Sky")
    ORANGE = "orange", _("Orange")
    GREY = "grey", _("Grey")


TRACK_HEX = {
    TrackColour.BLUE: "#dbe7fb",
    TrackColour.GREEN: "#dcf5e5",
    TrackColour.AMBER: "#fcefc4",
    TrackColour.PINK: "#fbe3ef",
    TrackColour.VIOLET: "#ebe5fc",
    TrackColour.SKY: "#dcf0fb",
    TrackColour.ORANGE: "#fde6cf",
    TrackColour.GREY: "#eceff3",
}

# Session and speaker slugs that would hide a route of the program page.
RESERVED_SLUGS = {
    "intervenants",
    "speakers",
    "schedule",
    "programme",
    "program",
    "changements",
    "changes",
    "mon-programme",
    "my-program",
}
