"""The program of an edition: speakers, rooms, tracks, sessions, and the page that serves them."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase

from home.blocks import RICH_TEXT_FEATURES
from home.models import Edition, EditionSectionPage
from home.routing import LocalizedRoutesMixin
from home.text import TranslatedField

from .cache import cached_edition_of_program_page
from .choices import (
    RESERVED_SLUGS,
    TRACK_HEX,
    AudienceLevel,
    LinkType,
    SessionKind,
    SessionLanguage,
    SpeakerRole,
    TrackColour,
)
from .peertube.checks import video_address_errors
from .validation import free_slug, schedule_errors


class Speaker(models.Model):
    """A person who speaks at AlpOSS; one record whatever the number of editions."""

    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, editable=False, unique=True)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, blank=True, help_text=_("Used in the address.")
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Give the image an alternative text, for example the person's name."),
    )
    organization = models.CharField(_("organization"), max_length=120, blank=True)
    bio = models.TextField(_("short biography"), blank=True, max_length=1200)
    website = models.URLField(_("website"), blank=True)
    fediverse_url = models.URLField(_("Mastodon or fediverse profile"), blank=True)
    forge_url = models.URLField(_("forge profile"), blank=True)
    import_code = models.CharField(
        _("code in the imported schedule"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("The speaker's code in pretalx or frab, when the program was imported."),
    )
    # Private: for organizers' messages only. Never shown on public pages, exports or search.
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Private: organizers' messages are sent here; never shown on the site."),
    )
    language = models.CharField(
        _("language of the e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("organization"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("fediverse_url"), FieldPanel("forge_url")],
            heading=_("Links"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("email"), FieldPanel("language")])],
            heading=_("Private contact (organizers only)"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    def clean(self):
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:120]
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is reserved; choose another slug.")})


class Room(models.Model):
    """A room of the venue for one edition; its stream lives on PeerTube."""

    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, editable=False, unique=True)
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=80)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    access_notes = models.TextField(
        _("floor and access"),
        blank=True,
        help_text=_("Floor, step-free access, induction loop, seating..."),
    )
    access_notes_en = models.TextField(
        _("floor and access in English"),
        blank=True,
        help_text=_("Shown on the English pages; the French text when left empty."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    peertube_live_url = models.URLField(
        _("PeerTube live"), blank=True, help_text=_("The permanent live of this room, if any.")
    )

    panels = [
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("capacity"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("access_notes"), FieldPanel("access_notes_en")]),
        FieldPanel("peertube_live_url"),
    ]

    class Meta:
        ordering = ["edition", "sort_order", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="room_unique_name_per_edition")
        ]

    def __str__(self):
        return f"{self.name} ({self.edition_id and self.edition.year})"

    def clean(self):
        super().clean()
        _check_peertube_address(self, "peertube_live_url")

    @property
    def has_stream(self):
        return bool(self.peertube_live_url)

    localized_access_notes = TranslatedField("access_notes")


def _check_peertube_address(obj, name):
    """The form of a PeerTube address field (no network: the admin form asks the instance)."""
    errors = video_address_errors(getattr(obj, name))
    if errors:
        raise ValidationError({name: errors})


class Track(models.Model):
    """A theme running through the day, shown with a colour that keeps text readable."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="tracks"
    )
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80)
    colour = models.CharField(
        _("colour"), max_length=12, choices=TrackColour.choices, default=TrackColour.GREY
    )

    panels = [
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("colour")]),
    ]

    class Meta:
        ordering = ["edition", "name"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"], name="track_unique_slug_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.edition_id and self.edition.year})"

    localized_name = TranslatedField("name")

    @property
    def hex_colour(self):
        return TRACK_HEX[self.colour]


class SessionTag(TaggedItemBase):
    content_object = ParentalKey(
        "program.Session", on_delete=models.CASCADE, related_name="tagged_items"
    )


class MediaStateMixin:
    """What a session offers to watch, from kind, start, end, do_not_record, video_url and its
    room's live URL: shared by Session and the schedule's light rows (queries.ScheduleSession)."""

    @property
    def may_be_filmed(self):
        """Neither a break nor a session whose speakers asked not to be recorded."""
        return not (self.do_not_record or self.kind == SessionKind.BREAK)

    @property
    def is_streamed(self):
        return self.may_be_filmed and self.room_id is not None and self.room.has_stream

    @property
    def has_replay(self):
        return self.may_be_filmed and bool(self.video_url)

    def media_state(self, now=None):
        """What the session offers to watch at `now`: MEDIA_* below."""
        now = now or timezone.now()
        if not self.may_be_filmed or not (self.start and self.end):
            return MEDIA_NONE
        if now < self.start:
            return MEDIA_UPCOMING if self.is_streamed else MEDIA_NONE
        if now < self.end:
            return MEDIA_LIVE if self.is_streamed else MEDIA_NONE
        if self.has_replay:
            return MEDIA_REPLAY
        return MEDIA_REPLAY_SOON if self.is_streamed else MEDIA_NONE


