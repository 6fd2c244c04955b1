import datetime
from io import StringIO

from django.utils import timezone

import pytest

from home.demo_tools import translate_page
from program.choices import SessionKind
from registrations import demo
from registrations.choices import RegistrationStatus, SeatStatus
from registrations.models import Registration, RegistrationPage, WorkshopAttendance
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.program import SessionFactory

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
    workshop = SessionFactory(
        edition=past, kind=SessionKind.WORKSHOP, registration_required=True, seats=30
    )

    demo.load(StringIO())
    demo.load(StringIO())

    assert RegistrationPage.objects.filter(locale__language_code="fr").count() == 2
    assert RegistrationPage.objects.filter(locale__language_code="en").count() == 2
    assert Registration.objects.filter(edition=past).count() == 600
    assert Registration.objects.filter(edition=past, checked_in_at__isnull=False).count() == 510
    came = WorkshopAttendance.objects.filter(seat__session=workshop)
    assert 15 <= came.count() <= 30
    assert not came.filter(seat__registration__checked_in_at__isnull=True).exists()
    assert not came.exclude(seat__status=SeatStatus.CONFIRMED).exists()
    assert Registration.objects.filter(edition=upcoming).count() == 120
    pending = Registration.objects.filter(edition=upcoming, status=RegistrationStatus.PENDING)
    assert pending.count() == 12
    assert all(timezone.now() - r.created_at < datetime.timedelta(hours=24) for r in pending)
    past.refresh_from_db()
    assert past.registration_state() == "closed"
