"""The schedule's HTML for each day: one markup for phones, wide screens and paper.

A day holds a heading per start time, followed by the sessions starting then (a heading per
session, its kind, track, language, times, room, speakers, seats). On wide screens site.css
lays the same elements out as a grid (see grid.py); the rooms' names above the columns are
hidden from assistive technologies, each session naming its room itself.

The page may list hundreds of sessions: an `{% include %}` or a `format_html` per session made
rendering most of the page's time, so this writes the markup directly, escaping every value
with `html.escape`, and translates the labels once per request.
"""

from html import escape

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from .choices import SessionKind, SessionLanguage
from .grid import lay_out_day
from .models import MEDIA_LIVE, MEDIA_REPLAY
from .my_program import code_of


class SummaryBuilder:
    def __init__(self, program_url, page_language, now=None, selection=None, star_query=None):
        self.program_url = escape(program_url)
        # The stars of "my program": a link back here with the session added or removed.
        self.selection = selection
        self.star_query = star_query
        self.star_labels = (
            escape(gettext("Add to my program")),
            escape(gettext("Remove from my program")),
        )
        self.page_language = page_language
        self.kinds = {value: escape(str(label)) for value, label in SessionKind.choices}
        self.languages = {value: escape(str(label)) for value, label in SessionLanguage.choices}
        self.on_now = escape(gettext("On now"))
        self.up_next = escape(gettext("Up next"))
        self.on_registration = gettext("on registration")
        self.full = gettext("full — waiting list")
        self.elsewhere = escape(gettext("Elsewhere"))
        self.now = now or timezone.now()
        live = escape(pgettext("media marker", "Live"))
        replay = escape(pgettext("media marker", "Replay"))
        # Text, not colour alone; the dot and the triangle are decoration, drawn by the
        # stylesheet (one node per marker: the schedule has one per session).
        self.media_markers = {
            MEDIA_LIVE: f'<p class="slot__media media-marker media-marker--live">{live}</p>',
            MEDIA_REPLAY: f'<p class="slot__media media-marker media-marker--replay">{replay}</p>',
        }
        self.tz = timezone.get_current_timezone()  # read once: localtime() looks it up each call

    def session(self, session, grid_classes=""):
        """One session: an <article> whose heading is its title."""
        classes = f"slot slot--{session.kind}"
        if session.track_id:
            classes += f" track--{session.track.colour}"
        flag = ""
        if session.is_now:
            classes += " slot--now"
            flag = f'<p class="slot__flag slot__flag--now">{self.on_now}</p>'
        elif session.is_next:
            classes += " slot--next"
            flag = f'<p class="slot__flag slot__flag--next">{self.up_next}</p>'
        other_language = session.language != self.page_language
        lang = f' lang="{escape(session.language)}"' if other_language else ""
        title = escape(session.title)
        if session.kind != SessionKind.BREAK:
            href = f"{self.program_url}{escape(session.slug)}/"
            title = f'<a href="{href}"{lang}>{title}</a>'
            lang = ""
        meta = f'<span class="kind kind--{session.kind}">{self.kinds[session.kind]}</span>'
        if session.track_id:
            meta += f" {escape(session.track.localized_name)}"
        if other_language:
            meta += f" · {self.languages[session.language]}"
        start, end = session.start.astimezone(self.tz), session.end.astimezone(self.tz)
        times = f"{start:%H:%M}–{end:%H:%M}"
        if session.room_id:
            times += f'<span class="slot__room"> · {escape(session.room.name)}</span>'
        star = ""
        if self.selection is not None and session.kind != SessionKind.BREAK:
            star = self._star(session)
        parts = [
            f'<article class="{classes}{grid_classes}"{star[0] if star else ""}>{flag}',
            f'<h4 class="slot__title"{lang}>{title}</h4>',
            star[1] if star else "",
            f'<p class="slot__meta">{meta}</p><p class="slot__time">{times}</p>',
        ]
        if session.speaker_names:
            parts.append(
                f'<p class="slot__speakers">{escape(", ".join(session.speaker_names))}</p>'
            )
        if session.kind == SessionKind.WORKSHOP and session.seats:
            seats_class = " slot__seats--full" if getattr(session, "seats_left", None) == 0 else ""
            parts.append(f'<p class="slot__seats{seats_class}">{escape(self._seats(session))}</p>')
        marker = self.media_markers.get(session.media_state(self.now))
        if marker:
            parts.append(marker)
        parts.append("</article>")
        return "".join(parts)

    def _star(self, session):
        """(the article's id attribute, the star's link)."""
        code = code_of(session)
        selected = code in self.selection
        query = escape(self.star_query(self.selection.toggled(code)))
        label = self.star_labels[selected]
        star = star_html(
            f"{self.program_url}{query}#s-{code}", code, selected, label, escape(session.title)
        )
        return f' id="s-{code}"', star

    def _seats(self, session):
        left = getattr(session, "seats_left", None)
        if left is not None:
            if not left:
                return self.full
            return ngettext("%(seats)s seat left", "%(seats)s seats left", left) % {"seats": left}
        text = ngettext("%(seats)s seat", "%(seats)s seats", session.seats) % {
            "seats": session.seats
        }
        return f"{text}, {self.on_registration}" if session.registration_required else text

    def day(self, layout):
        """The day's sessions, a heading per start time; with grid classes when it fits."""
        parts = []
        if layout.is_grid:
            for position, room in enumerate(layout.columns, start=2):
                name = escape(room.name) if room is not None else self.elsewhere
                parts.append(
                    f'<p class="schedule__room gc{position}" aria-hidden="true">{name}</p>'
                )
        current_start = None
        for placement in layout.placements:
            session = placement.session
            if session.start != current_start:
                current_start = session.start
                start = session.start.astimezone(self.tz)
                row = f" gr{placement.row_start}" if layout.is_grid else ""
                parts.append(
                    f'<h3 class="schedule__time{row}">'
                    f'<time datetime="{start.isoformat()}">{start:%H:%M}</time></h3>'
                )
            grid_classes = ""
            if layout.is_grid:
                column = f"gc{placement.column}" if placement.column else "gc-all"
                grid_classes = f" gr{placement.row_start} ge{placement.row_end} {column}"
            parts.append(self.session(session, grid_classes))
        kind = f" schedule--grid schedule--rooms-{len(layout.columns)}" if layout.is_grid else ""
        return mark_safe(f'<div class="schedule{kind}">{"".join(parts)}</div>')  # noqa: S308 (all values escaped above)


def star_html(href, code, selected, label, title):
    """The star of "my program": a link with text, ☆ or ★ shown, the words read (all escaped)."""
    shape = "★" if selected else "☆"
    pressed = " star--on" if selected else ""
    return (
        f'<a class="star{pressed}" href="{href}" data-code="{code}" rel="nofollow">'
        f'{shape}<span class="visually-hidden"> {label} ({title})</span></a>'
    )  # two nodes: the schedule has a star per session (EcoIndex counts nodes)


def schedule_days(
    days, sessions, rooms, program_url, page_language, now=None, selection=None, star_query=None
):
    """[{date, html, count}] for each day of the edition, sessions in time order."""
    build = SummaryBuilder(program_url, page_language, now, selection, star_query)
    by_day = {day: [] for day in days}
    for session in sessions:
        by_day.setdefault(session.start.astimezone(build.tz).date(), []).append(session)
    return [
        {
            "date": day,
            "html": build.day(lay_out_day(by_day[day], rooms)) if by_day[day] else "",
            "count": len(by_day[day]),
        }
        for day in days
    ]
