"""The volunteers' pages: who may open them, what they show, what a POST changes, bad input."""

import datetime
import re
from urllib.parse import unquote

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

import pytest

from program.choices import SessionKind
from registrations import services, tokens
from registrations.choices import RegistrationStatus, SeatStatus
from registrations.groups import ORGANIZERS_GROUP, VOLUNTEERS_GROUP
from registrations.models import Registration, WorkshopAttendance, WorkshopSeat
from tests.factories.home import EditionFactory
from tests.factories.program import SessionFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger(django_user_model):
    """Can log in to the admin, but is no volunteer."""
    user = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def search_url(registration_page):
    return registration_page.url + "accueil/"


def person(edition, **fields):
    fields.setdefault("first_name", "Ada")
    fields.setdefault("last_name", "Lovelace")
    return services.confirm(RegistrationFactory(edition=edition, **fields)).registration


def ticket_url(registration_page, registration):
    return f"{registration_page.url}accueil/{tokens.make_token(registration, tokens.CHECKIN)}/"


def texts(response):
    return [str(message) for message in response.context["messages"]]


# Who may open the pages


def test_anonymous_visitors_are_sent_to_the_admin_login_and_back(
    client, registration_page, edition, search_url
):
    ada = person(edition)
    for url in [search_url, search_url + "atelier/1/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")
        assert url.rstrip("/").split("/")[-1] in response["Location"]
    assert (
        client.post(ticket_url(registration_page, ada), {"action": "check_in"}).status_code == 302
    )
    ada.refresh_from_db()
    assert ada.checked_in_at is None


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_participant_scanning_their_own_ticket_is_told_to_show_it_at_the_door(
    client, request, registration_page, edition, language
):
    page = registration_page
    if language == "en":
        page = request.getfixturevalue("registration_page_en")
    ada = person(edition, email="ada@example.org", organization="Analytical Engines")
    url = page.url + page.reverse_subpage(
        "checkin", kwargs={"token": tokens.make_token(ada, tokens.CHECKIN)}
    )
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ada" in html
    for private in ["Lovelace", "ada@example.org", "Analytical"]:
        assert private not in html
    assert ada.ticket_code in html  # the code to show, with its QR code
    door = "l’entrée" if language == "fr" else "at the door"
    assert door in html
    login = re.search(r'href="(/admin/login/\?next=[^"]+)"', html).group(1)
    assert unquote(login.split("next=")[1]) == url
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_stranger_with_a_forged_ticket_link_gets_the_invalid_link_page(
    client, registration_page, edition
):
    response = client.get(registration_page.url + "accueil/forged/")
    assert response.status_code in (400, 404)
    assert "Ada" not in response.content.decode()


def test_a_user_without_the_permission_is_refused_and_changes_nothing(
    client, registration_page, edition, search_url, stranger
):
    ada = person(edition)
    client.force_login(stranger)
    assert client.get(search_url).status_code == 403
    assert client.get(ticket_url(registration_page, ada)).status_code == 403
    response = client.post(ticket_url(registration_page, ada), {"action": "check_in"})
    assert response.status_code == 403
    assert "Check-in volunteers" in response.content.decode() or "Accueil" in str(response.content)
    ada.refresh_from_db()
    assert ada.checked_in_at is None


@pytest.mark.parametrize(
    "url",
    [
        "/admin/registrations/",
        "/admin/registration-actions/workshop-lists/",
        "/admin/pages/",
        "/admin/snippets/program/session/",
        "/admin/figures/",
        "/admin/users/",
        "/admin/program_schedule/",
    ],
)
def test_a_volunteer_cannot_reach_other_admin_pages(client, volunteer, url):
    client.force_login(volunteer)
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/")
        assert not response["Location"].startswith(url)


def test_a_volunteer_reaches_the_admin_dashboard_and_its_check_in_item(
    client, volunteer, registration_page, edition, search_url
):
    client.force_login(volunteer)
    assert client.get("/admin/").status_code == 200
    response = client.get("/admin/registration-actions/checkin/")
    assert response.status_code == 302
    assert response["Location"] == search_url


