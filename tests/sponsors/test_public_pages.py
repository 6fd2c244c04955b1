from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.editions import publish_translation
from sponsors.choices import BoothStatus, LogoSize
from sponsors.models import SponsorTier
from tests.factories.sponsors import (
    BoothInfoFactory,
    SponsorFactory,
    SponsorshipFactory,
    SponsorTierFactory,
)
from tests.sponsors.conftest import make_image

pytestmark = pytest.mark.django_db


def add_sponsors(edition, count, logo=None):
    tiers = [
        SponsorTierFactory(edition=edition, name=name, name_en=name_en, order=order, logo_size=size)
        for order, (name, name_en, size) in enumerate(
            [
                ("Or", "Gold", LogoSize.LARGE),
                ("Argent", "Silver", LogoSize.MEDIUM),
                ("Bronze", "Bronze", LogoSize.SMALL),
            ]
        )
    ]
    for n in range(count):
        sponsorship = SponsorshipFactory(
            edition=edition,
            tier=tiers[n % len(tiers)],
            sponsor=SponsorFactory(logo=logo or make_image(f"logo-{edition.year}-{n}")),
        )
        BoothInfoFactory(
            sponsorship=sponsorship,
            status=BoothStatus.APPROVED if n % 2 == 0 else BoothStatus.SUBMITTED,
            booth_number=f"B{n:02d}",
            description=f"Description approuvée {n}",
            logo_override=make_image(f"override-{edition.year}-{n}") if n % 3 == 0 else None,
        )
    return tiers


def test_partners_page_groups_sponsors_by_tier_with_logos_and_links(client, sponsors_page):
    edition = sponsors_page.get_parent().specific.edition
    add_sponsors(edition, 6)
    SponsorTier.objects.filter(edition=edition, name="Argent").update(contribution_amount=5000)
    response = client.get(sponsors_page.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index(">Or<") < body.index(">Argent<") < body.index(">Bronze<")
    assert 'alt="Logiciels Imaginaires' in body
    assert 'href="https://sponsor-' in body
    assert "/media/images/" in body  # renditions, not originals
    assert "5000" not in body and "5 000" not in body  # contributions stay private


def test_partners_page_lists_approved_exhibitors_only_with_booth_numbers(client, sponsors_page):
    edition = sponsors_page.get_parent().specific.edition
    add_sponsors(edition, 4)
    body = client.get(sponsors_page.url).content.decode()
    assert "Description approuvée 0" in body and "Description approuvée 2" in body
    assert "Description approuvée 1" not in body  # submitted, not approved
    assert "B00" in body and "B02" in body


def test_partners_page_in_english_uses_english_tier_names(client, sponsors_page, home_page_en):
    edition_page = sponsors_page.get_parent().specific
    add_sponsors(edition_page.edition, 3)
    publish_translation(edition_page, "en")
    english = publish_translation(sponsors_page, "en", title="Partners", slug="partners")
    response = client.get(english.url)
    body = response.content.decode()
    assert english.url.startswith("/en/")
    assert ">Gold<" in body and ">Or<" not in body
    assert '<p lang="fr">Description approuvée 0' in body  # no English text: marked as French


def test_partners_page_shows_only_its_own_edition(client, sponsors_page):
    from tests.factories.home import EditionFactory

    other = EditionFactory(year=2041, number=18)
    SponsorshipFactory(edition=other, tier=SponsorTierFactory(edition=other))
    body = client.get(sponsors_page.url).content.decode()
    assert "will be announced soon" in body or "annoncés" in body


def count_page_queries(client, url):
    client.get(url)  # renditions are made on the first view
    cache.clear()  # counted without help from the cache: prefetching alone bounds the queries
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("sizes", [(5, 50)])
def test_partners_page_queries_do_not_grow_with_the_number_of_sponsors(client, home_page, sizes):
    from tests.factories.home import EditionFactory, EditionPageFactory
    from tests.factories.sponsors import SponsorsPageFactory

    counts = []
    for year, size in zip((2050, 2051), sizes, strict=True):
        edition = EditionFactory(year=year, number=year - 2000)
        page = SponsorsPageFactory(parent=EditionPageFactory(parent=home_page, edition=edition))
        add_sponsors(edition, size)
        counts.append(count_page_queries(client, page.url))
    assert counts[0] == counts[1], counts


def test_home_and_edition_pages_show_the_current_edition_top_tiers(
    client, home_page, sponsors_page
):
    edition_page = sponsors_page.get_parent().specific
    add_sponsors(edition_page.edition, 6)
    for url in (home_page.url, edition_page.url):
        body = client.get(url).content.decode()
        assert ">Or<" in body and ">Argent<" in body
        assert ">Bronze<" not in body
        assert f'href="{sponsors_page.url}"' in body


def test_top_tiers_queries_do_not_grow_with_the_number_of_sponsors(client, home_page):
    from tests.factories.home import EditionFactory, EditionPageFactory

    counts = []
    for year, size in ((2050, 5), (2051, 50)):
        edition = EditionFactory(year=year, number=year - 2000)
        page = EditionPageFactory(parent=home_page, edition=edition)
        add_sponsors(edition, size)
        counts.append(count_page_queries(client, page.url))
    assert counts[0] == counts[1], counts
