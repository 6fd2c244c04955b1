"""What the messaging app does when registrations announce something."""

from django.dispatch import receiver

from registrations.signals import personal_data_deleted, personal_data_purge_requested

from .choices import DeliveryStatus, RecipientKind
from .models import Delivery


@receiver(personal_data_purge_requested, dispatch_uid="messaging_purge_addresses")
def forget_participants_addresses(sender, edition, **kwargs):
    """The addresses of an edition's participants leave the delivery records with their data;
    what was still queued for them is never sent."""
    deliveries = Delivery.objects.filter(
        message__edition=edition, recipient_kind=RecipientKind.REGISTRATION
    )
    deliveries.filter(status=DeliveryStatus.QUEUED).update(status=DeliveryStatus.SKIPPED)
    deliveries.update(email="")


@receiver(personal_data_deleted, dispatch_uid="messaging_forget_deleted_participants")
def forget_deleted_participants(sender, registration_ids, **kwargs):
    """A participant who deleted their data leaves the delivery records too."""
    deliveries = Delivery.objects.filter(
        recipient_kind=RecipientKind.REGISTRATION, recipient_id__in=registration_ids
    )
    deliveries.filter(status=DeliveryStatus.QUEUED).update(status=DeliveryStatus.SKIPPED)
    deliveries.update(email="")
