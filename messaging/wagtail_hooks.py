"""Organizers' messages in the Wagtail admin, for whoever may see messages (not volunteers)."""

from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_viewset")
def register_screens():
    return admin_views.MessageScreens()
