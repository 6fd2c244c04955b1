"""What a ticket carries besides text: a QR code of the check-in link, a calendar file."""

import datetime
import io

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import icalendar
import segno

from .choices import SeatStatus

DAY_STARTS = datetime.time(9)
DAY_ENDS = datetime.time(18)


def qr_code(url):
    return segno.make(url, error="m")


def qr_png(url, scale=6):
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_svg_data_uri(url, scale=5):
    return qr_code(url).svg_data_uri(scale=scale, border=2)


QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks: phones read it at once


def qr_image(url, scale=6):
    """The code as an SVG data URI with its full quiet zone, and its side in pixels."""
    code = qr_code(url)
    side = code.symbol_size(scale=scale, border=QUIET_ZONE)[0]
    return {"src": code.svg_data_uri(scale=scale, border=QUIET_ZONE), "side": side}


def calendar(registration, seats, manage_url=None):
    """An iCalendar file: the edition itself, then each workshop seat confirmed."""
    edition = registration.edition
    tz = timezone.get_default_timezone()
    with translation.override(registration.language):
        cal = icalendar.Calendar()
        cal.add("prodid", "-//AlpOSS//registrations//EN")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0].split(":")[0]
        stamp = timezone.now()

        event = icalendar.Event()
        event.add("uid", f"edition-{edition.pk}-registration-{registration.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", str(edition))
        event.add("dtstart", datetime.datetime.combine(edition.start_date, DAY_STARTS, tz))
        event.add("dtend", datetime.datetime.combine(edition.end_date, DAY_ENDS, tz))
        location = ", ".join(
            part for part in [edition.venue_name, edition.venue_address.replace("\n", ", ")] if part
        )
        if location:
            event.add("location", location)
        if manage_url:
            event.add("url", manage_url)
            event.add("description", _("Your registration: %(url)s") % {"url": manage_url})
        cal.add_component(event)

        for seat in seats:
            session = seat.session
            if seat.status != SeatStatus.CONFIRMED or not (session.start and session.end):
                continue
            event = icalendar.Event()
            event.add("uid", f"session-{session.pk}-registration-{registration.pk}@{host}")
            event.add("dtstamp", stamp)
            event.add("summary", session.title)
            event.add("dtstart", timezone.localtime(session.start, tz))
            event.add("dtend", timezone.localtime(session.end, tz))
            if getattr(session, "room", None):
                event.add("location", f"{session.room.name}, {edition.venue_name}".strip(", "))
            cal.add_component(event)
        # Times are written in Paris time with their TZID, and the VTIMEZONE that defines it:
        # calendars that do not know "Europe/Paris" (Outlook, older phones) read them right.
        cal.add_missing_timezones()
    return cal.to_ical()
