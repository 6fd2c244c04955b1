"""Site search: pages of the active language, and sessions and speakers of every edition.

An app of its own on top of the others (as Wagtail's bakerydemo has it): it reads home's pages
and program's sessions, and nothing below it needs to know about search.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from wagtail.models import Locale, Page

from home.cleaning import query_param
from program import queries
from program.models import ProgramPage

SEARCH_RESULTS_PER_PAGE = 10


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
    return TemplateResponse(request, "search/search.html", context)


def program_results(request, query):
    """Sessions and speakers of every edition matching `query`, each with the address of its
    page on the edition's program page in the reader's language (a fixed number of queries)."""
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
