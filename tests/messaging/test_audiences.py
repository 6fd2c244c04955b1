import pytest

from messaging import audiences
from messaging.choices import Audience
from messaging.models import Message
from registrations.choices import RegistrationStatus, SeatStatus
from registrations.services import delete_personal_data
from tests.factories.program import SessionFactory, SpeakerFactory
from tests.factories.sponsors import SponsorshipFactory, SponsorTierFactory

from .conftest import person, seat

pytestmark = pytest.mark.django_db


def emails(edition, audience, workshop=None):
    message = Message(edition=edition, audience=audience, workshop=workshop, subject_fr="s")
    return sorted(p.email for p in audiences.recipients(message))


def test_confirmed_participants_leave_out_pending_waiting_cancelled_expired_and_purged(edition):
    delete_personal_data(person(edition, "Purged"))
    person(edition, "Ada")
    person(edition, "Pending", RegistrationStatus.PENDING)
    person(edition, "Waiting", RegistrationStatus.WAITING)
    person(edition, "Gone", RegistrationStatus.CANCELLED)
    person(edition, "Late", RegistrationStatus.EXPIRED)
    assert emails(edition, Audience.PARTICIPANTS) == ["ada@example.org"]


def test_the_edition_waiting_list(edition):
    person(edition, "Ada")
    person(edition, "Waiting", RegistrationStatus.WAITING)
    assert emails(edition, Audience.EDITION_WAITING) == ["waiting@example.org"]


def test_seat_holders_and_the_waiting_list_of_one_workshop(edition, workshop, seat_holders):
    other = SessionFactory(edition=edition, registration_required=True, seats=5)
    seat(person(edition, "Elsewhere"), other)
    gone = person(edition, "Gone", RegistrationStatus.CANCELLED)
    seat(gone, workshop)
    assert emails(edition, Audience.SEAT_HOLDERS, workshop) == [
        "bruno@example.org",
        "elodie@example.org",
    ]
    assert emails(edition, Audience.WORKSHOP_WAITING, workshop) == ["chloe@example.org"]


def test_a_purged_seat_holder_is_left_out(edition, workshop, seat_holders):
    elodie, _bruno, chloe = seat_holders
    delete_personal_data(elodie)  # frees her seat: Chloé takes it
    assert chloe.seats.get().status == SeatStatus.CONFIRMED
    assert emails(edition, Audience.SEAT_HOLDERS, workshop) == [
        "bruno@example.org",
        "chloe@example.org",
    ]


def test_speakers_of_the_edition_with_an_address(edition):
    with_mail = SpeakerFactory(email="ada@speakers.example.org", language="en")
    without = SpeakerFactory(email="")
    elsewhere = SpeakerFactory(email="other@speakers.example.org")
    SessionFactory(edition=edition, speakers=[with_mail, without])
    SessionFactory(edition=edition, speakers=[with_mail])  # once, though twice on the program
    SessionFactory(speakers=[elsewhere])
    [speaker] = audiences.recipients(
        Message(edition=edition, audience=Audience.SPEAKERS, subject_fr="s")
    )
    assert (speaker.email, speaker.language, speaker.first_name) == (
        "ada@speakers.example.org",
        "en",
        with_mail.name,
    )


def test_sponsor_contacts_of_the_edition(edition):
    tier = SponsorTierFactory(edition=edition)
    SponsorshipFactory(tier=tier, contact_email="a@sponsor.example.org")
    SponsorshipFactory(tier=tier, contact_email="")
    SponsorshipFactory(contact_email="other@sponsor.example.org")
    assert emails(edition, Audience.SPONSORS) == ["a@sponsor.example.org"]


def test_one_address_gets_the_message_once(edition):
    tier = SponsorTierFactory(edition=edition)
    SponsorshipFactory(tier=tier, contact_email="same@example.org")
    SponsorshipFactory(tier=tier, contact_email="SAME@example.org")
    assert len(emails(edition, Audience.SPONSORS)) == 1


def test_seat_status_requested_is_not_a_seat_holder(edition, workshop):
    seat(person(edition, "Asked", RegistrationStatus.PENDING), workshop, SeatStatus.REQUESTED)
    assert emails(edition, Audience.SEAT_HOLDERS, workshop) == []
