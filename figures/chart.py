"""The bar chart of participants per edition, drawn on the server as accessible SVG.

No script, no style attribute (the site's CSP forbids inline styles): geometry and colours are
SVG presentation attributes, the rest is in site.css. The numbers are written on the bars and
repeated in the table next to the chart; the chart's <title> and <desc> say it all in words.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .templatetags.figures_tags import number, percent, signed

WIDTH, HEIGHT = 640, 300
TOP, BOTTOM, SIDE = 40, 60, 16


@dataclass
class Bar:
    year: int
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    value_y: float
    value_text: str
    growth_text: str
    held: bool


def participants_chart(rows):
    """Geometry and words for the chart of `rows` (from `figures_across_editions`)."""
    shown = [row for row in rows if row["participants"] is not None]
    highest = max((row["participants"] for row in shown), default=0) or 1
    slot = (WIDTH - 2 * SIDE) / max(len(shown), 1)
    bar_width = min(slot * 0.6, 96)
    plot_height = HEIGHT - TOP - BOTTOM
    bars, sentences = [], []
    for index, row in enumerate(shown):
        height = round(plot_height * row["participants"] / highest, 1)
        x = SIDE + index * slot + (slot - bar_width) / 2
        growth = ""
        if row["growth_rate"] is not None:
            growth = percent(row["growth_rate"], True)
        bars.append(
            Bar(
                year=row["year"],
                value=row["participants"],
                x=round(x, 1),
                y=round(TOP + plot_height - height, 1),
                width=round(bar_width, 1),
                height=height,
                label_x=round(x + bar_width / 2, 1),
                value_y=round(TOP + plot_height - height - 10, 1),
                value_text=number(row["participants"]),
                growth_text=growth,
                held=row["held"],
            )
        )
        if row["held"]:
            sentence = pgettext("figures", "%(year)s: %(count)s attended") % {
                "year": row["year"],
                "count": number(row["participants"]),
            }
        else:
            sentence = _("%(year)s (to come): %(count)s registered so far") % {
                "year": row["year"],
                "count": number(row["participants"]),
            }
        if row["growth"] is not None:
            sentence += " " + _("(%(change)s, %(rate)s on the edition before)") % {
                "change": signed(row["growth"]),
                "rate": percent(row["growth_rate"], True),
            }
        sentences.append(sentence)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": HEIGHT - BOTTOM,
        "year_y": HEIGHT - BOTTOM + 24,
        "growth_y": HEIGHT - BOTTOM + 48,
        "bars": bars,
        "has_to_come": any(not bar.held for bar in bars),
        "description": "; ".join(sentences) + ("." if sentences else ""),
    }
