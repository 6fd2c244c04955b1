"""English says "Program" one way: the section title, the demo's page and every message."""

import re
import tomllib
from pathlib import Path

from django.utils import translation

from program.models import ProgramPage

ROOT = Path(__file__).resolve().parents[2]


def test_the_program_section_is_program_in_english_and_programme_in_french():
    title = ProgramPage.section_titles[0]
    with translation.override("en"):
        assert str(title) == "Program"
    with translation.override("fr"):
        assert str(title) == "Programme"


def test_the_demo_english_program_page_is_program():
    data = tomllib.loads((ROOT / "program/fixtures/demo/defaults.toml").read_text())
    assert data["page"]["en"]["title"] == "Program"


def test_no_english_message_says_programme():
    po = (ROOT / "locale/fr/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    msgids = re.findall(r'^msgid "(.*)"', po, re.M)
    assert not [msgid for msgid in msgids if re.search(r"\bprogramme\b", msgid, re.I)]
