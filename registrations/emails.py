"""The e-mails to participants, in their language: plain text and HTML, ticket attachments."""

import email.message

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Site

from home.models import SiteSettings
from program.models import ScheduleVersion

from . import tickets
from .choices import EmailKind, RegistrationStatus
from .links import RegistrationLinks
from .models import Registration
from .queries import seats_of
from .retention import purge_due_date
from .tokens import confirmation_delay
from .workshop_changes import workshop_changes

QR_CID = "ticket-qr@alposs"

SUBJECTS = {
    EmailKind.CONFIRM: lambda: _("Please confirm your registration to %(edition)s"),
    EmailKind.TICKET: lambda: _("Your ticket for %(edition)s"),
    EmailKind.WAITING: lambda: _("You are on the waiting list of %(edition)s"),
    EmailKind.PROMOTED: lambda: _("A seat is yours: your ticket for %(edition)s"),
    EmailKind.SEAT: lambda: _("A workshop seat is yours: your updated ticket for %(edition)s"),
    EmailKind.LINK: lambda: _("Your registration to %(edition)s"),
    EmailKind.CANCELLED: lambda: _("Your registration to %(edition)s is cancelled"),
    EmailKind.EMAIL_CHANGE: lambda: _("Confirm your new e-mail address for %(edition)s"),
    EmailKind.EMAIL_CHANGED: lambda: _(
        "The e-mail address of your registration to %(edition)s changed"
    ),
    EmailKind.WORKSHOP_CHANGED: lambda: _("A change to your workshops at %(edition)s"),
    EmailKind.REMINDER: lambda: _("See you soon at %(edition)s: your ticket"),
}
WITH_TICKET = {
    EmailKind.TICKET,
    EmailKind.PROMOTED,
    EmailKind.SEAT,
    EmailKind.WORKSHOP_CHANGED,
    EmailKind.REMINDER,
}
# Written to confirmed participants only: nothing once a registration is cancelled.
CONFIRMED_ONLY = {EmailKind.WORKSHOP_CHANGED, EmailKind.REMINDER}
NO_MANAGE_LINK = {EmailKind.CANCELLED, EmailKind.EMAIL_CHANGED}


def with_ticket(registration, kind):
    """Tickets go with the mails that give a seat, and with a new link of a confirmed
    registration: a new link revokes the ticket's QR code too."""
    if kind == EmailKind.LINK:
        return registration.status == RegistrationStatus.CONFIRMED
    return kind in WITH_TICKET


def privacy_contact():
    """Where people write to have their data deleted: the default site's privacy address,
    else its contact address (e-mails are built without a request, hence the default site)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    site_settings = SiteSettings.for_site(site)
    return site_settings.privacy_email or site_settings.contact_email


def recipient(registration, kind, address=None):
    """Who gets `kind`: the new address for its confirmation, else `address` if given (the old
    one, told of a change), else the registration's."""
    if kind == EmailKind.EMAIL_CHANGE:
        return registration.pending_email
    return address or registration.email


def build_message(registration, kind, address=None, version_id=None):
    kind = EmailKind(kind)
    links = RegistrationLinks(registration)
    # A withdrawn workshop is not on the ticket any more (a mail may say it was cancelled).
    seats = [seat for seat in seats_of(registration) if seat.session.live]
    ticket = with_ticket(registration, kind)
    with translation.override(registration.language):
        context = {
            "changes": changes_told(registration, kind, version_id),
            "days_left": (registration.edition.start_date - timezone.localdate()).days,
            "kind": kind,
            "registration": registration,
            "edition": registration.edition,
            "seats": seats,
            "confirm_url": links.confirm if kind == EmailKind.CONFIRM else None,
            "email_url": links.email if kind == EmailKind.EMAIL_CHANGE else None,
            # A cancellation revokes the links: its mail must not hand out a new one; nor
            # does the mail to an address the participant left.
            "manage_url": None if kind in NO_MANAGE_LINK else links.manage,
            "new_email": registration.email,
            "form_url": links.form,
            "checkin_url": links.checkin if ticket else None,
            "purge_date": purge_due_date(registration.edition),
            "privacy_contact": privacy_contact() if kind == EmailKind.CANCELLED else "",
            "qr_cid": QR_CID,
            "confirmation_hours": int(confirmation_delay().total_seconds() // 3600),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = SUBJECTS[kind]() % {"edition": registration.edition}
        text = render_to_string(f"registrations/emails/{kind}.txt", context)
        html = render_to_string(f"registrations/emails/{kind}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[recipient(registration, kind, address)])
    message.attach_alternative(html, "text/html")
    message.changes = context["changes"]
    if ticket and context["checkin_url"]:
        image = email.message.MIMEPart()
        image.set_content(
            tickets.qr_png(context["checkin_url"]),
            maintype="image",
            subtype="png",
            disposition="inline",
            filename="ticket-qr.png",
            cid=f"<{QR_CID}>",
        )
        message.attach(image)
        message.attach(
            f"alposs-{registration.edition.year}.ics",
            tickets.calendar(registration, seats, links.manage),
            "text/calendar",
        )
    return message


def changes_told(registration, kind, version_id):
    """The workshop changes a WORKSHOP_CHANGED mail lists (in the active language), else []."""
    if kind != EmailKind.WORKSHOP_CHANGED or version_id is None:
        return []
    version = ScheduleVersion.objects.filter(pk=version_id).first()
    return workshop_changes(registration, version) if version else []


def send(registration_id, kind, address=None, version_id=None):
    """Build and send one e-mail; False when there is nobody to write to any more, or nothing
    left to tell (a workshop change that no longer concerns the participant)."""
    kind = EmailKind(kind)
    registration = Registration.objects.select_related("edition").filter(pk=registration_id).first()
    if registration is None or registration.purged_at or not registration.email:
        return False
    if not recipient(registration, kind, address):
        return False  # an address change already confirmed, or withdrawn
    if kind in CONFIRMED_ONLY and registration.status != RegistrationStatus.CONFIRMED:
        return False
    message = build_message(registration, kind, address, version_id)
    if kind == EmailKind.WORKSHOP_CHANGED and not message.changes:
        return False
    message.send()
    return True
