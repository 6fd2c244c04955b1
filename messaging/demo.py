"""A demo message: the current edition's busiest workshop told of a room change, in French and
English, with its delivery record (one address refused by the mail server).

Nothing is mailed: the deliveries are recorded as the worker would have left them. Idempotent:
an edition that already has messages is left alone.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from home.models import Edition
from program.models import Session
from registrations.choices import SeatStatus

from . import audiences
from .choices import Audience, DeliveryStatus
from .models import Delivery, Message

SUBJECT_FR = "{first_name}, votre atelier change de salle"
BODY_FR = """Bonjour {first_name},

L’atelier que vous avez choisi à {edition} change de salle : rendez-vous à l’accueil, on vous
y guidera.

Votre inscription, pour la modifier ou l’annuler : {manage_link}

L’équipe AlpOSS"""
SUBJECT_EN = "{first_name}, your workshop moves to another room"
BODY_EN = """Hello {first_name},

The workshop you chose at {edition} moves to another room: come to the welcome desk, we will
show you the way.

Your registration, to change or cancel it: {manage_link}

The AlpOSS team"""
REFUSED = "SMTPRecipientsRefused: {'%s': (550, b'5.1.1 Mailbox unavailable')}"


def busiest_workshop(edition):
    return (
        Session.objects.filter(edition=edition, registration_required=True)
        .annotate(
            held=Count("workshop_seats", filter=Q(workshop_seats__status=SeatStatus.CONFIRMED))
        )
        .filter(held__gt=0)
        .order_by("-held", "start", "pk")
        .first()
    )


def load(stdout):
    edition = Edition.objects.current()
    if edition is None or Message.objects.filter(edition=edition).exists():
        return
    workshop = busiest_workshop(edition)
    if workshop is None:
        return
    sent_at = timezone.now() - datetime.timedelta(hours=2)
    message = Message.objects.create(
        edition=edition,
        audience=Audience.SEAT_HOLDERS,
        workshop=workshop,
        subject_fr=SUBJECT_FR,
        body_fr=BODY_FR,
        subject_en=SUBJECT_EN,
        body_en=BODY_EN,
        created_at=sent_at - datetime.timedelta(minutes=20),
        sent_at=sent_at,
    )
    people = audiences.recipients(message)
    deliveries = [
        Delivery(
            message=message,
            recipient_kind=person.kind,
            recipient_id=person.pk,
            email=person.email,
            language=person.language,
            status=DeliveryStatus.SENT,
            attempts=1,
            sent_at=sent_at + datetime.timedelta(seconds=2 * number),
        )
        for number, person in enumerate(people)
    ]
    if deliveries:
        refused = deliveries[-1]
        refused.status, refused.sent_at = DeliveryStatus.FAILED, None
        refused.attempts = 4
        refused.last_error = REFUSED % refused.email
    Delivery.objects.bulk_create(deliveries)
    stdout.write(f"Messages: 1 sent to the {len(deliveries)} seat holders of “{workshop.title}”.")
