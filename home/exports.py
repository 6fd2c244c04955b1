"""The spreadsheets the site writes (CSV, XLSX, ODS): one exporter for every app.

An export is a list of sheets, each made by `sheet(title, headings, rows)` from values (text,
numbers, dates and times, None for an empty cell); `write` turns them into a file and
`download` into an attachment. The apps decide what goes in the rows; this module alone knows
the file formats, as pretix's ListExporter does:

- CSV: UTF-8 with a byte order mark (LibreOffice and Excel then read accents right), commas,
  fields quoted only when they need it (RFC 4180); one sheet.
- XLSX and ODS: one tab per sheet, headings in bold, numbers and dates kept as numbers and
  dates (date-times shown in the admin language's short format in XLSX).

Text typed by participants and sponsors ends up in organizers' LibreOffice or Excel. A cell that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return can be read as a formula there
(`=HYPERLINK(...)`, `=WEBSERVICE(...)`, DDE): such text gets a leading apostrophe, the usual
mark of "this is text", so it shows as typed and never runs. Numbers, dates and empty cells
are left as they are: a negative number stays a number. `sheet` passes every cell through
`spreadsheet_safe`, and drops the control characters XML cannot hold (all but tab and line
breaks) rather than fail to write the file.
"""

import datetime
import io
import re

from django.http import FileResponse, HttpResponse
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wagtail.admin.views.mixins import ExcelDateFormatter
from wagtail.admin.widgets import Button

import tablib
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
FORMATS = tuple(CONTENT_TYPES)
MULTI_SHEET_FORMATS = ("xlsx", "ods")  # a CSV file holds one sheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# "+33 6 12 34 56 78": digits and separators only, nothing a spreadsheet could call.
_PHONE_NUMBER = re.compile(r"\+[\d ().-]+")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\*?:/\[\]]")  # in an XLSX tab's name
MAX_TITLE_LENGTH = 31  # XLSX's limit for a tab's name
MAX_COLUMN_WIDTH = 60


def spreadsheet_safe(value):
    """`value` as a cell that a spreadsheet shows as typed and never evaluates."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PHONE_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def spreadsheet_safe_row(values):
    return [spreadsheet_safe(value) for value in values]


def _cell(value):
    # XLSX and ODS are XML, which holds no control character but tabs and line breaks.
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return spreadsheet_safe(value)


def sheet(title, headers, rows):
    """One table of an export, every cell made safe: a tablib Dataset (`.headers`, rows)."""
    return tablib.Dataset(
        *[[_cell(value) for value in row] for row in rows],
        headers=[str(header) for header in headers],
        title=str(title)[:MAX_TITLE_LENGTH],
    )


def write(sheets, file_format):
    """The file, as bytes, holding `sheets` (made by `sheet()`; CSV holds exactly one)."""
    if file_format == "csv":
        (single,) = sheets
        return ("\ufeff" + single.export("csv")).encode()
    if file_format == "xlsx":
        return _xlsx(sheets)
    if file_format == "ods":
        return _ods(sheets)
    raise ValueError(f"Unknown spreadsheet format: {file_format!r}")


def download(sheets, file_format, filename, *, streamed=False):
    """`sheets` as an attachment named `filename.<format>`; `streamed`: as a FileResponse,
    the way Wagtail's own listing exports answer."""
    content = write(sheets, file_format)
    name = f"{filename}.{file_format}"
    if streamed:
        return FileResponse(
            io.BytesIO(content),
            as_attachment=True,
            filename=name,
            content_type=CONTENT_TYPES[file_format],
        )
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _xlsx(sheets):
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold, wrapped = Font(bold=True), Alignment(wrap_text=True)
    datetime_format = ExcelDateFormatter().get()
    for table in sheets:
        worksheet = workbook.create_sheet(_SHEET_TITLE_FORBIDDEN.sub("-", table.title))
        worksheet.append(table.headers)
        for cell in worksheet[1]:
            cell.font = bold
        worksheet.freeze_panes = "A2"
        for row in table:
            worksheet.append(row)
        widths = {}
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":  # openpyxl takes any "=..." for a formula: never
                    cell.data_type = "s"
                if isinstance(cell.value, datetime.datetime):
                    cell.number_format = datetime_format
                elif isinstance(cell.value, str) and "\n" in cell.value:
                    cell.alignment = wrapped
                width = len(str(cell.value)) if cell.value is not None else 0
                widths[cell.column] = max(widths.get(cell.column, 0), width)
        for column, width in widths.items():
            worksheet.column_dimensions[get_column_letter(column)].width = min(
                width + 2, MAX_COLUMN_WIDTH
            )
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _ods(sheets):
    if len(sheets) == 1:  # tablib writes the date and time styles for a single sheet only
        return sheets[0].export("ods")
    return tablib.Databook(sheets).export("ods")


class ListingExportMixin:
    """For Wagtail's listing views with `list_export`: the CSV and XLSX downloads (and ODS
    when `FORMATS` lists it) written by `download`, every cell safe. Wagtail still picks
    the columns, their headings and values (`preprocess_field_value`); an ODS cell is
    prepared as an XLSX one (typed: numbers and dates stay numbers and dates)."""

    FORMAT_ODS = "ods"

    def get_export_sheet_title(self):
        return capfirst(force_str(self.model._meta.verbose_name_plural))

    def preprocess_field_value(self, field, value, export_format):
        typed = self.FORMAT_XLSX if export_format == self.FORMAT_ODS else export_format
        return super().preprocess_field_value(field, value, typed)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        headers = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, spreadsheet_format)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        table = sheet(self.get_export_sheet_title(), headers, rows)
        # CSV and XLSX answer as Wagtail's own listing exports do (a file response).
        streamed = spreadsheet_format != self.FORMAT_ODS
        return download([table], spreadsheet_format, self.get_filename(), streamed=streamed)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.show_export_buttons and self.FORMAT_ODS in self.FORMATS:
            buttons.append(
                Button(
                    _("Download ODS"),
                    url=self.get_export_url(self.FORMAT_ODS),
                    icon_name="download",
                    priority=110,
                )
            )
        return buttons
