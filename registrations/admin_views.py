"""Organizer views in the Wagtail admin: the registrations listing with counts and exports,
cancel / promote / change workshops / revoke links through the services (logged),
per-workshop lists."""

import datetime

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.widgets import Button
from wagtail.log_actions import log

import django_filters

from home.admin_screens import AdminScreenView, AdminScreenViewSet, user_may
from home.exports import ListingExportMixin
from home.models import Edition
from program.models import Session

from . import services
from .choices import Category, RegistrationStatus, SeatStatus
from .forms import AdminWorkshopsForm
from .models import Registration, RegistrationPage, WorkshopSeat
from .queries import seats_of
from .views.checkin import with_checkin_urls


def workshop_sessions():
    return (
        Session.objects.filter(registration_required=True)
        .select_related("edition")
        .order_by("-edition__year", "start", "title")
    )


class RegistrationFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(
        queryset=Edition.objects.all(), label=gettext_lazy("Edition")
    )
    status = django_filters.ChoiceFilter(
        choices=RegistrationStatus.choices, label=gettext_lazy("Status")
    )
    category = django_filters.ChoiceFilter(choices=Category.choices, label=gettext_lazy("Category"))
    workshop = django_filters.ModelChoiceFilter(
        field_name="seats__session",
        queryset=workshop_sessions(),
        label=gettext_lazy("Workshop"),
    )
    checked_in = django_filters.BooleanFilter(
        field_name="checked_in_at",
        lookup_expr="isnull",
        exclude=True,
        label=gettext_lazy("Checked in"),
    )

    class Meta:
        model = Registration
        fields = ["edition", "status", "category"]


def _excel_time(value):
    """Paris time to the minute, without a time zone (spreadsheets have none)."""
    if not value:
        return None
    return timezone.localtime(value).replace(tzinfo=None, second=0, microsecond=0)


def _yes_no(value):
    return _("Yes") if value else _("No")


NEW_LINK_LABEL = gettext_lazy("Revoke links and send a new one")


def can_get_new_link(registration):
    return registration.is_active and not registration.purged_at


