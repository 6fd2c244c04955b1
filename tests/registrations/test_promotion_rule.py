"""The promotion rule: a workshop seat goes to the first person of that workshop's waiting list
who holds (or is given) an edition seat; someone who just got an edition seat joins the end of
the lists of the workshops they asked for. The outcome never depends on the order in which
freed seats are handed out."""

import itertools

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

import pytest
from hypothesis import HealthCheck, settings, strategies
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from program.choices import SessionKind
from registrations import services
from registrations.choices import ACTIVE_STATUSES, Category, RegistrationStatus, SeatStatus
from registrations.models import Registration, WorkshopSeat
from registrations.services import workshops
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory
from tests.registrations.seat_lists import (
    Lists,
    assert_nobody_waits_for_a_free_seat,
    assert_served_in_order,
)

pytestmark = pytest.mark.django_db


def workshop(edition, seats, hour):
    return SessionFactory(
        edition=edition,
        kind=SessionKind.WORKSHOP,
        registration_required=True,
        seats=seats,
        hour=hour,
        minutes=90,
    )


def person(edition, name, sessions=()):
    """Register and confirm `name`: an edition seat, or a place on the edition's list."""
    registration = services.register(
        edition,
        first_name=name,
        last_name="Test",
        email=f"{name.lower()}@example.org",
        category=Category.INDIVIDUAL,
        sessions=sessions,
    ).registration
    return services.confirm(registration).registration


def holders(session):
    seats = WorkshopSeat.objects.filter(session=session, status=SeatStatus.CONFIRMED)
    return sorted(seats.values_list("registration__first_name", flat=True))


def waiting_list(session):
    seats = WorkshopSeat.objects.filter(session=session, status=SeatStatus.WAITING)
    return list(seats.order_by("position").values_list("registration__first_name", flat=True))


def edition_list(edition):
    return list(Registration.objects.filter(edition=edition).waiting().values_list("first_name"))


def status_of(name):
    return Registration.objects.filter(first_name=name).latest("pk").status


def test_a_freed_workshop_seat_goes_to_its_list_before_the_person_promoted_to_the_edition(edition):
    """The audit's reproduction: the leaver held the edition and workshop 73; the first of the
    edition's list (never on 73's list) was given 73 while the first of 73's list stayed waiting."""
    w73 = workshop(edition, seats=1, hour=14)
    leaver = person(edition, "Leaver", [w73])
    person(edition, "Fourth", [w73])  # edition capacity is 3
    person(edition, "Fifth", [w73])
    person(edition, "Fourteenth", [w73])
    assert waiting_list(w73) == ["Fourth", "Fifth"]
    assert edition_list(edition) == [("Fourteenth",)]

    services.cancel(leaver)

    assert holders(w73) == ["Fourth"]
    assert waiting_list(w73) == ["Fifth", "Fourteenth"]
    assert status_of("Fourteenth") == RegistrationStatus.CONFIRMED
    assert edition_list(edition) == []


def test_the_workshop_list_gets_the_seat_by_e_mail_and_the_promoted_person_their_place_on_it(
    registration_page, edition, django_capture_on_commit_callbacks, mailoutbox
):
    w73 = workshop(edition, seats=1, hour=14)
    leaver = person(edition, "Leaver", [w73])
    fourth = person(edition, "Fourth", [w73])
    person(edition, "Fifth", [w73])
    fourteenth = person(edition, "Fourteenth", [w73])
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(leaver)

    mails = {message.to[0]: message for message in mailoutbox}
    assert set(mails) == {leaver.email, fourth.email, fourteenth.email}
    # Title, day, times (Paris time) and room of the workshop.
    day = date_format(timezone.localtime(w73.start), "l j F")
    workshop_line = f"- {w73.title}, {day}, 14:00–15:30, {w73.room.name} — "
    seat_mail = mails[fourth.email].body  # French, the language they registered in
    assert "une place s'est libérée dans un atelier que vous attendiez" in seat_mail
    assert workshop_line + "place confirmée" in seat_mail
    promoted_mail = mails[fourteenth.email].body
    assert "Votre inscription est confirmée" in promoted_mail
    assert workshop_line + "sur liste d'attente, n° 2" in promoted_mail


@pytest.fixture
def one_workshop(edition):
    """Capacity 3: Holder has the edition and the workshop's only seat, First waits for the
    workshop, Plain has an edition seat and no workshop; Next waits on the edition's list."""
    session = workshop(edition, seats=1, hour=14)
    people = {
        "Holder": person(edition, "Holder", [session]),
        "First": person(edition, "First", [session]),
        "Plain": person(edition, "Plain"),
        "Next": person(edition, "Next", [session]),
    }
    assert waiting_list(session) == ["First"]
    assert edition_list(edition) == [("Next",)]
    return session, people


def free_edition_seat(people):
    services.cancel(people["Plain"])


