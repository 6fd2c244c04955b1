"""Where the language switcher leads: the same page in the other language.

A Wagtail page leads to its translation; a route of a routable page (a session, a speaker, the
registration's private management page, a ticket) to the same route, with the same arguments,
on the translated page, through its localized route table (home/routing.py); the query string
follows. A Django view (the live page, figures, the sponsor portal) leads to the same view in
the other language (`translate_url`).

Where a page has no translation, the link goes to its nearest ancestor that has one (at worst
the other language's home page) and says so (`exact` is False).

The part that needs queries (which page in which language) is kept per page in the navigation
cache by the template tag; what depends on the request (route, arguments, query string) is
added here without a query, so a listing costs nothing more and a private key never lands in
the cache.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse, translate_url
from django.utils.translation import get_language, override

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from .routing import LocalizedRoutesMixin

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def other_languages():
    current = get_language()
    return [(code, name) for code, name in settings.LANGUAGES if code != current]


def home_url(code):
    with override(code):
        return reverse("wagtail_serve", args=[""])


def page_targets(page, request):
    """For each other language: the URL of the page's translation, or of its nearest ancestor
    that has one (`exact` False). Plain data, to be cached."""
    languages = other_languages()
    lineage = [page, *reversed(page.get_ancestors().filter(depth__gt=1))]
    keys = [p.translation_key for p in lineage]
    found = {}
    candidates = Page.objects.filter(
        translation_key__in=keys,
        locale__language_code__in=[code for code, _name in languages],
        live=True,
    ).select_related("locale")
    for candidate in candidates:
        found[(candidate.translation_key, candidate.locale.language_code)] = candidate
    targets = []
    for code, name in languages:
        url, exact = None, False
        for depth, ancestor in enumerate(lineage):
            target = found.get((ancestor.translation_key, code))
            url = target.get_url(request) if target is not None else None
            if url:
                exact = depth == 0
                break
        targets.append({"code": code, "name": name, "url": url or home_url(code), "exact": exact})
    return targets


def route_suffix(page, request, code):
    """The sub-path of the route this request matched on `page`, in language `code`, or ""."""
    match = getattr(request, "routable_resolver_match", None)
    if match is None or not isinstance(page, RoutablePageMixin):
        return ""
    routed = getattr(match.func, "__self__", None)
    if routed is None or routed.pk != page.pk:
        return ""
    name = match.url_name or ""
    base, _sep, suffix = name.rpartition("_")
    if base and suffix in LANGUAGE_CODES:
        name = base
    arguments = {"kwargs": match.kwargs} if match.kwargs else {"args": match.args}
    try:
        if isinstance(page, LocalizedRoutesMixin):
            return page.reverse_subpage(name, language=code, **arguments).lstrip("/")
        return RoutablePageMixin.reverse_subpage(page, name, **arguments).lstrip("/")
    except NoReverseMatch:
        return ""


def with_query(url, request):
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


def page_links(page, request, targets):
    """The cached targets, completed with this request's route and query string."""
    links = []
    for target in targets:
        url = target["url"]
        if target["exact"]:
            url = with_query(url + route_suffix(page, request, target["code"]), request)
        links.append({**target, "url": url})
    return links


def view_links(request, not_found=False):
    """For a page that is no Wagtail page: the same view in each other language, else that
    language's home page, said so. From a "page not found", the home page, without a note:
    the same address would be missing in the other language too."""
    links = []
    for code, name in other_languages():
        url, exact = home_url(code), not_found
        translated = None if not_found else _translated_view_url(request, code)
        if translated:
            url, exact = translated, True
        links.append({"code": code, "name": name, "url": url, "exact": exact})
    return links


def _translated_view_url(request, code):
    """The request's URL in language `code`, or None when it is not a translatable view (the
    page tree's catch-all would only prefix the same slugs)."""
    path = request.path_info
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name in (None, "wagtail_serve"):
        return None
    translated = translate_url(request.get_full_path(), code)
    if urlsplit(translated).path == request.path:
        return None
    return translated
