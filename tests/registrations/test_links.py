"""Private links die: on the edition's purge date, on cancellation, and when a new one is sent
(asked for by the participant or by an organizer)."""

import datetime
import re
import time

from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from wagtail.models import ModelLogEntry, Site

import pytest

from home.models import SiteSettings
from registrations import services, tokens
from registrations.choices import RegistrationStatus
from registrations.models import Registration
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.registrations import RegistrationFactory, RegistrationPageFactory

pytestmark = pytest.mark.django_db

DAY = 86400
NOT_VALID = "Ce lien n'est pas valide"
WHAT_TO_DO = (
    "<strong>Votre inscription est toujours en cours ?</strong> Remplissez à nouveau le "
    "formulaire d’inscription avec la même adresse électronique : rien n’est modifié, et votre "
    "lien privé actuel vous est envoyé par courriel."
)
REGISTER_AGAIN = (
    "<strong>Vous avez annulé votre inscription ?</strong> Elle ne peut pas être rétablie : "
    "inscrivez-vous à nouveau, tant que les inscriptions sont ouvertes."
)
NEW_LINK_SENT = "Un nouveau lien vient d’être envoyé à"


def confirmed(edition, **fields):
    return services.confirm(RegistrationFactory(edition=edition, **fields)).registration


def manage_url(page, registration, now=None):
    return f"{page.url}gerer/{tokens.make_token(registration, tokens.MANAGE, now=now)}/"


def checkin_url(page, registration, now=None):
    return f"{page.url}accueil/{tokens.make_token(registration, tokens.CHECKIN, now=now)}/"


