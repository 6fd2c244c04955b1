"""The confirmation and ticket e-mails recap the workshops chosen, with their day, times (Paris
time) and rooms; the cancellation mail does not say "see you soon"."""

from django.core import mail

import pytest

from program.choices import SessionKind
from registrations import services
from registrations.choices import Category
from tests.factories.program import RoomFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(edition):
    return SessionFactory(
        edition=edition,
        kind=SessionKind.WORKSHOP,
        title="Atelier Linux",
        registration_required=True,
        seats=10,
        hour=14,
        minutes=90,
        room=RoomFactory(edition=edition, name="Salle Vercors"),
    )


def register(edition, workshop, language):
    return services.register(
        edition,
        first_name="Ada",
        last_name="Lovelace",
        email=f"ada-{language}@example.org",
        category=Category.COMPANY,
        language=language,
        sessions=[workshop],
    ).registration


@pytest.mark.parametrize(
    ("language", "heading", "closing", "no_closing"),
    [
        ("fr", "Vos ateliers (heure de Paris)\u202f:", "À bientôt", "L'équipe"),
        ("en", "Your workshops (Paris time):", "See you soon", "The AlpOSS team"),
    ],
)
def test_confirmation_and_ticket_mails_recap_workshops_and_cancelling_says_no_see_you_soon(
    edition, workshop, language, heading, closing, no_closing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(edition, workshop, language)
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(registration)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration)
    confirm_mail, ticket_mail, cancelled_mail = mail.outbox
    day = {"fr": "17 février", "en": "17 February"}[language]
    for message in (confirm_mail, ticket_mail):
        assert heading in message.body
        assert "Atelier Linux, " in message.body
        assert f"{day}, 14:00–15:30, Salle Vercors — " in message.body
        html = message.alternatives[0][0]
        assert "14:00–15:30, Salle Vercors" in html
        assert closing in message.body
    assert closing not in cancelled_mail.body
    assert closing not in cancelled_mail.alternatives[0][0]
    assert no_closing in cancelled_mail.body