def test_the_volunteers_dashboard_leads_to_the_check_in_and_workshop_pages(
    client, volunteer, stranger, registration_page, edition, search_url
):
    workshop = SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True
    )
    client.force_login(volunteer)
    html = client.get("/admin/").content.decode()
    assert f'href="{search_url}"' in html
    assert f'href="{search_url}atelier/{workshop.pk}/"' in html
    client.force_login(stranger)
    assert f'href="{search_url}"' not in client.get("/admin/").content.decode()


def test_the_check_in_menu_item_has_an_icon_that_wagtail_knows():
    from wagtail.admin.icons import get_icons

    from registrations.wagtail_hooks import register_check_in_menu_item

    icon = register_check_in_menu_item().icon_name
    assert f'id="icon-{icon}"' in get_icons()


def test_organizers_and_superusers_check_people_in_too(
    client, registration_page, edition, django_user_model
):
    organizer = django_user_model.objects.create_user("orga", "o@example.org", "pw")
    organizer.groups.add(Group.objects.get(name=ORGANIZERS_GROUP))
    root = django_user_model.objects.create_superuser("root", "r@example.org", "pw")
    for user in (organizer, root):
        registration = person(edition)
        client.force_login(user)
        client.post(ticket_url(registration_page, registration), {"action": "check_in"})
        registration.refresh_from_db()
        assert registration.checked_in_by == user


# The QR page


