"""The hostile values every public parameter is driven with, and what every answer must hold."""

from dataclasses import dataclass
from urllib.parse import quote

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


@dataclass(frozen=True)
class Hostile:
    name: str
    value: str
    #: What must never appear raw in an HTML answer (the value escaped is fine).
    marker: str | None = None

    def __str__(self):
        return self.name


MARKUP = "<x-hostile>"

HOSTILE = [
    Hostile("script", "<script>alert('xss-1')</script>", "<script>alert("),
    Hostile("attribute-breakout", '" autofocus onfocus="alert(2)', '" autofocus onfocus="'),
    Hostile("tag-breakout", "'><img src=x onerror=alert(3)>", "<img src=x onerror"),
    Hostile("unterminated-double-quote", 'zq"x', 'zq"x'),
    Hostile("lone-double-quote", '"'),
    Hostile("lone-single-quote", "'"),
    Hostile("sql-or", "' OR '1'='1' --", "' OR '1'='1'"),
    Hostile("sql-stacked", "1; DROP TABLE registrations_registration; --"),
    Hostile("sql-wildcards", "%_%\\"),
    Hostile("fts-syntax", "NEAR(a b) AND -c OR ^d* col:e"),
    Hostile("tsquery-syntax", "a & !b | c:* <-> d"),
    Hostile("long-text", "A" * 100_000),
    Hostile("long-markup", MARKUP * 9_000, MARKUP),
    Hostile("long-accents", "é" * 50_000),
    Hostile("nul", "a\x00b"),
    Hostile("escape-sequence", "\x1b[31mred\x1b[0m"),
    Hostile("bell-and-backspace", "bell\x07\x08"),
    Hostile("c1-control", "next\x85line"),
    Hostile("header-injection", "Ada\r\nBcc: victim@example.org"),
    Hostile("bidi-override", "Ada \u202egnp.exe"),
    Hostile("bidi-isolate", "\u2066Ada\u2069"),
    Hostile("line-separator", "Ada\u2028Lovelace"),
    Hostile("emoji-and-rtl", "🎉 مرحبا"),
    Hostile("empty", ""),
    Hostile("spaces", "   "),
    Hostile("word", "abc"),
    Hostile("decimal", "1.5"),
    Hostile("exponent", "1e400"),
    Hostile("not-a-number", "NaN"),
    Hostile("infinity", "Infinity"),
    Hostile("zero", "0"),
    Hostile("negative", "-1"),
    Hostile("huge-negative", "-" + "9" * 40),
    Hostile("huge", "9" * 40),
    Hostile("int64-overflow", str(2**63)),
    Hostile("hex", "0x10"),
    Hostile("json-array", "[1, 2]"),
    Hostile("json-object", '{"a": 1}'),
    Hostile("true", "true"),
    Hostile("template-tag", "{{ request }}{% debug %}"),
    Hostile("path-traversal", "../../../../etc/passwd"),
]

#: A few of each kind, for routes that share the code the whole table drives elsewhere.
SAMPLE = [
    hostile
    for hostile in HOSTILE
    if hostile.name
    in {
        "script",
        "unterminated-double-quote",
        "sql-or",
        "long-text",
        "nul",
        "escape-sequence",
        "bidi-override",
        "huge",
        "negative",
        "path-traversal",
    }
]

#: Bytes no UTF-8 decoder accepts, and broken escapes, as written in a URL or a form body.
RAW_ESCAPES = ["%ff", "%c3%28", "%ed%a0%80", "%f4%90%80%80", "%00", "%", "%zz", "%e2%80%ae"]

#: Few examples, no deadline: the whole folder must stay well under two minutes.
bounded = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: Any text a browser could send (surrogates cannot be encoded in UTF-8).
any_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)),
    max_size=300,
)
#: Any text, sometimes with markup in the middle (see check_text).
hostile_text = st.one_of(
    any_text, st.tuples(any_text, any_text).map(lambda parts: parts[0] + MARKUP + parts[1])
)


def path_segment(value):
    return quote(value, safe="")


def is_html(response):
    return response.get("Content-Type", "").startswith("text/html")


def check(response, hostile=None):
    """No 5xx; in HTML, no raw echo of the hostile value's marker."""
    assert response.status_code < 500, f"{response.status_code} for {hostile}"
    if hostile is not None and hostile.marker and is_html(response):
        body = response.content.decode()
        assert hostile.marker not in body, f"{hostile} echoed unescaped"
    return response


def check_text(response, value):
    """The same for a generated value: the markup it may carry never comes back raw."""
    assert response.status_code < 500, f"{response.status_code} for {value!r}"
    if is_html(response):
        assert MARKUP not in response.content.decode(), f"{value!r} echoed unescaped"
    return response