class Session(MediaStateMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, ClusterableModel):
    """A talk, workshop, round table, keynote or break of one edition.

    `guid` is given once and never changes: conference apps keep people's favourites by it.
    """

    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, editable=False, unique=True)
    import_key = models.CharField(
        _("GUID in the imported schedule"),
        max_length=100,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Empty for a session made here; set by manage.py import_schedule."),
    )
    import_code = models.CharField(
        _("code in pretalx"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "pretalx's talk code: the same talk, whether imported from an export or the API."
        ),
    )
    # Unpublished by an import because it left the source: published again if it comes back
    # (a session an organizer unpublished stays so).
    import_withdrawn = models.BooleanField(default=False, editable=False)
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        null=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=SessionKind.choices, default=SessionKind.TALK
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_("Used in the address; made from the title when left empty."),
    )
    subtitle = models.CharField(_("subtitle"), max_length=200, blank=True)
    abstract = models.TextField(
        _("abstract"), blank=True, max_length=800, help_text=_("A few plain sentences.")
    )
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    start = models.DateTimeField(_("start"), null=True)
    end = models.DateTimeField(_("end"), null=True)
    track = models.ForeignKey(
        Track,
        verbose_name=_("track"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=SessionLanguage.choices,
        default=SessionLanguage.FRENCH,
        help_text=_("The language the session is given in, and its texts written in."),
    )
    level = models.CharField(
        _("audience level"),
        max_length=16,
        choices=AudienceLevel.choices,
        default=AudienceLevel.EVERYONE,
    )
    tags = ClusterTaggableManager(through=SessionTag, blank=True, verbose_name=_("tags"))
    video_url = models.URLField(
        _("PeerTube replay"),
        blank=True,
        help_text=_(
            "The replay of this session on PeerTube. During the session, its page shows the "
            "room's live."
        ),
    )
    do_not_record = models.BooleanField(
        _("do not record or stream"),
        default=False,
        help_text=_("The speaker's choice: no live, no replay, and the schedule exports say so."),
    )
    seats = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Workshops only: how many people.")
    )
    registration_required = models.BooleanField(
        _("registration required"),
        default=False,
        help_text=_("Workshops only: participants book a seat when they register."),
    )

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="program_session",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language"), FieldPanel("level")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("subtitle")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("room"), FieldPanel("track")]),
            ],
            heading=_("When and where"),
        ),
        InlinePanel("session_speakers", heading=_("Speakers"), label=_("Speaker")),
        FieldPanel("abstract"),
        FieldPanel("description"),
        FieldPanel("tags"),
        InlinePanel("links", heading=_("Slides and links"), label=_("Link")),
        MultiFieldPanel(
            [FieldPanel("do_not_record"), FieldPanel("video_url")],
            heading=_("Live and replay"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("seats"), FieldPanel("registration_required")])],
            heading=_("Workshop"),
        ),
    ]

    class Meta:
        ordering = ["start", "room__sort_order", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"],
                condition=~models.Q(slug=""),
                name="session_unique_slug_per_edition",
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gt=models.F("start")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def duration(self):
        if self.start and self.end:
            return self.end - self.start
        return None

    @property
    def duration_minutes(self):
        duration = self.duration
        return int(duration.total_seconds() // 60) if duration else 0

    @property
    def is_workshop(self):
        return self.kind == SessionKind.WORKSHOP

    @property
    def is_break(self):
        return self.kind == SessionKind.BREAK

    def is_now(self, now=None):
        now = now or timezone.now()
        return bool(self.start and self.end and self.start <= now < self.end)

    # Live and replay (MediaStateMixin). A listing that selects these fields, with the room
    # (`.select_related("room").only(*Session.MEDIA_FIELDS, …)`), pays no query per session.
    MEDIA_FIELDS = ("kind", "start", "end", "do_not_record", "video_url", "room__peertube_live_url")

    def clean(self):
        super().clean()
        if not self.slug and self.title:
            self.slug = free_slug(self)
        errors = schedule_errors(self)
        if self.do_not_record and self.video_url:
            errors.setdefault("video_url", []).append(
                _("This session is not to be recorded: remove the replay, or untick the box.")
            )
        else:
            try:
                _check_peertube_address(self, "video_url")
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    # Preview in the admin: the public session page, rendered from the unsaved draft.
    def get_preview_template(self, request, mode_name):
        return "program/session_detail.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        page = ProgramPage.for_edition(self.edition_id)
        program_url = page.url if page else ""
        context.update(
            {
                "session": self,
                "page": page,
                "is_preview": True,
                "program_url": program_url,
                "speaker_prefix": f"{program_url}intervenants/",
                "page_language": get_language(),
            }
        )
        return context


MEDIA_NONE = ""
MEDIA_UPCOMING = "upcoming"  # will be streamed live
MEDIA_LIVE = "live"  # on now, streamed in its room
MEDIA_REPLAY = "replay"  # over, with a replay
MEDIA_REPLAY_SOON = "replay_soon"  # over, streamed, replay not linked yet


class SessionSpeaker(Orderable):
    """A speaker of a session, in the order they are presented."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="session_speakers")
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="session_roles"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )

    panels = [FieldRowPanel([FieldPanel("speaker"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("session speaker")
        verbose_name_plural = _("session speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker"], name="session_speaker_once_per_session"
            )
        ]

    def __str__(self):
        return f"{self.speaker_id and self.speaker} — {self.session_id and self.session}"


class SessionLink(Orderable):
    """Slides, a repository, an article: a link shown on the session page and in the exports."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=120)
    url = models.URLField(_("address"))
    link_type = models.CharField(
        _("type"), max_length=12, choices=LinkType.choices, default=LinkType.WEB
    )

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("url"), FieldPanel("link_type")])]

    class Meta(Orderable.Meta):
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.title


