"""The rules that move booth information along: save, submit, approve, request changes.

Views, admin actions, commands and tests all go through these functions.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from .choices import BoothStatus
from .models import BoothInfo, Sponsor, Sponsorship, SponsorTier, new_portal_key
from .tasks import (
    notify_organizers_of_submission,
    send_portal_link_email,
    send_review_email,
)
from .uploads import store_logo


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


def save_booth(booth, *, submit=False, logo=None, now=None):
    """Store what the sponsor typed (already set on `booth`); submit it for review if asked.

    Saving a draft of submitted information takes it back to draft until it is submitted again;
    a change request stays one until the sponsor submits. `logo`, the (bytes, extension) of a
    checked upload, becomes the booth's logo; the one it replaces goes if nothing else uses it.
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
        if logo:
            booth.logo_override = store_logo(*logo, booth.sponsorship.sponsor)
        booth.save()
        if logo and current.logo_override_id:
            delete_replaced_logo(current.logo_override_id, booth)
        if submit:
            transaction.on_commit(lambda: notify_organizers_of_submission.enqueue(booth.pk))
    return booth


def delete_replaced_logo(image_id, booth):
    """Delete the image that was `booth`'s logo, if the portal stored it (an image someone
    uploaded in the admin is theirs to delete) and nothing else uses it: our own foreign keys,
    then Wagtail's reference index for pages and other snippets (this booth's own entry left
    out: in production the index is brought up to date by a background task)."""
    image = get_image_model().objects.filter(pk=image_id, uploaded_by_user=None).first()
    if image is None:
        return
    if (
        Sponsor.objects.filter(logo=image).exists()
        or BoothInfo.objects.filter(logo_override=image).exclude(pk=booth.pk).exists()
    ):
        return
    others = ReferenceIndex.get_references_to(image).exclude(
        content_type=ContentType.objects.get_for_model(BoothInfo), object_id=str(booth.pk)
    )
    if not others.exists():
        image.delete()  # Wagtail deletes the file and renditions once the transaction commits


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


TIER_FIELDS = ("name", "name_en", "order", "logo_size", "includes_booth", "contribution_amount")


def copy_tiers(source, edition):
    """Copy `source`'s sponsor tiers that `edition` lacks (by name); sponsorships stay behind,
    each sponsor is asked again. Returns (label, count) pairs."""
    names = set(SponsorTier.objects.filter(edition=edition).values_list("name", flat=True))
    tiers = [
        SponsorTier(edition=edition, **{name: getattr(tier, name) for name in TIER_FIELDS})
        for tier in SponsorTier.objects.filter(edition=source)
        if tier.name not in names
    ]
    SponsorTier.objects.bulk_create(tiers)
    return [(SponsorTier._meta.verbose_name_plural, len(tiers))]
