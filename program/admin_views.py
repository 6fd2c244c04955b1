"""An organizer's view of the program: each room of an edition and its sessions, drafts included."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from home.admin_screens import AdminScreenView, AdminScreenViewSet
from home.models import Edition

from .models import Room, Session


class ScheduleByRoomView(AdminScreenView, TemplateView):
    model = Session
    permission_required = "change"
    template_name = "program/admin/schedule_by_room.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editions = list(Edition.objects.order_by("-start_date"))
        chosen = self.request.GET.get("edition", "")
        edition = next((e for e in editions if str(e.pk) == chosen), None)
        edition = edition or Edition.objects.current() or (editions[0] if editions else None)
        sessions = list(
            Session.objects.filter(edition=edition)
            .select_related("room", "track")
            .order_by("start", "title")
        )
        rooms = list(Room.objects.filter(edition=edition).order_by("sort_order", "name"))
        columns = [(room, [s for s in sessions if s.room_id == room.pk]) for room in rooms]
        roomless = [s for s in sessions if s.room_id is None]
        if roomless:
            columns.append((None, roomless))
        for session in sessions:
            session.edit_url = reverse("wagtailsnippets_program_session:edit", args=[session.pk])
        context.update(
            {
                "page_title": _("Schedule by room"),
                "header_icon": "table",
                "editions": editions,
                "edition": edition,
                "columns": columns,
            }
        )
        return context


class ScheduleByRoomViewSet(AdminScreenViewSet):
    name = "program_schedule"
    icon = "table"
    menu_label = _("Schedule by room")
    menu_order = 50
    menu_screen = "index"
    screens = (("", ScheduleByRoomView, "index"),)
