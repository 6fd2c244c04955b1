"""Workshop seats, behind a small interface the services call.

The program app (sessions) has not landed yet: until it does, no workshop can be chosen and
every function here is a no-op. Once `program.Session` exists, `WorkshopSeat` implements them.
"""

from django.utils.translation import gettext_lazy as _


def bookable_queryset(edition):
    """Workshops of the edition that take registrations, or None when there are none."""
    return None


def choice_label(session):
    return str(session)


def validate_choice(edition, sessions):
    from .services import InvalidWorkshops

    sessions = list(sessions or [])
    if sessions:
        raise InvalidWorkshops(_("Workshops cannot be booked yet."))
    return sessions


def request_seats(registration, sessions, now):
    return []


def take_seats(registration, now):
    return []


def seats_of(registration):
    return []


def release_seats(registration):
    return []


def promote_sessions(sessions, now):
    return []


def replace_seats(registration, sessions, now):
    return []
