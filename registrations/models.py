"""Registrations to an edition, their seats, and the page that takes them.

Business rules touching several rows (register, confirm, cancel, promote) live in services/.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from home.models import Edition, EditionSectionPage
from home.routing import LocalizedRoutesMixin

from . import codes
from .choices import ACTIVE_STATUSES, Category, RegistrationStatus, SeatStatus


def user_label(user):
    """How a volunteer is named on the check-in pages: full name, else login."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def new_key():
    """The random part of every private link of a registration; replacing it revokes them."""
    return secrets.token_hex(16)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("waiting_position", "pk")


class Registration(models.Model):
    """One person's registration to one edition. No account: private signed links instead."""

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    pending_email = models.EmailField(
        _("new e-mail, not confirmed yet"),
        max_length=254,
        blank=True,
        help_text=_(
            "The participant asked to use this address; it replaces the e-mail once "
            "they open the link sent there."
        ),
    )
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.INDIVIDUAL
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, max_length=2000)
    dietary_needs = models.TextField(_("dietary needs"), blank=True, max_length=1000)
    consented_at = models.DateTimeField(_("privacy policy accepted at"), null=True, blank=True)
    newsletter = models.BooleanField(_("newsletter"), default=False)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
        db_index=True,
    )
    waiting_position = models.PositiveIntegerField(
        _("position on the waiting list"), null=True, blank=True
    )
    key = models.CharField(_("private key"), max_length=64, default=new_key, editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    purged_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True, editable=False)
    marked_sessions = models.ManyToManyField(
        "program.Session",
        verbose_name=_("sessions marked"),
        blank=True,
        related_name="+",
    )

    objects = RegistrationQuerySet.as_manager()

    # Personal data, thousands of rows, never referenced by content: keep out of the index.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "email"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(email=""),
                name="registration_one_active_per_email_and_edition",
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.WAITING, waiting_position__isnull=False)
                | (~Q(status=RegistrationStatus.WAITING) & Q(waiting_position__isnull=True)),
                name="registration_waiting_position_iff_waiting",
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"], name="registration_edition_status")]
        permissions = [("check_in_registration", _("Can check participants in at the door"))]

    def __str__(self):
        if self.purged_at:
            return _("Registration #%(pk)s (personal data removed)") % {"pk": self.pk}
        return f"{self.full_name} <{self.email}>"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def checked_in_by_name(self):
        return user_label(self.checked_in_by)

    @property
    def ticket_code(self):
        """Six characters to find the ticket at the door (see codes.py)."""
        return codes.ticket_code(self.pk)

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    @cached_property
    def waiting_rank(self):
        """The place on the waiting list now (positions keep gaps when people leave it)."""
        if self.status != RegistrationStatus.WAITING or self.waiting_position is None:
            return None
        ahead = Registration.objects.filter(
            edition_id=self.edition_id,
            status=RegistrationStatus.WAITING,
            waiting_position__lt=self.waiting_position,
        )
        return ahead.count() + 1

    def workshops_text(self):
        """The workshops chosen, for listings and exports (uses prefetched seats)."""
        return "; ".join(
            f"{seat.session.title} ({seat.get_status_display()})" for seat in self.seats.all()
        )

    def rotate_key(self):
        """Revoke every private link sent so far."""
        self.key = new_key()


