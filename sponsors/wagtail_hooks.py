from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import django_filters

from home.admin_screens import user_may
from home.editions import PREPARE_EDITION_HOOK
from home.models import Edition

from . import services
from .admin_views import SponsorScreens
from .choices import BoothStatus
from .forms import BoothInfoAdminForm, SponsorshipAdminForm
from .models import BoothInfo, Sponsor, SponsorEditionSettings, Sponsorship, SponsorTier
from .panels import PrivateLinkPanel
from .templatetags.sponsors_tags import top_sponsors


class SponsorViewSet(SnippetViewSet):
    model = Sponsor
    icon = "group"
    menu_label = _("Sponsors")
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["name"]


class SponsorTierViewSet(SnippetViewSet):
    model = SponsorTier
    icon = "pick"
    menu_label = _("Tiers")
    list_display = [
        "name",
        "edition",
        "order",
        "logo_size",
        "includes_booth",
        "contribution_amount",
    ]
    list_filter = ["edition", "includes_booth"]
    ordering = ["-edition__year", "order"]


class SponsorshipFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(
        label=_("Edition"), queryset=Edition.objects.order_by("-year")
    )
    tier = django_filters.ModelChoiceFilter(
        label=_("Tier"), queryset=SponsorTier.objects.select_related("edition")
    )
    booth_status = django_filters.ChoiceFilter(
        label=_("Booth status"), field_name="booth__status", choices=BoothStatus.choices
    )

    class Meta:
        model = Sponsorship
        fields = ["edition", "tier"]


class SponsorshipViewSet(SnippetViewSet):
    model = Sponsorship
    icon = "link"
    menu_label = _("Sponsorships")
    list_display = [
        "sponsor",
        "edition",
        "tier",
        "contact_email",
        Column("booth_status", label=_("Booth status"), accessor="booth_status_display"),
        "portal_link_sent_at",
    ]
    filterset_class = SponsorshipFilterSet
    search_fields = ["sponsor__name", "contact_name", "contact_email"]
    search_backend_name = None
    ordering = ["-edition__year", "tier__order", "sponsor__name"]
    edit_handler = ObjectList(
        [*Sponsorship.panels, PrivateLinkPanel(heading=_("Private booth link"))],
        base_form_class=SponsorshipAdminForm,
    )

    def get_queryset(self, request):
        return Sponsorship.objects.select_related("sponsor", "edition", "tier", "booth")


class BoothInfoFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BoothStatus.choices)
    edition = django_filters.ModelChoiceFilter(
        label=_("Edition"),
        field_name="sponsorship__edition",
        queryset=Edition.objects.order_by("-year"),
    )
    tier = django_filters.ModelChoiceFilter(
        label=_("Tier"),
        field_name="sponsorship__tier",
        queryset=SponsorTier.objects.select_related("edition"),
    )

    class Meta:
        model = BoothInfo
        fields = ["status"]


class BoothInfoViewSet(SnippetViewSet):
    model = BoothInfo
    icon = "form"
    menu_label = _("Booths")
    add_to_admin_menu = False
    list_display = [
        "sponsorship",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "booth_number",
        "submitted_at",
        "updated_at",
    ]
    filterset_class = BoothInfoFilterSet
    edit_handler = ObjectList(BoothInfo.panels, base_form_class=BoothInfoAdminForm)
    search_fields = ["sponsorship__sponsor__name", "contact_name", "booth_number"]
    search_backend_name = None
    ordering = ["-sponsorship__edition__year", "booth_number"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return BoothInfo.objects.select_related(
            "sponsorship__sponsor", "sponsorship__edition", "sponsorship__tier"
        )


class SponsorEditionSettingsViewSet(SnippetViewSet):
    model = SponsorEditionSettings
    icon = "date"
    menu_label = _("Deadlines")
    list_display = ["edition", "booth_deadline", "notification_email"]


class SponsorsGroup(SnippetViewSetGroup):
    menu_label = _("Sponsors")
    menu_icon = "group"
    menu_order = 250
    items = (
        SponsorshipViewSet,
        BoothInfoViewSet,
        SponsorViewSet,
        SponsorTierViewSet,
        SponsorEditionSettingsViewSet,
        SponsorScreens,
    )


register_snippet(SponsorsGroup)


@hooks.register("register_snippet_listing_buttons")
def sponsors_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, BoothInfo) and user_may(user, BoothInfo, "change"):
        yield Button(
            _("Review: approve or request changes"),
            reverse("sponsors_admin:review", args=[snippet.pk]),
            icon_name="tick",
            priority=5,
        )
    if isinstance(snippet, Sponsorship) and user_may(user, Sponsorship, "change"):
        yield Button(
            _("Private booth link"),
            reverse("sponsors_admin:portal_link", args=[snippet.pk]),
            icon_name="link",
            priority=5,
        )


class BoothsToReviewPanel(Component):
    """On the admin dashboard: the booth information sponsors submitted, oldest first."""

    name = "sponsors_booths_to_review"
    order = 150
    template_name = "sponsors/admin/booths_to_review_panel.html"

    def get_context_data(self, parent_context=None):
        booths = (
            BoothInfo.objects.filter(status=BoothStatus.SUBMITTED)
            .select_related("sponsorship__sponsor", "sponsorship__edition")
            .order_by("submitted_at")
        )
        return {"booths": list(booths[:20])}


@hooks.register("construct_homepage_panels")
def add_booths_to_review_panel(request, panels):
    if user_may(request.user, BoothInfo, "change"):
        panels.append(BoothsToReviewPanel())


@hooks.register("alposs_edition_highlights")
def top_sponsors_of_edition(context, edition):
    """The edition's top tiers on the home and edition pages (home's `edition_highlights`),
    rendered as the `top_sponsors` inclusion tag renders them."""
    block = context.template.engine.get_template("sponsors/includes/top_sponsors.html")
    return block.render(context.new(top_sponsors(context, edition)))


@hooks.register(PREPARE_EDITION_HOOK)
def copy_sponsor_tiers(source, edition):
    """A new edition prepared from the admin takes the sponsor tiers of the one before."""
    return services.copy_tiers(source, edition)
