"""The admin screens' view set refuses, when its URLs load, a screen that names no permission:
an unchecked screen would otherwise be open to anyone who may reach the admin."""

from django.core.exceptions import ImproperlyConfigured

import pytest

from home.admin_screens import AdminScreenView, AdminScreenViewSet
from home.models import Edition


class Unchecked(AdminScreenView):
    model = Edition


class Checked(AdminScreenView):
    model = Edition
    permission_required = "view"


def test_a_screen_without_a_permission_is_refused_when_the_urls_load():
    screens = AdminScreenViewSet("somewhere", screens=[("", Unchecked, "index")])

    with pytest.raises(ImproperlyConfigured, match="Unchecked must name"):
        screens.get_urlpatterns()


def test_a_screen_with_its_model_and_permission_gets_its_url():
    screens = AdminScreenViewSet("somewhere", screens=[("list/", Checked, "index")])

    (pattern,) = screens.get_urlpatterns()

    assert (str(pattern.pattern), pattern.name) == ("list/", "index")