class RegistrationPage(LocalizedRoutesMixin, RoutablePageMixin, EditionSectionPage):
    """The registration of the parent edition: form, confirmation, private management page."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*EditionSectionPage.content_panels, FieldPanel("intro")]
    search_fields = [*EditionSectionPage.search_fields, index.SearchField("intro")]
    page_description = _("Registration to the edition: form, confirmation and private links.")

    section_titles = (_("Registration"), {"fr": "inscription", "en": "register"})

    class Meta:
        verbose_name = _("registration page")

    # Routes are served by views.py; the page only dispatches. Each route has a French path
    # (name suffixed `_fr`) beside its English one (LocalizedRoutesMixin).
    @path("")
    def form_view(self, request):
        from .views import participant

        return participant.register(request, self)

    @path("envoyee/", name="sent_view_fr")
    @path("sent/")
    def sent_view(self, request):
        from .views import participant

        return participant.sent(request, self)

    @path("confirmer/<str:token>/", name="confirm_view_fr")
    @path("confirm/<str:token>/")
    def confirm_view(self, request, token):
        from .views import participant

        return participant.confirm(request, self, token)

    @path("gerer/<str:token>/", name="manage_view_fr")
    @path("manage/<str:token>/")
    def manage_view(self, request, token):
        from .views import participant

        return participant.manage(request, self, token)

    @path("adresse/<str:token>/", name="email_view_fr")
    @path("email/<str:token>/")
    def email_view(self, request, token):
        from .views import participant

        return participant.confirm_email(request, self, token)

    # A file route (no trailing slash in its address: alposs/urls.py's page-file pattern).
    @path("gerer/<str:token>/agenda.ics/", name="feed_view_fr")
    @path("manage/<str:token>/calendar.ics/")
    def feed_view(self, request, token):
        from .views import program

        return program.feed(request, self, token)

    @path("gerer/<str:token>/annuler/", name="cancel_view_fr")
    @path("manage/<str:token>/cancel/")
    def cancel_view(self, request, token):
        from .views import participant

        return participant.cancel(request, self, token)

    @path("gerer/<str:token>/donnees/", name="data_view_fr")
    @path("manage/<str:token>/data/")
    def data_view(self, request, token):
        from .views import participant

        return participant.download_data(request, self, token)

    @path("gerer/<str:token>/supprimer/", name="delete_view_fr")
    @path("manage/<str:token>/delete/")
    def delete_view(self, request, token):
        from .views import participant

        return participant.delete(request, self, token)

    @path("supprimee/", name="deleted_view_fr")
    @path("deleted/")
    def deleted_view(self, request):
        from .views import participant

        return participant.deleted(request, self)

    # The volunteers' pages (views/checkin.py); before `checkin/<token>/`, which would take them.
    @path("accueil/", name="checkin_search_fr")
    @path("checkin/", name="checkin_search")
    def checkin_search_view(self, request):
        from .views import checkin

        return checkin.search(request, self)

    @path("accueil/atelier/<int:pk>/", name="checkin_workshop_fr")
    @path("checkin/workshop/<int:pk>/", name="checkin_workshop")
    def checkin_workshop_view(self, request, pk):
        from .views import checkin

        return checkin.workshop(request, self, pk)

    @path("accueil/<str:token>/", name="checkin_fr")
    @path("checkin/<str:token>/", name="checkin")
    def checkin_view(self, request, token):
        from .views import checkin

        return checkin.ticket(request, self, token)


class WorkshopSeat(models.Model):
    """A registration's place in one workshop: requested, confirmed, or on its waiting list."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="seats",
    )
    session = models.ForeignKey(
        "program.Session",
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="workshop_seats",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=SeatStatus.choices, default=SeatStatus.REQUESTED
    )
    position = models.PositiveIntegerField(_("position on the waiting list"), null=True, blank=True)
    created_at = models.DateTimeField(_("chosen at"), default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["session__start", "session__title"]
        verbose_name = _("workshop seat")
        verbose_name_plural = _("workshop seats")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="workshop_seat_once_per_registration"
            ),
            models.CheckConstraint(
                condition=Q(status=SeatStatus.WAITING, position__isnull=False)
                | (~Q(status=SeatStatus.WAITING) & Q(position__isnull=True)),
                name="workshop_seat_position_iff_waiting",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="workshop_seat_session_status")]

    def __str__(self):
        return f"{self.registration} — {self.session}"

    @cached_property
    def waiting_rank(self):
        """The place on this workshop's waiting list now."""
        if self.status != SeatStatus.WAITING or self.position is None:
            return None
        ahead = WorkshopSeat.objects.filter(
            session_id=self.session_id, status=SeatStatus.WAITING, position__lt=self.position
        )
        return ahead.count() + 1

    @property
    def status_text(self):
        if self.status == SeatStatus.WAITING:
            return _("on the waiting list, number %(position)s") % {"position": self.waiting_rank}
        if self.status == SeatStatus.CONFIRMED:
            return _("seat confirmed")
        return _("requested: the seat is taken when your registration is confirmed")


class WorkshopAttendance(models.Model):
    """A seat holder who actually came to the workshop, and the volunteer who saw them."""

    seat = models.OneToOneField(
        WorkshopSeat,
        verbose_name=_("workshop seat"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("workshop attendance")
        verbose_name_plural = _("workshop attendances")

    def __str__(self):
        return str(self.seat)

    @property
    def checked_in_by_name(self):
        return user_label(self.checked_in_by)
