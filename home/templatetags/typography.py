"""Loaded into every template (TEMPLATES' `builtins`): the site's `date` filter and
`french_spacing` for text editors wrote.

`{{ value|date:"DATE_FORMAT" }}` works as Django's own, and writes "1er novembre" in French;
`{{ page.body|richtext|french_spacing }}` puts narrow no-break spaces before : ; ! ? in French."""

from django import template
from django.template.defaultfilters import date as django_date
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from home import typography

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if typography.is_french() and getattr(value, "day", None) == 1 and value not in (None, ""):
        from django.utils import formats

        try:
            pattern = formats.get_format(arg or "DATE_FORMAT")
        except (AttributeError, TypeError):
            return django_date(value, arg)
        return django_date(value, typography._unescaped_j(pattern))
    return django_date(value, arg)


@register.filter(is_safe=True)
def french_spacing(value):
    """Narrow no-break spaces before : ; ! ? in French; HTML, URLs and times untouched."""
    if not typography.is_french() or not value:
        return value
    if isinstance(value, SafeData):
        return mark_safe(typography.french_spacing(value))  # noqa: S308 (only spaces change)
    return mark_safe(typography.french_spacing(conditional_escape(value)))  # noqa: S308
