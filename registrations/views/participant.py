"""The participant's pages, served by RegistrationPage routes. Views stay thin: forms validate,
services decide, templates show. Every private page is never cached."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext as _

from home import ratelimit
from home.choices import RegistrationState
from home.models import SiteSettings

from .. import retention, services, tickets, tokens
from ..choices import RegistrationStatus, SeatStatus
from ..forms import DetailsForm, EmailChangeForm, RegistrationForm, WorkshopsForm
from ..links import RegistrationLinks
from ..queries import bookable_queryset, seats_of
from ..responses import invalid_link, private, redirect_to_route, render
from ..services.registration import DETAILS
from . import program


def _privacy_url(request):
    site_settings = SiteSettings.for_request(request)
    page = site_settings.privacy_page
    if page is None:
        return None
    page = page.localized
    return page.get_url(request=request)


def register(request, page):
    edition = page.edition
    if edition is None:
        return render(request, page, "unavailable.html", status=404)
    state = edition.registration_state()
    if request.method == "POST":
        form = RegistrationForm(request.POST, edition=edition, privacy_url=_privacy_url(request))
        wait = 0
        if form.is_valid():
            data = form.cleaned_data
            wait = ratelimit.seconds_to_wait(request, "registration", email=data["email"])
            if wait:
                form.add_error(
                    None,
                    _("Too many registrations from your connection or with this e-mail address.")
                    + " "
                    + ratelimit.wait_message(wait),
                )
            else:
                try:
                    services.register(
                        edition,
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        email=data["email"],
                        organization=data["organization"],
                        category=data["category"],
                        accessibility_needs=data["accessibility_needs"],
                        dietary_needs=data.get("dietary_needs", ""),
                        newsletter=data["newsletter"],
                        language=page.locale.language_code,
                        sessions=data.get("sessions") or [],
                    )
                except services.RegistrationError as error:
                    form.add_error(None, error.message)
                else:
                    return redirect_to_route(request, page, "sent_view")
        context = {"form": form, "state": state}
        response = render(request, page, "registration_page.html", context, 429 if wait else 200)
        return ratelimit.retry_after(response, wait)
    form = None
    if state == RegistrationState.OPEN:
        form = RegistrationForm(edition=edition, privacy_url=_privacy_url(request))
    return render(request, page, "registration_page.html", {"form": form, "state": state})


def sent(request, page):
    return render(request, page, "sent.html")


def confirm(request, page, token):
    try:
        registration = tokens.read_token(token, tokens.CONFIRM)
    except tokens.InvalidToken as error:
        return invalid_link(request, page, error)
    if request.method != "POST":
        return render(request, page, "confirm.html", {"registration": registration, "token": token})
    try:
        outcome = services.confirm(registration)
    except services.RegistrationError as error:
        return render(
            request,
            page,
            "confirm.html",
            {"registration": registration, "token": token, "error": error.message},
            status=409,
        )
    links = RegistrationLinks(outcome.registration, page)
    return render(
        request,
        page,
        "confirmed.html",
        {
            "registration": outcome.registration,
            "seats": outcome.seats,
            "manage_url": links.manage,
        },
    )


def _read(page, token, purpose):
    registration = tokens.read_token(token, purpose)
    if registration.edition_id != getattr(page.edition, "pk", None):
        raise tokens.InvalidToken
    return registration


def _managed(request, page, token):
    return _read(page, token, tokens.MANAGE)


def new_link(request, page, registration):
    """The participant's 'send me a new link': every link sent so far stops working.

    Needs no rate limit of its own: the link used dies at once, so asking again takes the
    new link, which only the registration's mailbox receives."""
    try:
        services.send_new_link(registration)
    except services.RegistrationError as error:
        return render(request, page, "new_link_sent.html", {"error": error.message}, status=409)
    return render(request, page, "new_link_sent.html", {"registration": registration})


