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
