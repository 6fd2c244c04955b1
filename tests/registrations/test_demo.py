import datetime
from io import StringIO

from django.utils import timezone

import pytest

from home.demo_tools import demo_data
from home.editions import publish_translation
from program.choices import SessionKind
from program.models import Session
from registrations import demo
from registrations.choices import RegistrationStatus, SeatStatus
from registrations.models import Registration, RegistrationPage, WorkshopAttendance, WorkshopSeat
from registrations.tasks import send_registration_email
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.program import SessionFactory

pytestmark = pytest.mark.django_db


def editions_to_fill(home_page):
    """The demo's past edition (2026, number 3) and upcoming one (number 4, registration open
    for two weeks), each with its page in French and English."""
    past = EditionFactory(year=2026, number=3, capacity=600)
    upcoming = EditionFactory(
        year=2099, number=4, capacity=650, registration_open=True, serves_food=True
    )
    upcoming.registration_opens_at = timezone.now() - datetime.timedelta(days=14)
    upcoming.save()
    for edition in (past, upcoming):
        publish_translation(EditionPageFactory(parent=home_page, edition=edition), "en")
    return past, upcoming


def test_demo_registrations_load_fast_and_once(home_page, home_page_en):
    past, upcoming = editions_to_fill(home_page)
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


def demo_editions(home_page, home_page_en):
    """The two editions the demo fills, with workshops: two at the same time, small ones."""
    past, upcoming = editions_to_fill(home_page)
    for edition, hour, seats in [
        (past, 10, 12),
        (past, 10, 20),
        (past, 14, 10),
        (upcoming, 10, 8),
        (upcoming, 14, 16),
    ]:
        SessionFactory(
            edition=edition,
            kind=SessionKind.WORKSHOP,
            registration_required=True,
            seats=seats,
            hour=hour,
            minutes=90,
        )
    return past, upcoming


def test_the_demo_workshop_lists_follow_the_rules_of_registration(home_page, home_page_en):
    demo_editions(home_page, home_page_en)

    demo.load(StringIO())

    seats = WorkshopSeat.objects.select_related("registration", "session")
    assert seats.filter(status=SeatStatus.WAITING).exists()  # the demo shows waiting lists
    for session in Session.objects.filter(registration_required=True):
        here = [seat for seat in seats if seat.session_id == session.pk]
        holders = [seat for seat in here if seat.status == SeatStatus.CONFIRMED]
        waiting = sorted(
            (seat for seat in here if seat.status == SeatStatus.WAITING),
            key=lambda seat: seat.position,
        )
        assert len(holders) <= session.seats
        if waiting:  # nobody waits while a seat is free
            assert len(holders) == session.seats
        # First come, first served: the list is in the order people confirmed, after every
        # seat holder, and ranked 1, 2, 3... (positions may keep the gaps of people promoted).
        assert [seat.waiting_rank for seat in waiting] == list(range(1, len(waiting) + 1))
        joined = [seat.registration.confirmed_at for seat in waiting]
        assert joined == sorted(joined)
        if waiting and holders:
            assert max(seat.registration.confirmed_at for seat in holders) <= joined[0]
        # Only a confirmed registration holds or waits for a workshop seat; the others (pending,
        # or on the edition's list) have asked for it; cancelled and expired ones have none.
        for seat in here:
            expected = (
                {SeatStatus.CONFIRMED, SeatStatus.WAITING}
                if seat.registration.status == RegistrationStatus.CONFIRMED
                else {SeatStatus.REQUESTED}
            )
            assert seat.status in expected
    gone = (RegistrationStatus.CANCELLED, RegistrationStatus.EXPIRED)
    assert not seats.filter(registration__status__in=gone).exists()


def test_loading_the_demo_queues_no_email(
    home_page, home_page_en, monkeypatch, django_capture_on_commit_callbacks, mailoutbox
):
    demo_editions(home_page, home_page_en)
    data = demo_data("registrations", "registrations")
    for plan in data["editions"]:  # fewer people: every path is taken all the same
        plan["statuses"] = {status: -(-count // 20) for status, count in plan["statuses"].items()}
        plan["checked_in"] = -(-plan["checked_in"] // 20)
    monkeypatch.setattr(demo, "demo_data", lambda *args: data)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        demo.load(StringIO())

    assert Registration.objects.filter(status=RegistrationStatus.CANCELLED).exists()
    assert WorkshopSeat.objects.exists()
    assert not [
        callback
        for callback in callbacks
        if getattr(callback, "func", None) == send_registration_email.enqueue
    ]
    assert mailoutbox == []
