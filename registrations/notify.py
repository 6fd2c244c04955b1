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


def queue_email(registration, kind, address=None, version_id=None):
    """Send `kind` to the participant once the current transaction commits (unless muted);
    to `address` rather than the registration's (the old one, told of a change); about the
    schedule version `version_id` (a workshop moved)."""
    if _muted.get():
        return
    extra = {"address": address, "version_id": version_id}
    extra = {name: value for name, value in extra.items() if value}
    registration_id = registration if isinstance(registration, int) else registration.pk
    transaction.on_commit(
        functools.partial(send_registration_email.enqueue, registration_id, str(kind), **extra),
        robust=True,
    )
