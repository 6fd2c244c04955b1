from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from program.choices import SessionKind
from registrations import services, tokens
from registrations.choices import Category, RegistrationStatus, SeatStatus
from registrations.models import WorkshopSeat
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory

pytestmark = pytest.mark.django_db


def workshop(edition, seats=2, hour=14, minutes=90, **extra):
    return SessionFactory(
        edition=edition,
        kind=SessionKind.WORKSHOP,
        registration_required=True,
        seats=seats,
        hour=hour,
        minutes=minutes,
        **extra,
    )


def sign_up(edition, n, sessions=()):
    return services.register(
        edition,
        first_name=f"Person{n}",
        last_name="Test",
        email=f"w{n}@example.org",
        category=Category.COMPANY,
        sessions=sessions,
    ).registration


def seat_statuses(session):
    return list(
        WorkshopSeat.objects.filter(session=session)
        .order_by("registration__pk")
        .values_list("status", flat=True)
    )


def test_workshop_seats_are_requested_then_taken_on_confirmation_in_order(edition):
    session = workshop(edition, seats=2)
    people = [sign_up(edition, n, [session]) for n in range(3)]
    assert seat_statuses(session) == ["requested"] * 3
    for person in people:
        services.confirm(person)
    assert seat_statuses(session) == ["confirmed", "confirmed", "waiting"]
    assert WorkshopSeat.objects.get(registration=people[2]).position == 1


def test_a_person_on_the_edition_waiting_list_holds_no_workshop_seat(edition):
    session = workshop(edition, seats=10)
    people = [sign_up(edition, n, [session]) for n in range(4)]  # capacity 3
    for person in people:
        services.confirm(person)
    assert seat_statuses(session) == ["confirmed"] * 3 + ["requested"]
    services.cancel(people[0])
    assert seat_statuses(session) == ["confirmed"] * 3
    people[3].refresh_from_db()
    assert people[3].status == RegistrationStatus.CONFIRMED


def test_a_change_of_workshops_mails_the_updated_ticket_and_a_no_change_mails_nothing(
    registration_page, edition, django_capture_on_commit_callbacks
):
    morning, afternoon = workshop(edition, seats=5, hour=9), workshop(edition, seats=5, hour=14)
    person = services.confirm(sign_up(edition, 1, [morning])).registration
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.change_workshops(person, [afternoon])
    (ticket,) = mail.outbox
    assert ticket.to == [person.email]
    assert afternoon.title in ticket.body and morning.title not in ticket.body

    with django_capture_on_commit_callbacks(execute=True):
        services.change_workshops(person, [afternoon])
    assert len(mail.outbox) == 1


def test_cancelling_frees_the_workshop_seat_for_the_next_waiting_person_with_an_e_mail(
    registration_page, edition, django_capture_on_commit_callbacks
):
    session = workshop(edition, seats=1)
    first, second = (sign_up(edition, n, [session]) for n in range(2))
    services.confirm(first)
    services.confirm(second)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)
    seat = WorkshopSeat.objects.get(session=session)
    assert (seat.registration_id, seat.status) == (second.pk, SeatStatus.CONFIRMED)
    assert {m.to[0] for m in mail.outbox} == {first.email, second.email}
    promoted_mail = next(m for m in mail.outbox if m.to == [second.email])
    assert session.title in promoted_mail.body


def test_a_workshop_of_another_edition_or_not_bookable_is_refused(edition):
    other = workshop(EditionFactory(registration_open=True))
    talk = SessionFactory(edition=edition)
    for bad in (other, talk):
        with pytest.raises(services.InvalidWorkshops):
            sign_up(edition, 1, [bad])


def test_two_workshops_at_the_same_time_are_refused(edition):
    with pytest.raises(services.InvalidWorkshops) as error:
        sign_up(edition, 1, [workshop(edition, hour=14), workshop(edition, hour=14)])
    assert "same time" in str(error.value.message) or "même temps" in str(error.value.message)


def test_changing_workshops_frees_and_takes_seats(edition):
    morning, afternoon = workshop(edition, seats=1, hour=9), workshop(edition, seats=1, hour=14)
    first = sign_up(edition, 1, [morning])
    second = sign_up(edition, 2, [morning])
    services.confirm(first)
    services.confirm(second)
    assert seat_statuses(morning) == ["confirmed", "waiting"]
    seats = services.change_workshops(first, [afternoon])
    assert [(s.session_id, s.status) for s in seats] == [(afternoon.pk, "confirmed")]
    assert seat_statuses(morning) == ["confirmed"]
    assert WorkshopSeat.objects.get(session=morning).registration_id == second.pk


