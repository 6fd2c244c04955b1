import csv
import io

from django.core import mail
from django.urls import reverse
from django.utils.translation import override

from wagtail.users.models import UserProfile

import pytest
import tablib
from openpyxl import load_workbook

from sponsors import services
from sponsors.choices import BoothStatus
from sponsors.exports import logistics_dataset
from tests.factories.sponsors import BoothInfoFactory, SponsorshipFactory

pytestmark = pytest.mark.django_db


def portal_prefix(language):
    """The start of every portal link in this language (its path is translated)."""
    with override(language):
        return reverse("sponsors:portal", kwargs={"token": "TOKEN"}).removesuffix("TOKEN/")


@pytest.fixture
def organizer(django_user_model):
    """An organizer who reads the admin in English (the assertions below are in English)."""
    user = django_user_model.objects.create_superuser("orga", "orga@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def submitted(home_page):
    return BoothInfoFactory(status=BoothStatus.SUBMITTED)


def test_approving_submitted_information_emails_the_sponsor(
    submitted, organizer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(submitted, user=organizer)
    submitted.refresh_from_db()
    assert submitted.status == BoothStatus.APPROVED
    assert submitted.reviewed_by == organizer
    assert len(mail.outbox) == 1
    assert submitted.sponsorship.contact_email in mail.outbox[0].to
    assert portal_prefix("fr") in mail.outbox[0].body


def test_requesting_changes_needs_a_comment_and_emails_it(
    submitted, organizer, django_capture_on_commit_callbacks
):
    with pytest.raises(services.TransitionError):
        services.request_changes(submitted, "  ", user=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(submitted, "Ajoutez un numéro de téléphone.", user=organizer)
    submitted.refresh_from_db()
    assert submitted.status == BoothStatus.CHANGES_REQUESTED
    assert submitted.organizer_comment == "Ajoutez un numéro de téléphone."
    assert "Ajoutez un numéro de téléphone." in mail.outbox[0].body


@pytest.mark.parametrize("status", [BoothStatus.DRAFT, BoothStatus.CHANGES_REQUESTED])
def test_only_submitted_information_can_be_approved(home_page, organizer, status):
    booth = BoothInfoFactory(status=status)
    with pytest.raises(services.TransitionError):
        services.approve(booth, user=organizer)
    booth.refresh_from_db()
    assert booth.status == status


def test_draft_cannot_get_a_change_request(home_page):
    booth = BoothInfoFactory(status=BoothStatus.DRAFT)
    with pytest.raises(services.TransitionError):
        services.request_changes(booth, "Non")


def test_approved_information_can_be_reopened_by_a_change_request(home_page):
    booth = BoothInfoFactory(status=BoothStatus.APPROVED)
    services.request_changes(booth, "Le logo a changé.")
    booth.refresh_from_db()
    assert booth.status == BoothStatus.CHANGES_REQUESTED
    assert booth.is_editable()


def test_saving_approved_information_is_refused(home_page):
    booth = BoothInfoFactory(status=BoothStatus.APPROVED)
    booth.description = "Autre"
    with pytest.raises(services.TransitionError):
        services.save_booth(booth)


def test_full_cycle_draft_submit_change_request_resubmit_approve(home_page, organizer):
    booth = BoothInfoFactory()
    services.save_booth(booth)
    assert booth.status == BoothStatus.DRAFT
    services.save_booth(booth, submit=True)
    assert booth.status == BoothStatus.SUBMITTED
    services.request_changes(booth, "Précisez l'heure.", user=organizer)
    assert booth.status == BoothStatus.CHANGES_REQUESTED
    services.save_booth(booth)
    assert booth.status == BoothStatus.CHANGES_REQUESTED
    services.save_booth(booth, submit=True)
    assert booth.status == BoothStatus.SUBMITTED
    services.approve(booth, user=organizer)
    assert booth.status == BoothStatus.APPROVED
    booth.refresh_from_db()
    assert booth.status == BoothStatus.APPROVED


def test_sending_the_link_emails_a_working_link(
    client, home_page, django_capture_on_commit_callbacks
):
    sponsorship = SponsorshipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_portal_link(sponsorship)
    assert mail.outbox[0].to == [sponsorship.contact_email]
    url = next(line for line in mail.outbox[0].body.splitlines() if portal_prefix("fr") in line)
    response = client.get(url.strip().removeprefix("http://testserver"))
    assert response.status_code == 200
    assert sponsorship.sponsor.name in response.content.decode()


def test_sending_a_link_without_contact_email_is_refused(home_page):
    sponsorship = SponsorshipFactory(contact_email="")
    with pytest.raises(services.TransitionError):
        services.send_portal_link(sponsorship)


# Admin views go through the same services.


def test_admin_review_approves(client, submitted, organizer):
    client.force_login(organizer)
    url = reverse("sponsors_admin:review", args=[submitted.pk])
    page = client.get(url)
    assert submitted.description in page.content.decode()
    response = client.post(url, {"comment": "", "approve": "1"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == BoothStatus.APPROVED


def test_admin_review_requests_changes_and_refuses_it_without_comment(client, submitted, organizer):
    client.force_login(organizer)
    url = reverse("sponsors_admin:review", args=[submitted.pk])
    response = client.post(url, {"comment": "", "request_changes": "1"})
    assert response.status_code == 200
    assert "Say what should change" in response.content.decode()
    client.post(url, {"comment": "Ajoutez le nom des exposants.", "request_changes": "1"})
    submitted.refresh_from_db()
    assert submitted.status == BoothStatus.CHANGES_REQUESTED


def test_admin_views_need_permission(client, submitted, django_user_model):
    user = django_user_model.objects.create_user("visitor", "v@example.org", "pw")
    client.force_login(user)
    response = client.post(reverse("sponsors_admin:review", args=[submitted.pk]), {"approve": "1"})
    assert response.status_code in (302, 403)
    submitted.refresh_from_db()
    assert submitted.status == BoothStatus.SUBMITTED


def test_admin_can_revoke_links(client, home_page, organizer):
    sponsorship = SponsorshipFactory()
    old_key = sponsorship.portal_key
    client.force_login(organizer)
    client.post(reverse("sponsors_admin:portal_link", args=[sponsorship.pk]), {"revoke": "1"})
    sponsorship.refresh_from_db()
    assert sponsorship.portal_key != old_key


def test_admin_listings_render_with_filters(client, submitted, organizer):
    client.force_login(organizer)
    edition = submitted.sponsorship.edition
    booths = client.get(
        reverse("wagtailsnippets_sponsors_boothinfo:list"),
        {"status": "submitted", "edition": edition.pk, "tier": submitted.sponsorship.tier_id},
    )
    assert booths.status_code == 200
    assert submitted.sponsorship.sponsor.name in booths.content.decode()
    none = client.get(reverse("wagtailsnippets_sponsors_boothinfo:list"), {"status": "approved"})
    assert submitted.sponsorship.sponsor.name not in none.content.decode()
    sponsorships = client.get(
        reverse("wagtailsnippets_sponsors_sponsorship:list"), {"edition": edition.pk}
    )
    assert sponsorships.status_code == 200
    assert "Private booth link" in sponsorships.content.decode()


# Exports


@pytest.fixture
def booths(home_page):
    first = BoothInfoFactory(
        booth_number="A1",
        staff=["Camille Martin", "Dominique Petit"],
        needs_screen=True,
        note='=HYPERLINK("http://evil")',
    )
    edition = first.sponsorship.edition
    second = BoothInfoFactory(
        booth_number="A2",
        sponsorship=SponsorshipFactory(tier=first.sponsorship.tier, edition=edition),
        staff=["Alix Durand"],
    )
    return [first, second]


def test_logistics_export_has_one_row_per_booth_with_needs_and_staff(booths):
    with override("en"):
        dataset = logistics_dataset(booths[0].sponsorship.edition)
    assert dataset.height == 2
    first = dict(zip(dataset.headers, dataset[0], strict=True))
    assert first["Booth number"] == "A1"
    assert first["Staff"] == "Camille Martin; Dominique Petit"
    assert first["Staff count"] == 2
    assert first["Screen"] == "yes"
    assert first["Note"].startswith("'=")  # never a formula in a spreadsheet
    assert first["Phone"] == "+33 6 12 34 56 78"


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "ods"])
def test_exports_parse_back(client, booths, organizer, file_format):
    client.force_login(organizer)
    edition = booths[0].sponsorship.edition
    response = client.get(reverse("sponsors_admin:export", args=[edition.pk, file_format]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        header, data = rows[0], rows[1:]
    elif file_format == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        header, data = rows[0], rows[1:]
    else:
        dataset = tablib.Dataset().load(io.BytesIO(content), format="ods")
        header, data = dataset.headers, [list(row) for row in dataset]
    assert header[0] == "Booth number"
    assert [row[0] for row in data] == ["A1", "A2"]
    assert any("Alix Durand" in str(cell) for cell in data[1])


def test_printable_exhibitor_list(client, booths, organizer):
    client.force_login(organizer)
    edition = booths[0].sponsorship.edition
    page = client.get(reverse("sponsors_admin:exhibitors", args=[edition.pk])).content.decode()
    assert booths[0].sponsorship.sponsor.name in page
    assert "Alix Durand" in page
    exports_page = client.get(reverse("sponsors_admin:exports")).content.decode()
    assert reverse("sponsors_admin:export", args=[edition.pk, "ods"]) in exports_page


def test_admin_dashboard_lists_booths_to_review(client, submitted, organizer):
    client.force_login(organizer)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("sponsors_admin:review", args=[submitted.pk]) in page


def test_admin_sends_the_private_link(
    client, home_page, organizer, django_capture_on_commit_callbacks
):
    sponsorship = SponsorshipFactory(language="en")
    client.force_login(organizer)
    url = reverse("sponsors_admin:portal_link", args=[sponsorship.pk])
    assert "/en/sponsor-portal/" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"send": "1"})
    sponsorship.refresh_from_db()
    assert sponsorship.portal_link_sent_at is not None
    assert mail.outbox[0].to == [sponsorship.contact_email]
    assert "http://testserver/en/sponsor-portal/" in mail.outbox[0].body


def test_admin_sends_every_link_not_sent_yet_once(
    client, home_page, organizer, django_capture_on_commit_callbacks
):
    first = SponsorshipFactory()
    tier = first.tier
    SponsorshipFactory(tier=tier, edition=tier.edition)
    SponsorshipFactory(tier=tier, edition=tier.edition, contact_email="")
    client.force_login(organizer)
    url = reverse("sponsors_admin:send_links", args=[tier.edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == 2
    assert "All sent" in client.get(reverse("sponsors_admin:exports")).content.decode()


def test_organizers_edit_staff_as_lines_and_set_the_booth_number(client, submitted, organizer):
    client.force_login(organizer)
    url = reverse("wagtailsnippets_sponsors_boothinfo:edit", args=[submitted.pk])
    page = client.get(url).content.decode()
    assert "Camille Martin\nDominique Petit" in page
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    # What a browser posts: unchecked boxes are left out, empty values are empty strings.
    data = {key: "" if v is None else v for key, v in data.items() if v is not False}
    data.update({"booth_number": "D4", "staff": "Alix Durand\n\nSacha Roux\n"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    submitted.refresh_from_db()
    assert submitted.booth_number == "D4"
    assert submitted.staff == ["Alix Durand", "Sacha Roux"]
    assert submitted.status == BoothStatus.SUBMITTED
