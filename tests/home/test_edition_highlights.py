"""Home's pages show what other apps register about an edition, without home knowing them."""

from django.utils.html import format_html

from wagtail import hooks

import pytest

from tests.factories.home import EditionFactory, EditionPageFactory

pytestmark = pytest.mark.django_db


def highlight(context, edition):
    return format_html('<p class="highlight">{} · {}</p>', edition.name, context["page"].title)


def unsafe_highlight(context, edition):
    return "<script>not HTML</script>"


def test_home_and_edition_pages_show_each_registered_block_for_the_edition(client, home_page):
    edition = EditionFactory(name="AlpOSS à venir")
    edition_page = EditionPageFactory(parent=home_page, edition=edition, title="Édition")

    with (
        hooks.register_temporarily("alposs_edition_highlights", highlight),
        hooks.register_temporarily("alposs_edition_highlights", unsafe_highlight),
    ):
        home = client.get(home_page.url).content.decode()
        edition_html = client.get(edition_page.url).content.decode()

    assert f'<p class="highlight">AlpOSS à venir · {home_page.title}</p>' in home
    assert '<p class="highlight">AlpOSS à venir · Édition</p>' in edition_html
    assert "&lt;script&gt;not HTML&lt;/script&gt;" in edition_html  # text, not markup
    assert "<script>not HTML" not in edition_html
