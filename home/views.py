from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from wagtail.models import Locale, Page

SEARCH_RESULTS_PER_PAGE = 10


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
        )
    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        page_of_results = paginator.page(1)
    return TemplateResponse(
        request, "home/search.html", {"query": query, "results": page_of_results}
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context, so no database query: this page must render whatever broke.
    return HttpResponseServerError(loader.get_template("500.html").render())
