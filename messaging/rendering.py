"""A message as one person reads it: their language, their name, their private links."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.html import linebreaks, urlize

from registrations.links import RegistrationLinks
from registrations.models import RegistrationPage
from sponsors.portal import portal_url

from . import placeholders
from .choices import RecipientKind

TEST_PREFIX = "[TEST] "


class Renderer:
    """Renders one message for many people, looking each registration page up once."""

    def __init__(self, message):
        self.message = message
        self._pages = {}

    def _page(self, language):
        if language not in self._pages:
            self._pages[language] = RegistrationPage.for_edition(
                self.message.edition_id, language=language
            )
        return self._pages[language]

    def values(self, person):
        values = {"first_name": person.first_name, "edition": str(self.message.edition)}
        if person.kind == RecipientKind.REGISTRATION:
            links = RegistrationLinks(person.obj, page=self._page(person.language))
            values["manage_link"] = links.manage or ""
        elif person.kind == RecipientKind.SPONSORSHIP:
            values["portal_link"] = portal_url(person.obj, person.language)
        return values

    def text(self, person):
        """(subject, plain text body) for `person`."""
        subject, body = self.message.text_in(person.language)
        values = self.values(person)
        subject = " ".join(placeholders.fill(subject, values).split())
        return subject, placeholders.fill(body, values)

    def email(self, person, to=None, test=False):
        subject, body = self.text(person)
        if test:
            subject = TEST_PREFIX + subject
        message = EmailMultiAlternatives(
            subject, body, settings.DEFAULT_FROM_EMAIL, [to or person.email]
        )
        # The HTML copy is the plain text, escaped, with its links and paragraphs.
        message.attach_alternative(
            linebreaks(urlize(body, nofollow=False, autoescape=True)), "text/html"
        )
        return message
