from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_groups(sender, using="default", **kwargs):
    """Once per migrate, after the last app's signal: Wagtail's page and media tables exist."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is not with_models[-1]:
        return
    from .groups import create_groups

    create_groups(using=using)


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        post_migrate.connect(create_groups, dispatch_uid="registrations_create_groups")
        from program.changes import version_recorded

        from .services.notices import on_version_recorded

        version_recorded.connect(on_version_recorded, dispatch_uid="registrations_workshop_moved")
