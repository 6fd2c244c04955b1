"""The private booth link on the sponsorship's own edit page, with its send and revoke buttons
(the same screen and services as the listing row's "Private booth link")."""

from django.urls import reverse

from wagtail.admin.panels import Panel

from home.admin_screens import user_may

from .portal import portal_url


class PrivateLinkPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "sponsors/admin/private_link_panel.html"

        def is_shown(self):
            return bool(self.instance.pk) and user_may(
                self.request.user, type(self.instance), "change"
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            sponsorship = self.instance
            context.update(
                {
                    "sponsorship": sponsorship,
                    "url": portal_url(sponsorship),
                    "action": reverse("sponsors_admin:portal_link", args=[sponsorship.pk])
                    + "?back=edit",
                }
            )
            return context
