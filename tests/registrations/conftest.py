from django.contrib.auth.models import Group

import pytest

from registrations.groups import VOLUNTEERS_GROUP, registrations_group
from registrations.models import RegistrationPage
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.registrations import RegistrationPageFactory


@pytest.fixture
def edition(db):
    return EditionFactory(registration_open=True, capacity=3, serves_food=True)


@pytest.fixture
def edition_page(home_page, edition):
    return EditionPageFactory(parent=home_page, edition=edition)


@pytest.fixture
def registration_page(edition_page):
    return RegistrationPageFactory(parent=edition_page)


@pytest.fixture
def registration_page_en(registration_page, edition_page, home_page_en, locales):
    edition_copy = edition_page.copy_for_translation(locales["en"])
    edition_copy.save_revision().publish()
    copy = registration_page.copy_for_translation(locales["en"])
    copy.title = "Registration"
    copy.slug = "register"
    copy.save()
    copy.save_revision().publish()
    return RegistrationPage.objects.get(pk=copy.pk)


@pytest.fixture
def outbox(mailoutbox):
    return mailoutbox


@pytest.fixture
def organizer(django_user_model):
    """A member of the group that may see and export registrations."""
    user = django_user_model.objects.create_user("orga", "orga@example.org", "pw")
    user.groups.add(registrations_group())
    return user


@pytest.fixture
def volunteer(django_user_model):
    user = django_user_model.objects.create_user(
        "benevole", "b@example.org", "pw", first_name="Bénédicte", last_name="Vol"
    )
    user.groups.add(Group.objects.get(name=VOLUNTEERS_GROUP))
    return user
