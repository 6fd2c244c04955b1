from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

ORGANIZER_GROUP = "Registrations"
ORGANIZER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("registrations", "view_registration"),
    ("registrations", "change_registration"),
    ("registrations", "view_workshopseat"),
]


def create_organizer_group(using="default", **kwargs):
    """The group given to organizers who follow registrations (personal data: nobody else)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # Our receiver may run before auth's for this app: make sure our permissions exist.
    create_permissions(apps.get_app_config("registrations"), verbosity=0, using=using)
    group, _created = Group.objects.using(using).get_or_create(name=ORGANIZER_GROUP)
    for app_label, codename in ORGANIZER_PERMISSIONS:
        permission = (
            Permission.objects.using(using)
            .filter(content_type__app_label=app_label, codename=codename)
            .first()
        )
        if permission is not None:
            group.permissions.add(permission)
    return group


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        post_migrate.connect(create_organizer_group, sender=self)
