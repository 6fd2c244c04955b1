from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .admin_screens import user_may
from .admin_views import EditionScreens
from .models import Edition


class EditionIndexView(IndexView):
    """The editions' listing, whose first action prepares the next edition in one step."""

    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if user_may(self.request.user, Edition, "add"):
            buttons.insert(
                0,
                HeaderButton(
                    _("Prepare a new edition"),
                    url=reverse("editions_admin:prepare"),
                    icon_name="plus",
                ),
            )
        return buttons


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
    index_view_class = EditionIndexView


register_snippet(EditionViewSet)


@hooks.register("register_admin_viewset")
def register_edition_screens():
    return EditionScreens()


@hooks.register("register_snippet_listing_buttons")
def edition_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Edition) and user_may(user, Edition, "add"):
        yield Button(
            _("Prepare the next edition from this one"),
            reverse("editions_admin:prepare") + f"?from={snippet.pk}",
            icon_name="copy",
            priority=5,
        )
