import datetime
from io import StringIO

from django.utils import timezone

import pytest

from home.demo_tools import translate_page
from registrations import demo
from registrations.choices import RegistrationStatus
from registrations.models import Registration, RegistrationPage
from tests.factories.home import EditionFactory, EditionPageFactory

pytestmark = pytest.mark.django_db


def test_demo_registrations_load_fast_and_once(home_page, home_page_en):
    past = EditionFactory(year=2026, number=3, capacity=600)
    upcoming = EditionFactory(
        year=2099, number=4, capacity=650, registration_open=True, serves_food=True
    )
    upcoming.registration_opens_at = timezone.now() - datetime.timedelta(days=14)
    upcoming.save()
    for edition in (past, upcoming):
        translate_page(EditionPageFactory(parent=home_page, edition=edition), "en")

    demo.load(StringIO())
    demo.load(StringIO())

    assert RegistrationPage.objects.filter(locale__language_code="fr").count() == 2
    assert RegistrationPage.objects.filter(locale__language_code="en").count() == 2
    assert Registration.objects.filter(edition=past).count() == 600
    assert Registration.objects.filter(edition=past, checked_in_at__isnull=False).count() == 510
    assert Registration.objects.filter(edition=upcoming).count() == 120
    pending = Registration.objects.filter(edition=upcoming, status=RegistrationStatus.PENDING)
    assert pending.count() == 12
    assert all(timezone.now() - r.created_at < datetime.timedelta(hours=24) for r in pending)
    past.refresh_from_db()
    assert past.registration_state() == "closed"
