"""An edition page made by hand in the admin: its address is the year, and a draft that an
abandoned "add" form left behind does not block it."""

import datetime

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from home.models import EditionPage
from tests.factories.home import EditionFactory, EditionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(english_admin_client, home_page):
    return english_admin_client


@pytest.fixture
def edition(db):
    day = datetime.date(2028, 3, 9)
    return EditionFactory(year=2028, name="AlpOSS 2028", start_date=day, end_date=day)


def add(admin_client, home_page, edition, slug=""):
    url = reverse("wagtailadmin_pages:add", args=["home", "editionpage", home_page.pk])
    data = nested_form_data(
        {
            "title": "AlpOSS 2028",
            "slug": slug,
            "edition": edition.pk,
            "intro": streamfield([]),
            "action-publish": "publish",
        }
    )
    return admin_client.post(url, data)


@pytest.mark.parametrize("slug", ["", "alposs-2028"])
def test_the_edition_page_address_is_the_year(admin_client, home_page, edition, slug):
    response = add(admin_client, home_page, edition, slug)

    assert response.status_code == 302, response.context["form"].errors
    assert EditionPage.objects.get(edition=edition).slug == "2028"
    assert admin_client.get("/2028/").status_code == 200


def test_a_slug_the_organizer_chose_is_kept(admin_client, home_page, edition):
    add(admin_client, home_page, edition, "edition-speciale")

    assert EditionPage.objects.get(edition=edition).slug == "edition-speciale"


def test_an_abandoned_draft_does_not_block_the_edition_page(admin_client, home_page, edition):
    draft = EditionPageFactory(parent=home_page, edition=edition, slug="brouillon", live=False)

    response = add(admin_client, home_page, edition)

    assert response.status_code == 302
    assert EditionPage.objects.get(edition=edition, live=True).slug == "2028"
    assert EditionPage.objects.filter(pk=draft.pk, live=False).exists()


def test_a_live_page_of_the_edition_still_blocks_a_second_one(admin_client, home_page, edition):
    EditionPageFactory(parent=home_page, edition=edition, slug="2028")

    response = add(admin_client, home_page, edition, "encore")

    assert response.status_code == 200
    assert "This edition already has a page in this language." in response.content.decode()
