"""The speaker page names the event from the site settings, not from the template."""

from wagtail.models import Site

import pytest

from home.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/2026/programme/intervenants/ines-martin/", "Sessions à Libre en Fête"),
        ("/en/2026/programme/speakers/ines-martin/", "Sessions at Libre en Fête"),
    ],
)
def test_the_speaker_page_heading_uses_the_site_name(
    client, program_page, program_page_en, small_program, path, expected
):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organization_name = "Libre en Fête"
    settings.save()

    html = client.get(path).content.decode()

    assert f'<h2 id="sessions-title">{expected}</h2>' in html
    assert "AlpOSS</h2>" not in html


def test_without_a_site_name_the_heading_says_alposs(client, program_page, small_program):
    html = client.get("/2026/programme/intervenants/ines-martin/").content.decode()

    assert '<h2 id="sessions-title">Sessions à AlpOSS</h2>' in html
