"""One edition with everything the public can reach: a program (talk, workshop, track), an open
registration page, a confirmed participant with their private links, a sponsor's portal link
and a logged-in check-in volunteer; and a test client that answers 500 instead of raising."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

import pytest

from program.choices import SessionKind
from registrations import services, tokens
from registrations.groups import VOLUNTEERS_GROUP
from registrations.models import RegistrationPage
from sponsors.portal import portal_path
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.program import (
    ProgramPageFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    TrackFactory,
    at,
)
from tests.factories.registrations import RegistrationFactory, RegistrationPageFactory
from tests.factories.sponsors import BoothInfoFactory, SponsorshipFactory, SponsorTierFactory

YEAR = 2033


@pytest.fixture(autouse=True)
def unlimited(settings):
    """These tests send hundreds of requests from one address: the rate limits are not theirs
    to prove (tests/registrations and the abuse tests do that)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    """Django's test client, answering like the real server: an exception becomes a 500."""
    return Client(raise_request_exception=False)


@dataclass
class Site:
    edition: object
    program_url: str
    registration_url: str
    talk: object
    workshop: object
    speaker: object
    track: object
    participant: object
    booth: object
    portal_url: str

    def link(self, route, registration=None):
        """The participant's private link of `route` (confirmer, gerer, accueil)."""
        registration = registration or self.participant
        purpose = {
            "confirmer": tokens.CONFIRM,
            "gerer": tokens.MANAGE,
            "accueil": tokens.CHECKIN,
        }[route]
        return f"{self.registration_url}{route}/{tokens.make_token(registration, purpose)}/"


@pytest.fixture
def site(home_page):
    edition = EditionFactory(
        year=YEAR, number=9, registration_open=True, capacity=50, serves_food=True
    )
    edition_page = EditionPageFactory(parent=home_page, edition=edition)
    program_page = ProgramPageFactory(parent=edition_page)
    registration_page = RegistrationPageFactory(parent=edition_page)
    room = RoomFactory(edition=edition, name="Grande salle")
    track = TrackFactory(edition=edition, name="Collectivités", slug="collectivites")
    speaker = SpeakerFactory(name="Inès Martin", organization="Ville de Fontaine")
    talk = SessionFactory(
        edition=edition,
        title="Migrer une mairie vers LibreOffice",
        room=room,
        track=track,
        speakers=[speaker],
    )
    workshop = SessionFactory(
        edition=edition,
        kind=SessionKind.WORKSHOP,
        title="Atelier Linux",
        room=RoomFactory(edition=edition, name="Atelier"),
        start=at(edition, 14),
        end=at(edition, 14) + datetime.timedelta(hours=2),
        seats=2,
        registration_required=True,
    )
    participant = services.confirm(
        RegistrationFactory(edition=edition, first_name="Ada", last_name="Lovelace")
    ).registration
    services.change_workshops(participant, [workshop])
    sponsorship = SponsorshipFactory(tier=SponsorTierFactory(edition=edition))
    booth = BoothInfoFactory(sponsorship=sponsorship)
    return Site(
        edition=edition,
        program_url=program_page.url,
        registration_url=RegistrationPage.objects.get(pk=registration_page.pk).url,
        talk=talk,
        workshop=workshop,
        speaker=speaker,
        track=track,
        participant=participant,
        booth=booth,
        portal_url=portal_path(sponsorship, "fr"),
    )


@pytest.fixture
def volunteer_client(site, django_user_model):
    user = django_user_model.objects.create_user("benevole", "b@example.org", "pw")
    user.groups.add(Group.objects.get(name=VOLUNTEERS_GROUP))
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def registration_url_en(site, home_page_en, locales):
    """The address of the English copy of the registration page."""
    page = RegistrationPage.objects.get(url_path__endswith="/inscription/")
    edition_copy = page.get_parent().specific.copy_for_translation(locales["en"])
    edition_copy.save_revision().publish()
    copy = page.copy_for_translation(locales["en"])
    copy.title, copy.slug = "Registration", "register"
    copy.save()
    copy.save_revision().publish()
    return RegistrationPage.objects.get(pk=copy.pk).url