def link_in(message, route):
    match = re.search(rf"http://testserver(/\S*/{route}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def html(response):
    return response.content.decode()


def never_cached(response):
    return "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


# 1. Links die on the edition's purge date, even when the purge never ran


def past_edition_page(home_page, days_since_end):
    end = timezone.localdate() - datetime.timedelta(days=days_since_end)
    edition = EditionFactory(start_date=end, end_date=end)
    parent = EditionPageFactory(parent=home_page, edition=edition)
    return RegistrationPageFactory(parent=parent)


def test_a_manage_and_a_checkin_link_issued_400_days_ago_are_refused_as_expired(
    client, home_page, volunteer, settings
):
    settings.ALPOSS_REGISTRATION_RETENTION_DAYS = 180
    page = past_edition_page(home_page, days_since_end=390)
    person = RegistrationFactory(
        edition=page.edition, status=RegistrationStatus.CONFIRMED, first_name="Ada"
    )
    issued = time.time() - 400 * DAY

    for url in (manage_url(page, person, issued), checkin_url(page, person, issued)):
        response = client.get(url)
        assert response.status_code == 410
        assert "<h1>Ce lien a expiré</h1>" in html(response)
        assert (
            f"{page.edition} est terminée. Les données personnelles de ses inscriptions sont "
            "supprimées 180 jours après l’événement, et leurs liens privés cessent alors de "
            "fonctionner." in html(response)
        )
        assert "Ada" not in html(response)
    client.force_login(volunteer)
    assert client.get(checkin_url(page, person, issued)).status_code == 410
    person.refresh_from_db()
    assert person.purged_at is None  # the purge never ran: the links died all the same


def test_links_work_until_the_day_before_the_purge_date_and_stop_on_it(client, home_page, settings):
    settings.ALPOSS_REGISTRATION_RETENTION_DAYS = 180
    last_day = past_edition_page(home_page, days_since_end=179)
    purge_day = past_edition_page(home_page, days_since_end=180)
    kept = RegistrationFactory(edition=last_day.edition, status=RegistrationStatus.CONFIRMED)
    gone = RegistrationFactory(edition=purge_day.edition, status=RegistrationStatus.CONFIRMED)

    assert client.get(manage_url(last_day, kept)).status_code == 200
    assert client.get(checkin_url(last_day, kept)).status_code == 200
    assert client.get(manage_url(purge_day, gone)).status_code == 410  # even a fresh link
    assert client.get(checkin_url(purge_day, gone)).status_code == 410


def test_a_fresh_manage_link_of_the_current_edition_works(client, registration_page, edition):
    person = confirmed(edition, first_name="Ada")
    response = client.get(manage_url(registration_page, person))
    assert response.status_code == 200
    assert "Ada" in html(response)


def test_confirmation_links_keep_their_48_hours_and_their_own_message(
    client, registration_page, edition
):
    person = RegistrationFactory(edition=edition)
    fresh = tokens.make_token(person, tokens.CONFIRM, now=time.time() - 47 * 3600)
    stale = tokens.make_token(person, tokens.CONFIRM, now=time.time() - 49 * 3600)
    assert client.get(f"{registration_page.url}confirmer/{fresh}/").status_code == 200
    response = client.get(f"{registration_page.url}confirmer/{stale}/")
    assert response.status_code == 410
    assert "Les liens de confirmation sont valables un temps limité." in html(response)


# 2. A cancellation revokes the links; the page shown then can still delete the data, once


def test_cancelling_revokes_the_manage_and_checkin_links_and_says_what_to_do(
    client, registration_page, edition, volunteer, settings
):
    settings.ALPOSS_REGISTRATION_RETENTION_DAYS = 180
    person = confirmed(edition)
    manage, checkin = manage_url(registration_page, person), checkin_url(registration_page, person)

    cancelled = client.post(manage + "annuler/")
    assert cancelled.status_code == 200
    assert "<h1>Inscription annulée</h1>" in html(cancelled)
    purge_date = edition.end_date + datetime.timedelta(days=180)
    with translation.override("fr"):
        until = date_format(purge_date, "DATE_FORMAT")
    assert (
        f"Sinon, vos données personnelles sont conservées jusqu’au {until}, puis supprimées."
        in html(cancelled)
    )
    assert never_cached(cancelled)

    for url in (manage, manage + "annuler/", manage + "donnees/"):
        response = client.get(url)
        assert response.status_code == 404
        assert NOT_VALID in html(response)
        assert WHAT_TO_DO in html(response)
        assert REGISTER_AGAIN in html(response)
    client.force_login(volunteer)
    scanned = client.get(checkin)
    assert scanned.status_code == 404
    # The volunteer at the door is told what to do, not the participant.
    assert "<h1>Billet non valable</h1>" in html(scanned)
    assert f'href="{registration_page.url}accueil/"' in html(scanned)
    assert WHAT_TO_DO not in html(scanned)


def delete_form_action(response):
    match = re.search(r'<form method="post" action="([^"]+/supprimer/)"', html(response))
    assert match, html(response)
    return match.group(1)


def test_the_page_shown_after_cancelling_deletes_the_data_once(client, registration_page, edition):
    person = confirmed(edition, first_name="Émile", email="emile@example.org")
    cancelled = client.post(manage_url(registration_page, person) + "annuler/")
    action = delete_form_action(cancelled)
    assert 'name="csrfmiddlewaretoken"' in html(cancelled)

    deleted = client.post(action)
    assert deleted.status_code == 302
    assert deleted["Location"].endswith("/inscription/supprimee/")
    person.refresh_from_db()
    assert (person.first_name, person.email, person.key) == ("", "", "")
    assert person.purged_at is not None

    again = client.post(action)
    assert again.status_code == 404
    assert NOT_VALID in html(again)


def test_the_delete_link_of_the_cancelled_page_lasts_an_hour_and_does_nothing_else(
    client, registration_page, edition
):
    person = confirmed(edition)
    services.cancel(person)
    person.refresh_from_db()
    old = tokens.make_token(person, tokens.DELETE, now=time.time() - 3601)
    expired = client.post(f"{registration_page.url}gerer/{old}/supprimer/")
    assert expired.status_code == 410
    assert "fonctionnait pendant une heure après l’annulation" in html(expired)
    fresh = tokens.make_token(person, tokens.DELETE)
    for route in ("", "annuler/", "donnees/"):
        assert client.get(f"{registration_page.url}gerer/{fresh}/{route}").status_code == 404
    person.refresh_from_db()
    assert person.purged_at is None


def test_the_cancellation_email_carries_no_management_link(
    client, registration_page, edition, django_capture_on_commit_callbacks
):
    person = confirmed(edition)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(person)
    (message,) = mail.outbox
    assert "/gerer/" not in message.body
    assert "/gerer/" not in message.alternatives[0].content


def test_the_cancellation_email_says_where_to_ask_for_an_earlier_deletion(
    registration_page, edition, django_capture_on_commit_callbacks
):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.privacy_email = "dpo@alposs.example.org"
    site_settings.save()
    person = confirmed(edition)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(person)
    (message,) = mail.outbox
    sentence = "Pour les faire supprimer plus tôt, écrivez à dpo@alposs.example.org."
    assert sentence in message.body
    assert sentence in message.alternatives[0].content


# 3. The participant asks for a new link


def test_the_management_page_offers_a_new_link_by_a_protected_post(
    client, registration_page, edition
):
    person = confirmed(edition, email="ada@example.org")
    page = client.get(manage_url(registration_page, person))
    section = html(page)[html(page).index('id="new-link-title"') :]
    assert '<form method="post" action="">' in section
    assert 'name="csrfmiddlewaretoken"' in section
    assert '<button type="submit" name="new_link" value="1"' in section
    assert "Envoyez-moi un nouveau lien" in section
    assert "ada@example.org" in section

    strict = Client(enforce_csrf_checks=True)
    refused = strict.post(manage_url(registration_page, person), {"new_link": "1"})
    assert refused.status_code == 403
    key = person.key
    person.refresh_from_db()
    assert person.key == key
    assert not mail.outbox


def test_a_new_link_revokes_the_old_ones_and_the_new_one_arrives_by_mail(
    client, registration_page, edition, volunteer, django_capture_on_commit_callbacks
):
    person = confirmed(edition, email="ada@example.org")
    manage, checkin = manage_url(registration_page, person), checkin_url(registration_page, person)
    assert client.get(manage + "?new_link=1").status_code == 200  # a GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage, {"new_link": "1"})
    assert response.status_code == 200
    assert never_cached(response)
    assert f"{NEW_LINK_SENT} ada@example.org" in html(response)

    assert client.get(manage).status_code == 404
    (message,) = mail.outbox
    assert message.to == ["ada@example.org"]
    assert message.subject == f"Votre inscription à {edition}"
    new_manage = link_in(message, "gerer")
    new_checkin = link_in(message, "accueil")
    assert new_manage != manage and new_checkin != checkin
    assert client.get(new_manage).status_code == 200
    names = [getattr(a, "filename", None) or a.get_filename() for a in message.attachments]
    assert "ticket-qr.png" in names  # the ticket's QR code changed too: here is the new one

    client.force_login(volunteer)
    assert client.get(checkin).status_code == 404
    assert client.get(new_checkin).status_code == 200


def test_a_pending_registration_asking_a_new_link_gets_a_new_confirmation_link(
    client, registration_page, edition, django_capture_on_commit_callbacks
):
    person = RegistrationFactory(edition=edition)
    old_confirm = f"{registration_page.url}confirmer/{tokens.make_token(person, tokens.CONFIRM)}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url(registration_page, person), {"new_link": "1"})
    (message,) = mail.outbox
    assert client.get(old_confirm).status_code == 404
    assert client.get(link_in(message, "confirmer")).status_code == 200


# 4. Organizers revoke the links and send a new one


def test_an_organizer_revokes_the_links_and_sends_a_new_one(
    client, organizer, registration_page, edition, django_capture_on_commit_callbacks
):
    person = confirmed(edition, first_name="Ada", last_name="Lovelace", email="ada@example.org")
    old_manage = manage_url(registration_page, person)
    client.force_login(organizer)

    listing = html(client.get(reverse("registrations:index")))
    url = reverse("registrations_admin:new_link", args=[person.pk])
    assert f'href="{url}"' in listing
    inspect = html(client.get(reverse("registrations:inspect", args=[person.pk])))
    assert f'href="{url}"' in inspect
    assert "Révoquer les liens et en envoyer un nouveau" in inspect

    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "ada@example.org" in html(confirmation)
    assert '<form method="post"' in html(confirmation)
    assert not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, follow=True)
    assert done.redirect_chain[-1][0] == reverse("registrations:index")
    assert [str(m) for m in done.context["messages"]] == [
        "Les liens de Ada Lovelace sont révoqués ; un nouveau lien est envoyé à ada@example.org."
    ]
    entry = ModelLogEntry.objects.get(action="registrations.new_link")
    assert (entry.object_id, entry.user) == (str(person.pk), organizer)

    assert client.get(old_manage).status_code == 404
    (message,) = mail.outbox
    assert client.get(link_in(message, "gerer")).status_code == 200


def test_the_organizer_action_is_not_offered_for_a_cancelled_registration(
    client, organizer, edition
):
    person = confirmed(edition)
    services.cancel(person)
    key = Registration.objects.get(pk=person.pk).key
    client.force_login(organizer)
    url = reverse("registrations_admin:new_link", args=[person.pk])
    assert f'href="{url}"' not in html(client.get(reverse("registrations:index")))
    response = client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Seule une inscription en cours peut recevoir un nouveau lien."
    ]
    assert Registration.objects.get(pk=person.pk).key == key


def test_volunteers_anonymous_visitors_and_viewers_cannot_send_a_new_link(
    client, volunteer, django_user_model, edition
):
    person = confirmed(edition)
    url = reverse("registrations_admin:new_link", args=[person.pk])

    assert client.post(url)["Location"].startswith("/admin/login/?next=")
    viewer = django_user_model.objects.create_user("viewer", "v@example.org", "pw")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_registration"),
    )
    client.force_login(volunteer)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 403  # volunteers reach nothing but check-in
    client.force_login(viewer)
    for response in (client.get(url), client.post(url)):
        # Wagtail answers "permission denied" by a redirect to the dashboard, with a message.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    inspect = html(client.get(reverse("registrations:inspect", args=[person.pk])))
    assert escape(url) not in inspect

    assert Registration.objects.get(pk=person.pk).key == person.key
    assert not ModelLogEntry.objects.filter(action="registrations.new_link").exists()
    assert not mail.outbox
