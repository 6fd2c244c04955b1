"""French typography where the site writes text: narrow no-break spaces before : ; ! ? (never
inside a URL, a time or a tag), "1er" for the first of the month, one date format per language,
and the favicon the site serves itself."""

import datetime

from django.template import Context, Template
from django.utils import timezone, translation

import pytest

from home.typography import NNBSP, date_format, french_spacing
from tests.factories.home import StandardPageFactory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Entrée : gratuite", f"Entrée{NNBSP}: gratuite"),
        ("Entrée\u00a0: gratuite", f"Entrée{NNBSP}: gratuite"),
        ("Est-ce gratuit ?", f"Est-ce gratuit{NNBSP}?"),
        ("Bienvenue!", f"Bienvenue{NNBSP}!"),
        ("oui ; non", f"oui{NNBSP}; non"),
        ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
        ("De 09:00 à 17:30", "De 09:00 à 17:30"),
        (
            "Voir https://alposs.example.org/2026/?jour=1",
            "Voir https://alposs.example.org/2026/?jour=1",
        ),
        ("Écrire à mailto:contact@example.org", "Écrire à mailto:contact@example.org"),
        (
            '<a href="https://x.org/a?b=1">Lien : ici</a>',
            f'<a href="https://x.org/a?b=1">Lien{NNBSP}: ici</a>',
        ),
        ('<p style="color: red">Note : oui</p>', f'<p style="color: red">Note{NNBSP}: oui</p>'),
        ("<code>a ? b : c</code> Et :", f"<code>a ? b : c</code> Et{NNBSP}:"),
        ("Déjà bien\u202f!", "Déjà bien\u202f!"),
        ("", ""),
    ],
)
def test_french_spacing_puts_narrow_spaces_before_high_punctuation_only_in_text(text, expected):
    assert french_spacing(text) == expected


def render(source, **context):
    return Template(source).render(Context(context))


def test_the_filter_works_in_french_only_and_escapes_plain_text():
    with translation.override("fr"):
        assert (
            render("{{ v|french_spacing }}", v="<b>Oui ?</b>") == f"&lt;b&gt;Oui{NNBSP}?&lt;/b&gt;"
        )
    with translation.override("en"):
        assert render("{{ v|french_spacing }}", v="Yes ?") == "Yes ?"


FIRST = datetime.date(2026, 11, 1)
SECOND = datetime.date(2026, 11, 2)


@pytest.mark.parametrize(
    ("language", "value", "fmt", "expected"),
    [
        ("fr", FIRST, "DATE_FORMAT", "1er novembre 2026"),
        ("fr", SECOND, "DATE_FORMAT", "2 novembre 2026"),
        ("fr", FIRST, "l j F Y", "dimanche 1er novembre 2026"),
        ("fr", FIRST, r"\j j", "j 1er"),  # an escaped j stays a letter
        ("en", FIRST, "DATE_FORMAT", "1 November 2026"),
    ],
)
def test_the_first_of_the_month_is_1er_in_french(language, value, fmt, expected):
    with translation.override(language):
        assert render("{{ d|date:f }}", d=value, f=fmt) == expected
        if "\\" not in fmt:
            assert date_format(value, fmt) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "1er novembre 2026 à 09:00"), ("en", "1 November 2026, 09:00")],
)
def test_one_date_and_time_format_per_language(language, expected):
    moment = timezone.make_aware(datetime.datetime(2026, 11, 1, 9, 0))
    with translation.override(language), timezone.override("Europe/Paris"):
        assert render('{{ d|date:"DATETIME_FORMAT" }}', d=moment) == expected


def test_editors_text_on_a_page_gets_french_spacing(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        slug="infos",
        intro="Entrée : gratuite",
        body=[
            ("heading", {"text": "Horaires : 09:00", "level": "h2"}),
            ("paragraph", '<p>Inscription : <a href="https://x.org/?a=1">ici</a> !</p>'),
        ],
    )

    html = client.get(page.url).content.decode()

    assert f"Entrée{NNBSP}: gratuite" in html
    assert f"<h2>Horaires{NNBSP}: 09:00</h2>" in html
    assert f'Inscription{NNBSP}: <a href="https://x.org/?a=1">ici</a>{NNBSP}!' in html


def test_the_site_serves_its_own_favicon_and_links_it(client, home_page):
    html = client.get(home_page.url).content.decode()

    assert 'rel="icon"' in html and "favicon.svg" in html and 'href="data:,"' not in html
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg").endswith("favicon.svg")


def test_every_french_message_has_narrow_spaces_before_high_punctuation():
    from pathlib import Path

    po = (Path(__file__).resolve().parents[2] / "locale/fr/LC_MESSAGES/django.po").read_text(
        encoding="utf-8"
    )
    entries = po.split("\n\n")[1:]  # the header's "text/plain; charset" is no French text
    wrong, read = [], 0
    for entry in entries:
        in_msgstr = False
        for line in entry.split("\n"):
            in_msgstr = line.startswith("msgstr") or (in_msgstr and line.startswith('"'))
            if in_msgstr:
                text = line[line.index('"') + 1 : -1]
                read += 1
                if french_spacing(text) != text:
                    wrong.append(text)
    assert read > 1000
    assert wrong == []
