"""home.cleaning: the one place where untrusted text is cleaned or refused."""

from django import forms
from django.core.exceptions import ValidationError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from home.cleaning import (
    MAX_ID,
    PlainTextFormMixin,
    PlainTextValidator,
    clean_query,
    is_storable_id,
    is_unsafe,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ('zq"x', "zq x"),
        ("a\x00b", "ab"),
        ("  Estève\t\tMartin\r\n", "Estève Martin"),
        ("\x1b[31mred\x07", "[31mred"),
        ("Ada \u202egnp.exe\u2069", "Ada gnp.exe"),
        ("\u200fعبد الله\u200e 🎉", "\u200fعبد الله\u200e 🎉"),
        ("C++ & node.js 'single' %_", "C++ & node.js 'single' %_"),
        (None, ""),
        (["a"], ""),
    ],
)
def test_clean_query(raw, clean):
    assert clean_query(raw) == clean


def test_clean_query_bounds_the_length_before_and_after_cleaning():
    assert clean_query("a" * 100_000) == "a" * 200
    assert clean_query("\x00" * 100_000 + "word") == ""
    assert clean_query("ab " * 50, max_length=10) == "ab ab ab a"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_a_cleaned_query_holds_no_control_and_no_search_syntax_and_is_stable(text):
    cleaned = clean_query(text)
    assert len(cleaned) <= 200
    assert not any(is_unsafe(char) or char == '"' for char in cleaned)
    assert clean_query(cleaned) == cleaned


@pytest.mark.parametrize(
    "text",
    [
        "Zoë-Chloé O’Brien",
        "Łukasz Żółć",
        "\u200fعبد\u200c الله\u200e",  # RLM, ZWNJ, LRM
        "👩\u200d💻 🎉",  # ZWJ
        "漢字 かな",
        "\u00a0non-breaking\u202fspaces",
    ],
)
def test_ordinary_text_passes_both_validators(text):
    PlainTextValidator()(text)
    PlainTextValidator(multiline=True)(text)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff"])
def test_control_characters_are_refused_everywhere(char):
    for validator in (PlainTextValidator(), PlainTextValidator(multiline=True)):
        with pytest.raises(ValidationError) as refused:
            validator(f"a{char}b")
        assert refused.value.params == {"character": f"U+{ord(char):04X}"}


@pytest.mark.parametrize("char", "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
def test_bidi_overrides_and_isolates_are_refused(char):
    with pytest.raises(ValidationError):
        PlainTextValidator(multiline=True)(f"a{char}b")


def test_line_breaks_and_tabs_pass_only_in_multi_line_text():
    PlainTextValidator(multiline=True)("one\r\ntwo\tthree")
    for char in "\n\r\t":
        with pytest.raises(ValidationError):
            PlainTextValidator()(f"one{char}two")


class Form(PlainTextFormMixin, forms.Form):
    name = forms.CharField()
    notes = forms.CharField(widget=forms.Textarea, required=False)
    count = forms.IntegerField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["late"] = forms.CharField(required=False)


def test_the_mixin_guards_every_text_field_once_even_those_added_in_init():
    form = Form({"name": "a\x00b", "notes": "x\ny\x1b", "count": "1", "late": "\u202e"})
    assert not form.is_valid()
    assert set(form.errors) == {"name", "notes", "late"}
    assert len(form.errors["name"]) == 1  # Django's own NUL message is not added to ours
    form.full_clean()
    assert sum(isinstance(v, PlainTextValidator) for v in form.fields["name"].validators) == 1
    assert Form({"name": "Ada", "notes": "x\r\ny"}).is_valid()


@pytest.mark.parametrize(
    ("value", "storable"),
    [
        ("1", True),
        (" 42 ", True),
        (str(MAX_ID), True),
        (str(MAX_ID + 1), False),
        ("9" * 40, False),
        ("9" * 5000, False),
        ("0", False),
        ("-1", False),
        ("1.0", False),
        ("٣", False),
        ("", False),
        (7, True),
        (True, False),
        (2**64, False),
    ],
)
def test_is_storable_id(value, storable):
    assert is_storable_id(value) is storable
