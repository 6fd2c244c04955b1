from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Edition


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "date"
    menu_label = _("Editions")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "year", "start_date", "venue_name", "capacity"]
    list_filter = ["year"]
    search_fields = ["name", "venue_name", "theme"]
    search_backend_name = None
    ordering = ["-year"]
    copy_view_enabled = False


register_snippet(EditionViewSet)
