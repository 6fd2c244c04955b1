"""Every screen our apps add to the admin (program, registrations, sponsors, figures, messaging)
checks the one permission it names, before anything else, the same way: an admin user without
it is sent back to the dashboard with Wagtail's message, even for an object that does not exist;
a user holding that permission alone gets past the check."""

from html import unescape

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import get_resolver, reverse
from django.utils.translation import gettext, override

from wagtail.admin.viewsets import viewsets

import pytest

from home.admin_screens import AdminScreenViewSet

pytestmark = pytest.mark.django_db

MISSING = "999999"  # no object has this id: the permission is checked before looking
PATH_VALUES = {"pk": MISSING, "edition_pk": MISSING, "file_format": "csv"}


def screens():
    """(URL name, view class) of every screen of every AdminScreenViewSet registered."""
    get_resolver().url_patterns  # noqa: B018 (loading the admin's URLs registers the view sets)
    found = []
    for viewset in viewsets.viewsets:
        if isinstance(viewset, AdminScreenViewSet):
            for route, view_class, name in viewset.screens:
                found.append((viewset.get_url_name(name), route, view_class))
    return found


SCREENS = screens()


def screen_url(name, route):
    kwargs = {key: value for key, value in PATH_VALUES.items() if f"<{key}>" in route}
    kwargs |= {key: value for key, value in PATH_VALUES.items() if f":{key}>" in route}
    return reverse(name, kwargs=kwargs)


def user_with(django_user_model, *permissions):
    """An admin user holding `permissions`, and adding documents (which makes them more than a
    check-in volunteer, whom registrations/admin_scope.py keeps out of the rest of the admin)."""
    user = django_user_model.objects.create_user("someone", "someone@example.org", "pw")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="wagtaildocs", codename="add_document"),
        *permissions,
    )
    return user


DENIED = "Sorry, you do not have permission to access this area."


def refused(response):
    """Wagtail's answer to a permission denied: the dashboard, with its message."""
    denied = set()
    for language in ("en", "fr"):
        with override(language):
            denied.add(gettext(DENIED))
    # Wagtail's admin messages are HTML.
    shown = {unescape(str(message)).strip() for message in get_messages(response.wsgi_request)}
    return (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
        and bool(shown & denied)
    )


def permission_of(view_class):
    opts = view_class.model._meta
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(view_class.model),
        codename=get_permission_codename(view_class.permission_required, opts),
    )


def test_every_app_has_its_screens_in_a_view_set():
    namespaces = {name.partition(":")[0] for name, _route, _view in SCREENS}
    assert namespaces == {
        "editions_admin",
        "program_schedule",
        "program_import",
        "registrations_admin",
        "sponsors_admin",
        "figures_admin",
        "messaging_admin",
    }


@pytest.mark.parametrize(("name", "route", "view_class"), SCREENS, ids=[s[0] for s in SCREENS])
def test_a_screen_sends_whoever_lacks_its_permission_back_to_the_dashboard(
    client, home_page, django_user_model, name, route, view_class
):
    client.force_login(user_with(django_user_model))
    url = screen_url(name, route)

    assert refused(client.get(url)), url
    assert refused(client.post(url)), url


@pytest.mark.parametrize(("name", "route", "view_class"), SCREENS, ids=[s[0] for s in SCREENS])
def test_a_screen_lets_in_whoever_holds_its_permission_alone(
    client, home_page, django_user_model, name, route, view_class
):
    client.force_login(user_with(django_user_model, permission_of(view_class)))
    url = screen_url(name, route)

    response = client.get(url)

    assert not refused(response), url
    assert response.status_code in (200, 302, 404, 405), url
