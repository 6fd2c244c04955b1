import pytest

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
