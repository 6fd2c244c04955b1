"""Sponsors and exhibitors of each edition, and the public page that presents them."""

import secrets
from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import Edition, EditionSectionPage
from home.page_cache import PublicPageMixin
from home.text import TranslatedField

from .choices import BoothStatus, LogoSize, SponsorKind

#: The largest logo each tier shows on the partners page (Wagtail filter specs).
LOGO_FILTER_SPECS = {
    LogoSize.LARGE: "max-360x180",
    LogoSize.MEDIUM: "max-240x120",
    LogoSize.SMALL: "max-160x80",
}
EXHIBITOR_LOGO_SPEC = "max-160x80"
#: How many people a booth may name for badges.
MAX_STAFF = 8
MAX_TABLES = 4
MAX_CHAIRS = 12
MAX_POWER_SOCKETS = 6


def new_portal_key():
    return secrets.token_urlsafe(24)


class Sponsor(index.Indexed, models.Model):
    """A company, association, public body or foundation, shared across editions."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=SponsorKind.choices, default=SponsorKind.COMPANY
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("short description"), blank=True, max_length=600, help_text=_("In French.")
    )
    description_en = models.TextField(_("short description in English"), blank=True, max_length=600)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("website")]),
        FieldPanel("logo"),
        FieldPanel("description"),
        FieldPanel("description_en"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("sponsor")
        verbose_name_plural = _("sponsors")

    def __str__(self):
        return self.name

    localized_description = TranslatedField("description")


class SponsorTier(models.Model):
    """A sponsorship level of one edition: Or, Argent, Bronze, Partenaire associatif..."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="sponsor_tiers"
    )
    name = models.CharField(_("name"), max_length=80, help_text=_("In French, e.g. Or."))
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower comes first on the partners page.")
    )
    logo_size = models.CharField(
        _("logo size"), max_length=10, choices=LogoSize.choices, default=LogoSize.MEDIUM
    )
    includes_booth = models.BooleanField(_("includes a booth"), default=False)
    contribution_amount = models.DecimalField(
        _("contribution amount (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For organizers only: never shown on the public site."),
    )

    panels = [
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("order"), FieldPanel("logo_size")]),
        FieldRowPanel([FieldPanel("includes_booth"), FieldPanel("contribution_amount")]),
    ]

    class Meta:
        ordering = ["-edition__year", "order", "name"]
        verbose_name = _("sponsor tier")
        verbose_name_plural = _("sponsor tiers")
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="sponsor_tier_unique_name")
        ]

    def __str__(self):
        return f"{self.localized_name} ({self.edition})"

    localized_name = TranslatedField("name")

    @property
    def logo_filter_spec(self):
        return LOGO_FILTER_SPECS.get(self.logo_size, LOGO_FILTER_SPECS[LogoSize.MEDIUM])


class SponsorEditionSettings(models.Model):
    """What the sponsors of one edition share: the booth deadline, who hears of submissions."""

    edition = models.OneToOneField(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="sponsor_settings",
    )
    booth_deadline = models.DateTimeField(
        _("booth information deadline"),
        null=True,
        blank=True,
        help_text=_(
            "Sponsors can edit their booth information until then; after it, only when you "
            "request changes. Empty: no deadline."
        ),
    )
    notification_email = models.EmailField(
        _("organizers' e-mail for submissions"),
        blank=True,
        help_text=_("Who is told when a sponsor submits. Empty: the site's contact e-mail."),
    )

    panels = [FieldPanel("edition"), FieldPanel("booth_deadline"), FieldPanel("notification_email")]

    class Meta:
        verbose_name = _("sponsor settings of an edition")
        verbose_name_plural = _("sponsor settings of editions")

    def __str__(self):
        return str(self.edition)