def _details_form(registration, data=None):
    initial = {name: getattr(registration, name) for name in DETAILS}
    return DetailsForm(data, edition=registration.edition, initial=initial)


def _rate_limited(request, form, field=None, **identities):
    """Count one attempt; when too many, say so on the form (on `field`) and return the wait."""
    wait = ratelimit.seconds_to_wait(request, "registration", **identities)
    if wait:
        form.add_error(
            field,
            _("Too many changes from your connection or to this e-mail address.")
            + " "
            + ratelimit.wait_message(wait),
        )
    return wait


def change_details(request, registration):
    """(form, notice, status) of a POST of the details form."""
    form = _details_form(registration, request.POST)
    if not form.is_valid():
        return form, None, 200
    wait = _rate_limited(request, form)
    if wait:
        return form, None, 429
    registration = services.update_details(registration, **form.cleaned_data)
    return _details_form(registration), _("Your details are saved."), 200


def change_email(request, registration):
    """(form, notice, status) of a POST of the new e-mail form."""
    form = EmailChangeForm(request.POST)
    if not form.is_valid():
        return form, None, 200
    new_email = form.cleaned_data["new_email"]
    wait = _rate_limited(request, form, "new_email", email=new_email)
    if wait:
        return form, None, 429
    try:
        registration = services.request_email_change(registration, new_email)
    except services.RegistrationError as error:
        form.add_error("new_email", error.message)
        return form, None, 200
    notice = _(
        "We sent a confirmation link to %(new)s. Your address changes when you open it; until "
        "then we keep writing to %(old)s."
    ) % {"new": registration.pending_email, "old": registration.email}
    return EmailChangeForm(), notice, 200


def manage(request, page, token):
    try:
        registration = _managed(request, page, token)
    except tokens.InvalidToken as error:
        return invalid_link(request, page, error)
    if request.method == "POST" and "new_link" in request.POST:
        return new_link(request, page, registration)
    details_form = email_form = notice = program_form = program_warning = None
    status = 200
    if registration.is_active:
        if program.posted(request):
            program_form, notice, program_warning = program.change(request, registration)
        elif request.method == "POST" and "change_details" in request.POST:
            details_form, notice, status = change_details(request, registration)
            registration.refresh_from_db()
        elif request.method == "POST" and "change_email" in request.POST:
            email_form, notice, status = change_email(request, registration)
            registration.refresh_from_db()
        details_form = details_form or _details_form(registration)
        email_form = email_form or EmailChangeForm()
    posted_workshops = (
        request.method == "POST"
        and details_form is not None
        and not ({"change_details", "change_email", *program.ACTIONS} & set(request.POST))
    )
    edition = registration.edition
    can_change = (
        registration.is_active
        and edition.is_registration_open()
        and bookable_queryset(edition) is not None
    )
    form = None
    if can_change:
        seats = seats_of(registration)
        if posted_workshops:
            form = WorkshopsForm(request.POST, edition=edition, seats=seats)
            if form.is_valid():
                try:
                    services.change_workshops(registration, form.cleaned_data["sessions"])
                except services.RegistrationError as error:
                    form.add_error(None, error.message)
                    status = 409
                else:
                    registration.refresh_from_db()
                    before = {seat.session_id for seat in seats}
                    seats = seats_of(registration)
                    notice = _("Your workshops are saved.")
                    full = [
                        seat.session.title
                        for seat in seats
                        if seat.status == SeatStatus.WAITING and seat.session_id not in before
                    ]
                    if full:
                        notice += " " + _(
                            "Full when you chose it, so you are on the waiting list of: %(titles)s."
                        ) % {"titles": ", ".join(full)}
                    form = None
        if form is None or notice:
            form = WorkshopsForm(
                edition=edition,
                seats=seats,
                initial={"sessions": [seat.session for seat in seats]},
            )
    links = RegistrationLinks(registration, page)
    qr = None
    if registration.status == RegistrationStatus.CONFIRMED and links.checkin:
        qr = tickets.qr_svg_data_uri(links.checkin)
    seats = seats_of(registration)
    return render(
        request,
        page,
        "manage.html",
        {
            **program.context(page, registration, seats, program_form, program_warning),
            "registration": registration,
            "seats": seats,
            "form": form,
            "details_form": details_form,
            "email_form": email_form,
            "notice": notice,
            "token": token,
            "qr": qr,
        },
        status=status,
    )


