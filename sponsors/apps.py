from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SponsorsConfig(AppConfig):
    name = "sponsors"
    verbose_name = _("Sponsors")

    def ready(self):
        from home.page_cache import bump_on_changes_of

        from . import models

        bump_on_changes_of(
            models.Sponsor,
            models.SponsorTier,
            models.SponsorEditionSettings,
            models.Sponsorship,
            models.BoothInfo,
        )
