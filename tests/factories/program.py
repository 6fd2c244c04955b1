import datetime

from django.utils import timezone
from django.utils.text import slugify

import factory
import wagtail_factories

from program.choices import SessionKind, TrackColour
from program.models import ProgramPage, Room, Session, SessionLink, SessionSpeaker, Speaker, Track
from tests.factories.home import EditionFactory


def at(edition, hour, minute=0):
    """An aware datetime on the edition's first day, Paris time."""
    return timezone.make_aware(
        datetime.datetime.combine(edition.start_date, datetime.time(hour, minute))
    )


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Camille Exemple {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    organization = "Association Libre Alpes"
    bio = "Développeuse et bénévole."


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Salle {n}")
    capacity = 100
    sort_order = factory.Sequence(lambda n: n)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Parcours {n}")
    slug = factory.Sequence(lambda n: f"parcours-{n}")
    colour = TrackColour.BLUE


class SessionFactory(factory.django.DjangoModelFactory):
    """A published talk; pass `hour`/`minutes` or explicit `start`/`end`."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    class Params:
        hour = 10
        minutes = 45

    edition = factory.SubFactory(EditionFactory)
    kind = SessionKind.TALK
    title = factory.Sequence(lambda n: f"Une session sur le logiciel libre {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    abstract = "Un résumé court de la session."
    room = factory.LazyAttribute(lambda o: RoomFactory(edition=o.edition))
    start = factory.LazyAttribute(lambda o: at(o.edition, o.hour))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(minutes=o.minutes))
    live = True
    language = "fr"

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        for position, speaker in enumerate(extracted or []):
            SessionSpeaker.objects.create(session=self, speaker=speaker, sort_order=position)


class SessionLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionLink

    session = factory.SubFactory(SessionFactory)
    title = "Diapositives"
    url = "https://forge.example.org/slides.pdf"
    link_type = "slides"


class ProgramPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgramPage

    title = "Programme"
    slug = "programme"


def add_rooms_and_tracks(edition, rooms, tracks):
    """`rooms` rooms and `tracks` tracks for a bulk program (see add_bulk_sessions)."""
    for n in range(rooms):
        Room.objects.create(edition=edition, name=f"Salle {n}", capacity=100, sort_order=n)
    for n, colour in enumerate(TrackColour.values[:tracks]):
        Track.objects.create(
            edition=edition, name=f"Parcours {n}", slug=f"parcours-{n}", colour=colour
        )


def add_bulk_sessions(edition, count, *, speakers=None, minutes=20, photos=()):
    """`count` more published sessions, in bulk, after the ones the edition has.

    Sessions run from 8:00 on the edition's first day, round-robin over its rooms (one time slot
    of `minutes` per round) and tracks; a workshop now and then, some in English. `speakers` new
    speakers (default: `count`) share them, one or two per session; every third speaker gets one
    of `photos`. Each session has a link. Used by the query-count tests and bench/schedule.py.
    """
    rooms = list(Room.objects.filter(edition=edition).order_by("sort_order"))
    tracks = list(Track.objects.filter(edition=edition).order_by("slug"))
    already = Session.objects.filter(edition=edition).count()
    people = Speaker.objects.bulk_create(
        Speaker(
            name=f"Personne Fictive {already + n}",
            slug=f"personne-fictive-{already + n}",
            organization="Association Libre Alpes",
            photo=photos[n % len(photos)] if photos and n % 3 == 0 else None,
        )
        for n in range(speakers or count)
    )
    now = timezone.now()
    sessions = []
    for n in range(count):
        slot = already + n
        start = at(edition, 8) + datetime.timedelta(minutes=minutes * (slot // len(rooms)))
        sessions.append(
            Session(
                edition=edition,
                kind=SessionKind.WORKSHOP if slot % 9 == 0 else SessionKind.TALK,
                title=f"Session de démonstration numéro {slot}",
                slug=f"session-{slot}",
                abstract="Un résumé de quelques phrases, comme dans un vrai programme.",
                description="<p>Une description <b>riche</b> :</p><ul><li>un point</li></ul>",
                room=rooms[slot % len(rooms)],
                track=tracks[slot % len(tracks)] if tracks else None,
                start=start,
                end=start + datetime.timedelta(minutes=minutes),
                language="en" if slot % 6 == 0 else "fr",
                live=True,
                last_published_at=now,
            )
        )
    sessions = Session.objects.bulk_create(sessions)
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(session=session, speaker=people[(n + k) % len(people)], sort_order=k)
        for n, session in enumerate(sessions)
        for k in range(1 + n % 2)
    )
    SessionLink.objects.bulk_create(
        SessionLink(session=session, title="Diapositives", url="https://example.org/s.pdf")
        for session in sessions
    )
    return sessions
