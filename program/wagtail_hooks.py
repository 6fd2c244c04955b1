"""Admin for the program: sessions, speakers, rooms and tracks in one "Program" menu."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

import django_filters

from home.admin_screens import user_may
from home.editions import PREPARE_EDITION_HOOK
from home.exports import ListingExportMixin
from home.models import Edition

from .admin_import import ImportScreens
from .admin_views import ScheduleByRoomViewSet
from .choices import SessionKind
from .choosers import SpeakerChooserViewSet
from .forms import RoomAdminForm, SessionAdminForm
from .models import Room, ScheduleImport, Session, Speaker, Track
from .next_edition import copy_rooms_and_tracks
from .peertube.media import record


class SessionFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(
        label=_("Edition"), queryset=Edition.objects.order_by("-year")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SessionKind.choices)
    room = django_filters.ModelChoiceFilter(
        label=_("Room"), queryset=Room.objects.select_related("edition")
    )
    track = django_filters.ModelChoiceFilter(label=_("Track"), queryset=Track.objects.all())
    day = django_filters.DateFilter(label=_("Day"), field_name="start", lookup_expr="date")

    class Meta:
        model = Session
        fields = ["edition", "kind", "room", "track", "day", "live"]


class SpreadsheetSafeIndexView(ListingExportMixin, IndexView):
    """Listings whose CSV/XLSX exports write formula-looking text as text."""


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "time"
    menu_label = _("Sessions")
    list_display = [
        "title",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        DateColumn("start", label=_("Start"), sort_key="start"),
        Column("room", label=_("Room"), accessor="room"),
        Column("edition", label=_("Edition"), accessor="edition"),
    ]
    list_export = ["title", "kind", "start", "end", "room", "track", "language", "seats"]
    index_view_class = SpreadsheetSafeIndexView
    filterset_class = SessionFilterSet
    search_fields = ["title", "subtitle", "abstract"]
    search_backend_name = None
    ordering = ["-edition__year", "start", "room__sort_order"]
    list_per_page = 50
    edit_handler = ObjectList(Session.panels, base_form_class=SessionAdminForm)

    def get_queryset(self, request):
        return Session.objects.select_related("room", "room__edition", "edition")


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "organization", "slug"]
    list_export = ["name", "organization", "website", "fediverse_url", "forge_url"]
    index_view_class = SpreadsheetSafeIndexView
    search_fields = ["name", "organization", "bio"]
    search_backend_name = None
    ordering = ["name"]
    chooser_viewset_class = SpeakerChooserViewSet
    chooser_per_page = 20


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "home"
    menu_label = _("Rooms")
    list_display = ["name", "capacity", Column("edition", label=_("Edition"), accessor="edition")]
    list_filter = ["edition"]
    search_fields = ["name", "access_notes"]
    search_backend_name = None
    ordering = ["-edition__year", "sort_order", "name"]
    edit_handler = ObjectList(Room.panels, base_form_class=RoomAdminForm)

    def get_queryset(self, request):
        return Room.objects.select_related("edition")


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    menu_label = _("Tracks")
    list_display = ["name", "colour", Column("edition", label=_("Edition"), accessor="edition")]
    list_filter = ["edition"]
    search_fields = ["name", "name_en"]
    search_backend_name = None
    ordering = ["-edition__year", "name"]

    def get_queryset(self, request):
        return Track.objects.select_related("edition")


class ProgramViewSetGroup(SnippetViewSetGroup):
    items = (
        SessionViewSet,
        ScheduleByRoomViewSet,
        SpeakerViewSet,
        RoomViewSet,
        TrackViewSet,
        ImportScreens,
    )
    menu_icon = "calendar-alt"
    menu_label = _("Program")
    menu_name = "program"
    menu_order = 210


register_snippet(ProgramViewSetGroup)


@hooks.register("register_snippet_listing_buttons")
def import_program_button(snippet, user, next_url=None):
    """On each edition's row: import a program into it (home cannot know about program)."""
    if isinstance(snippet, Edition) and user_may(user, ScheduleImport, "add"):
        yield Button(
            _("Import the program"),
            reverse("program_import:read") + f"?edition={snippet.pk}",
            icon_name="download",
            priority=20,
        )


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def store_what_peertube_said(request, instance):
    """What the admin form read from PeerTube (title, picture, views), stored once saved."""
    for info in getattr(instance, "peertube_read", ()):
        record(info, edition_id=instance.edition_id)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def show_peertube_warnings(request, instance):
    """A PeerTube instance that did not answer while saving: the address was kept, say so."""
    for warning in getattr(instance, "peertube_warnings", ()):
        messages.warning(request, warning)


@hooks.register(PREPARE_EDITION_HOOK)
def copy_program_settings(source, edition):
    """A new edition prepared from the admin takes the rooms and tracks of the one before."""
    return copy_rooms_and_tracks(source, edition)