class Sponsorship(models.Model):
    """One sponsor's support of one edition, at one tier, and the way to reach them."""

    sponsor = models.ForeignKey(
        Sponsor, verbose_name=_("sponsor"), on_delete=models.CASCADE, related_name="sponsorships"
    )
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="sponsorships"
    )
    tier = models.ForeignKey(
        SponsorTier, verbose_name=_("tier"), on_delete=models.PROTECT, related_name="sponsorships"
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("The private booth link is sent here.")
    )
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language of the e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    organizer_notes = models.TextField(_("notes for organizers"), blank=True)
    portal_key = models.CharField(max_length=64, default=new_portal_key, editable=False)
    portal_link_sent_at = models.DateTimeField(
        _("private link last sent"), null=True, blank=True, editable=False
    )

    panels = [
        FieldRowPanel([FieldPanel("sponsor"), FieldPanel("edition"), FieldPanel("tier")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("language")]),
            ],
            heading=_("Contact at the sponsor"),
        ),
        FieldPanel("organizer_notes"),
    ]

    class Meta:
        ordering = ["-edition__year", "tier__order", "sponsor__name"]
        verbose_name = _("sponsorship")
        verbose_name_plural = _("sponsorships")
        constraints = [
            models.UniqueConstraint(
                fields=["sponsor", "edition"], name="sponsorship_one_per_sponsor_and_edition"
            )
        ]

    def __str__(self):
        return f"{self.sponsor} — {self.edition}"

    def clean(self):
        super().clean()
        if self.tier_id and self.edition_id and self.tier.edition_id != self.edition_id:
            raise ValidationError({"tier": _("Choose a tier of the same edition.")})

    @property
    def has_booth(self):
        return bool(self.tier_id) and self.tier.includes_booth

    @property
    def booth_status_display(self):
        booth = getattr(self, "booth", None)
        if booth is not None:
            return booth.get_status_display()
        return _("not started") if self.has_booth else _("no booth")


