"""Menus and the language switcher, built from the page tree in a few queries."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site

register = template.Library()


def _locale_root(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    root = _locale_root(request)
    items = list(root.get_children().live().in_menu()) if root else []
    page = context.get("page")
    current_path = getattr(page, "path", "")
    for item in items:
        item.is_current = bool(current_path) and current_path.startswith(item.path)
    return {"root": root, "items": items, "request": request}


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context):
    """The sub-pages of the edition the current page belongs to."""
    page = context.get("page")
    edition_page = None
    if isinstance(page, Page) and page.depth >= 3:
        edition_page = page if page.depth == 3 else page.get_ancestors().filter(depth=3).first()
    items = []
    if edition_page is not None and edition_page.specific_class.__name__ == "EditionPage":
        items = list(edition_page.get_children().live().in_menu())
        for item in items:
            item.is_current = page.path.startswith(item.path)
    return {"section": edition_page if items else None, "items": items, "page": page}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language, to the same page in that language when it exists."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        if isinstance(page, Page) and page.pk:
            target = translations.get(code)
            if target is None:
                root = _locale_root(request)
                locale = Locale.objects.filter(language_code=code).first()
                target = root.get_translation_or_none(locale) if root and locale else None
            url = target.get_url(request) if target else "/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url})
    return {"links": links}


@register.simple_tag(takes_context=True)
def localized_page_url(context, page):
    """The URL of the page in the active language, falling back to the page itself."""
    if page is None:
        return ""
    return page.localized.get_url(context.get("request"))