class PeerTubeVideo(models.Model):
    """What the site last read about a PeerTube video (a replay or a room's live).

    Written by `peertube_sync` and when organizers save a session or a room; pages read only
    this (and the picture copied into our storage), never PeerTube itself.
    """

    instance = models.CharField(_("instance"), max_length=253)
    uuid = models.UUIDField(_("UUID"))
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="peertube_videos",
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    duration = models.PositiveIntegerField(_("duration in seconds"), default=0)
    is_live = models.BooleanField(_("live"), default=False)
    state = models.IntegerField(_("state"), null=True, blank=True)
    views = models.PositiveIntegerField(_("views"), default=0)
    viewers = models.PositiveIntegerField(_("viewers now"), null=True, blank=True)
    peak_viewers = models.PositiveIntegerField(_("most viewers seen at once"), default=0)
    thumbnail = models.CharField(_("picture in our storage"), max_length=300, blank=True)
    refreshed_at = models.DateTimeField(_("read from PeerTube at"), default=timezone.now)

    class Meta:
        verbose_name = _("PeerTube video")
        verbose_name_plural = _("PeerTube videos")
        constraints = [
            models.UniqueConstraint(fields=["instance", "uuid"], name="peertube_video_unique")
        ]

    def __str__(self):
        return self.title or str(self.uuid)

    @property
    def thumbnail_url(self):
        from django.core.files.storage import default_storage

        return default_storage.url(self.thumbnail) if self.thumbnail else ""


