from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site and editions")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .navigation import connect_signals

        connect_signals()
