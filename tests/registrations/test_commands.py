import datetime
from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from registrations.choices import RegistrationStatus
from registrations.models import Registration
from tests.factories.home import EditionFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


def purge(*args):
    out = StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def test_purging_an_edition_erases_personal_data_keeps_counts_and_is_idempotent():
    past = EditionFactory(year=2026, start_date=datetime.date(2026, 2, 17))
    other = EditionFactory(year=2027, start_date=datetime.date(2027, 2, 17))
    for status in ("confirmed", "confirmed", "cancelled", "waiting"):
        RegistrationFactory(
            edition=past,
            status=status,
            waiting_position=1 if status == "waiting" else None,
            accessibility_needs="Wheelchair",
            checked_in_at=timezone.now() if status == "confirmed" else None,
        )
    kept = RegistrationFactory(edition=other)
    assert "4 registration" in purge("--edition", "2026")
    assert "0 registration" in purge("--edition", "2026")
    rows = Registration.objects.filter(edition=past)
    assert set(rows.values_list("email", "first_name", "last_name", "accessibility_needs")) == {
        ("", "", "", "")
    }
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 2
    assert rows.filter(checked_in_at__isnull=False).count() == 2
    kept.refresh_from_db()
    assert kept.email and kept.purged_at is None


def test_an_edition_not_over_needs_force():
    EditionFactory(year=2099, start_date=datetime.date(2099, 2, 17))
    with pytest.raises(CommandError):
        purge("--edition", "2099")
    with pytest.raises(CommandError):
        purge("--edition", "1999")


def test_due_purges_only_editions_past_the_retention_delay(settings):
    settings.ALPOSS_REGISTRATION_RETENTION_DAYS = 180
    today = timezone.localdate()
    old = EditionFactory(year=2020, start_date=today - datetime.timedelta(days=200))
    recent = EditionFactory(year=2021, start_date=today - datetime.timedelta(days=30))
    old_one = RegistrationFactory(edition=old)
    recent_one = RegistrationFactory(edition=recent)
    purge("--due")
    old_one.refresh_from_db()
    recent_one.refresh_from_db()
    assert old_one.purged_at and not recent_one.purged_at


def test_expire_registrations_command():
    edition = EditionFactory(registration_open=True)
    RegistrationFactory(edition=edition, created_at=timezone.now() - datetime.timedelta(days=3))
    out = StringIO()
    call_command("expire_registrations", stdout=out)
    assert "1 registration" in out.getvalue()
