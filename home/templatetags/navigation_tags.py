"""Menus and the language switcher, built from the page tree and kept in the cache.

Every HTML page shows them, and building them takes about ten queries. Each is cached under
the navigation version (home/navigation.py), which any page, site or locale change bumps.

Cached values are plain dicts (title, url, path): only the "current" marking is per request.
"""

from django import template
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from wagtail.models import Page, Site

from home import language_links
from home.models import EditionPage
from home.navigation import navigation_version

register = template.Library()

# Menus only change through the navigation signals; the timeout just bounds what a lost signal
# costs.
TIMEOUT = 24 * 3600


def _cached(request, name, build):
    """`build()` once per site, language and navigation version."""
    site = Site.find_for_request(request)
    key = f"navigation:{navigation_version()}:{name}:{site.pk if site else 0}:{get_language()}"
    value = cache.get(key)
    if value is None:
        value = build(site)
        cache.set(key, value, TIMEOUT)
    return value


def _link(page, request):
    return {"title": page.title, "url": page.get_url(request), "path": page.path, "pk": page.pk}


def _locale_root(site):
    return site.root_page.localized if site is not None else None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]

    def build(site):
        root = _locale_root(site)
        if root is None:
            return {"root": None, "items": []}
        items = root.get_children().live().in_menu()
        # Past editions leave the menu (their pages stay): one entry leads to their list.
        archived = (
            EditionPage.objects.child_of(root)
            .live()
            .filter(show_in_menus=False, edition__end_date__lt=timezone.localdate())
        )
        return {
            "root": _link(root, request),
            "items": [_link(p, request) for p in items],
            "archive_url": f"{root.get_url(request)}#past-editions" if archived.exists() else "",
        }

    menu = _cached(request, "main", build)
    current_path = getattr(context.get("page"), "path", "")
    items = [
        {**item, "is_current": bool(current_path) and current_path.startswith(item["path"])}
        for item in menu["items"]
    ]
    return {
        "root": menu["root"],
        "items": items,
        "archive_url": menu.get("archive_url", ""),
        "request": request,
    }


def _edition_page_path(page):
    """The path of the page's ancestor at depth 3 (an edition page, if any), without a query."""
    if not isinstance(page, Page) or page.depth < 3:
        return None
    return page.path[: 3 * page.steplen]


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context):
    """The sub-pages of the edition the current page belongs to. A view that serves no page of
    the edition (the live page) names the page it belongs to as `section_page`."""
    request = context["request"]
    page = context.get("page")
    section_path = _edition_page_path(page) or _edition_page_path(context.get("section_page"))
    if section_path is None:
        return {"section": None, "items": [], "page": page}

    def build(site):
        edition_page = Page.objects.filter(path=section_path).first()
        if edition_page is None or edition_page.specific_class.__name__ != "EditionPage":
            return {"section": None, "items": []}
        items = [_link(p, request) for p in edition_page.get_children().live().in_menu()]
        return {"section": _link(edition_page, request) if items else None, "items": items}

    menu = _cached(request, f"section:{section_path}", build)
    current_path = getattr(page, "path", None)
    items = [
        {**item, "is_current": bool(current_path) and current_path.startswith(item["path"])}
        for item in menu["items"]
    ]
    return {"section": menu["section"], "items": items, "page": page}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per other language, to the same page in that language (home/language_links.py):
    which page is kept in the cache, the route and query string come from the request."""
    request = context["request"]
    page = context.get("page")
    if not (isinstance(page, Page) and page.pk):
        return {"links": language_links.view_links(request, context.get("not_found", False))}
    targets = _cached(
        request,
        f"languages:{page.pk}",
        lambda site: language_links.page_targets(page, request),
    )
    return {"links": language_links.page_links(page, request, targets)}


@register.simple_tag(takes_context=True)
def localized_page_url(context, page):
    """The URL of the page in the active language, falling back to the page itself."""
    if page is None:
        return ""
    request = context.get("request")
    if request is None:
        return page.localized.get_url(None)
    return _cached(request, f"url:{page.pk}", lambda site: page.localized.get_url(request))
