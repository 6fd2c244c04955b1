"""The e-mail task: takes ids, delegates to emails.py, retried with a backoff.

The database backend has no automatic retry, so a failed sending queues the next attempt
itself, `run_after` a growing delay (immediately where the backend cannot defer).
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from . import emails

logger = logging.getLogger(__name__)


def retry_delays():
    return tuple(settings.ALPOSS_REGISTRATION_MAIL_RETRY_DELAYS)


@task()
def send_registration_email(registration_id, kind, attempt=1, address=None, version_id=None):
    extra = {"address": address, "version_id": version_id}
    extra = {name: value for name, value in extra.items() if value}
    try:
        sent = emails.send(registration_id, kind, **extra)
    except (smtplib.SMTPException, OSError) as error:
        delays = retry_delays()
        if attempt > len(delays):
            logger.error(
                "Gave up sending %s e-mail to registration %s after %s attempts: %s",
                kind,
                registration_id,
                attempt,
                error,
            )
            raise
        retry = send_registration_email
        if retry.get_backend().supports_defer:
            delay = datetime.timedelta(seconds=delays[attempt - 1])
            retry = retry.using(run_after=timezone.now() + delay)
        logger.warning(
            "Sending %s e-mail to registration %s failed (attempt %s), retrying: %s",
            kind,
            registration_id,
            attempt,
            error,
        )
        retry.enqueue(registration_id, kind, attempt + 1, **extra)
        return "retry"
    return "sent" if sent else "skipped"
