"""The private calendar feed of a registration: its workshops with a confirmed seat and the
sessions it marked, written again at every request (a moved session shows its new time, a
withdrawn one is gone). Each event's UID is the session's guid, as in the program's exports."""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

import icalendar

TIME_ZONE = "Europe/Paris"


def calendar(registration, sessions, workshop_ids, session_url=None):
    """iCalendar bytes; `session_url(session)` gives a session's public page, or None.

    No private link inside: calendars get shared, and the feed's own address is enough."""
    edition = registration.edition
    with translation.override(registration.language):
        cal = icalendar.Calendar()
        cal.add("prodid", "-//AlpOSS//registrations feed//EN")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", _("My program · %(edition)s") % {"edition": edition.name})
        cal.add("x-wr-timezone", TIME_ZONE)
        cal.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
        stamp = timezone.now()
        for session in sessions:
            event = icalendar.Event()
            event.add("uid", f"{session.guid}@alposs")
            event.add("dtstamp", stamp)
            event.add("dtstart", timezone.localtime(session.start))
            event.add("dtend", timezone.localtime(session.end))
            event.add("summary", session.title)
            room = session.room.name if session.room_id else ""
            location = ", ".join(part for part in (room, edition.venue_name) if part)
            if location:
                event.add("location", location)
            lines = []
            if session.pk in workshop_ids:
                lines.append(_("Workshop: your seat is confirmed."))
            url = session_url(session) if session_url else None
            if url:
                event.add("url", url)
                lines.append(url)
            if lines:
                event.add("description", "\n\n".join(lines))
            cal.add_component(event)
        cal.add_missing_timezones()
    return cal.to_ical()
