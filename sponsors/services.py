"""The rules that move booth information along: save, submit, approve, request changes.

Views, admin actions, commands and tests all go through these functions.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import BoothStatus
from .models import BoothInfo, Sponsorship, new_portal_key
from .tasks import (
    notify_organizers_of_submission,
    send_portal_link_email,
    send_review_email,
)


class TransitionError(Exception):
    """The booth is not in a state that allows this; the message says why, for people."""


def booth_for(sponsorship):
    """The booth information of a sponsorship whose tier includes a booth (created if needed)."""
    if not sponsorship.has_booth:
        return None
    booth, _created = BoothInfo.objects.get_or_create(
        sponsorship=sponsorship,
        defaults={
            "contact_name": sponsorship.contact_name,
            "contact_email": sponsorship.contact_email,
            "contact_phone": sponsorship.contact_phone,
        },
    )
    return booth


def _locked(booth):
    return BoothInfo.objects.select_for_update().get(pk=booth.pk)


def save_booth(booth, *, submit=False, now=None):
    """Store what the sponsor typed (already set on `booth`); submit it for review if asked.

    Saving a draft of submitted information takes it back to draft until it is submitted again;
    a change request stays one until the sponsor submits.
    """
    now = now or timezone.now()
    with transaction.atomic():
        current = _locked(booth)
        if not current.is_editable(now=now):
            raise TransitionError(_("This booth information can no longer be changed."))
        booth.status = current.status
        if submit:
            booth.status = BoothStatus.SUBMITTED
            booth.submitted_at = now
        elif current.status == BoothStatus.SUBMITTED:
            booth.status = BoothStatus.DRAFT
        booth.save()
        if submit:
            transaction.on_commit(lambda: notify_organizers_of_submission.enqueue(booth.pk))
    return booth


def approve(booth, user=None, comment="", now=None):
    with transaction.atomic():
        current = _locked(booth)
        if current.status != BoothStatus.SUBMITTED:
            raise TransitionError(_("Only submitted booth information can be approved."))
        current.status = BoothStatus.APPROVED
        current.organizer_comment = comment.strip()
        current.reviewed_at = now or timezone.now()
        current.reviewed_by = user
        current.save()
        transaction.on_commit(lambda: send_review_email.enqueue(current.pk))
    _refresh(booth, current)
    return booth


def request_changes(booth, comment, user=None, now=None):
    comment = (comment or "").strip()
    if not comment:
        raise TransitionError(_("Say what should change: the comment is e-mailed to the sponsor."))
    with transaction.atomic():
        current = _locked(booth)
        if current.status not in (BoothStatus.SUBMITTED, BoothStatus.APPROVED):
            raise TransitionError(
                _("Changes can be requested on submitted or approved information only.")
            )
        current.status = BoothStatus.CHANGES_REQUESTED
        current.organizer_comment = comment
        current.reviewed_at = now or timezone.now()
        current.reviewed_by = user
        current.save()
        transaction.on_commit(lambda: send_review_email.enqueue(current.pk))
    _refresh(booth, current)
    return booth


def _refresh(booth, current):
    for field in ("status", "organizer_comment", "reviewed_at", "reviewed_by_id"):
        setattr(booth, field, getattr(current, field))


def revoke_portal_links(sponsorship):
    """Every private link sent so far stops working; a new one must be sent."""
    sponsorship.portal_key = new_portal_key()
    Sponsorship.objects.filter(pk=sponsorship.pk).update(portal_key=sponsorship.portal_key)
    return sponsorship


def send_portal_link(sponsorship, now=None):
    if not sponsorship.contact_email:
        raise TransitionError(_("Enter the sponsor's contact e-mail first."))
    sponsorship.portal_link_sent_at = now or timezone.now()
    Sponsorship.objects.filter(pk=sponsorship.pk).update(
        portal_link_sent_at=sponsorship.portal_link_sent_at
    )
    transaction.on_commit(lambda: send_portal_link_email.enqueue(sponsorship.pk))
    return sponsorship


def unsent_portal_links(edition):
    """Sponsorships of the edition with a booth and a contact e-mail, never sent their link."""
    return Sponsorship.objects.filter(
        edition=edition, tier__includes_booth=True, portal_link_sent_at__isnull=True
    ).exclude(contact_email="")


def send_unsent_portal_links(edition, now=None):
    """Send its private link to every sponsor of the edition who has not had one yet."""
    sent = 0
    for sponsorship in unsent_portal_links(edition):
        send_portal_link(sponsorship, now=now)
        sent += 1
    return sent
