from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def freeze_before_purge(sender, edition, **kwargs):
    """The registrations app is about to remove personal data: keep the figures first."""
    from .services import freeze_tally

    freeze_tally(edition)


class FiguresConfig(AppConfig):
    name = "figures"
    verbose_name = _("Figures")

    def ready(self):
        from home.page_cache import bump_on_changes_of
        from registrations.signals import personal_data_purge_requested

        from .models import AttendanceTally

        bump_on_changes_of(AttendanceTally)
        personal_data_purge_requested.connect(
            freeze_before_purge, dispatch_uid="figures_freeze_before_purge"
        )
