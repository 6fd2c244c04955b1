"""The ticket's .ics gives Paris times with the VTIMEZONE that defines them."""

import icalendar
import pytest

from program.choices import SessionKind
from registrations import services, tickets
from registrations.choices import SeatStatus
from registrations.models import WorkshopSeat
from registrations.queries import seats_of
from tests.factories.program import SessionFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_ticket_calendar_carries_a_vtimezone_for_europe_paris(edition):
    workshop = SessionFactory(
        edition=edition, kind=SessionKind.WORKSHOP, registration_required=True, seats=5, hour=14
    )
    ada = RegistrationFactory(edition=edition)
    WorkshopSeat.objects.create(registration=ada, session=workshop, status=SeatStatus.CONFIRMED)
    ada = services.confirm(ada).registration

    content = tickets.calendar(ada, seats_of(ada)).decode()

    assert "BEGIN:VTIMEZONE" in content and "TZID:Europe/Paris" in content
    assert "DTSTART;TZID=Europe/Paris:" in content
    assert "Z\r\n" not in content.split("BEGIN:VEVENT", 1)[1].split("DTSTAMP")[0]
    calendar = icalendar.Calendar.from_ical(content)
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Paris"
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    start = events[workshop.title].decoded("DTSTART")
    assert start.hour == 14 and str(start.tzinfo) == "Europe/Paris"
