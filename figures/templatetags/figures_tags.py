"""Numbers of the figures pages, formatted for the active language ("—" when not counted)."""

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()

MISSING = "—"
#: French puts a (no-break) space before the percent sign, English does not.
PERCENT_FORMATS = {"fr": "{}\u00a0%"}


@register.filter
def number(value):
    if value is None or value == "":
        return MISSING
    return formats.number_format(value, force_grouping=True)


@register.filter
def signed(value):
    """+100 / −12, grouped for the language."""
    if value is None:
        return MISSING
    text = formats.number_format(abs(value), force_grouping=True)
    return f"+{text}" if value >= 0 else f"−{text}"


@register.filter
def percent(rate, signed_rate=False):
    """0.4 -> "40 %" in French, "40%" in English; with `signed_rate`, "+40 %"."""
    if rate is None:
        return MISSING
    value = formats.number_format(round(abs(rate) * 100, 1), decimal_pos=None, force_grouping=True)
    if value.endswith((",0", ".0")):
        value = value[:-2]
    sign = ("+" if rate >= 0 else "−") if signed_rate else ("−" if rate < 0 else "")
    language = (get_language() or "").split("-")[0]
    return PERCENT_FORMATS.get(language, "{}%").format(f"{sign}{value}")
