import sys

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from wagtail.models import Locale, Page

from .cleaning import query_param

SEARCH_RESULTS_PER_PAGE = 10
RETRY_AFTER_SECONDS = 30  # what the 503 page tells browsers and load balancers


@require_safe
def search(request):
    query = query_param(request.GET, "q")
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
    context = {"query": query, "results": page_of_results, "sessions": [], "speakers": []}
    if query:
        context.update(program_results(request, query))
    context["total_count"] = (
        page_of_results.paginator.count + len(context["sessions"]) + len(context["speakers"])
    )
    return TemplateResponse(request, "home/search.html", context)


def program_results(request, query):
    """Sessions and speakers of every edition matching `query`, each with the address of its
    page on the edition's program page in the reader's language (a fixed number of queries)."""
    from program import queries
    from program.models import ProgramPage

    pages = ProgramPage.by_edition(Locale.get_active())
    urls = {edition_id: page.get_url(request) for edition_id, page in pages.items()}
    sessions = [
        {"session": session, "url": f"{urls[session.edition_id]}{session.slug}/"}
        for session in queries.search_sessions(query)
        if session.edition_id in urls
    ]
    speakers = []
    for speaker in queries.search_speakers(query):
        page = pages.get(speaker.latest_edition_id)
        if page is not None:
            path = page.reverse_subpage("speaker", kwargs={"slug": speaker.slug})
            speakers.append({"speaker": speaker, "url": urls[speaker.latest_edition_id] + path})
    return {"sessions": sessions, "speakers": speakers}


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page, or the 503 page when the database is down, locked or too slow.

    Rendered without a request context, so without a database query: it must show whatever
    broke. Django calls it while handling the exception, which sys.exception() returns.
    """
    if isinstance(sys.exception(), OperationalError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
