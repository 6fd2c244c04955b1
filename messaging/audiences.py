"""Who a message goes to, computed when it is sent and checked again just before each e-mail.

Cancelled, expired and purged registrations are never part of an audience; nor is anybody
without an e-mail address. One address appears once (the first person holding it).
"""

from dataclasses import dataclass

from program.models import Speaker
from registrations.choices import ACTIVE_STATUSES, RegistrationStatus, SeatStatus
from registrations.models import Registration
from sponsors.models import Sponsorship

from .choices import Audience, RecipientKind


@dataclass
class Recipient:
    kind: str
    pk: int
    email: str
    language: str
    first_name: str
    obj: object

    @property
    def key(self):
        return (self.kind, self.pk)


def _registrations(message):
    people = Registration.objects.filter(edition_id=message.edition_id, purged_at__isnull=True)
    audience = message.audience
    if audience == Audience.PARTICIPANTS:
        people = people.filter(status=RegistrationStatus.CONFIRMED)
    elif audience == Audience.EDITION_WAITING:
        people = people.filter(status=RegistrationStatus.WAITING)
    elif audience == Audience.SEAT_HOLDERS:
        people = people.filter(
            status=RegistrationStatus.CONFIRMED,
            seats__session_id=message.workshop_id,
            seats__status=SeatStatus.CONFIRMED,
        )
    elif audience == Audience.WORKSHOP_WAITING:
        people = people.filter(
            status__in=ACTIVE_STATUSES,
            seats__session_id=message.workshop_id,
            seats__status=SeatStatus.WAITING,
        )
    return people.exclude(email="").select_related("edition").order_by("pk")


def _speakers(message):
    return (
        Speaker.objects.filter(
            session_roles__session__edition_id=message.edition_id,
            session_roles__session__live=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _sponsorships(message):
    return (
        Sponsorship.objects.filter(edition_id=message.edition_id)
        .exclude(contact_email="")
        .select_related("sponsor", "edition")
        .order_by("pk")
    )


def _recipients(message, pks=None):
    audience = message.audience
    if audience == Audience.SPEAKERS:
        rows = _speakers(message)
        make = lambda s: Recipient(  # noqa: E731
            RecipientKind.SPEAKER, s.pk, s.email, s.language, s.name, s
        )
    elif audience == Audience.SPONSORS:
        rows = _sponsorships(message)
        make = lambda s: Recipient(  # noqa: E731
            RecipientKind.SPONSORSHIP,
            s.pk,
            s.contact_email,
            s.language,
            s.contact_name or str(s.sponsor),
            s,
        )
    else:
        rows = _registrations(message)
        make = lambda r: Recipient(  # noqa: E731
            RecipientKind.REGISTRATION, r.pk, r.email, r.language, r.first_name, r
        )
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    return [make(row) for row in rows]


def recipients(message):
    """The people `message` goes to now, one per address (lower-cased), in a stable order."""
    seen, people = set(), []
    for person in _recipients(message):
        address = person.email.strip().lower()
        if address not in seen:
            seen.add(address)
            people.append(person)
    return people


def still_concerned(message, keys):
    """{(kind, pk): Recipient} of those among `keys` that the message still goes to (a
    cancelled or purged registration, a speaker removed from the program are missing)."""
    pks = [pk for _kind, pk in keys]
    return {person.key: person for person in _recipients(message, pks)}


def recipient_by_key(message, kind, pk):
    """One person of the audience now, or None (for the preview)."""
    return still_concerned(message, [(kind, pk)]).get((kind, pk))
