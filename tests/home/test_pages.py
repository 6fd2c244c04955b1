import datetime
import re

from django.utils import timezone

import pytest

from tests.factories.home import EditionFactory, EditionPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions(home_page):
    today = timezone.localdate()
    past = EditionFactory(
        year=today.year - 1,
        name="AlpOSS passée",
        start_date=today - datetime.timedelta(days=300),
        reported_participants=350,
    )
    coming = EditionFactory(
        year=today.year + 1,
        name="AlpOSS à venir",
        start_date=today + datetime.timedelta(days=60),
        theme="Communs numériques",
        theme_en="Digital commons",
    )
    return {
        "past": EditionPageFactory(parent=home_page, edition=past),
        "coming": EditionPageFactory(parent=home_page, edition=coming),
    }


def test_home_page_puts_the_coming_edition_first_and_lists_past_ones(client, editions):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Prochaine édition : AlpOSS à venir" in html
    assert "Éditions précédentes" in html
    assert html.index("AlpOSS à venir") < html.index("AlpOSS passée")
    assert "350 participants" in html


def test_home_page_is_french_by_default_with_a_link_to_english(client, editions, home_page_en):
    response = client.get("/")

    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'href="/en/" lang="en" hreflang="en">English</a>' in html


def test_english_home_page_speaks_english(client, editions, home_page_en):
    response = client.get("/en/")

    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert 'href="/" lang="fr" hreflang="fr">Français</a>' in html


def test_language_switcher_leads_to_the_same_page_in_the_other_language(
    client, editions, home_page_en, locales
):
    page = editions["coming"]
    translation = page.copy_for_translation(locales["en"])
    translation.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert f'href="/en/{page.slug}/" lang="en"' in html


def test_language_switcher_falls_back_to_the_home_page_when_no_translation(
    client, editions, home_page_en
):
    html = client.get(editions["past"].url).content.decode()

    assert 'href="/en/" lang="en"' in html


def test_edition_page_shows_its_facts_and_a_map_link(client, editions):
    page = editions["coming"]
    page.edition.venue_map_url = "https://www.openstreetmap.org/#map=18/45.14/5.71"
    page.edition.save()

    html = client.get(page.url).content.decode()

    assert "Communs numériques" in html
    assert "La Rampe" in html
    assert 'href="https://www.openstreetmap.org/#map=18/45.14/5.71"' in html
    assert "<iframe" not in html


def test_standard_page_renders_its_blocks(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="Infos pratiques",
        slug="infos-pratiques",
        body=[
            ("heading", {"text": "Horaires", "level": "h2"}),
            (
                "faq",
                {
                    "title": "Questions",
                    "questions": [{"question": "Est-ce gratuit ?", "answer": "<p>Oui.</p>"}],
                },
            ),
        ],
    )

    html = client.get(page.url).content.decode()

    assert "<h2>Horaires</h2>" in html
    assert "<summary>Est-ce gratuit ?</summary>" in html


def test_anonymous_reader_of_a_content_page_gets_no_cookie(client, editions):
    response = client.get(editions["coming"].url)

    assert response.cookies == {}


def test_public_pages_send_a_strict_content_security_policy(client, editions):
    policy = client.get("/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_unknown_address_gets_a_translated_404_page(client, home_page):
    response = client.get("/nulle-part/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_unknown_english_address_gets_an_english_404_page(client, home_page_en):
    response = client.get("/en/nowhere/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_robots_txt_points_to_the_sitemap(client, home_page):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_sitemap_lists_live_pages(client, editions):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert f"/{editions['coming'].slug}/" in response.content.decode()


def test_server_error_page_renders_without_the_database():
    from django.test import RequestFactory

    from home.views import server_error

    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()
    assert "Something went wrong" in response.content.decode()


def test_the_admin_login_labels_the_password_in_french(client, home_page):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert re.search(r'<label[^>]*for="id_password"[^>]*>\s*Mot de passe', html), html
