"""A speaker's e-mail is for organizers' messages only: no public page, export or search
shows it, nor finds a speaker by it."""

import pytest

from program.models import Speaker

pytestmark = pytest.mark.django_db

ADDRESS = "ines.private@speakers.example.org"


def test_no_public_page_export_or_search_shows_the_speakers_e_mail(
    client, program_page, small_program
):
    Speaker.objects.filter(name="Inès Martin").update(email=ADDRESS, language="en")
    urls = [
        "/2026/programme/",
        "/2026/programme/intervenants/",
        "/2026/programme/intervenants/ines-martin/",
        "/2026/programme/schedule.xml",
        "/2026/programme/schedule.json",
        "/2026/programme/schedule.ics",
        f"/2026/programme/{small_program['english'].slug}/",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "speakers.example.org" not in response.content.decode(), url
    found = client.get("/recherche/", {"q": "ines.private"}).content.decode()
    assert "Inès Martin" not in found and "speakers.example.org" not in found


def test_the_admin_edits_the_speakers_private_contact(client, admin_user, program_page):
    from tests.factories.program import SpeakerFactory

    speaker = SpeakerFactory(name="Hugo Perret")
    client.force_login(admin_user)
    html = client.get(f"/admin/snippets/program/speaker/edit/{speaker.pk}/").content.decode()
    assert 'name="email"' in html and 'name="language"' in html
