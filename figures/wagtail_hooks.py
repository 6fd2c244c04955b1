"""The figures in the Wagtail admin: a dashboard panel for the current edition, a report across
editions in the Reports menu, and a printable report per edition."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from home.admin_screens import user_may
from home.models import Edition

from . import admin_views
from .models import AttendanceTally
from .services import current_edition_counts


@hooks.register("register_admin_viewset")
def register_screens():
    return admin_views.FiguresScreens()


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
    if not user_may(request.user, AttendanceTally, "view"):
        return
    edition = Edition.objects.current()
    if edition is not None:
        panels.append(CurrentEditionPanel(edition))
