import pytest

from program.choices import SessionKind
from registrations.choices import RegistrationStatus, SeatStatus
from registrations.models import WorkshopSeat
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory
from tests.factories.registrations import RegistrationFactory

# The pages of the registrations tests, on this folder's edition.
from tests.registrations.conftest import (  # noqa: F401
    edition_page,
    registration_page,
    registration_page_en,
)


@pytest.fixture
def edition(db):
    return EditionFactory(registration_open=True, capacity=100, name="AlpOSS 2027")


@pytest.fixture
def workshop(edition):
    return SessionFactory(
        edition=edition,
        kind=SessionKind.WORKSHOP,
        registration_required=True,
        seats=2,
        title="Atelier Git",
        hour=14,
    )


def person(edition, name, status=RegistrationStatus.CONFIRMED, language="fr", **extra):
    if status == RegistrationStatus.WAITING:
        extra.setdefault("waiting_position", 1)
    return RegistrationFactory(
        edition=edition,
        first_name=name,
        email=f"{name.lower()}@example.org",
        status=status,
        language=language,
        **extra,
    )


def seat(registration, session, status=SeatStatus.CONFIRMED, position=None):
    if status == SeatStatus.WAITING and position is None:
        position = 1
    return WorkshopSeat.objects.create(
        registration=registration, session=session, status=status, position=position
    )


@pytest.fixture
def seat_holders(edition, workshop):
    """Élodie (French) and Bruno (English) hold seats; Chloé waits for one."""
    elodie = person(edition, "Elodie", language="fr")
    bruno = person(edition, "Bruno", language="en")
    chloe = person(edition, "Chloe")
    seat(elodie, workshop)
    seat(bruno, workshop)
    seat(chloe, workshop, SeatStatus.WAITING)
    return elodie, bruno, chloe
