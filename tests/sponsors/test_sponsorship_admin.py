"""A sponsorship's own page in the admin: its tier among its edition's tiers only, its private
link with send and revoke, the booth status in the same words as the listing."""

from django.core import mail
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from sponsors.models import Sponsorship
from tests.factories.home import EditionFactory
from tests.factories.sponsors import SponsorFactory, SponsorshipFactory, SponsorTierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer_client(client, django_user_model, home_page):
    user = django_user_model.objects.create_superuser("orga", "orga@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def two_editions():
    old, new = EditionFactory(year=2041), EditionFactory(year=2042)
    return {
        "old": old,
        "new": new,
        "old_gold": SponsorTierFactory(edition=old, name="Or 2041", includes_booth=True),
        "new_gold": SponsorTierFactory(edition=new, name="Or 2042", includes_booth=True),
        "new_silver": SponsorTierFactory(edition=new, name="Argent 2042"),
    }


def edit_url(sponsorship):
    return reverse("wagtailsnippets_sponsors_sponsorship:edit", args=[sponsorship.pk])


def test_the_tier_list_holds_only_the_tiers_of_the_sponsorships_edition(
    organizer_client, two_editions
):
    sponsorship = SponsorshipFactory(edition=two_editions["old"], tier=two_editions["old_gold"])

    form = organizer_client.get(edit_url(sponsorship)).context["form"]

    assert list(form.fields["tier"].queryset) == [two_editions["old_gold"]]


def test_a_new_sponsorship_offers_the_newest_editions_tiers(organizer_client, two_editions):
    form = organizer_client.get(reverse("wagtailsnippets_sponsors_sponsorship:add")).context["form"]

    assert form.initial["edition"] == two_editions["new"].pk
    assert {tier.name for tier in form.fields["tier"].queryset} == {"Or 2042", "Argent 2042"}


def test_a_tier_of_another_edition_is_refused_with_the_form_kept(organizer_client, two_editions):
    sponsor = SponsorFactory()
    data = {
        "sponsor": sponsor.pk,
        "edition": two_editions["new"].pk,
        "tier": two_editions["old_gold"].pk,
        "contact_name": "Camille",
        "contact_email": "camille@example.org",
        "contact_phone": "",
        "language": "fr",
        "organizer_notes": "",
    }

    response = organizer_client.post(reverse("wagtailsnippets_sponsors_sponsorship:add"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["tier"]
    assert response.context["form"]["contact_name"].value() == "Camille"
    assert not Sponsorship.objects.exists()


def test_the_private_link_is_sent_and_revoked_from_the_sponsorships_page(
    organizer_client, two_editions, django_capture_on_commit_callbacks
):
    sponsorship = SponsorshipFactory(
        edition=two_editions["new"], tier=two_editions["new_gold"], language="en"
    )
    page = organizer_client.get(edit_url(sponsorship)).content.decode()
    assert "/en/sponsor-portal/" in page
    assert "Send the link to" in page and "Revoke every link sent so far" in page
    assert "Booth status: not started" in page
    action = reverse("sponsors_admin:portal_link", args=[sponsorship.pk]) + "?back=edit"

    with django_capture_on_commit_callbacks(execute=True):
        sent = organizer_client.post(action, {"send": "1"})

    assert sent.status_code == 302 and sent.url == edit_url(sponsorship)
    assert mail.outbox[0].to == [sponsorship.contact_email]
    old_key = sponsorship.portal_key
    organizer_client.post(action, {"revoke": "1"})
    sponsorship.refresh_from_db()
    assert sponsorship.portal_key != old_key and sponsorship.portal_link_sent_at is not None


def test_the_booth_status_reads_the_same_in_the_listing_and_on_the_link_page(
    organizer_client, two_editions
):
    sponsorship = SponsorshipFactory(edition=two_editions["new"], tier=two_editions["new_gold"])
    link_page = reverse("sponsors_admin:portal_link", args=[sponsorship.pk])

    organizer_client.get(link_page)
    listing = organizer_client.get(reverse("wagtailsnippets_sponsors_sponsorship:list"))

    assert "Booth status: not started" in organizer_client.get(link_page).content.decode()
    assert "not started" in listing.content.decode()


def test_sponsorships_list_the_newest_edition_first(organizer_client, two_editions):
    SponsorshipFactory(edition=two_editions["old"], tier=two_editions["old_gold"])
    SponsorshipFactory(edition=two_editions["new"], tier=two_editions["new_gold"])

    listing = organizer_client.get(reverse("wagtailsnippets_sponsors_sponsorship:list"))

    editions = [row.edition.year for row in listing.context["object_list"]]
    assert editions == sorted(editions, reverse=True)
