"""The admin groups the site creates, and keeps up to date after every `migrate`.

- "Check-in volunteers": log in to the admin and check people in at the door, nothing else.
- "Organizers": edit the program, sponsors, registrations, figures, editions and pages.
- "Registrations" (created earlier): follow the registrations, without the rest of the site.

Run from `post_migrate`, so a permission added by a later model or migration is given to its
group on the next `migrate`, and an existing group only ever gains the permissions listed here:
what an administrator added by hand stays.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.db.models import Q

CHECK_IN_PERMISSION = "registrations.check_in_registration"
VOLUNTEERS_GROUP = "Check-in volunteers"
ORGANIZERS_GROUP = "Organizers"
REGISTRATIONS_GROUP = "Registrations"

VOLUNTEER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("registrations", "check_in_registration"),
]
# The same, as user.has_perm() names them: an account holding no others is kept to check-in in
# the admin (registrations.admin_scope).
VOLUNTEER_PERMISSION_NAMES = frozenset(f"{app}.{code}" for app, code in VOLUNTEER_PERMISSIONS)
REGISTRATIONS_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("registrations", "view_registration"),
    ("registrations", "change_registration"),
    ("registrations", "view_workshopseat"),
    ("registrations", "check_in_registration"),
]
# Every permission of these apps' models (a new model's come with the next migrate)...
ORGANIZER_APPS = ["program", "sponsors", "registrations", "figures", "messaging", "home"]
# ...except the accounts: organizers do not manage users.
ORGANIZER_EXCLUDED_MODELS = [("home", "user")]
ORGANIZER_EXTRA = [
    ("wagtailadmin", "access_admin"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", codename) for codename in ("add_image", "change_image", "choose_image")
] + [
    ("wagtaildocs", codename) for codename in ("add_document", "change_document", "choose_document")
]


def _permissions(pairs, using):
    from django.contrib.auth.models import Permission

    query = Q(pk__in=[])
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.using(using).filter(query)


def _make_sure_permissions_exist(using):
    """post_migrate reaches apps in INSTALLED_APPS order: ours may run before auth's."""
    for label in ORGANIZER_APPS:
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)


def _group(name, using):
    from django.contrib.auth.models import Group

    return Group.objects.using(using).get_or_create(name=name)[0]


def volunteers_group(using="default"):
    group = _group(VOLUNTEERS_GROUP, using)
    group.permissions.add(*_permissions(VOLUNTEER_PERMISSIONS, using))
    return group


def registrations_group(using="default"):
    group = _group(REGISTRATIONS_GROUP, using)
    group.permissions.add(*_permissions(REGISTRATIONS_PERMISSIONS, using))
    return group


def organizers_group(using="default"):
    from django.contrib.auth.models import Permission

    group = _group(ORGANIZERS_GROUP, using)
    excluded = Q(pk__in=[])
    for app_label, model in ORGANIZER_EXCLUDED_MODELS:
        excluded |= Q(content_type__app_label=app_label, content_type__model=model)
    models = Permission.objects.using(using).filter(content_type__app_label__in=ORGANIZER_APPS)
    group.permissions.add(*models.exclude(excluded), *_permissions(ORGANIZER_EXTRA, using))
    _give_pages_and_collections(group, using)
    return group


def _give_pages_and_collections(group, using):
    """Page and media permissions are given on the root of the tree, which every page is under."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.objects.using(using).filter(depth=1).first()
    if root_page is not None:
        for permission in _permissions([("wagtailcore", c) for c in PAGE_PERMISSIONS], using):
            GroupPagePermission.objects.using(using).get_or_create(
                group=group, page=root_page, permission=permission
            )
    root_collection = Collection.objects.using(using).filter(depth=1).first()
    if root_collection is not None:
        for permission in _permissions(COLLECTION_PERMISSIONS, using):
            GroupCollectionPermission.objects.using(using).get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def create_groups(using="default", **kwargs):
    """Create or complete the three groups (idempotent)."""
    _make_sure_permissions_exist(using)
    volunteers_group(using)
    registrations_group(using)
    organizers_group(using)
