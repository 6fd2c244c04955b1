import datetime

from django.core import mail
from django.utils import timezone

import pytest

from registrations import services, tokens
from registrations.choices import Category, EmailKind, RegistrationStatus
from registrations.models import Registration
from tests.factories.home import EditionFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


def sign_up(edition, email="ada@example.org", **extra):
    fields = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": email,
        "category": Category.RESEARCH,
        "language": "fr",
    }
    fields.update(extra)
    return services.register(edition, **fields)


def confirmed(edition, count):
    return [
        services.confirm(sign_up(edition, email=f"p{n}@example.org").registration).registration
        for n in range(count)
    ]


def test_register_creates_a_pending_registration_and_mails_a_confirmation_link(
    registration_page, edition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = sign_up(edition, email=" Ada@Example.ORG ")
    registration = outcome.registration
    assert outcome.created
    assert registration.status == RegistrationStatus.PENDING
    assert registration.email == "Ada@example.org"
    assert registration.consented_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Ada@example.org"]
    assert "/inscription/confirmer/" in message.body
    assert "Ada" in message.body


def test_registering_twice_with_the_same_address_sends_the_link_again_without_duplicate(
    registration_page, edition, django_capture_on_commit_callbacks
):
    first = sign_up(edition).registration
    services.confirm(first)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = sign_up(edition, email="ADA@example.org", first_name="Zébulon")
    assert not again.created
    assert again.registration.pk == first.pk
    assert Registration.objects.filter(edition=edition).count() == 1
    assert len(mail.outbox) == 1
    assert "/inscription/gerer/" in mail.outbox[0].body
    assert "Zébulon" not in mail.outbox[0].body


def test_a_cancelled_person_can_register_again(edition):
    first = sign_up(edition).registration
    services.cancel(first)
    second = sign_up(edition)
    assert second.created
    assert second.registration.pk != first.pk


def test_registering_outside_the_window_is_refused(db):
    edition = EditionFactory(
        registration_opens_at=timezone.now() + datetime.timedelta(days=2),
        registration_closes_at=timezone.now() + datetime.timedelta(days=9),
    )
    with pytest.raises(services.RegistrationClosed):
        sign_up(edition)
    assert not Registration.objects.exists()


def test_dietary_needs_are_dropped_when_no_food_is_served(db):
    edition = EditionFactory(registration_open=True, serves_food=False)
    registration = sign_up(edition, dietary_needs="vegan").registration
    assert registration.dietary_needs == ""


def test_confirming_takes_a_seat_until_full_then_the_waiting_list_in_order(edition):
    people = confirmed(edition, 5)
    assert [p.status for p in people] == ["confirmed"] * 3 + ["waiting"] * 2
    assert [p.waiting_position for p in people[3:]] == [1, 2]


def test_confirming_twice_changes_nothing_and_mails_once(
    registration_page, edition, django_capture_on_commit_callbacks
):
    registration = sign_up(edition).registration
    with django_capture_on_commit_callbacks(execute=True):
        first = services.confirm(registration)
        second = services.confirm(registration)
    assert first.newly_confirmed and not second.newly_confirmed
    assert len(mail.outbox) == 1
    assert "ticket" in mail.outbox[0].subject.lower() or "billet" in mail.outbox[0].subject


def test_a_confirmation_after_the_delay_expires_the_registration(edition):
    registration = sign_up(edition).registration
    later = timezone.now() + datetime.timedelta(hours=49)
    with pytest.raises(services.ConfirmationExpired):
        services.confirm(registration, now=later)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.EXPIRED


def test_expire_pending_expires_only_stale_pending_registrations(edition):
    old = RegistrationFactory(
        edition=edition, created_at=timezone.now() - datetime.timedelta(hours=50)
    )
    fresh = RegistrationFactory(edition=edition)
    assert services.expire_pending() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == RegistrationStatus.EXPIRED
    assert fresh.status == RegistrationStatus.PENDING


def test_cancelling_a_seat_promotes_the_first_waiting_person_exactly_once(
    registration_page, edition, django_capture_on_commit_callbacks
):
    people = confirmed(edition, 5)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel(people[0])
        again = services.cancel(people[0])
    assert [p.pk for p in promoted] == [people[3].pk]
    assert again == []
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[people[3].pk] == "confirmed"
    assert statuses[people[4].pk] == "waiting"
    assert Registration.objects.confirmed().count() == 3
    subjects = sorted(m.subject for m in mail.outbox)
    assert len(subjects) == 2  # the cancellation, and the promotion
    assert {tuple(m.to) for m in mail.outbox} == {(people[0].email,), (people[3].email,)}


def test_cancelling_a_waiting_person_promotes_nobody(edition):
    people = confirmed(edition, 5)
    assert services.cancel(people[4]) == []
    assert Registration.objects.confirmed().count() == 3


def test_promote_next_fills_seats_added_to_the_capacity(edition):
    people = confirmed(edition, 5)
    edition.capacity = 4
    edition.save()
    promoted = services.promote_next(edition)
    assert [p.pk for p in promoted] == [people[3].pk]
    assert services.promote_next(edition) == []


def test_an_organizer_can_promote_above_capacity(edition):
    people = confirmed(edition, 4)
    services.promote(people[3])
    assert Registration.objects.confirmed().count() == 4
    with pytest.raises(services.RegistrationError):
        services.promote(people[3])


def test_purge_removes_personal_data_keeps_counts_and_is_idempotent(edition):
    people = confirmed(edition, 4)
    services.check_in(people[0])
    assert services.purge_edition(edition) == 4
    assert services.purge_edition(edition) == 0
    rows = list(Registration.objects.filter(edition=edition))
    assert all(r.email == "" and r.first_name == "" and r.purged_at for r in rows)
    assert Registration.objects.confirmed().count() == 3
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1
    with pytest.raises(tokens.InvalidToken):
        tokens.read_token(tokens.make_token(people[1], tokens.MANAGE), tokens.MANAGE)


def test_email_kinds_all_render_in_both_languages(registration_page_en, edition):
    from registrations.emails import build_message

    person = confirmed(edition, 1)[0]
    for language in ("fr", "en"):
        person.language = language
        for kind in EmailKind:
            message = build_message(person, kind)
            assert person.first_name in message.body
            assert message.alternatives[0].mimetype == "text/html"


def test_registering_again_after_a_stale_pending_one_starts_afresh(edition):
    old = RegistrationFactory(
        edition=edition,
        email="ada@example.org",
        created_at=timezone.now() - datetime.timedelta(hours=49),
    )
    outcome = sign_up(edition)
    assert outcome.created
    old.refresh_from_db()
    assert old.status == RegistrationStatus.EXPIRED


def test_the_waiting_rank_closes_the_gaps_left_by_people_leaving_the_list(edition):
    people = confirmed(edition, 6)
    services.cancel(people[3])  # number 1 on the waiting list leaves it
    people[5].refresh_from_db()
    assert people[5].waiting_position == 3
    assert people[5].waiting_rank == 2


def test_each_new_registration_expires_the_stale_unconfirmed_ones(edition):
    stale = RegistrationFactory(
        edition=edition, created_at=timezone.now() - datetime.timedelta(hours=49)
    )
    fresh = RegistrationFactory(edition=edition)
    sign_up(edition)
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == ("expired", "pending")