class ScheduleImport(models.Model):
    """A program read for an edition from a file or an address, kept until it is applied.

    The dry run and the confirmation both read `data`, so an upload is sent once; the rows are
    also the history of the imports of an edition (who imported what, when, with what result).
    The API token an address needed is never stored.
    """

    class DataKind(models.TextChoices):
        SOURCE = "source", _("the bytes of the file")
        RECORDS = "records", _("what was read from the address")

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="schedule_imports",
    )
    source = models.CharField(_("source"), max_length=500)
    format = models.CharField(_("format"), max_length=60, blank=True)
    data_kind = models.CharField(
        _("data"), max_length=10, choices=DataKind.choices, default=DataKind.SOURCE
    )
    data = models.BinaryField(_("data read"), editable=False)
    kinds = models.JSONField(_("kinds chosen for the source's types"), default=dict, blank=True)
    report = models.TextField(_("report"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("read by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("read at"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("program import")
        verbose_name_plural = _("program imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.edition} · {self.source}"


class ScheduleVersion(models.Model):
    """One publication that changed an edition's program (program/changes.py): its number, which
    the exports give as their `version`, what changed, and the program as it then was."""

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="schedule_versions",
    )
    number = models.PositiveIntegerField(_("number"))
    created_at = models.DateTimeField(_("published at"), default=timezone.now)
    # [{guid, title, kind: added|cancelled|changed, fields: [{field, old, new}]}]
    changes = models.JSONField(_("changes"), default=list, blank=True, editable=False)
    # {guid: {title, start, end, room, speakers}}: what the next publication is compared with.
    snapshot = models.JSONField(_("published program"), default=dict, editable=False)

    class Meta:
        verbose_name = _("schedule version")
        verbose_name_plural = _("schedule versions")
        ordering = ["edition", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="schedule_version_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.edition} · {self.number}"


class ProgramPage(LocalizedRoutesMixin, RoutablePageMixin, EditionSectionPage):
    """The program of the parent edition: schedule, sessions, speakers and exports."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*EditionSectionPage.content_panels, FieldPanel("intro")]
    search_fields = [*EditionSectionPage.search_fields, index.SearchField("intro")]
    page_description = _("The program of an edition: schedule, sessions, speakers, exports.")

    section_titles = (_("Program"), {"fr": "programme", "en": "programme"})

    class Meta:
        verbose_name = _("program page")

    def read_edition(self):
        """Through the cache: every route reads it, even one that a cached response answers."""
        return cached_edition_of_program_page(self)

    def file_url(self, request, name, **kwargs):
        """The URL of a route that names a file (no trailing slash): schedule.xml, <slug>.ics."""
        return self.get_url(request) + self.reverse_subpage(name, kwargs=kwargs).rstrip("/")

    def get_sitemap_urls(self, request=None):
        """The schedule, the speakers index and every published session."""
        urls = super().get_sitemap_urls(request)
        if not urls or self.edition is None:
            return urls
        base = urls[0]["location"]
        urls.append({**urls[0], "location": base + self.reverse_subpage("speakers")})
        sessions = Session.objects.filter(edition=self.edition, live=True).exclude(
            kind=SessionKind.BREAK
        )
        for slug, changed in sessions.values_list("slug", "last_published_at").order_by("start"):
            urls.append({"location": f"{base}{slug}/", "lastmod": changed or urls[0]["lastmod"]})
        return urls

    def serve_preview(self, request, mode_name):
        from . import views

        request.is_preview = True
        return views.schedule(self, request)

    # Routes. Exports come first so that a session slug never hides them; the views are thin
    # functions of program/views.py.
    @path("schedule.xml/", name="schedule_xml")
    def schedule_xml(self, request):
        from . import views

        return views.export(self, request, "xml")

    @path("schedule.json/", name="schedule_json")
    def schedule_json(self, request):
        from . import views

        return views.export(self, request, "json")

    @path("schedule.ics/", name="schedule_ics")
    def schedule_ics(self, request):
        from . import views

        return views.export(self, request, "ics")

    @path("changements.atom/", name="changes_feed")
    @path("changes.atom/", name="changes_feed_en")
    def changes_feed(self, request):
        from . import views

        return views.changes_feed(self, request)

    @path("changements/", name="changes")
    @path("changes/", name="changes_en")
    def changes(self, request):
        from . import views

        return views.changes_page(self, request)

    @path("mon-programme.ics/", name="my_program_ics")
    @path("my-program.ics/", name="my_program_ics_en")
    def my_program_ics(self, request):
        from . import views

        return views.my_program_ics(self, request)

    @path("mon-programme/", name="my_program")
    @path("my-program/", name="my_program_en")
    def my_program(self, request):
        from . import views

        return views.my_program(self, request)

    @path("intervenants/", name="speakers")
    @path("speakers/", name="speakers_en")
    def speakers(self, request):
        from . import views

        return views.speakers(self, request)

    @path("intervenants/<slug:slug>/", name="speaker")
    @path("speakers/<slug:slug>/", name="speaker_en")
    def speaker(self, request, slug):
        from . import views

        return views.speaker(self, request, slug)

    @path("<slug:slug>.ics/", name="session_ics")
    def session_ics(self, request, slug):
        from . import views

        return views.session_ics(self, request, slug)

    @path("<slug:slug>/", name="session")
    def session(self, request, slug):
        from . import views

        return views.session(self, request, slug)

    @path("", name="schedule")
    def schedule(self, request):
        from . import views

        return views.schedule(self, request)