def confirm_email(request, page, token):
    """The link sent to a new address: a button (a GET changes nothing: mail scanners follow
    links), then the address is the registration's."""
    try:
        registration = _read(page, token, tokens.EMAIL)
    except tokens.InvalidToken as error:
        return invalid_link(request, page, error)
    context = {"registration": registration, "token": token}
    if request.method != "POST":
        return render(request, page, "confirm_email.html", context)
    try:
        registration = services.confirm_email_change(registration)
    except services.RegistrationError as error:
        return render(request, page, "confirm_email.html", {**context, "error": error.message}, 409)
    links = RegistrationLinks(registration, page)
    context.update({"registration": registration, "done": True, "manage_url": links.manage})
    return render(request, page, "confirm_email.html", context)


def cancel(request, page, token):
    try:
        registration = _managed(request, page, token)
    except tokens.InvalidToken as error:
        return invalid_link(request, page, error)
    if request.method == "POST" and registration.is_active:
        services.cancel(registration)  # revokes every link sent so far
        registration.refresh_from_db()
        return render(
            request,
            page,
            "cancelled.html",
            {
                "registration": registration,
                "delete_token": tokens.make_token(registration, tokens.DELETE),
                "purge_date": retention.purge_due_date(registration.edition),
            },
        )
    return render(request, page, "cancel.html", {"registration": registration, "token": token})


def download_data(request, page, token):
    try:
        registration = _managed(request, page, token)
    except tokens.InvalidToken as error:
        return invalid_link(request, page, error)
    data = {
        "edition": str(registration.edition),
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "email": registration.email,
        "new_email_not_confirmed": registration.pending_email,
        "organization": registration.organization,
        "category": registration.category,
        "accessibility_needs": registration.accessibility_needs,
        "dietary_needs": registration.dietary_needs,
        "newsletter": registration.newsletter,
        "language": registration.language,
        "status": registration.status,
        "waiting_position": registration.waiting_position,
        "registered_at": registration.created_at,
        "privacy_policy_accepted_at": registration.consented_at,
        "confirmed_at": registration.confirmed_at,
        "cancelled_at": registration.cancelled_at,
        "checked_in_at": registration.checked_in_at,
        "workshops": [
            {
                "title": seat.session.title,
                "start": seat.session.start,
                "end": seat.session.end,
                "status": seat.status,
                "waiting_position": seat.position,
            }
            for seat in seats_of(registration)
        ],
        "marked_sessions": [
            {"title": session.title, "start": session.start, "end": session.end}
            for session in registration.marked_sessions.order_by("start", "title")
        ],
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"alposs-{registration.edition.year}-registration.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private(response)


def _deletable(page, token):
    """The registration whose data a link may delete, and whether it is the management link
    (else the one-hour link of the page shown right after cancelling)."""
    try:
        return _read(page, token, tokens.DELETE), False
    except tokens.ExpiredToken:
        raise
    except tokens.InvalidToken:
        return _read(page, token, tokens.MANAGE), True


def delete(request, page, token):
    try:
        registration, managed = _deletable(page, token)
    except tokens.InvalidToken as error:
        return invalid_link(request, page, error)
    if request.method == "POST":
        services.delete_personal_data(registration)
        return redirect_to_route(request, page, "deleted_view")
    return render(
        request,
        page,
        "delete.html",
        {"registration": registration, "token": token, "managed": managed},
    )


def deleted(request, page):
    return render(request, page, "deleted.html")