class BoothInfo(models.Model):
    """What a sponsor tells organizers about their booth, through the private portal."""

    sponsorship = models.OneToOneField(
        Sponsorship,
        verbose_name=_("sponsorship"),
        on_delete=models.CASCADE,
        related_name="booth",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BoothStatus.choices, default=BoothStatus.DRAFT
    )
    contact_name = models.CharField(_("contact person on the day"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    staff = models.JSONField(_("staff on the booth"), default=list, blank=True)
    tables = models.PositiveSmallIntegerField(
        _("tables"), default=1, validators=[MaxValueValidator(MAX_TABLES)]
    )
    chairs = models.PositiveSmallIntegerField(
        _("chairs"), default=2, validators=[MaxValueValidator(MAX_CHAIRS)]
    )
    power_sockets = models.PositiveSmallIntegerField(
        _("power sockets"), default=1, validators=[MaxValueValidator(MAX_POWER_SOCKETS)]
    )
    needs_screen = models.BooleanField(_("a screen"), default=False)
    needs_network = models.BooleanField(_("network access"), default=False)
    demo_needs_internet = models.BooleanField(_("a demo that needs Internet"), default=False)
    arrival_time = models.TimeField(_("arrival time"), null=True, blank=True)
    setup_minutes = models.PositiveSmallIntegerField(
        _("set-up time (minutes)"), null=True, blank=True, validators=[MaxValueValidator(240)]
    )
    description = models.TextField(
        _("description for the exhibitor guide"), blank=True, max_length=800
    )
    description_en = models.TextField(_("description in English"), blank=True, max_length=800)
    logo_override = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo for this edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note to the organizers"), blank=True, max_length=2000)
    booth_number = models.CharField(
        _("booth number"), max_length=10, blank=True, help_text=_("Set by organizers.")
    )
    organizer_comment = models.TextField(
        _("organizers' comment"),
        blank=True,
        help_text=_("Shown to the sponsor and e-mailed when changes are requested."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("booth_number"),
        FieldPanel("status", read_only=True),
        FieldPanel("organizer_comment", read_only=True),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("staff"),
            ],
            heading=_("People"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("tables"), FieldPanel("chairs"), FieldPanel("power_sockets")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("needs_screen"),
                        FieldPanel("needs_network"),
                        FieldPanel("demo_needs_internet"),
                    ]
                ),
                FieldRowPanel([FieldPanel("arrival_time"), FieldPanel("setup_minutes")]),
            ],
            heading=_("Needs"),
        ),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("logo_override"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-sponsorship__edition__year", "booth_number", "sponsorship__sponsor__name"]
        verbose_name = _("booth information")
        verbose_name_plural = _("booth information")

    def __str__(self):
        return str(self.sponsorship)

    localized_description = TranslatedField("description")

    @property
    def staff_names(self):
        return [name for name in (self.staff or []) if isinstance(name, str)]

    def deadline(self):
        settings_row = SponsorEditionSettings.objects.filter(
            edition_id=self.sponsorship.edition_id
        ).first()
        return settings_row.booth_deadline if settings_row else None

    def is_editable(self, now=None, deadline=None):
        """Sponsors may edit until approval: freely before the deadline, after it on request."""
        if self.status == BoothStatus.APPROVED:
            return False
        if self.status == BoothStatus.CHANGES_REQUESTED:
            return True
        deadline = deadline if deadline is not None else self.deadline()
        return deadline is None or (now or timezone.now()) < deadline


class SponsorsPage(PublicPageMixin, EditionSectionPage):
    """The partners page of one edition: sponsors by tier, then the exhibitors."""

    intro = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("introduction"))

    content_panels = [*EditionSectionPage.content_panels, FieldPanel("intro")]
    search_fields = [*EditionSectionPage.search_fields, index.SearchField("intro")]
    page_description = _("The sponsors and exhibitors of the edition above.")

    section_titles = (_("Partners"), {"fr": "partenaires", "en": "partners"})

    class Meta:
        verbose_name = _("partners page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        edition = self.edition
        context["edition"] = edition
        context["tiers"] = sponsors_by_tier(edition) if edition else []
        context["exhibitors"] = exhibitors(context["tiers"])
        return context


def _with_logos(queryset):
    images = get_image_model().objects.prefetch_renditions()
    return queryset.prefetch_related(
        Prefetch("sponsor__logo", queryset=images),
        Prefetch("booth__logo_override", queryset=images),
    )


def _display_logo(sponsorship):
    booth = getattr(sponsorship, "booth", None) if sponsorship.has_booth else None
    if booth is not None and booth.status == BoothStatus.APPROVED and booth.logo_override_id:
        return booth.logo_override
    return sponsorship.sponsor.logo


def double_spec(spec):
    """max-240x120 -> max-480x240, for screens with twice the pixels."""
    name, size = spec.split("-", 1)
    width, height = (int(side) * 2 for side in size.split("x"))
    return f"{name}-{width}x{height}"


def logo_renditions(logo, spec):
    """(rendition, rendition at twice the size) of a logo, from prefetched renditions."""
    if logo is None:
        return None, None
    renditions = logo.get_renditions(spec, double_spec(spec))
    return renditions[spec], renditions[double_spec(spec)]


def sponsors_by_tier(edition, tier_limit=None):
    """[(tier, [sponsorship, ...]), ...] in tier order, with `.display_logo` and `.rendition`.

    A fixed number of queries, however many sponsors there are.
    """
    sponsorships = _with_logos(
        Sponsorship.objects.filter(edition=edition)
        .select_related("sponsor", "tier", "booth")
        .order_by("tier__order", "tier__name", "sponsor__name")
    )
    if tier_limit:
        orders = list(
            SponsorTier.objects.filter(edition=edition, sponsorships__isnull=False)
            .order_by("order")
            .values_list("order", flat=True)
            .distinct()[:tier_limit]
        )
        sponsorships = sponsorships.filter(tier__order__in=orders)
    groups = []
    for _tier_id, items in groupby(sponsorships, key=lambda s: s.tier_id):
        items = list(items)
        for sponsorship in items:
            sponsorship.display_logo = logo = _display_logo(sponsorship)
            sponsorship.rendition, sponsorship.rendition_2x = logo_renditions(
                logo, sponsorship.tier.logo_filter_spec
            )
        groups.append((items[0].tier, items))
    return groups


def exhibitors(groups):
    """The approved booths among the sponsorships of `sponsors_by_tier`, by booth number.

    No query: booths, sponsors and logos were fetched with the sponsorships.
    """
    booths = []
    for _tier, sponsorships in groups:
        for sponsorship in sponsorships:
            booth = getattr(sponsorship, "booth", None) if sponsorship.has_booth else None
            if booth is None or booth.status != BoothStatus.APPROVED:
                continue
            logo = booth.logo_override or sponsorship.sponsor.logo
            booth.sponsor = sponsorship.sponsor
            booth.rendition, booth.rendition_2x = logo_renditions(logo, EXHIBITOR_LOGO_SPEC)
            booths.append(booth)
    booths.sort(key=lambda booth: (booth.booth_number, booth.sponsor.name))
    return booths