def free_workshop_seat(people):
    services.change_workshops(people["Holder"], [])


def free_both_at_once(people):
    services.cancel(people["Holder"])


@pytest.mark.parametrize(
    "steps",
    [
        [free_both_at_once],
        [free_edition_seat, free_workshop_seat],
        [free_workshop_seat, free_edition_seat],
    ],
    ids=["one cancellation frees both", "edition seat first", "workshop seat first"],
)
def test_the_workshop_seat_goes_to_its_list_whichever_seat_is_freed_first(
    edition, one_workshop, steps
):
    session, people = one_workshop
    for step in steps:
        step(people)
    assert holders(session) == ["First"]
    assert waiting_list(session) == ["Next"]
    assert status_of("Next") == RegistrationStatus.CONFIRMED


def hand_out_edition_seat(edition, session):
    services.promote_next(edition)


def hand_out_workshop_seat(edition, session):
    workshops.promote_sessions([session.pk], timezone.now())


@pytest.mark.parametrize(
    "order",
    [
        (hand_out_edition_seat, hand_out_workshop_seat),
        (hand_out_workshop_seat, hand_out_edition_seat),
    ],
    ids=["edition seat handed out first", "workshop seat handed out first"],
)
def test_seats_freed_together_give_the_same_outcome_in_either_order_of_handing_out(
    edition, one_workshop, order
):
    session, people = one_workshop
    holder = people["Holder"]
    with transaction.atomic():
        Registration.objects.filter(pk=holder.pk).update(status=RegistrationStatus.CANCELLED)
        holder.seats.all().delete()
        for hand_out in order:
            hand_out(edition, session)
    assert holders(session) == ["First"]
    assert waiting_list(session) == ["Next"]
    assert status_of("Next") == RegistrationStatus.CONFIRMED


@pytest.fixture
def two_workshops(edition):
    """Capacity 4. Workshop A (2 seats): Ann and Eve; workshop B (1 seat): Bob. Dan holds an
    edition seat and waits for both. The edition's list: Cy (A and B), Cal (B), Col (A)."""
    edition.capacity = 4
    edition.save()
    a, b = workshop(edition, seats=2, hour=9), workshop(edition, seats=1, hour=14)
    people = {
        "Ann": person(edition, "Ann", [a]),
        "Bob": person(edition, "Bob", [b]),
        "Eve": person(edition, "Eve", [a]),
        "Dan": person(edition, "Dan", [a, b]),
    }
    for name, sessions in (("Cy", [a, b]), ("Cal", [b]), ("Col", [a])):
        person(edition, name, sessions)
    assert (waiting_list(a), waiting_list(b)) == (["Dan"], ["Dan"])
    assert edition_list(edition) == [("Cy",), ("Cal",), ("Col",)]
    return a, b, people


@pytest.mark.parametrize(
    "order",
    list(itertools.permutations(["Ann", "Bob", "Eve"])),
    ids=lambda order: " then ".join(order),
)
def test_several_cancellations_give_the_same_outcome_in_every_order(edition, two_workshops, order):
    a, b, people = two_workshops
    for name in order:
        services.cancel(people[name])
    assert edition_list(edition) == []
    assert {status_of(name) for name in ("Dan", "Cy", "Cal", "Col")} == {"confirmed"}
    # Dan was on both lists first; then come the people promoted to the edition, in its order.
    assert (holders(a), waiting_list(a)) == (["Cy", "Dan"], ["Col"])
    assert (holders(b), waiting_list(b)) == (["Dan"], ["Cy", "Cal"])


def test_someone_promoted_to_the_edition_takes_a_free_seat_when_nobody_waits_for_it(edition):
    session = workshop(edition, seats=2, hour=14)
    leaver = person(edition, "Leaver", [session])
    person(edition, "Other")
    person(edition, "Third")
    person(edition, "Next", [session])
    services.cancel(leaver)
    assert holders(session) == ["Next"]
    assert waiting_list(session) == []


def test_an_organizers_promotion_joins_the_end_of_the_workshop_list(edition):
    session = workshop(edition, seats=1, hour=14)
    person(edition, "Holder", [session])
    person(edition, "First", [session])
    person(edition, "Plain")
    promoted = person(edition, "Promoted", [session])
    services.promote(promoted)
    assert (holders(session), waiting_list(session)) == (["Holder"], ["First", "Promoted"])


def test_seats_added_to_a_workshop_go_to_its_list_before_a_late_confirmation(edition):
    """An organizer raised the seats of a full workshop: whoever confirms next still queues
    behind the people already waiting for it."""
    session = workshop(edition, seats=1, hour=14)
    person(edition, "Holder", [session])
    person(edition, "First", [session])
    session.seats = 2
    session.save()
    person(edition, "Late", [session])
    assert (holders(session), waiting_list(session)) == (["First", "Holder"], ["Late"])


