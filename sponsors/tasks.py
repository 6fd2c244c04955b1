"""E-mails of the sponsors app, sent in the background (django.tasks). They take ids only."""

from email.utils import parseaddr

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext, override


def organizers_email(edition):
    from home.models import SiteSettings

    from .models import SponsorEditionSettings

    row = SponsorEditionSettings.objects.filter(edition=edition).first()
    if row and row.notification_email:
        return row.notification_email
    site_settings = SiteSettings.objects.exclude(contact_email="").first()
    if site_settings:
        return site_settings.contact_email
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def _sponsor_recipients(sponsorship, booth=None):
    recipients = [sponsorship.contact_email]
    if booth is not None and booth.contact_email:
        recipients.append(booth.contact_email)
    return sorted({email for email in recipients if email})


def _send(subject, template, context, recipients):
    body = render_to_string(template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


@task
def send_portal_link_email(sponsorship_id):
    from .models import Sponsorship
    from .portal import portal_url

    sponsorship = Sponsorship.objects.select_related("sponsor", "edition").get(pk=sponsorship_id)
    recipients = _sponsor_recipients(sponsorship)
    if not recipients:
        return
    with override(sponsorship.language):
        _send(
            gettext("%(edition)s: your booth information") % {"edition": sponsorship.edition},
            "sponsors/emails/portal_link.txt",
            {"sponsorship": sponsorship, "url": portal_url(sponsorship)},
            recipients,
        )


@task
def notify_organizers_of_submission(booth_id):
    from .models import BoothInfo

    booth = BoothInfo.objects.select_related("sponsorship__sponsor", "sponsorship__edition").get(
        pk=booth_id
    )
    edition = booth.sponsorship.edition
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "sponsors_admin:review", args=[booth.pk]
    )
    with override(settings.LANGUAGE_CODE):
        _send(
            gettext("%(sponsor)s submitted their booth information")
            % {"sponsor": booth.sponsorship.sponsor},
            "sponsors/emails/submitted.txt",
            {"booth": booth, "review_url": review_url},
            [organizers_email(edition)],
        )


@task
def send_review_email(booth_id):
    from .choices import BoothStatus
    from .models import BoothInfo
    from .portal import portal_url

    booth = BoothInfo.objects.select_related("sponsorship__sponsor", "sponsorship__edition").get(
        pk=booth_id
    )
    sponsorship = booth.sponsorship
    recipients = _sponsor_recipients(sponsorship, booth)
    if not recipients:
        return
    with override(sponsorship.language):
        if booth.status == BoothStatus.APPROVED:
            subject = gettext("%(edition)s: your booth information is approved")
        else:
            subject = gettext("%(edition)s: changes requested on your booth information")
        _send(
            subject % {"edition": sponsorship.edition},
            "sponsors/emails/review.txt",
            {
                "booth": booth,
                "sponsorship": sponsorship,
                "approved": booth.status == BoothStatus.APPROVED,
                "url": portal_url(sponsorship),
            },
            recipients,
        )