class RegistrationInspectView(InspectView):
    """The registration's page in the admin, with its 'revoke links' action."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if user_may(self.request.user, Registration, "change") and can_get_new_link(self.object):
            buttons.append(
                Button(
                    NEW_LINK_LABEL,
                    url=reverse("registrations_admin:new_link", args=[self.object.pk]),
                    icon_name="link",
                    priority=30,
                )
            )
        return buttons


class RegistrationIndexView(ListingExportMixin, IndexView):
    """The listing: counts per status above it, exports to CSV (UTF-8), XLSX and ODS (text
    that a spreadsheet would run as a formula written as text)."""

    FORMATS = (IndexView.FORMAT_XLSX, IndexView.FORMAT_CSV, ListingExportMixin.FORMAT_ODS)
    template_name = "registrations/admin/index.html"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("edition")
            .prefetch_related(
                Prefetch(
                    "seats",
                    queryset=WorkshopSeat.objects.select_related("session").order_by(
                        "session__start"
                    ),
                )
            )
        )

    def get_add_url(self):
        return None  # registrations are made by participants, through the rules

    def _get_title_column(self, field_name, *args, **kwargs):
        # Wagtail gives the title column what the others leave: names broke mid-word. Names
        # no longer break (templates/registrations/admin/index.html), so a narrower column
        # leaves the others room to fit 1280 px; a longer name widens it, the region scrolls.
        kwargs.setdefault("width", "13%")
        return super()._get_title_column(field_name, *args, **kwargs)

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if not user_may(self.request.user, Registration, "change"):
            return buttons
        if instance.is_active:
            buttons.append(
                MenuItem(
                    _("Change workshops"),
                    url=reverse("registrations_admin:workshops", args=[instance.pk]),
                    icon_name="list-ul",
                    priority=30,
                )
            )
            buttons.append(
                MenuItem(
                    _("Cancel"),
                    url=reverse("registrations_admin:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        if can_get_new_link(instance):
            buttons.append(
                MenuItem(
                    NEW_LINK_LABEL,
                    url=reverse("registrations_admin:new_link", args=[instance.pk]),
                    icon_name="link",
                    priority=45,
                )
            )
        if instance.status == RegistrationStatus.WAITING:
            buttons.append(
                MenuItem(
                    _("Promote from the waiting list"),
                    url=reverse("registrations_admin:promote", args=[instance.pk]),
                    icon_name="arrow-up",
                    priority=35,
                )
            )
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        filtered = self.filter_queryset(Registration.objects.all())
        if self.search_query:
            filtered = self.search_queryset(filtered)
        counts = dict(
            filtered.order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        context["status_counts"] = [
            (label, counts.get(value, 0)) for value, label in RegistrationStatus.choices
        ]
        context["checked_in_count"] = filtered.filter(checked_in_at__isnull=False).count()
        context["total_count"] = sum(counts.values())
        context["workshops_url"] = reverse("registrations_admin:workshop_lists")
        return context

    def preprocess_field_value(self, field, value, export_format):
        # Organizers read these in LibreOffice: "Oui"/"Non", not "True"/"False"; Paris time to
        # the minute, not UTC with microseconds.
        if isinstance(value, bool):
            return str(_yes_no(value))
        if isinstance(value, datetime.datetime):
            local = _excel_time(value)
            return f"{local:%Y-%m-%d %H:%M}" if export_format == self.FORMAT_CSV else local
        return super().preprocess_field_value(field, value, export_format)


class SeatsColumn(Column):
    def get_value(self, instance):
        return instance.workshops_text()


INDEX_COLUMNS = [
    "last_name",
    "first_name",
    "email",
    "edition",
    Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
    Column("category", label=gettext_lazy("Category"), accessor="get_category_display"),
    SeatsColumn("seats", label=gettext_lazy("Workshops")),
    DateColumn("created_at", label=gettext_lazy("Registered")),
]


def _back():
    return redirect(reverse("registrations:index"))


class RegistrationActionView(AdminScreenView):
    """An organizer's action on one registration, through the rules: GET asks the question,
    POST acts, says what happened and goes back to the listing."""

    model = Registration
    permission_required = "change"
    title = button = None

    def get_registration(self):
        return get_object_or_404(
            Registration.objects.select_related("edition"), pk=self.kwargs["pk"]
        )

    def get(self, request, pk):
        registration = self.get_registration()
        return TemplateResponse(
            request,
            "registrations/admin/confirm.html",
            {
                "page_title": self.title,
                "registration": registration,
                "message": self.question(registration),
                "button": self.button,
            },
        )

    def post(self, request, pk):
        self.act(self.get_registration())
        return _back()


class CancelView(RegistrationActionView):
    title = gettext_lazy("Cancel a registration")
    button = gettext_lazy("Yes, cancel it")

    def question(self, registration):
        return _(
            "Cancel the registration of %(name)s? Their seats go to the next people waiting, "
            "who get an e-mail."
        ) % {"name": registration.full_name}

    def act(self, registration):
        if not registration.is_active:
            return
        previous = registration.status
        promoted = services.cancel(registration)
        user = self.request.user
        log(
            instance=registration,
            action="registrations.cancel",
            user=user,
            data={"previous_status": previous, "promoted": [p.pk for p in promoted]},
        )
        for person in promoted:
            log(
                instance=person,
                action="registrations.promote",
                user=user,
                data={"reason": "seat freed"},
            )
        messages.success(
            self.request,
            _("Registration of %(name)s cancelled; %(count)s promoted from the waiting list.")
            % {"name": registration.full_name, "count": len(promoted)},
        )


class PromoteView(RegistrationActionView):
    title = gettext_lazy("Promote from the waiting list")
    button = gettext_lazy("Yes, promote")

    def question(self, registration):
        confirmed = registration.edition.registrations.confirmed().count()
        return _(
            "Confirm %(name)s now (number %(position)s on the waiting list)? "
            "%(confirmed)s of %(capacity)s seats are taken; an organizer may go above "
            "the capacity."
        ) % {
            "name": registration.full_name,
            "position": registration.waiting_rank,
            "confirmed": confirmed,
            "capacity": registration.edition.capacity or "∞",
        }

    def act(self, registration):
        try:
            services.promote(registration)
        except services.RegistrationError as error:
            messages.error(self.request, error.message)
            return
        log(instance=registration, action="registrations.promote", user=self.request.user)
        messages.success(
            self.request,
            _("%(name)s is confirmed and gets their ticket by e-mail.")
            % {"name": registration.full_name},
        )


class NewLinkView(RegistrationActionView):
    """Revoke every private link of a registration (a leaked ticket or management link) and
    mail the participant a new one."""

    title = NEW_LINK_LABEL
    button = gettext_lazy("Yes, revoke and send")

    def question(self, registration):
        return _(
            "Revoke every private link of %(name)s (management page, ticket QR code, "
            "confirmation link) and send a new one to %(email)s? The links sent so far "
            "stop working at once."
        ) % {"name": registration.full_name, "email": registration.email}

    def act(self, registration):
        try:
            services.send_new_link(registration)
        except services.RegistrationError as error:
            messages.error(self.request, error.message)
            return
        log(instance=registration, action="registrations.new_link", user=self.request.user)
        messages.success(
            self.request,
            _("The links of %(name)s are revoked; a new link is sent to %(email)s.")
            % {"name": registration.full_name, "email": registration.email},
        )


class WorkshopsView(RegistrationActionView):
    """Move a registration between workshops (seats taken or freed through the rules)."""

    def get(self, request, pk):
        registration = self.get_registration()
        return self.respond(registration, self.form(registration, self.current(registration)))

    def post(self, request, pk):
        registration = self.get_registration()
        current = self.current(registration)
        form = self.form(registration, current, request.POST)
        if form.is_valid():
            try:
                seats = services.change_workshops(registration, form.cleaned_data["sessions"])
            except services.RegistrationError as error:
                form.add_error(None, error.message)
            else:
                log(
                    instance=registration,
                    action="registrations.move",
                    user=request.user,
                    data={
                        "before": [s.pk for s in current],
                        "after": [s.session_id for s in seats],
                    },
                )
                messages.success(
                    request, _("Workshops of %(name)s saved.") % {"name": registration.full_name}
                )
                return _back()
        return self.respond(registration, form)

    @staticmethod
    def current(registration):
        return [seat.session for seat in seats_of(registration)]

    @staticmethod
    def form(registration, current, data=None):
        return AdminWorkshopsForm(data, edition=registration.edition, initial={"sessions": current})

    def respond(self, registration, form):
        return TemplateResponse(
            self.request,
            "registrations/admin/workshops.html",
            {
                "page_title": _("Change workshops"),
                "registration": registration,
                "seats": seats_of(registration),
                "form": form,
            },
        )


class WorkshopListsView(AdminScreenView):
    model = Registration
    permission_required = "view"

    def get(self, request):
        sessions = workshop_sessions().annotate(
            confirmed=Count(
                "workshop_seats", filter=Q(workshop_seats__status=SeatStatus.CONFIRMED)
            ),
            waiting=Count("workshop_seats", filter=Q(workshop_seats__status=SeatStatus.WAITING)),
        )
        return TemplateResponse(
            request,
            "registrations/admin/workshop_lists.html",
            {"page_title": _("Workshop attendees"), "sessions": sessions},
        )


class AttendeesView(AdminScreenView):
    """A printable list of one workshop: confirmed seats, then the waiting list."""

    model = Registration
    permission_required = "view"

    def get(self, request, pk):
        session = get_object_or_404(Session.objects.select_related("edition", "room"), pk=pk)
        seats = WorkshopSeat.objects.filter(session=session).select_related("registration")
        return TemplateResponse(
            request,
            "registrations/admin/attendees.html",
            {
                "session": session,
                "confirmed": seats.filter(status=SeatStatus.CONFIRMED).order_by(
                    "registration__last_name", "registration__first_name"
                ),
                "waiting": seats.filter(status=SeatStatus.WAITING).order_by("position"),
                "filename": slugify(session.title),
            },
        )


class ListingRedirectView(AdminScreenView):
    model = Registration
    permission_required = "view"

    def get(self, request):
        return _back()


def check_in_links():
    """The current edition's check-in search page and its workshops' pages, or nothing."""
    edition = Edition.objects.current()
    page = RegistrationPage.for_edition(edition, language=get_language())
    if page is None:
        return {"edition": edition, "search_url": None, "sessions": []}
    sessions = with_checkin_urls(page, services.checkin_workshops(edition))
    search_url = page.url + page.reverse_subpage("checkin_search")
    return {"edition": edition, "search_url": search_url, "sessions": sessions}


class CheckInRedirectView(AdminScreenView):
    """From the admin menu to the check-in page of the current (or next) edition."""

    model = Registration
    permission_required = "check_in"

    def get(self, request):
        edition = Edition.objects.current()
        page = RegistrationPage.for_edition(edition, language=get_language())
        if page is None:
            messages.error(request, _("No edition with a registration page to check people in."))
            return redirect("wagtailadmin_home")
        return redirect(page.url + page.reverse_subpage("checkin_search"))


class RegistrationScreens(AdminScreenViewSet):
    """The organizers' actions on registrations, the workshop lists, the way to check-in."""

    name = "registrations_admin"
    url_prefix = "registration-actions"
    icon = "list-ul"
    menu_label = gettext_lazy("Workshop attendees")
    menu_order = 321
    menu_screen = "workshop_lists"
    add_to_admin_menu = True
    screens = (
        ("cancel/<int:pk>/", CancelView, "cancel"),
        ("promote/<int:pk>/", PromoteView, "promote"),
        ("workshops/<int:pk>/", WorkshopsView, "workshops"),
        ("new-link/<int:pk>/", NewLinkView, "new_link"),
        ("workshop-lists/", WorkshopListsView, "workshop_lists"),
        ("workshop-lists/<int:pk>/", AttendeesView, "attendees"),
        ("checkin/", CheckInRedirectView, "checkin"),
        ("", ListingRedirectView, "index"),
    )
