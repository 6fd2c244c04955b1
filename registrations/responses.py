"""How the registration page's routes answer: every answer private (never cached, it is
about one person), templates under registrations/ with the page and its edition."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from . import retention, tokens


def private(response):
    add_never_cache_headers(response)
    return response


def render(request, page, template, context=None, status=200):
    context = {"page": page, "edition": page.edition, **(context or {})}
    response = TemplateResponse(
        request, f"registrations/{template}", context, status=status
    ).render()
    return private(response)


def redirect_to_route(request, page, route, query=None, **kwargs):
    """To one of the page's routes (`kwargs` fill its path), with `query` as a query string."""
    url = page.get_url(request=request) + page.reverse_subpage(route, kwargs=kwargs or None)
    if query:
        url += "?" + urlencode(query)
    return private(HttpResponseRedirect(url))


def invalid_link(request, page, error):
    """404 for a link that is wrong or revoked, 410 for one too old; the page says what to do."""
    expired = isinstance(error, tokens.ExpiredToken)
    context = {"expired": expired, "retention_days": retention.retention_days()}
    if expired:
        context["purpose"] = error.purpose.rpartition(".")[2]
        if page.edition is not None:
            context["purge_date"] = retention.purge_due_date(page.edition)
    return render(request, page, "invalid_link.html", context, status=410 if expired else 404)
