"""Organizer screens in the Wagtail admin: the figures across editions, and a printable yearly
report per edition with every figure, exported to ODS or XLSX."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from home import exports
from home.admin_screens import AdminScreenView, AdminScreenViewSet
from home.models import Edition
from program.choices import SessionKind
from registrations.choices import Category

from . import chart
from .models import AttendanceTally
from .services import edition_figures, figures_across_editions
from .table import SOURCE_LABELS, figures_table
from .templatetags.figures_tags import number, percent


class FiguresScreenView(AdminScreenView):
    """The figures are for whoever may view the frozen tallies."""

    model = AttendanceTally
    permission_required = "view"


class AcrossEditionsView(FiguresScreenView):
    def get(self, request):
        rows = figures_across_editions()
        editions = {edition.year: edition.pk for edition in Edition.objects.only("pk", "year")}
        for row in rows:
            row["pk"] = editions.get(row["year"])
        return TemplateResponse(
            request,
            "figures/admin/across_editions.html",
            {
                "page_title": _("Figures across editions"),
                "rows": rows,
                "table": figures_table(rows),
                "chart": chart.participants_chart(rows),
            },
        )


def _label(choices, code):
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def report_sections(figures):
    """The report as (title, headers, rows) tables: the same for the page and the exports."""
    summary = [
        (_("Participants"), figures["participants"]),
        (pgettext("figures", "Registered"), figures["registered"]),
        (pgettext("figures", "Confirmed"), figures["confirmed"]),
        (pgettext("figures", "On the waiting list"), figures["waiting"]),
        (pgettext("figures", "Cancelled"), figures["cancelled"]),
        (_("Waiting for e-mail confirmation"), figures.get("pending")),
        (_("Checked in at the door"), figures["checked_in"]),
        (_("No-show rate"), percent(figures["no_show_rate"])),
        (_("Sessions"), figures["sessions"]),
        (_("Workshops"), figures["workshops"]),
        (_("Speakers"), figures["speakers"]),
        (_("Sponsors"), figures["sponsors"]),
        (_("Exhibitors"), figures["exhibitors"]),
        (_("Online audience"), figures["online_audience"]),
        (_("Source"), str(SOURCE_LABELS[figures["source"]])),
    ]
    sections = [(_("Main figures"), [_("Figure"), _("Value")], summary)]
    if figures["by_category"]:
        sections.append(
            (
                _("Participants by category"),
                [_("Category"), pgettext("figures", "Confirmed"), _("Checked in")],
                [
                    (_label(Category, item["category"]), item["confirmed"], item["checked_in"])
                    for item in figures["by_category"]
                ],
            )
        )
    if figures["sessions_by_kind"]:
        sections.append(
            (
                _("Sessions by kind"),
                [_("Kind"), _("Sessions")],
                [
                    (_label(SessionKind, code), count)
                    for code, count in figures["sessions_by_kind"].items()
                ],
            )
        )
    if figures["workshop_attendance"]:
        sections.append(
            (
                _("Workshop attendance"),
                [
                    _("Workshop"),
                    _("Seats"),
                    pgettext("figures", "Confirmed"),
                    _("Waiting list"),
                    _("Came"),
                ],
                [
                    (w["title"], w["seats"], w["confirmed"], w["waiting"], w["attended"])
                    for w in figures["workshop_attendance"]
                ],
            )
        )
    return sections


def _export(edition, sections, file_format):
    sheets = [exports.sheet(title, headers, rows) for title, headers, rows in sections]
    return exports.download(sheets, file_format, f"alposs-{edition.year}-figures")


class EditionReportView(FiguresScreenView):
    """The organizers' yearly review of one edition: print it, or export it."""

    def get(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        figures = edition_figures(edition)
        sections = report_sections(figures)
        file_format = request.GET.get("format")
        if file_format:
            if file_format not in exports.MULTI_SHEET_FORMATS:
                raise Http404
            return _export(edition, sections, file_format)
        printable = [
            (
                title,
                headers,
                [[cell if isinstance(cell, str) else number(cell) for cell in row] for row in rows],
            )
            for title, headers, rows in sections
        ]
        return TemplateResponse(
            request,
            "figures/admin/edition_report.html",
            {"edition": edition, "figures": figures, "sections": printable},
        )


class FiguresScreens(AdminScreenViewSet):
    """The report across editions (in the Reports menu) and each edition's report."""

    name = "figures_admin"
    url_prefix = "figures"
    icon = "table"
    menu_label = gettext_lazy("Figures across editions")
    menu_order = 699  # first of the reports, before Wagtail's own (700 and more)
    menu_screen = "across_editions"
    menu_hook = "register_reports_menu_item"
    screens = (
        ("", AcrossEditionsView, "across_editions"),
        ("<int:pk>/", EditionReportView, "edition_report"),
    )
