"""The figures in the Wagtail admin: a dashboard panel for the current edition, a report across
editions in the Reports menu, and a printable report per edition."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from home.models import Edition

from . import admin_views
from .services import current_edition_counts

admin_urls = [
    path("", admin_views.across_editions_view, name="across_editions"),
    path("<int:pk>/", admin_views.edition_report_view, name="edition_report"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("figures/", include((admin_urls, "figures_admin"), namespace="figures_admin"))]


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_figures_report_menu_item():
    return FiguresMenuItem(
        _("Figures across editions"),
        reverse_lazy("figures_admin:across_editions"),
        icon_name="table",
        order=700,
    )


class CurrentEditionPanel(Component):
    """On the admin dashboard: where the current edition's registrations stand right now."""

    name = "figures_current_edition"
    order = 90
    template_name = "figures/admin/current_edition_panel.html"

    def __init__(self, edition):
        self.edition = edition

    def get_context_data(self, parent_context=None):
        return {"edition": self.edition, "counts": current_edition_counts(self.edition)}


@hooks.register("construct_homepage_panels")
def add_current_edition_panel(request, panels):
    if not request.user.has_perm(admin_views.VIEW_PERMISSION):
        return
    edition = Edition.objects.current()
    if edition is not None:
        panels.append(CurrentEditionPanel(edition))
