"""The hub of the site: editions, the pages that present them, and site-wide settings."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock
from .choices import RegistrationState
from .page_cache import PublicPageMixin
from .text import TranslatedField

osm_url_validator = RegexValidator(
    r"^https://(www\.)?openstreetmap\.org/",
    _("Give a link to openstreetmap.org (the site embeds no third-party map)."),
)


class User(AbstractUser):
    """Our own user model, so that fields can be added later without a painful migration."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")


class CustomImage(AbstractImage):
    """An image with the alternative text and the credit that every public use needs."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_(
            "Describe the image for people who cannot see it. Leave empty if it is decorative."
        ),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "credit")

    @property
    def default_alt_text(self):
        return self.alt_text or self.description

    def generate_rendition_file(self, filter, *, source=None):
        # Wagtail 8 hands storage a SpooledTemporaryFile that nobody closes: a leaked file
        # descriptor per new rendition (a ResourceWarning in tests). Store an in-memory copy
        # and close the temporary file at once; the rendition is the same.
        generated = super().generate_rendition_file(filter, source=source)
        with generated.file as spooled:
            spooled.seek(0)
            data = spooled.read()
        return ContentFile(data, name=generated.name)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class EditionQuerySet(models.QuerySet):
    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.filter(end_date__gte=today).order_by("start_date")

    def past(self, today=None):
        today = today or timezone.localdate()
        return self.filter(end_date__lt=today).order_by("-start_date")

    def current(self, today=None):
        """The edition to put forward: the next one to come, else the latest held."""
        return self.upcoming(today).first() or self.past(today).first()


class Edition(models.Model):
    """One yearly event. Program, sponsors and registrations all point here, never at a page."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    name = models.CharField(_("name"), max_length=120, help_text=_("For example: AlpOSS 2026"))
    number = models.PositiveSmallIntegerField(
        _("edition number"), null=True, blank=True, help_text=_("1 for the first edition, etc.")
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    theme = models.CharField(_("theme or tagline"), max_length=200, blank=True)
    theme_en = models.CharField(_("theme or tagline in English"), max_length=200, blank=True)
    venue_name = models.CharField(_("venue"), max_length=120, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True)
    venue_map_url = models.URLField(
        _("OpenStreetMap link"),
        blank=True,
        validators=[osm_url_validator],
        help_text=_("A link to the venue on openstreetmap.org."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("How many people the venue welcomes.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder, days before"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text=_(
            "Confirmed participants get a reminder with their ticket this many days before the "
            "edition. Empty: no reminder."
        ),
    )
    serves_food = models.BooleanField(
        _("food is served"), default=False, help_text=_("Ask participants for dietary needs.")
    )
    livestream_url = models.URLField(_("live stream channel"), blank=True)
    reported_participants = models.PositiveIntegerField(
        _("participants (entered by hand)"),
        null=True,
        blank=True,
        help_text=_("For editions held before the site counted registrations itself."),
    )
    reported_online_audience = models.PositiveIntegerField(
        _("online audience (entered by hand)"), null=True, blank=True
    )

    objects = EditionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("number")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("theme"),
        FieldPanel("theme_en"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("venue_map_url"),
                FieldPanel("capacity"),
            ],
            heading=_("Venue"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldRowPanel([FieldPanel("serves_food"), FieldPanel("reminder_days")]),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("livestream_url"),
        MultiFieldPanel(
            [FieldPanel("reported_participants"), FieldPanel("reported_online_audience")],
            heading=_("Figures of editions held before the site"),
        ),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="edition_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="edition_registration_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.name or str(self.year)

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if errors:
            raise ValidationError(errors)

    localized_theme = TranslatedField("theme")

    @property
    def days(self):
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=n) for n in range(count)]

    def is_past(self, today=None):
        return self.end_date < (today or timezone.localdate())

    def is_on(self, day=None):
        """Whether `day` (by default today, Europe/Paris) is one of the edition's days."""
        return self.start_date <= (day or timezone.localdate()) <= self.end_date

    def registration_state(self, now=None):
        now = now or timezone.now()
        if not self.registration_opens_at:
            return RegistrationState.NOT_PLANNED
        if now < self.registration_opens_at:
            return RegistrationState.NOT_YET_OPEN
        if self.registration_closes_at and now >= self.registration_closes_at:
            return RegistrationState.CLOSED
        if self.is_past(timezone.localdate(now)):
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    def is_registration_open(self, now=None):
        return self.registration_state(now) == RegistrationState.OPEN

    def registration_changes_at(self, now=None):
        """When `registration_state` next changes (opening, closing), or None if it will not."""
        now = now or timezone.now()
        state = self.registration_state(now)
        if state == RegistrationState.NOT_YET_OPEN:
            return self.registration_opens_at
        if state != RegistrationState.OPEN:
            return None
        # Registration also closes when the edition is over (the day after its last day).
        day_after = datetime.datetime.combine(
            self.end_date + datetime.timedelta(days=1),
            datetime.time(),
            timezone.get_current_timezone(),
        )
        closes = self.registration_closes_at
        return min(closes, day_after) if closes else day_after


class BasePage(Page):
    """What every page of ours shares: searchable, no page type of its own in the tree."""

    search_fields = Page.search_fields

    class Meta:
        abstract = True


class HomePage(PublicPageMixin, BasePage):
    """The site root in each language: the current edition up front, past editions below."""

    intro = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    page_description = _("The home page of the site, one per language.")

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        edition_pages = list(
            EditionPage.objects.live()
            .child_of(self)
            .select_related("edition")
            .order_by("-edition__start_date")
        )
        current = Edition.objects.current()
        context["current_edition_page"] = next(
            (page for page in edition_pages if page.edition_id == getattr(current, "pk", None)),
            None,
        )
        context["past_edition_pages"] = [
            page
            for page in edition_pages
            if page is not context["current_edition_page"] and page.edition.is_past()
        ]
        return context


class EditionPageForm(WagtailAdminPageForm):
    """A new edition page's address is its edition's year (/2028/, which the section pages and
    links expect) unless the organizer typed another slug than the one made from the title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Empty: the year of the edition, as in /2028/.")

    def clean(self):
        edition = self.cleaned_data.get("edition")
        slug = self.cleaned_data.get("slug") or ""
        made_from_title = slug in ("", slugify(self.cleaned_data.get("title") or ""))
        if self.instance.pk is None and edition is not None and made_from_title:
            self.cleaned_data["slug"] = str(edition.year)
        return super().clean()


class EditionPage(PublicPageMixin, BasePage):
    """The page of one edition. Program, partners and registration pages are its children."""

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        null=True,
        on_delete=models.PROTECT,
        related_name="pages",
    )
    intro = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("edition"), FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    page_description = _("The page of one edition: date, venue, program and partners below.")
    base_form_class = EditionPageForm

    class Meta:
        verbose_name = _("edition page")

    def clean(self):
        super().clean()
        if self.edition_id is None:
            raise ValidationError({"edition": _("Choose the edition this page presents.")})
        # Only a live page blocks: an abandoned "add" form leaves an unpublished draft behind.
        others = EditionPage.objects.filter(
            edition_id=self.edition_id, locale_id=self.locale_id, live=True
        )
        if self.pk:
            others = others.exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                {"edition": _("This edition already has a page in this language.")}
            )


class EditionSectionPage(BasePage):
    """A section of one edition (its program, registration or partners page): a child of the
    edition's page, at most one of each kind there, so one per edition and language.

    Other apps' section pages inherit it; `home` knows none of them."""

    parent_page_types = ["home.EditionPage"]
    subpage_types = []
    max_count_per_parent = 1
    # (title, {language: slug}) of the page `home.editions.create_edition_pages` makes.
    section_titles = None

    class Meta:
        abstract = True

    @classmethod
    def section_title(cls, language):
        """(title, slug) of this section's page in `language`."""
        title, slugs = cls.section_titles
        with translation.override(language):
            return str(title), slugs.get(language) or next(iter(slugs.values()))

    @cached_property
    def edition(self):
        """The edition of the edition page above, read once per instance."""
        return self.read_edition()

    def read_edition(self):
        """One query. A subclass may read it through a cache, with this as the fallback."""
        return Edition.objects.filter(pages__path=self.path[: -self.steplen]).first()

    @classmethod
    def for_edition(cls, edition, locale=None, language=None):
        """The live page of this kind of `edition` (an Edition or its pk), or None (two queries).

        With `locale`, in that locale only. Otherwise in `language` when there is one there,
        else in the site's default language, else in any.
        """
        edition_id = getattr(edition, "pk", edition)
        if edition_id is None:
            return None
        parents = EditionPage.objects.filter(edition_id=edition_id).values_list("path", flat=True)
        children = Q()
        for path in parents:
            children |= Q(path__startswith=path, depth=len(path) // cls.steplen + 1)
        if not children:
            return None
        pages = cls.objects.live().filter(children).select_related("locale")
        if locale is not None:
            pages = pages.filter(locale=locale)
        by_language = {page.locale.language_code: page for page in pages.order_by("locale_id")}
        for code in (language, settings.LANGUAGE_CODE, *by_language):
            if code in by_language:
                return by_language[code]
        return None

    @classmethod
    def by_edition(cls, locale):
        """{edition id: live page of this kind in `locale`}, for every edition (two queries)."""
        live = cls.objects.live().filter(locale=locale)
        pages = {page.path[: -page.steplen]: page for page in live}
        parents = EditionPage.objects.filter(path__in=pages).values_list("path", "edition_id")
        return {edition_id: pages[path] for path, edition_id in parents}


class StandardPage(PublicPageMixin, BasePage):
    """A page of text: practical information, access, code of conduct, legal notice..."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.HomePage", "home.EditionPage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    page_description = _("A page of text, images, questions and tables.")

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and how to reach them; shown in the footer of every page."""

    organization_name = models.CharField(_("organization name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    privacy_email = models.EmailField(
        _("privacy contact e-mail"), blank=True, help_text=_("For questions about personal data.")
    )
    mastodon_url = models.URLField(_("Mastodon account"), blank=True)
    peertube_url = models.URLField(_("PeerTube channel"), blank=True)
    peertube_instances = models.TextField(
        _("PeerTube instances"),
        blank=True,
        validators=[
            RegexValidator(
                r"^(?:\s*[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\s*)*$",
                _("One host name per line, such as video.example.org (no https://, no path)."),
            )
        ],
        help_text=_(
            "One host name per line. Lives and replays are accepted only from these PeerTube "
            "instances, and only their players may appear on the site. Empty: the server's "
            "default list."
        ),
    )
    forge_url = models.URLField(_("source code forge"), blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    footer_text_en = models.TextField(_("footer text in English"), blank=True)
    legal_notice_page = models.ForeignKey(
        Page,
        verbose_name=_("legal notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        Page,
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organization_name"),
                FieldPanel("contact_email"),
                FieldPanel("privacy_email"),
            ],
            heading=_("Organization"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mastodon_url"),
                FieldPanel("peertube_url"),
                FieldPanel("peertube_instances"),
                FieldPanel("forge_url"),
            ],
            heading=_("Elsewhere"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("footer_text_en"),
                PageChooserPanel("legal_notice_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("accessibility_page"),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    localized_footer_text = TranslatedField("footer_text")
