"""Organizer-facing validation of sessions, and the rules behind it."""

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from program.choices import TRACK_HEX, SessionKind, TrackColour
from program.models import Session
from tests.factories.home import EditionFactory
from tests.factories.program import RoomFactory, SessionFactory, SpeakerFactory, at


def errors_of(session, language="en"):
    with translation.override(language), pytest.raises(ValidationError) as caught:
        session.full_clean()
    return caught.value.message_dict


def new_session(edition, room, start, end, **fields):
    return Session(
        edition=edition,
        title=fields.pop("title", "Une nouvelle session"),
        room=room,
        start=start,
        end=end,
        **fields,
    )


def test_a_valid_session_passes_and_gets_a_slug_from_its_title(edition, rooms):
    session = new_session(edition, rooms[0], at(edition, 14), at(edition, 15))

    session.full_clean()

    assert session.slug == "une-nouvelle-session"


def test_session_must_end_after_it_starts(edition, rooms):
    session = new_session(edition, rooms[0], at(edition, 15), at(edition, 14))

    assert errors_of(session)["end"] == ["The session must end after it starts."]


def test_session_must_take_place_during_the_edition(edition, rooms):
    day_after = at(edition, 10).replace(day=18)
    session = new_session(edition, rooms[0], day_after, day_after.replace(hour=11))

    assert errors_of(session)["start"] == [
        "The session must take place during the edition (2026-02-17 to 2026-02-17)."
    ]


def test_two_sessions_cannot_share_a_room_at_the_same_time(edition, rooms):
    SessionFactory(edition=edition, room=rooms[1], title="Déjà là", hour=10)
    session = new_session(edition, rooms[1], at(edition, 10, 30), at(edition, 11))

    assert errors_of(session)["room"] == [
        "Salle Belledonne is already taken from 10:00 to 10:45 by “Déjà là”."
    ]


def test_back_to_back_sessions_in_one_room_are_fine(edition, rooms):
    SessionFactory(edition=edition, room=rooms[1], hour=10)
    session = new_session(edition, rooms[1], at(edition, 10, 45), at(edition, 11, 30))

    session.full_clean()


def test_a_speaker_cannot_be_in_two_places_at_once(edition, rooms):
    speaker = SpeakerFactory(name="Lou Bernard")
    SessionFactory(edition=edition, room=rooms[0], title="Ailleurs", hour=10, speakers=[speaker])
    session = SessionFactory(edition=edition, room=rooms[1], hour=14, speakers=[speaker])
    session.start, session.end = at(edition, 10, 15), at(edition, 11)

    assert errors_of(session)["__all__"] == [
        "Lou Bernard is also speaking in “Ailleurs” from 10:00 to 10:45."
    ]


def test_workshop_cannot_offer_more_seats_than_its_room_holds(edition, rooms):
    session = new_session(
        edition, rooms[2], at(edition, 14), at(edition, 15), kind=SessionKind.WORKSHOP, seats=25
    )

    assert errors_of(session)["seats"] == [
        "Atelier Vercors holds 20 people: the workshop cannot offer 25 seats."
    ]


def test_workshop_with_seats_needs_a_room_with_a_capacity(edition):
    room = RoomFactory(edition=edition, name="Hall", capacity=None)
    session = new_session(
        edition, room, at(edition, 14), at(edition, 15), kind=SessionKind.WORKSHOP, seats=12
    )

    assert errors_of(session)["seats"] == ["Give the room a capacity before offering seats in it."]


def test_only_workshops_have_seats(edition, rooms):
    session = new_session(edition, rooms[0], at(edition, 14), at(edition, 15), seats=12)

    assert errors_of(session)["seats"] == [
        "Only workshops have seats; leave this empty for other sessions."
    ]


def test_room_of_another_edition_is_refused(edition):
    other_room = RoomFactory(edition=EditionFactory(year=2025), name="Ancienne salle")
    session = new_session(edition, other_room, at(edition, 14), at(edition, 15))

    assert errors_of(session)["room"] == ["This room belongs to another edition."]


def test_slug_that_would_hide_a_route_is_refused(edition, rooms):
    session = new_session(edition, rooms[0], at(edition, 14), at(edition, 15), slug="intervenants")

    assert errors_of(session)["slug"] == ["This address is reserved; choose another slug."]


def test_guid_is_given_once_and_kept_on_save(edition, rooms):
    session = SessionFactory(edition=edition, room=rooms[0])
    guid = session.guid

    session.title = "Un autre titre"
    session.save()
    session.save_revision().publish()

    assert Session.objects.get(pk=session.pk).guid == guid
    assert Session._meta.get_field("guid").editable is False


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", TrackColour.values)
def test_track_colours_keep_aaa_contrast_with_the_site_text(colour):
    ink = relative_luminance("#1b1f24")
    tint = relative_luminance(TRACK_HEX[colour])

    assert (tint + 0.05) / (ink + 0.05) >= 7


def test_admin_preview_renders_the_public_session_page(program_page, small_program):
    session = small_program["talk"]
    session.title = "Titre en cours de rédaction"

    response = session.make_preview_request()

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Titre en cours de rédaction</h1>" in html
    assert 'href="/2026/programme/intervenants/hugo-perret/"' in html
