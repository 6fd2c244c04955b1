"""Registrations in the Wagtail admin, for organizer groups given the permission."""

from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from home.admin_screens import PermissionMenuItem, user_may

from . import admin_views, links, queries
from .admin_scope import is_volunteer_only
from .models import Registration


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = admin_views.RegistrationIndexView
    inspect_view_class = admin_views.RegistrationInspectView
    filterset_class = admin_views.RegistrationFilterSet
    list_display = admin_views.INDEX_COLUMNS
    list_per_page = 50
    search_fields = ["first_name", "last_name", "email", "organization"]
    search_backend_name = None
    ordering = ["-edition__year", "-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "edition",
        "first_name",
        "last_name",
        "email",
        "organization",
        "category",
        "status",
        "waiting_position",
        "accessibility_needs",
        "dietary_needs",
        "newsletter",
        "language",
        "consented_at",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "checked_in_at",
        "purged_at",
    ]
    form_fields = [
        "first_name",
        "last_name",
        "email",
        "organization",
        "category",
        "accessibility_needs",
        "dietary_needs",
        "newsletter",
        "language",
    ]
    list_export = [
        "edition.year",
        "last_name",
        "first_name",
        "email",
        "organization",
        "get_category_display",
        "get_status_display",
        "waiting_position",
        "workshops_text",
        "accessibility_needs",
        "dietary_needs",
        "newsletter",
        "language",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "checked_in_at",
    ]
    export_headings = {
        "edition.year": _("Edition"),
        "get_category_display": _("Category"),
        "get_status_display": _("Status"),
        "workshops_text": _("Workshops"),
    }
    export_filename = "registrations"


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_viewset():
    return registration_viewset


@hooks.register("register_admin_viewset")
def register_screens():
    return admin_views.RegistrationScreens()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "registrations.cancel", _("Cancel registration"), _("Registration cancelled")
    )
    actions.register_action(
        "registrations.promote",
        _("Promote from the waiting list"),
        _("Promoted from the waiting list"),
    )
    actions.register_action("registrations.move", _("Change workshops"), _("Workshops changed"))
    actions.register_action(
        "registrations.new_link",
        _("Revoke links and send a new one"),
        _("Links revoked, new link sent"),
    )
    actions.register_action("registrations.undo_check_in", _("Undo check-in"), _("Check-in undone"))


class CheckInMenuItem(PermissionMenuItem):
    """The volunteers' only menu item (see keep_only_check_in_for_volunteers)."""


@hooks.register("register_admin_menu_item")
def register_check_in_menu_item():
    """The volunteers' only menu item: the check-in page of the current edition."""
    return CheckInMenuItem(
        _("Check-in"),
        reverse_lazy("registrations_admin:checkin"),
        model=Registration,
        action="check_in",
        name="checkin",
        icon_name="circle-check",
        order=319,
    )


class CheckInPanel(Component):
    """On the admin dashboard of whoever checks people in: straight to the door's pages."""

    name = "registrations_check_in"
    order = 50
    template_name = "registrations/admin/check_in_panel.html"

    def get_context_data(self, parent_context=None):
        return admin_views.check_in_links()


@hooks.register("construct_homepage_panels")
def add_check_in_panel(request, panels):
    if user_may(request.user, Registration, "check_in"):
        panels.append(CheckInPanel())


@hooks.register("construct_main_menu")
def keep_only_check_in_for_volunteers(request, menu_items):
    """Volunteers see the check-in item alone: not even the help menu or items that some
    view sets show to anyone who can reach the admin (they would answer "permission denied")."""
    if is_volunteer_only(request.user):
        menu_items[:] = [item for item in menu_items if isinstance(item, CheckInMenuItem)]


@hooks.register("alposs_import_sessions_changing")
def seats_in_changing_sessions(moved, withdrawn):
    """The import's report names the workshops that move or leave while people hold seats:
    they keep their seats; organizers are told whom to inform."""
    counts = queries.seat_holders([*moved, *withdrawn])
    lines = []
    for sessions, text in (
        (moved, gettext("“%(title)s” moves: %(seats)s seats held, %(waiting)s waiting (kept).")),
        (
            withdrawn,
            gettext(
                "“%(title)s” leaves the schedule: %(seats)s seats held, %(waiting)s waiting "
                "(kept; tell them)."
            ),
        ),
    ):
        for session in sessions:
            seats, waiting = counts.get(session.pk, (0, 0))
            if seats or waiting:
                lines.append(text % {"title": session.title, "seats": seats, "waiting": waiting})
    return lines


@hooks.register("alposs_registration_url")
def registration_page_url(edition, language):
    """The way to the edition's registration form, for home's `registration_action` tag."""
    return links.public_page_url(edition, language)


@hooks.register("alposs_session_availability")
def workshops_availability(sessions):
    """{session pk: seats left (0: full, waiting list)} of the workshops among `sessions` that
    take registrations and have a number of seats, counted as the registration form counts
    them (one query, none without such workshops)."""
    return queries.seats_left_of(sessions)
