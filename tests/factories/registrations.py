from django.utils import timezone

import factory
import wagtail_factories

from registrations.choices import Category, RegistrationStatus
from registrations.models import Registration, RegistrationPage
from tests.factories.home import EditionFactory


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory, registration_open=True)
    first_name = factory.Sequence(lambda n: f"Camille{n}")
    last_name = "Martin"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    category = Category.INDIVIDUAL
    language = "fr"
    status = RegistrationStatus.PENDING
    consented_at = factory.LazyFunction(timezone.now)


class RegistrationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RegistrationPage

    title = "Inscription"
    slug = "inscription"


#: A complete, valid registration form as a browser posts it.
REGISTRATION_FORM = {
    "first_name": "Grace",
    "last_name": "Hopper",
    "email": "grace@example.org",
    "organization": "Navy",
    "category": "public_body",
    "accessibility_needs": "Wheelchair",
    "dietary_needs": "Vegetarian",
    "consent": "on",
}
