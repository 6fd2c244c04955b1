"""The admin screens the apps add beside Wagtail's own listings and forms, built one way.

A screen is an `AdminScreenView`: a class-based view with `model` and `permission_required`
(an action on that model: "view", "change", "check_in"...), checked by Wagtail's
`PermissionCheckedMixin` against the model's permission policy before anything else runs (the
admin then sends whoever is refused to the dashboard with a message). An app gathers its
screens in an `AdminScreenViewSet` registered with the `register_admin_viewset` hook, which gives
their URLs one prefix and one namespace (`<name>:<screen>` for `reverse` and `{% url %}`).
Menu items, buttons and dashboard panels that lead to a screen ask the same policy
(`user_may`, `PermissionMenuItem`), so nobody is shown a link that would refuse them.
"""

from django.core.exceptions import ImproperlyConfigured
from django.urls import path, reverse_lazy
from django.views.generic import View

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import policy_registry


def user_may(user, model, action):
    """Whether `user` may do `action` on `model`, exactly as the screens check it."""
    return policy_registry.get_by_type(model).user_has_permission(user, action)


class AdminScreenView(PermissionCheckedMixin, View):
    """A screen for whoever may do `permission_required` on `model`; nobody else gets past
    `dispatch`. Define `get` and/or `post`: other methods answer 405."""

    model = None
    permission_required = None


class PermissionMenuItem(MenuItem):
    """A menu item shown to whoever may do `action` on `model`."""

    def __init__(self, label, url, *, model, action, **kwargs):
        super().__init__(label, url, **kwargs)
        self.model, self.action = model, action

    def is_shown(self, request):
        return user_may(request.user, self.model, self.action)


class AdminScreenViewSet(ViewSet):
    """An app's screens under one URL prefix and namespace.

    `screens`: (route, AdminScreenView subclass, URL name). `menu_screen`: the URL name the
    menu item opens, if the view set has one (set `add_to_admin_menu` or `menu_hook`); the item
    is shown to whoever that screen lets in.
    """

    screens = ()
    menu_screen = None

    def get_urlpatterns(self):
        patterns = []
        for route, view_class, name in self.screens:
            if view_class.model is None or view_class.permission_required is None:
                raise ImproperlyConfigured(
                    f"{view_class.__name__} must name its `model` and `permission_required`."
                )
            patterns.append(path(route, self.construct_view(view_class), name=name))
        return patterns

    def _screen(self, name):
        return next(view for _route, view, url_name in self.screens if url_name == name)

    @property
    def menu_url(self):
        return reverse_lazy(self.get_url_name(self.menu_screen))

    def get_menu_item(self, order=None):
        screen = self._screen(self.menu_screen)
        return PermissionMenuItem(
            self.menu_label,
            self.menu_url,
            model=screen.model,
            action=screen.permission_required,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )
