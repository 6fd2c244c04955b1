import datetime

from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

import pytest

from sponsors import services
from sponsors.choices import BoothStatus
from sponsors.models import BoothInfo
from sponsors.portal import SALT, make_token, portal_path
from tests.factories.sponsors import (
    BOOTH_FORM,
    BoothInfoFactory,
    SponsorEditionSettingsFactory,
    SponsorshipFactory,
    SponsorTierFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def booth(home_page):
    return BoothInfoFactory(contact_name="", description="", arrival_time=None)


def url_of(sponsorship):
    return portal_path(sponsorship)


def test_link_shows_only_its_own_sponsorship(client, booth):
    other = BoothInfoFactory(description="Secret de la concurrence")
    response = client.get(url_of(booth.sponsorship))
    body = response.content.decode()
    assert response.status_code == 200
    assert booth.sponsorship.sponsor.name in body
    assert other.sponsorship.sponsor.name not in body
    assert "Secret de la concurrence" not in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]


def test_link_of_one_sponsor_cannot_change_another(client, booth):
    other = BoothInfoFactory(description="Texte d'origine")
    data = {**BOOTH_FORM, "description": "Piraté", "save": "1", "sponsorship": other.sponsorship.pk}
    client.post(url_of(booth.sponsorship), data)
    other.refresh_from_db()
    booth.refresh_from_db()
    assert other.description == "Texte d'origine"
    assert booth.description == "Piraté"


def test_token_carrying_another_id_with_a_valid_signature_of_the_wrong_key_is_refused(
    client, booth
):
    other = SponsorshipFactory()
    forged = signing.dumps({"s": other.pk, "k": booth.sponsorship.portal_key}, salt=SALT)
    response = client.get(reverse("sponsors:portal", kwargs={"token": forged}))
    assert response.status_code == 410
    assert other.sponsor.name not in response.content.decode()


def test_tampered_link_says_it_is_not_valid(client, booth):
    token = make_token(booth.sponsorship)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    with override("en"):
        response = client.get(reverse("sponsors:portal", kwargs={"token": tampered}))
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert booth.sponsorship.sponsor.name not in response.content.decode()


@pytest.mark.parametrize("token", ["x", "not:a:token", "e30:1tJ:abc", "%00", "a" * 500])
def test_garbage_link_is_a_clear_page_not_an_error(client, home_page, token):
    with override("en"):
        response = client.get(reverse("sponsors:portal", kwargs={"token": token}))
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_expired_link_says_so(client, booth, settings):
    settings.ALPOSS_SPONSOR_PORTAL_LINK_MAX_AGE = datetime.timedelta(days=1)
    with override("en"):
        old = signing.dumps(
            {"s": booth.sponsorship.pk, "k": booth.sponsorship.portal_key}, salt=SALT
        )
    # Re-sign as if it had been made two days ago.
    signer = signing.TimestampSigner(salt=SALT)
    signer.timestamp = lambda: signing.b62_encode(
        int((timezone.now() - datetime.timedelta(days=2)).timestamp())
    )
    payload, _sig = old.rsplit(":", 1)
    payload = payload.rsplit(":", 1)[0]
    expired = signer.sign(payload)
    response = client.get(f"/en/sponsor-portal/{expired}/")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_revoked_link_stops_working_and_a_new_one_works(client, booth):
    old_url = url_of(booth.sponsorship)
    services.revoke_portal_links(booth.sponsorship)
    response = client.get(old_url)
    assert response.status_code == 410
    assert booth.sponsorship.sponsor.name not in response.content.decode()
    booth.sponsorship.refresh_from_db()
    assert client.get(url_of(booth.sponsorship)).status_code == 200


def test_english_link_serves_the_portal_in_english(client, booth):
    booth.sponsorship.language = "en"
    booth.sponsorship.save()
    response = client.get(portal_path(booth.sponsorship))
    assert response.wsgi_request.path.startswith("/en/sponsor-portal/")
    assert "Save draft" in response.content.decode()


def test_saving_a_draft_keeps_it_incomplete_and_in_draft(client, booth):
    data = {**BOOTH_FORM, "description": "", "arrival_time": "", "save": "1"}
    response = client.post(url_of(booth.sponsorship), data)
    assert response.status_code == 302
    booth.refresh_from_db()
    assert booth.status == BoothStatus.DRAFT
    assert booth.staff == ["Camille Martin", "Dominique Petit"]
    assert booth.needs_screen is True
    assert mail.outbox == []


def test_submitting_incomplete_information_lists_what_is_missing_and_keeps_input(client, booth):
    data = {**BOOTH_FORM, "description": "", "contact_name": "Alix Durand", "submit": "1"}
    response = client.post(url_of(booth.sponsorship), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in body
    assert 'href="#id_description"' in body
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_description_helptext id_description_error"' in body
    assert 'id="id_description_error"' in body
    assert 'value="Alix Durand"' in body
    booth.refresh_from_db()
    assert booth.status == BoothStatus.DRAFT
    assert booth.contact_name == ""


def test_submitting_notifies_the_organizers(client, booth, django_capture_on_commit_callbacks):
    SponsorEditionSettingsFactory(edition=booth.sponsorship.edition)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url_of(booth.sponsorship), {**BOOTH_FORM, "submit": "1"})
    assert response.status_code == 302
    booth.refresh_from_db()
    assert booth.status == BoothStatus.SUBMITTED
    assert booth.submitted_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["organizers@alposs.example.org"]
    assert booth.sponsorship.sponsor.name in mail.outbox[0].subject
    assert f"/admin/sponsors/booths/{booth.pk}/review/" in mail.outbox[0].body
    follow = client.get(url_of(booth.sponsorship))
    assert "submitted" in follow.content.decode().lower() or "soumis" in follow.content.decode()


def test_approved_information_is_read_only(client, booth):
    booth.status = BoothStatus.APPROVED
    booth.description = "Texte approuvé"
    booth.save()
    page = client.get(url_of(booth.sponsorship)).content.decode()
    assert "<form" not in page.split("<main", 1)[1]
    assert "Texte approuvé" in page
    client.post(url_of(booth.sponsorship), {**BOOTH_FORM, "description": "Changé", "save": "1"})
    booth.refresh_from_db()
    assert booth.description == "Texte approuvé"


def test_after_the_deadline_the_form_closes_unless_changes_are_requested(client, booth):
    SponsorEditionSettingsFactory(
        edition=booth.sponsorship.edition,
        booth_deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    client.post(url_of(booth.sponsorship), {**BOOTH_FORM, "description": "Trop tard", "save": "1"})
    booth.refresh_from_db()
    assert booth.description == ""

    booth.status = BoothStatus.CHANGES_REQUESTED
    booth.organizer_comment = "Précisez l'heure d'arrivée."
    booth.save()
    page = client.get(url_of(booth.sponsorship)).content.decode()
    assert "Précisez l&#x27;heure d&#x27;arrivée." in page
    client.post(url_of(booth.sponsorship), {**BOOTH_FORM, "description": "Corrigé", "submit": "1"})
    booth.refresh_from_db()
    assert booth.description == "Corrigé"
    assert booth.status == BoothStatus.SUBMITTED


def test_before_the_deadline_submitted_information_can_be_edited_again(client, booth):
    SponsorEditionSettingsFactory(
        edition=booth.sponsorship.edition,
        booth_deadline=timezone.now() + datetime.timedelta(days=3),
    )
    client.post(url_of(booth.sponsorship), {**BOOTH_FORM, "submit": "1"})
    client.post(url_of(booth.sponsorship), {**BOOTH_FORM, "description": "Mieux", "submit": "1"})
    booth.refresh_from_db()
    assert booth.description == "Mieux"
    assert booth.status == BoothStatus.SUBMITTED


def test_a_tier_without_booth_has_nothing_to_fill(client, home_page):
    sponsorship = SponsorshipFactory(tier=SponsorTierFactory(includes_booth=False))
    response = client.get(url_of(sponsorship))
    assert response.status_code == 200
    assert "<form" not in response.content.decode().split("<main", 1)[1]
    assert not BoothInfo.objects.filter(sponsorship=sponsorship).exists()


def test_post_without_csrf_token_is_refused(booth):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url_of(booth.sponsorship), {**BOOTH_FORM, "save": "1"})
    assert response.status_code == 403
    booth.refresh_from_db()
    assert booth.contact_name == ""


def test_too_many_staff_is_refused_with_a_message(client, booth):
    names = "\n".join(f"Personne {n}" for n in range(20))
    response = client.post(
        url_of(booth.sponsorship), {**BOOTH_FORM, "staff_text": names, "save": "1"}
    )
    assert response.status_code == 400
    assert "Personne 19" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tables", "99", "4"),
        ("arrival_time", "25:99", "time"),
        ("contact_email", "not-an-email", "email address"),
        ("setup_minutes", "-5", "0"),
    ],
)
def test_bad_values_get_a_message_on_their_field_and_the_rest_is_kept(
    client, booth, field, value, message
):
    with override("en"):
        url = portal_path(booth.sponsorship, language="en")
    data = {**BOOTH_FORM, field: value, "save": "1"}
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in body
    assert message in body.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert 'value="Camille Martin"' in body
    booth.refresh_from_db()
    assert booth.contact_name == ""


def test_language_switcher_keeps_the_same_private_link(client, booth):
    url = url_of(booth.sponsorship)
    token = url.rstrip("/").rsplit("/", 1)[1]
    with override("en"):
        english = reverse("sponsors:portal", kwargs={"token": token})
    body = client.get(url).content.decode()
    assert f'href="{english}"' in body
    assert client.get(english).status_code == 200
