from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site and editions")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .models import Edition, SiteSettings
        from .navigation import connect_signals
        from .page_cache import bump_on_changes_of

        connect_signals()
        bump_on_changes_of(Edition, get_image_model())
        bump_on_changes_of(SiteSettings, except_creation=True)
