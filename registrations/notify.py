"""E-mails to participants are queued when the change that causes them commits: a rolled-back
change sends nothing, and a mail server that fails never loses a registration (the task
retries)."""

import functools

from django.db import transaction

from .tasks import send_registration_email


def queue_email(registration, kind):
    """Send `kind` to the participant once the current transaction commits."""
    transaction.on_commit(
        functools.partial(send_registration_email.enqueue, registration.pk, str(kind)),
        robust=True,
    )
