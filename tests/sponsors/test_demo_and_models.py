import io

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.translation import override

import pytest

from home import demo as home_demo
from sponsors import demo as sponsors_demo
from sponsors.choices import BoothStatus
from sponsors.models import BoothInfo, Sponsor, Sponsorship, SponsorsPage, SponsorTier
from tests.factories.sponsors import SponsorshipFactory, SponsorTierFactory

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "sponsors": list(Sponsor.objects.values_list("slug", "logo_id")),
        "tiers": SponsorTier.objects.count(),
        "sponsorships": list(Sponsorship.objects.values_list("pk", "tier_id", "portal_key")),
        "booths": list(BoothInfo.objects.values_list("pk", "status", "booth_number")),
        "pages": list(SponsorsPage.objects.values_list("url_path", "latest_revision_id")),
    }


def test_demo_data_is_complete_and_loading_it_twice_changes_nothing(locales):
    home_demo.load(io.StringIO())
    sponsors_demo.load(io.StringIO())
    first = snapshot()
    sponsors_demo.load(io.StringIO())
    assert snapshot() == first

    upcoming_booths = BoothInfo.objects.filter(sponsorship__edition__number=4)
    assert set(upcoming_booths.values_list("status", flat=True)) == set(BoothStatus.values)
    for number in (1, 2, 3, 4):
        assert SponsorTier.objects.filter(edition__number=number).count() == 4
    assert set(SponsorsPage.objects.values_list("slug", flat=True)) == {"partenaires", "partners"}
    assert SponsorsPage.objects.count() == 8
    assert all(sponsor.logo and sponsor.logo.alt_text for sponsor in Sponsor.objects.all())


def test_sponsor_link_command_prints_a_working_link(client, home_page):
    sponsorship = SponsorshipFactory()
    out = io.StringIO()
    year = str(sponsorship.edition.year)
    call_command("sponsor_link", sponsorship.sponsor.slug, "--year", year, stdout=out)
    url = out.getvalue().strip()
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert sponsorship.sponsor.name in response.content.decode()


def test_a_tier_of_another_edition_is_refused(home_page):
    from tests.factories.home import EditionFactory

    sponsorship = SponsorshipFactory()
    sponsorship.edition = EditionFactory(year=2060, number=30)
    with pytest.raises(ValidationError) as caught:
        sponsorship.full_clean()
    assert "tier" in caught.value.message_dict


def test_top_sponsors_tag_renders_nothing_without_editions(db):
    request = RequestFactory().get("/")
    html = Template("{% load sponsors_tags %}{% top_sponsors %}").render(
        Context({"request": request})
    )
    assert html.strip() == ""


def test_booth_is_editable_until_the_deadline_and_never_after_approval(home_page):
    import datetime

    from django.utils import timezone

    booth = BoothInfo(sponsorship=SponsorshipFactory(), status=BoothStatus.SUBMITTED)
    now = timezone.now()
    later = now + datetime.timedelta(days=1)
    assert booth.is_editable(now=now, deadline=later)
    assert not booth.is_editable(now=later + datetime.timedelta(seconds=1), deadline=later)
    booth.status = BoothStatus.CHANGES_REQUESTED
    assert booth.is_editable(now=later + datetime.timedelta(days=5), deadline=later)
    booth.status = BoothStatus.APPROVED
    assert not booth.is_editable(now=now, deadline=later)


def test_tier_without_booth_gets_no_booth(home_page):
    from sponsors.services import booth_for

    sponsorship = SponsorshipFactory(tier=SponsorTierFactory(includes_booth=False))
    assert booth_for(sponsorship) is None
    with override("en"):
        assert sponsorship.booth_status_display == "no booth"
