"""The public figures page (/chiffres/, /en/figures/) and its open data, computed on the fly
from a fixed number of queries and cacheable by any proxy for anonymous readers."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from home.page_cache import mark_public

from . import chart, opendata
from .services import figures_across_editions
from .table import category_table, figures_table, has_figures


def _cacheable(request, response):
    return mark_public(request, response)


@require_safe
def index(request):
    every = figures_across_editions()
    rows = [row for row in every if has_figures(row)]
    context = {
        "rows": rows,
        # An edition just created has no figures yet: named, but no column of zeros.
        "without_figures": [row for row in every if not has_figures(row)],
        # Newest edition first: on a phone the table opens on the edition people look for.
        "columns": rows[::-1],
        "table": figures_table(rows[::-1]),
        "categories": category_table(rows[::-1]),
        "chart": chart.participants_chart(rows),
    }
    return _cacheable(request, TemplateResponse(request, "figures/index.html", context))


@require_safe
def editions_csv(request):
    response = HttpResponse(
        opendata.to_csv(figures_across_editions()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="alposs-editions.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return _cacheable(request, response)


@require_safe
def editions_json(request):
    response = HttpResponse(
        opendata.to_json(figures_across_editions()), content_type="application/json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return _cacheable(request, response)