def test_the_qr_page_shows_name_category_code_and_workshops_then_checks_in(
    client, registration_page, edition, volunteer
):
    workshop = SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True, seats=5
    )
    ada = RegistrationFactory(edition=edition, first_name="Ada", last_name="Lovelace")
    WorkshopSeat.objects.create(registration=ada, session=workshop)
    ada = services.confirm(ada).registration
    url = ticket_url(registration_page, ada)
    client.force_login(volunteer)
    html = client.get(url).content.decode()
    assert "Ada Lovelace" in html
    assert ada.get_category_display() in html
    assert ada.ticket_code in html
    assert workshop.title in html
    assert 'value="check_in"' in html

    response = client.post(url, {"action": "check_in"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    ada.refresh_from_db()
    assert ada.checked_in_by == volunteer
    assert len(texts(response)) == 1
    assert 'value="undo"' in response.content.decode()


def test_checking_in_twice_says_when_in_paris_time_and_by_whom(
    client, registration_page, edition, volunteer, django_user_model
):
    ada = person(edition)
    arrived = timezone.make_aware(timezone.datetime(2026, 11, 23, 8, 5), timezone.UTC)
    services.check_in(ada, by=volunteer, now=arrived)
    other = django_user_model.objects.create_user("other", "o@example.org", "pw")
    other.groups.add(Group.objects.get(name=VOLUNTEERS_GROUP))
    client.force_login(other)
    response = client.post(ticket_url(registration_page, ada), {"action": "check_in"}, follow=True)
    [message] = texts(response)
    assert "23 novembre 2026 à 09:05" in message  # 08:05 UTC is 09:05 in Paris
    assert "Bénédicte Vol" in message
    assert 'role="alert"' in response.content.decode()
    ada.refresh_from_db()
    assert ada.checked_in_by == volunteer


@pytest.mark.parametrize(
    "status", [RegistrationStatus.CANCELLED, RegistrationStatus.WAITING, RegistrationStatus.PENDING]
)
def test_a_registration_without_a_seat_is_flagged_and_cannot_be_checked_in(
    client, registration_page, edition, volunteer, status
):
    registration = RegistrationFactory(
        edition=edition,
        status=status,
        waiting_position=1 if status == RegistrationStatus.WAITING else None,
    )
    url = ticket_url(registration_page, registration)
    client.force_login(volunteer)
    html = client.get(url).content.decode()
    assert 'role="alert"' in html
    statement = {"cancelled": "Inscription annulée.", "waiting": "Sur liste d’attente."}
    assert statement.get(status, "Inscription non confirmée.") in html
    assert "Aucune place n’est réservée pour cette inscription." in html
    assert escape(registration.get_status_display()) not in html.split("checkin-flag")[1]
    assert 'value="check_in"' not in html
    response = client.post(url, {"action": "check_in"}, follow=True)
    assert 'role="alert"' in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_a_mistake_is_undone_from_the_qr_page(client, registration_page, edition, volunteer):
    ada = person(edition)
    services.check_in(ada, by=volunteer)
    client.force_login(volunteer)
    client.post(ticket_url(registration_page, ada), {"action": "undo"})
    ada.refresh_from_db()
    assert ada.checked_in_at is None and ada.checked_in_by is None


@pytest.mark.parametrize(
    "token", ["nope", "1-2-3-4", "999999-abc-0-xyz", "1-" + "a" * 200, "%00", "x-y-zz-w"]
)
def test_tampered_tokens_answer_not_found(client, registration_page, edition, volunteer, token):
    person(edition)
    client.force_login(volunteer)
    assert client.get(f"{registration_page.url}checkin/{token}/").status_code == 404
    assert client.post(f"{registration_page.url}checkin/{token}/").status_code == 404


def test_a_ticket_of_another_edition_or_a_management_link_does_not_open(
    client, registration_page, edition, volunteer
):
    elsewhere = person(EditionFactory(registration_open=True))
    ada = person(edition)
    client.force_login(volunteer)
    assert client.get(ticket_url(registration_page, elsewhere)).status_code == 404
    manage_token = tokens.make_token(ada, tokens.MANAGE)
    assert client.get(f"{registration_page.url}checkin/{manage_token}/").status_code == 404


# The search page


def test_search_finds_by_name_and_checks_in_from_the_results(
    client, edition, volunteer, search_url
):
    ada = person(edition, email="ada@example.org")
    person(edition, first_name="Alan", last_name="Turing")
    client.force_login(volunteer)
    html = client.get(search_url, {"q": "lovelace"}).content.decode()
    assert "Ada Lovelace" in html and "Alan Turing" not in html
    assert ada.ticket_code in html

    response = client.post(
        search_url, {"registration": ada.pk, "action": "check_in", "q": "lovelace"}
    )
    assert response.status_code == 302
    assert response["Location"] == search_url + "?q=lovelace"
    page = client.get(response["Location"])
    assert "Ada Lovelace" in texts(page)[0]
    ada.refresh_from_db()
    assert ada.checked_in_by == volunteer

    client.post(search_url, {"registration": ada.pk, "action": "undo", "q": "lovelace"})
    ada.refresh_from_db()
    assert ada.checked_in_at is None


def test_search_by_ticket_code_as_typed(client, edition, volunteer, search_url):
    ada = person(edition)
    client.force_login(volunteer)
    html = client.get(search_url, {"q": ada.ticket_code.lower().replace("-", " ")}).content
    assert "Ada Lovelace" in html.decode()


def test_the_counter_shows_checked_in_out_of_confirmed(client, edition, volunteer, search_url):
    people = [person(edition) for _ in range(3)]
    services.check_in(people[0])
    client.force_login(volunteer)
    html = client.get(search_url).content.decode()
    assert '<strong data-counter="checked_in">1</strong>' in html
    assert '<span data-counter="confirmed">3</span>' in html
    assert client.get(search_url, {"format": "json"}).json() == {"confirmed": 3, "checked_in": 1}


@pytest.mark.parametrize(
    "data",
    [
        {"registration": "abc", "action": "check_in"},
        {"registration": "", "action": "check_in"},
        {"registration": "99999999", "action": "check_in"},
        {"action": "check_in"},
        {"registration": "OTHER", "action": "check_in"},
        {"registration": "ADA", "action": "dance"},
    ],
)
def test_bad_posts_on_the_search_page_change_nothing_and_say_so(
    client, edition, volunteer, search_url, data
):
    ada = person(edition)
    other = person(EditionFactory(registration_open=True))
    data = {
        key: {"ADA": ada.pk, "OTHER": other.pk}.get(value, value) for key, value in data.items()
    }
    client.force_login(volunteer)
    response = client.post(search_url, data, follow=True)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_a_very_long_or_odd_search_is_answered(client, edition, volunteer, search_url):
    client.force_login(volunteer)
    for text in ["x" * 5000, "%", "_", "' OR 1=1 --", "\u00e9\u0301"]:
        response = client.get(search_url, {"q": text})
        assert response.status_code == 200


def fill(edition, workshop, count, start):
    for n in range(start, start + count):
        registration = RegistrationFactory(
            edition=edition, first_name=f"Zoé{n}", last_name="Dupont", email=f"z{n}@example.org"
        )
        WorkshopSeat.objects.create(registration=registration, session=workshop)
        services.confirm(registration)
        if n % 2:
            services.check_in(registration)


def queries_for(client, url, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(captured)


def test_the_search_page_makes_the_same_queries_for_3_or_25_results(
    client, edition, volunteer, search_url
):
    edition.capacity = 100
    edition.save()
    workshop = SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True, seats=100
    )
    client.force_login(volunteer)
    fill(edition, workshop, 3, 0)
    client.get(search_url)  # the first request fills the caches of the site and its settings
    small = queries_for(client, search_url, {"q": "dupont"})
    fill(edition, workshop, 22, 3)
    html = client.get(search_url, {"q": "dupont"}).content.decode()
    assert html.count('class="checkin-result"') == 25
    assert queries_for(client, search_url, {"q": "dupont"}) == small


# Workshop attendance


@pytest.fixture
def workshop(edition):
    return SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True, seats=3
    )


def test_the_workshop_page_lists_seat_holders_and_marks_them_present(
    client, edition, volunteer, search_url, workshop
):
    holders = []
    for n in range(4):  # three seats: the fourth waits
        registration = RegistrationFactory(edition=edition, first_name=f"Hol{n}")
        WorkshopSeat.objects.create(registration=registration, session=workshop)
        holders.append(services.confirm(registration).registration)
    client.force_login(volunteer)
    assert workshop.title in client.get(search_url).content.decode()
    url = f"{search_url}atelier/{workshop.pk}/"
    html = client.get(url).content.decode()
    for holder in holders[:3]:
        assert holder.full_name in html
    assert holders[3].full_name not in html
    seat = WorkshopSeat.objects.get(registration=holders[0], session=workshop)

    response = client.post(url, {"seat": seat.pk, "action": "check_in"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    attendance = WorkshopAttendance.objects.get(seat=seat)
    assert attendance.checked_in_by == volunteer
    assert "Bénédicte Vol" in response.content.decode()
    assert "<strong>1</strong>" in response.content.decode()

    client.post(url, {"seat": seat.pk, "action": "undo"})
    assert not WorkshopAttendance.objects.exists()


def test_a_waiting_seat_or_another_workshop_seat_cannot_be_marked_from_this_page(
    client, edition, volunteer, search_url, workshop
):
    other = SessionFactory(edition=edition, kind=SessionKind.WORKSHOP, registration_required=True)
    registration = person(edition)
    elsewhere = WorkshopSeat.objects.create(
        registration=registration, session=other, status=SeatStatus.CONFIRMED
    )
    client.force_login(volunteer)
    url = f"{search_url}atelier/{workshop.pk}/"
    for seat in [elsewhere.pk, "abc", ""]:
        response = client.post(url, {"seat": seat, "action": "check_in"}, follow=True)
        assert 'role="alert"' in response.content.decode()
    assert not WorkshopAttendance.objects.exists()


def test_unknown_workshops_answer_not_found(client, edition, volunteer, search_url):
    talk = SessionFactory(edition=edition, kind=SessionKind.TALK)
    elsewhere = SessionFactory(kind=SessionKind.WORKSHOP, registration_required=True)
    client.force_login(volunteer)
    for pk in [talk.pk, elsewhere.pk, 999999]:
        assert client.get(f"{search_url}atelier/{pk}/").status_code == 404


def test_the_workshop_page_makes_the_same_queries_for_3_or_20_seat_holders(
    client, edition, volunteer, search_url
):
    edition.capacity = 100
    edition.save()
    workshop = SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True, seats=100
    )
    client.force_login(volunteer)
    url = f"{search_url}atelier/{workshop.pk}/"
    fill(edition, workshop, 3, 0)
    for seat in WorkshopSeat.objects.all()[:2]:
        services.attend_workshop(seat)
    client.get(url)  # the first request fills the caches of the site and its settings
    small = queries_for(client, url)
    fill(edition, workshop, 17, 3)
    for seat in WorkshopSeat.objects.all()[5:12]:
        services.attend_workshop(seat)
    assert queries_for(client, url) == small


# Ticket code on the participant's side and the English pages


def test_the_ticket_code_is_on_the_management_page(client, registration_page, edition):
    ada = person(edition)
    url = f"{registration_page.url}manage/{tokens.make_token(ada, tokens.MANAGE)}/"
    assert ada.ticket_code in client.get(url).content.decode()


def test_the_ticket_e_mail_gives_the_ticket_code(registration_page, edition):
    from registrations.choices import EmailKind
    from registrations.emails import build_message

    ada = person(edition)
    message = build_message(ada, EmailKind.TICKET)
    assert ada.ticket_code in message.body
    assert ada.ticket_code in message.alternatives[0][0]


def test_the_english_check_in_page_is_in_english(client, registration_page_en, edition, volunteer):
    person(edition)
    client.force_login(volunteer)
    response = client.get(registration_page_en.url + "checkin/")
    assert response.status_code == 200
    assert "checked in out of" in response.content.decode()


def test_marking_a_seat_holder_present_twice_says_by_whom(
    client, edition, volunteer, search_url, workshop, django_user_model
):
    registration = RegistrationFactory(edition=edition, first_name="Grace", last_name="Hopper")
    WorkshopSeat.objects.create(registration=registration, session=workshop)
    services.confirm(registration)
    seat = WorkshopSeat.objects.get(registration=registration)
    services.attend_workshop(seat, by=volunteer)
    other = django_user_model.objects.create_user("other", "o@example.org", "pw")
    other.groups.add(Group.objects.get(name=VOLUNTEERS_GROUP))
    client.force_login(other)
    url = f"{search_url}atelier/{workshop.pk}/"
    response = client.post(url, {"seat": seat.pk, "action": "check_in"}, follow=True)
    [message] = texts(response)
    assert "Grace Hopper" in message and "Bénédicte Vol" in message
    assert WorkshopAttendance.objects.get().checked_in_by == volunteer


# Links


def _internal_links(html):
    return {
        href
        for href in re.findall(r'href="([^"#?]+)', html)
        if href.startswith("/") and not href.startswith(("//", "/static/", "/media/", "/admin/"))
    }


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_link_of_the_check_in_pages_opens(
    client, request, registration_page, edition, volunteer, language
):
    page = registration_page
    if language == "en":
        page = request.getfixturevalue("registration_page_en")
    workshop = SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True, seats=5
    )
    ada = RegistrationFactory(edition=edition, first_name="Ada", last_name="Lovelace")
    WorkshopSeat.objects.create(registration=ada, session=workshop)
    ada = services.confirm(ada).registration
    search = page.url + page.reverse_subpage("checkin_search")
    ticket = page.url + page.reverse_subpage(
        "checkin", kwargs={"token": tokens.make_token(ada, tokens.CHECKIN)}
    )
    client.force_login(volunteer)
    links = set()
    for url in [search, search + "?q=Ada", ticket]:
        response = client.get(url)
        assert response.status_code == 200, url
        links |= _internal_links(response.content.decode())
    workshop_url = page.url + page.reverse_subpage("checkin_workshop", kwargs={"pk": workshop.pk})
    assert workshop_url in links
    for link in sorted(links):
        assert client.get(link).status_code == 200, link


def test_the_counter_says_one_arrival_in_the_singular_and_the_pages_share_one_title(
    client, registration_page, edition, volunteer, search_url
):
    ada = person(edition)
    services.check_in(ada, by=volunteer)
    client.force_login(volunteer)
    html = client.get(search_url).content.decode()
    assert "</strong> arrivée sur" in html
    assert "wagtail-userbar" not in html and "autofocus" in html
    ticket = client.get(ticket_url(registration_page, ada)).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert re.search(r"<title>(.*?)</title>", ticket, re.S).group(1) == title
    assert '<h1 class="registration-checkin-name">Ada Lovelace</h1>' in ticket


def test_check_in_pages_warn_when_today_is_not_a_day_of_the_edition(
    client, registration_page, edition, volunteer, search_url
):
    client.force_login(volunteer)
    edition.start_date = edition.end_date = timezone.localdate() + datetime.timedelta(days=30)
    edition.save()
    assert "checkin-off-day" in client.get(search_url).content.decode()

    edition.start_date = edition.end_date = timezone.localdate()
    edition.save()
    assert "checkin-off-day" not in client.get(search_url).content.decode()
