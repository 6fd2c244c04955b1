"""Fixtures shared by every test: a French home page as the site root, its English copy."""

from django.utils import translation

from wagtail.models import Locale, Page, Site

import pytest

from tests.factories.home import HomePageFactory


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts with no language activated (so the site's default applies), whatever
    an earlier test's request left active."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def locales(db):
    french, _ = Locale.objects.get_or_create(language_code="fr")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return {"fr": french, "en": english}


@pytest.fixture
def home_page(locales):
    """The French home page at the root of the default site (replacing Wagtail's placeholder)."""
    # A transactional test before this one empties every table, Wagtail's root page included.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, slug="accueil", locale=locales["fr"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "AlpOSS"},
    )
    return home


@pytest.fixture
def home_page_en(home_page, locales):
    copy = home_page.copy_for_translation(locales["en"])
    copy.save_revision().publish()
    return copy.specific


@pytest.fixture
def english_admin_client(client, django_user_model):
    """A superuser who reads the admin in English (assertions are written in English)."""
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client
