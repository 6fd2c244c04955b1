"""E-mails to participants are queued when the change that causes them commits: a rolled-back
change sends nothing, and a mail server that fails never loses a registration (the task
retries).

`muted()` turns the queueing off for a block of code: the demo loader drives made-up people
through the real services, and none of them must be written to.
"""

import contextlib
import contextvars
import functools

from django.db import transaction

from .tasks import send_registration_email

_muted = contextvars.ContextVar("registrations_mail_muted", default=False)


@contextlib.contextmanager
def muted():
    """Inside this block, queue_email queues nothing (nothing is sent later either)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def queue_email(registration, kind, address=None):
    """Send `kind` to the participant once the current transaction commits (unless muted);
    to `address` rather than the registration's (the old one, told of a change)."""
    if _muted.get():
        return
    extra = {"address": address} if address else {}
    transaction.on_commit(
        functools.partial(send_registration_email.enqueue, registration.pk, str(kind), **extra),
        robust=True,
    )
