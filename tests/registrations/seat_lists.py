"""Where everyone stands on an edition's lists, and the checks of the promotion rule."""

from dataclasses import dataclass

from registrations.choices import RegistrationStatus, SeatStatus
from registrations.models import Registration, WorkshopSeat


@dataclass
class Lists:
    """Read from the database: statuses, the edition's list, seat holders, workshop lists."""

    statuses: dict  # registration pk -> status
    edition_waiting: list  # registration pks, in order
    holders: dict  # session pk -> set of registration pks
    waiting: dict  # session pk -> registration pks, in order
    requested: dict  # session pk -> set of registration pks

    @classmethod
    def read(cls, edition, sessions):
        registrations = Registration.objects.filter(edition=edition)
        lists = cls(
            statuses=dict(registrations.values_list("pk", "status")),
            edition_waiting=list(registrations.waiting().values_list("pk", flat=True)),
            holders={session.pk: set() for session in sessions},
            waiting={session.pk: [] for session in sessions},
            requested={session.pk: set() for session in sessions},
        )
        seats = WorkshopSeat.objects.filter(session__in=sessions).order_by("position", "pk")
        for session_id, registration_id, status in seats.values_list(
            "session_id", "registration_id", "status"
        ):
            if status == SeatStatus.CONFIRMED:
                lists.holders[session_id].add(registration_id)
            elif status == SeatStatus.WAITING:
                lists.waiting[session_id].append(registration_id)
            else:
                lists.requested[session_id].add(registration_id)
        return lists

    def confirmed(self):
        confirmed = RegistrationStatus.CONFIRMED
        return {pk for pk, status in self.statuses.items() if status == confirmed}


def assert_nobody_waits_for_a_free_seat(lists, edition, sessions):
    """No workshop over capacity, none with a free seat while someone waits for it, and no
    edition seat free while someone waits for the edition."""
    confirmed = lists.confirmed()
    for session in sessions:
        holders, waiting = lists.holders[session.pk], lists.waiting[session.pk]
        assert len(holders) <= session.seats
        assert holders | set(waiting) <= confirmed  # only edition seat holders queue
        assert not lists.requested[session.pk] & confirmed
        if waiting:
            assert len(holders) == session.seats
    if lists.edition_waiting:
        assert len(confirmed) >= edition.capacity


def assert_list_served_in_order(before, after, newly_served):
    """Whoever moved up came first on the list before, and nobody from outside it (someone
    just given an edition seat, say) passed anyone still waiting on it."""
    still_there = [pk for pk in before if pk in after or pk in newly_served]
    from_the_list = [pk for pk in still_there if pk in newly_served]
    assert from_the_list == still_there[: len(from_the_list)]
    if set(newly_served) - set(before):
        assert set(still_there) <= set(newly_served)
    left_waiting = [pk for pk in still_there if pk not in newly_served]
    assert after[: len(left_waiting)] == left_waiting  # the newcomers queue behind them


def assert_served_in_order(before, after, picked_by_organizer=None):
    """Each workshop's list and the edition's were served in order between two readings
    (an organizer's promotion picks anyone from the edition's list: leave it out)."""
    for session_id, waiting in after.waiting.items():
        newly_served = after.holders[session_id] - before.holders[session_id]
        assert_list_served_in_order(before.waiting[session_id], waiting, newly_served)
    newly_confirmed = after.confirmed() - before.confirmed() - {picked_by_organizer}
    assert_list_served_in_order(before.edition_waiting, after.edition_waiting, newly_confirmed)