def test_the_form_lists_workshops_with_seats_left_and_books_them(
    client, registration_page, edition, django_capture_on_commit_callbacks
):
    session = workshop(edition, seats=1, title="Atelier Inkscape")
    full = workshop(edition, seats=1, hour=16, title="Atelier Git")
    taker = sign_up(edition, 9, [full])
    services.confirm(taker)
    html = client.get(registration_page.url).content.decode()
    assert "Atelier Inkscape" in html
    assert "1 seat left" in html or "1 place restante" in html
    assert "waiting list" in html or "liste d'attente" in html
    data = {
        "first_name": "Alan",
        "last_name": "Turing",
        "email": "alan@example.org",
        "category": "research",
        "consent": "on",
        "sessions": [session.pk, full.pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(registration_page.url, data).status_code == 302
    confirm_url = mail.outbox[-1].body.split("http://testserver")[1].split()[0]
    response = client.post(confirm_url)
    html = response.content.decode()
    assert "Atelier Inkscape" in html and "Atelier Git" in html
    statuses = {
        s.session_id: s.status
        for s in WorkshopSeat.objects.filter(registration__email="alan@example.org")
    }
    assert statuses == {session.pk: "confirmed", full.pk: "waiting"}


def test_a_workshop_of_another_edition_posted_in_the_form_is_explained(
    client, registration_page, edition
):
    other = workshop(EditionFactory(registration_open=True))
    data = {
        "first_name": "Alan",
        "last_name": "Turing",
        "email": "alan@example.org",
        "category": "research",
        "consent": "on",
        "sessions": [other.pk],
    }
    workshop(edition)
    response = client.post(registration_page.url, data)
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert 'value="Turing"' in response.content.decode()


def test_the_management_page_changes_workshops(client, registration_page, edition):
    morning, afternoon = workshop(edition, hour=9, title="Matin"), workshop(edition, hour=14)
    person = sign_up(edition, 1, [morning])
    services.confirm(person)
    url = f"{registration_page.url}manage/{tokens.make_token(person, tokens.MANAGE)}/"
    page = client.get(url).content.decode()
    assert "Matin" in page
    assert "your choice: seat confirmed" in page or "votre choix : place confirmée" in page
    response = client.post(url, {"sessions": [afternoon.pk]})
    assert response.status_code == 200
    assert list(person.seats.values_list("session_id", flat=True)) == [afternoon.pk]


def test_the_form_page_queries_do_not_grow_with_the_number_of_workshops(
    client, registration_page, edition
):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(registration_page.url)
        assert response.status_code == 200
        return len(queries)

    workshop(edition, hour=8, minutes=50)
    client.get(registration_page.url)  # warm the caches
    one = count_queries()
    for hour in range(9, 17):
        workshop(edition, hour=hour, minutes=50)
    assert count_queries() == one
    assert client.get(registration_page.url).content.decode().count('name="sessions"') == 9


def test_the_ticket_calendar_holds_the_day_and_each_confirmed_workshop(
    registration_page, edition, django_capture_on_commit_callbacks
):
    import icalendar

    session = workshop(edition, seats=5, hour=14, title="Atelier LibreOffice")
    person = sign_up(edition, 1, [session])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(person)
    ticket = mail.outbox[0]
    ics = next(a for a in ticket.attachments if getattr(a, "filename", "").endswith(".ics"))
    calendar = icalendar.Calendar.from_ical(ics.content)
    events = {str(e.get("summary")): e for e in calendar.walk("VEVENT")}
    assert set(events) == {str(edition), "Atelier LibreOffice"}
    assert events["Atelier LibreOffice"].decoded("dtstart") == session.start
    assert "/inscription/gerer/" in str(events[str(edition)].get("url"))


def test_a_workshop_full_at_the_last_second_is_explained_on_the_management_page(
    client, registration_page, edition
):
    morning = workshop(edition, hour=9, seats=1, title="Atelier Matin")
    person = sign_up(edition, 1)
    services.confirm(person)
    url = f"{registration_page.url}manage/{tokens.make_token(person, tokens.MANAGE)}/"
    client.get(url)  # the page showed one seat left...
    services.confirm(sign_up(edition, 2, [morning]))  # ...taken by someone else meanwhile
    html = client.post(url, {"sessions": [morning.pk]}).content.decode()
    assert "Atelier Matin" in html
    assert person.seats.get().status == SeatStatus.WAITING
    assert "waiting list of: Atelier Matin" in html or "attente de : Atelier Matin" in html
