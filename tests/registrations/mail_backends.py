"""E-mail backends for tests: a mail server that fails a given number of times."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakyEmailBackend(EmailBackend):
    """Fails like a disconnected SMTP server `failures` times, then delivers to the outbox."""

    failures = 0

    def send_messages(self, messages):
        if FlakyEmailBackend.failures > 0:
            FlakyEmailBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