def test_seats_added_to_the_edition_go_to_its_list_before_a_late_confirmation(edition):
    for name in ("One", "Two", "Three", "Waiting"):
        person(edition, name)
    edition.capacity = 4
    edition.save()
    person(edition, "Late")
    assert status_of("Waiting") == RegistrationStatus.CONFIRMED
    assert edition_list(edition) == [("Late",)]


def test_promote_next_hands_seats_added_to_a_workshop_to_its_list(edition):
    session = workshop(edition, seats=1, hour=14)
    person(edition, "Holder", [session])
    person(edition, "First", [session])
    person(edition, "Second", [session])
    session.seats = 2
    session.save()
    services.promote_next(edition)
    assert (holders(session), waiting_list(session)) == (["First", "Holder"], ["Second"])


CHOICE = strategies.tuples(strategies.booleans(), strategies.booleans())  # which workshops
ANYONE = strategies.integers(0, 9)  # picks among the people who fit, by registration order


class PromotionMachine(RuleBasedStateMachine):
    """A crowd registers on a small edition with two workshops, then participants and an
    organizer act in any order; after every step each list was served in order and no seat
    stays free while someone waits for it."""

    @initialize(
        capacity=strategies.integers(2, 3),
        seats=strategies.tuples(strategies.integers(1, 2), strategies.integers(1, 2)),
        overlapping=strategies.booleans(),
        crowd=strategies.lists(CHOICE, min_size=3, max_size=6),
    )
    def a_crowd_registers(self, capacity, seats, overlapping, crowd):
        self.edition = EditionFactory(registration_open=True, capacity=capacity)
        self.overlapping = overlapping
        self.sessions = [
            workshop(self.edition, seats=seats[0], hour=14),
            workshop(self.edition, seats=seats[1], hour=14 if overlapping else 9),
        ]
        self.registered = 0
        self.picked_by_organizer = None
        self.before = Lists.read(self.edition, self.sessions)
        for choice in crowd:
            self.register_and_confirm(choice)
            self.every_list_was_served_in_order()

    def sign_up(self, choice):
        self.registered += 1
        try:
            return services.register(
                self.edition,
                first_name=f"P{self.registered}",
                last_name="Test",
                email=f"p{self.registered}@example.org",
                category=Category.INDIVIDUAL,
                sessions=[session for n, session in enumerate(self.sessions) if choice[n]],
            ).registration
        except services.InvalidWorkshops:
            assert self.overlapping and all(choice)
            return None

    def pick(self, n, **filters):
        people = Registration.objects.filter(edition=self.edition, **filters).order_by("pk")
        count = people.count()
        return people[n % count] if count else None

    @rule(choice=CHOICE)
    def register(self, choice):
        self.sign_up(choice)

    @rule(choice=CHOICE)
    def register_and_confirm(self, choice):
        registration = self.sign_up(choice)
        if registration is not None:
            services.confirm(registration)

    @rule(n=ANYONE)
    def confirm_late(self, n):
        registration = self.pick(n, status=RegistrationStatus.PENDING)
        if registration is not None:
            services.confirm(registration)

    @rule(n=ANYONE)
    def cancel(self, n):
        registration = self.pick(n, status__in=ACTIVE_STATUSES)
        if registration is not None:
            services.cancel(registration)

    @rule(which=strategies.integers(0, 1), n=ANYONE)
    def cancel_a_workshop_seat_holder(self, which, n):
        """The audit's case: one cancellation frees an edition seat and a workshop seat."""
        registration = self.pick(
            n, seats__session=self.sessions[which], seats__status=SeatStatus.CONFIRMED
        )
        if registration is not None:
            services.cancel(registration)

    @rule(n=ANYONE, choice=CHOICE)
    def change_workshops(self, n, choice):
        registration = self.pick(n, status__in=ACTIVE_STATUSES)
        if registration is None:
            return
        sessions = [session for k, session in enumerate(self.sessions) if choice[k]]
        try:
            services.change_workshops(registration, sessions)
        except services.InvalidWorkshops:
            assert self.overlapping and all(choice)

    @rule(n=ANYONE)
    def promote(self, n):
        registration = self.pick(n, status=RegistrationStatus.WAITING)
        if registration is not None:
            services.promote(registration)
            self.picked_by_organizer = registration.pk

    @invariant()
    def every_list_was_served_in_order(self):
        after = Lists.read(self.edition, self.sessions)
        assert_nobody_waits_for_a_free_seat(after, self.edition, self.sessions)
        assert_served_in_order(self.before, after, picked_by_organizer=self.picked_by_organizer)
        self.before, self.picked_by_organizer = after, None


def test_every_order_of_steps_serves_each_list_in_order(db):
    run_state_machine_as_test(
        PromotionMachine,
        settings=settings(
            max_examples=80,
            stateful_step_count=15,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
