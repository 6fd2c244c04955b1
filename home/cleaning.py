"""Untrusted input, cleaned or refused in one place for every public form and parameter.

- `clean_query()`: a free-text query parameter (site search, check-in search) made harmless for
  the database and the search backend.
- `PlainTextFormMixin`: every text field of a form refuses control characters and text-direction
  overrides, which would otherwise reach e-mails and the organizers' lists.
- `BoundedModelMultipleChoiceField`: ids no database can store are an invalid choice, not a 500.
"""

import unicodedata

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

#: Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder the text
#: shown around them ("Ada \u202egnp.exe" reads "Ada exe.png"). The marks U+200E and U+200F
#: that right-to-left names use are not among them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: What a multi-line text may hold besides printable characters.
LINE_BREAKS_AND_TABS = frozenset("\n\r\t")
#: The characters the search backends parse inside a query (SQLite's FTS5 quotes each word).
SEARCH_SYNTAX = frozenset('"')
QUERY_MAX_LENGTH = 200
#: The largest id a database column can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def is_unsafe(char):
    """Control characters (C0, DEL, C1), line and paragraph separators, bidi controls."""
    return (
        unicodedata.category(char) in ("Cc", "Zl", "Zp")
        or char in BIDI_CONTROLS
        or char == "\ufeff"  # a byte-order mark inside a text is an invisible leftover
    )


def clean_query(value, max_length=QUERY_MAX_LENGTH):
    """A query parameter fit for every backend: whitespace controls become spaces, other
    control characters and the search syntax go, spaces are collapsed, the length bounded."""
    if not isinstance(value, str):
        return ""
    kept = []
    for char in value[: max_length * 4]:  # bounded before any work on it
        if char.isspace() or char in SEARCH_SYNTAX:
            kept.append(" ")
        elif not is_unsafe(char):
            kept.append(char)
    return " ".join("".join(kept).split())[:max_length].strip()


def query_param(params, name="q", max_length=QUERY_MAX_LENGTH):
    """`clean_query()` of one GET or POST parameter (the last one, when it is repeated)."""
    return clean_query(params.get(name, ""), max_length)


@deconstructible
class PlainTextValidator:
    """Refuses control and bidi characters; `multiline` lets line breaks and tabs through."""

    code = "control_characters"

    def __init__(self, multiline=False):
        self.multiline = multiline

    def __call__(self, value):
        allowed = LINE_BREAKS_AND_TABS if self.multiline else frozenset()
        found = next((char for char in str(value) if is_unsafe(char) and char not in allowed), None)
        if found is None:
            return
        if self.multiline:
            message = _(
                "Remove the invisible control character %(character)s from this text: only "
                "letters, signs, line breaks and tabs are accepted."
            )
        else:
            message = _(
                "Remove the invisible control character %(character)s: this field takes one "
                "line of letters and signs."
            )
        raise ValidationError(message, code=self.code, params={"character": f"U+{ord(found):04X}"})

    def __eq__(self, other):
        return isinstance(other, PlainTextValidator) and other.multiline == self.multiline


def guard_text_field(field):
    """Give a text field the validator its widget calls for (once); it covers NUL, so Django's
    own NUL validator goes, and a NUL gives one message rather than two."""
    if not isinstance(field, forms.CharField):
        return
    if any(isinstance(validator, PlainTextValidator) for validator in field.validators):
        return
    field.validators = [
        validator
        for validator in field.validators
        if not isinstance(validator, validators.ProhibitNullCharactersValidator)
    ]
    field.validators.insert(0, PlainTextValidator(isinstance(field.widget, forms.Textarea)))


class PlainTextFormMixin:
    """For every public form: each text field, including those added in `__init__`, refuses
    control characters (single-line fields: line breaks too) with a message on the field; the
    form keeps what was typed, as any invalid form does."""

    def full_clean(self):
        for field in self.fields.values():
            guard_text_field(field)
        super().full_clean()


def is_storable_id(value):
    """True for an id a database could hold: a whole number from 1 to MAX_ID."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 < value <= MAX_ID
    if not isinstance(value, str):
        return True  # a model instance or the like: Django's own checks apply
    text = value.strip()
    return text.isascii() and text.isdigit() and len(text) <= 19 and 0 < int(text) <= MAX_ID


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Ids out of any database's range are refused with the usual 'Select a valid choice'
    before a query is built: SQLite raises OverflowError on them in an `IN (…)`."""

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            for item in value:
                if not is_storable_id(item):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": Truncator(str(item)).chars(24)},
                    )
        return super().clean(value)
