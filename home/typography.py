"""French typography, applied where the site writes text: a narrow no-break space (U+202F)
before `:`, `;`, `!` and `?`, and "1er" for the first of the month in dates.

`french_spacing` works on plain text and on HTML (only the text between tags changes, never a
tag, a URL, a time such as 09:00, nor what is inside <code>, <pre>, <script> or <style>)."""

import re

from django.utils import formats
from django.utils.translation import get_language

NNBSP = "\u202f"
# A space (plain, no-break, or the HTML entity) before a high punctuation mark: made narrow.
_SPACE_BEFORE = re.compile(r"(?: |\u00a0|&nbsp;|&#160;|\u2009)+(?=[:;!?])")
# No space at all before ; ! ? after a word, when the mark ends the word: a narrow one added
# (never before ":", which times and URLs use, nor inside a query string such as "?page=2").
_GLUED = re.compile(r"(?<=[^\W\d_])(?=[;!?]+(?:\s|$|[»)\]]))")
_TAG = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"(&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)")
_RAW = {"code", "pre", "script", "style", "kbd", "samp", "textarea"}


def _text(text):
    parts = _ENTITY.split(_SPACE_BEFORE.sub(NNBSP, text))  # "&gt;" ends with its own ";"
    return "".join(
        part if index % 2 else _GLUED.sub(NNBSP, part) for index, part in enumerate(parts)
    )


def french_spacing(value):
    """`value` with French spacing; HTML tags and raw elements are left as they are."""
    if not value:
        return value
    parts = _TAG.split(str(value))
    raw = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in _RAW and not part.endswith("/>"):
                raw += -1 if part.startswith("</") else 1
                raw = max(raw, 0)
        elif not raw:
            parts[index] = _text(part)
    return "".join(parts)


def is_french(language=None):
    return (language or get_language() or "").split("-")[0] == "fr"


def _unescaped_j(format_string):
    """The format with each unescaped "j" (day of the month) followed by a literal "er"."""
    out, escaped = [], False
    for char in format_string:
        out.append(char)
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "j":
            out.append(r"\e\r")
    return "".join(out)


def date_format(value, format_name=None):
    """Django's `date_format`, with "1er" for the first of the month in French."""
    if value in (None, ""):
        return ""
    pattern = formats.get_format(format_name or "DATE_FORMAT")
    if is_french() and getattr(value, "day", None) == 1:
        pattern = _unescaped_j(pattern)
    return formats.date_format(value, pattern)
