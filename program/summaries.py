"""The short HTML of a session in the schedule, built once per session and request.

The schedule shows each session twice (grid for wide screens, list for phones) and may hold
hundreds of them: an `{% include %}` per occurrence made template rendering most of the page's
time. This builds the same markup with `format_html`, with labels translated once per request.
"""

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from .choices import SessionKind, SessionLanguage


class SummaryBuilder:
    def __init__(self, program_url, page_language):
        self.program_url = program_url
        self.page_language = page_language
        self.kinds = {value: str(label) for value, label in SessionKind.choices}
        self.languages = {value: str(label) for value, label in SessionLanguage.choices}
        self.on_now = gettext("On now")
        self.up_next = gettext("Up next")
        self.on_registration = gettext("on registration")

    def __call__(self, session):
        """(HTML for the grid, HTML for the list): the list also names the room."""
        other_language = session.language != self.page_language
        lang = format_html(' lang="{}"', session.language) if other_language else ""
        if session.is_now:
            flag = format_html('<p class="slot__flag slot__flag--now">{}</p>', self.on_now)
        elif session.is_next:
            flag = format_html('<p class="slot__flag slot__flag--next">{}</p>', self.up_next)
        else:
            flag = ""
        meta = format_html(
            '<span class="kind kind--{}">{}</span>', session.kind, self.kinds[session.kind]
        )
        if session.track_id:
            meta += format_html(
                ' <span class="slot__track">{}</span>', session.track.localized_name
            )
        if other_language:
            meta += format_html(
                ' <span class="slot__lang">{}</span>', self.languages[session.language]
            )
        if session.kind == SessionKind.BREAK:
            title = format_html('<p class="slot__title"{}>{}</p>', lang, session.title)
        else:
            title = format_html(
                '<p class="slot__title"><a href="{}{}/"{}>{}</a></p>',
                self.program_url,
                session.slug,
                lang,
                session.title,
            )
        start, end = timezone.localtime(session.start), timezone.localtime(session.end)
        times = format_html(
            '<time datetime="{}">{}</time>–<time datetime="{}">{}</time>',
            start.isoformat(),
            start.strftime("%H:%M"),
            end.isoformat(),
            end.strftime("%H:%M"),
        )
        names = [row.speaker.name for row in session.speaker_rows]
        speakers = (
            format_html('<p class="slot__speakers">{}</p>', ", ".join(names)) if names else ""
        )
        seats = ""
        if session.kind == SessionKind.WORKSHOP and session.seats:
            text = ngettext("%(seats)s seat", "%(seats)s seats", session.seats) % {
                "seats": session.seats
            }
            if session.registration_required:
                text = f"{text}, {self.on_registration}"
            seats = format_html('<p class="slot__seats">{}</p>', text)

        def body(time_line):
            return format_html(
                '<div class="slot__body">{}<p class="slot__meta">{}</p>{}'
                '<p class="slot__time">{}</p>{}{}</div>',
                flag,
                meta,
                title,
                time_line,
                speakers,
                seats,
            )

        in_list = times
        if session.room_id:
            in_list = format_html("{} · {}", times, session.room.name)
        return body(times), body(in_list)


def slot_classes(session):
    classes = f"slot slot--{session.kind}"
    if session.track_id:
        classes += f" track--{session.track.colour}"
    if session.is_now:
        classes += " slot--now"
    elif session.is_next:
        classes += " slot--next"
    return classes


def _time(moment):
    return format_html(
        '<time datetime="{}">{}</time>', moment.isoformat(), moment.strftime("%H:%M")
    )


def grid_body(grid):
    """The rows of a day's table: a time header, then one cell per room (spans included)."""
    rows = []
    for row in grid.rows:
        cells = [
            format_html('<th scope="row" class="schedule-grid__time">{}</th>', _time(row.start))
        ]
        for cell in row.cells:
            if cell.session is None:
                cells.append(mark_safe('<td class="slot slot--empty"></td>'))
                continue
            spans = mark_safe("")
            if cell.rowspan > 1:
                spans += format_html(' rowspan="{}"', cell.rowspan)
            if cell.colspan > 1:
                spans += format_html(' colspan="{}"', cell.colspan)
            cells.append(
                format_html(
                    '<td{} class="{}">{}</td>',
                    spans,
                    slot_classes(cell.session),
                    cell.session.grid_html,
                )
            )
        rows.append(format_html("<tr>{}</tr>", mark_safe("".join(cells))))  # noqa: S308
    return mark_safe("\n".join(rows))  # noqa: S308 (each part is built with format_html)


def list_body(groups):
    """The phone list: a heading per start time, then its sessions."""
    parts = []
    for start, sessions in groups:
        items = "".join(
            format_html('<li class="{}">{}</li>', slot_classes(s), s.list_html) for s in sessions
        )
        parts.append(
            format_html(
                '<h3 class="schedule-list__time">{}</h3><ul class="schedule-list__items">{}</ul>',
                _time(timezone.localtime(start)),
                mark_safe(items),  # noqa: S308
            )
        )
    return mark_safe("\n".join(parts))  # noqa: S308


def attach_summaries(sessions, program_url, page_language):
    build = SummaryBuilder(program_url, page_language)
    for session in sessions:
        session.grid_html, session.list_html = build(session)
    return sessions
