"""The volunteers' pages at the door, served by RegistrationPage routes under `checkin/`:

- `checkin/`: search by name, e-mail or ticket code, check in or undo from the results, counter;
- `checkin/<token>/`: what the ticket's QR code opens, one large button;
- `checkin/workshop/<id>/`: the seat holders of one workshop, marked present one by one.

Login required (the admin's login page, then back here) and the permission
`registrations.check_in_registration` (the "Check-in volunteers" group; organizers and
superusers have it too). Every change is a POST answered by a redirect (a reload repeats
nothing) and a message; the services decide, so concurrent volunteers never double count.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from home import ratelimit, typography

from .. import services, tickets, tokens
from ..choices import RegistrationStatus, SeatStatus
from ..forms import CheckInSearchForm
from ..groups import CHECK_IN_PERMISSION
from ..models import Registration, WorkshopSeat, user_label
from ..queries import seats_of
from ..responses import invalid_link, private, redirect_to_route, render

SEARCH_LIMIT = 30
CHECK_IN, UNDO = "check_in", "undo"
# The registration checked in by this volunteer's last POST: the page that follows says
# "welcome" in green once; any later scan of the same ticket shows the amber "already" panel.
JUST_CHECKED_IN = "checkin_just_done"


def when(moment):
    """`23 novembre 2026 à 09:42`, `Nov. 23, 2026 at 09:42`: Paris time, never ambiguous."""
    moment = timezone.localtime(moment)
    return _("%(date)s at %(time)s") % {
        "date": typography.date_format(moment, "DATE_FORMAT"),
        "time": date_format(moment, "H:i"),
    }


def done_by_text(name, moment, user):
    if user is None:
        return _("%(name)s was already checked in on %(when)s.") % {
            "name": name,
            "when": when(moment),
        }
    return _("%(name)s was already checked in on %(when)s by %(who)s.") % {
        "name": name,
        "when": when(moment),
        "who": user_label(user),
    }


def not_admitted_statement(registration):
    """Why a registration holds no seat, as a short sentence."""
    if registration.status == RegistrationStatus.CANCELLED:
        return _("Registration cancelled.")
    if registration.status == RegistrationStatus.WAITING:
        return _("On the waiting list.")
    return _("Registration not confirmed.")


def _refused(request, page):
    """None when the user may check people in, else the answer: login, or 403."""
    if not request.user.is_authenticated:
        return private(redirect_to_login(request.get_full_path()))
    if not request.user.has_perm(CHECK_IN_PERMISSION):
        return render(request, page, "checkin/forbidden.html", status=403)
    return None


def _change_check_in(request, registration):
    """Apply the POSTed action to a registration and say what happened."""
    name = registration.full_name
    action = request.POST.get("action")
    if action == UNDO:
        outcome = services.undo_check_in(registration)
        if outcome.done_now:
            log(instance=registration, action="registrations.undo_check_in", user=request.user)
            messages.info(request, _("Check-in of %(name)s undone.") % {"name": name})
        else:
            messages.info(request, _("%(name)s was not checked in.") % {"name": name})
        return
    if action != CHECK_IN:
        messages.error(request, _("Unknown action: nothing was changed."))
        return
    try:
        outcome = services.check_in(registration, by=request.user)
    except services.NotCheckable:
        messages.error(
            request,
            _("%(name)s — %(statement)s No seat is held for this registration.")
            % {"name": name, "statement": not_admitted_statement(registration)},
        )
        return
    current = outcome.registration
    if outcome.done_now:
        request.session[JUST_CHECKED_IN] = registration.pk
        messages.success(request, _("%(name)s is checked in. Welcome!") % {"name": name})
    else:
        messages.warning(request, done_by_text(name, current.checked_in_at, current.checked_in_by))


def _edition_registrations(page):
    return Registration.objects.filter(edition=page.edition, purged_at__isnull=True)


def _for_the_door(request, page, token):
    """What a participant sees on scanning their own ticket: show it at the entrance.

    Only the first name: whoever holds the code learns nothing else about its owner."""
    try:
        registration = tokens.read_token(
            token, tokens.CHECKIN, queryset=_edition_registrations(page)
        )
    except tokens.InvalidToken as error:
        return invalid_link(request, page, error)
    login_url = redirect_to_login(request.get_full_path()).url
    context = {"first_name": registration.first_name, "login_url": login_url}
    if registration.status == RegistrationStatus.CONFIRMED:
        # The holder of this link holds the ticket: its code and QR code, to show at the door.
        context["ticket_code"] = registration.ticket_code
        context["qr"] = tickets.qr_image(request.build_absolute_uri(request.path))
    return render(request, page, "checkin/show_at_door.html", context)


def ticket(request, page, token):
    """The QR code's page: who this is, their workshops, one large button."""
    if request.method == "GET" and not request.user.is_authenticated:
        return _for_the_door(request, page, token)
    refused = _refused(request, page)
    if refused:
        return refused
    try:
        registration = tokens.read_token(
            token, tokens.CHECKIN, queryset=_edition_registrations(page)
        )
    except tokens.InvalidToken as error:
        # The participant's "link not valid" page tells them what to do, not the volunteer.
        return render(
            request,
            page,
            "checkin/invalid_ticket.html",
            {"search_url": page.url + page.reverse_subpage("checkin_search")},
            status=410 if isinstance(error, tokens.ExpiredToken) else 404,
        )
    if request.method == "POST":
        _change_check_in(request, registration)
        return redirect_to_route(request, page, "checkin", token=token)
    registration = services.read_check_in(registration.pk)
    just_done = request.session.pop(JUST_CHECKED_IN, None) == registration.pk
    return render(
        request,
        page,
        "checkin/ticket.html",
        {
            "registration": registration,
            "second_scan": bool(registration.checked_in_at) and not just_done,
            "seats": seats_of(registration),
            "search_url": page.url + page.reverse_subpage("checkin_search"),
        },
    )


def search(request, page):
    """Find a participant by name, e-mail or ticket code; check in or undo from the results."""
    refused = _refused(request, page)
    if refused:
        return refused
    if page.edition is None:
        return render(request, page, "unavailable.html", status=404)
    form = CheckInSearchForm(request.POST if request.method == "POST" else request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if request.method == "POST":
        registration = (
            _edition_registrations(page).filter(pk=_int(request.POST.get("registration"))).first()
        )
        if registration is None:
            messages.error(request, _("This registration was not found: nothing was changed."))
        else:
            _change_check_in(request, registration)
        return redirect_to_route(request, page, "checkin_search", {"q": query} if query else None)
    counts = services.check_in_counts(page.edition)
    if request.GET.get("format") == "json":  # the counter's progressive enhancement
        return private(JsonResponse(counts))
    results, more = [], False
    wait = 0
    if query:
        wait = ratelimit.seconds_to_wait(request, "checkin-search", user=request.user.pk)
    if wait:
        messages.error(request, _("Too many searches.") + " " + ratelimit.wait_message(wait))
    elif query:
        found = list(services.search_for_check_in(page.edition, query, limit=SEARCH_LIMIT + 1))
        results, more = found[:SEARCH_LIMIT], len(found) > SEARCH_LIMIT
    response = render(
        request,
        page,
        "checkin/search.html",
        {
            "query": query,
            "searched": query and not wait,
            "results": results,
            "more": more,
            "limit": SEARCH_LIMIT,
            "form": form,
            "counts": counts,
            "sessions": with_checkin_urls(page, services.checkin_workshops(page.edition)),
            "base_url": page.url + page.reverse_subpage("checkin_search"),
        },
        status=429 if wait else 200,
    )
    return ratelimit.retry_after(response, wait)


def with_checkin_urls(page, sessions):
    """Each session with the URL of its attendance page, in the page's language."""
    sessions = list(sessions)
    for session in sessions:
        session.checkin_url = page.url + page.reverse_subpage(
            "checkin_workshop", kwargs={"pk": session.pk}
        )
    return sessions


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _change_attendance(request, seat):
    name = seat.registration.full_name
    action = request.POST.get("action")
    if action == UNDO:
        outcome = services.undo_attendance(seat)
        if outcome.done_now:
            messages.info(request, _("%(name)s is no longer marked present.") % {"name": name})
        else:
            messages.info(request, _("%(name)s was not marked present.") % {"name": name})
        return
    if action != CHECK_IN:
        messages.error(request, _("Unknown action: nothing was changed."))
        return
    try:
        outcome = services.attend_workshop(seat, by=request.user)
    except services.NotCheckable as error:
        messages.error(request, f"{name}: {error.message}")
        return
    if outcome.done_now:
        messages.success(request, _("%(name)s is marked present.") % {"name": name})
    else:
        messages.warning(request, already_present_text(name, outcome.attendance))


def already_present_text(name, attendance):
    values = {
        "name": name,
        "when": when(attendance.checked_in_at),
        "who": attendance.checked_in_by_name,
    }
    if attendance.checked_in_by is None:
        return _("%(name)s was already marked present on %(when)s.") % values
    return _("%(name)s was already marked present on %(when)s by %(who)s.") % values


def workshop(request, page, pk):
    """One workshop's confirmed seat holders, each marked present (or not) with one button."""
    refused = _refused(request, page)
    if refused:
        return refused
    session = services.checkin_workshops(page.edition).select_related("room").filter(pk=pk).first()
    if session is None:
        return render(request, page, "unavailable.html", status=404)
    seats = WorkshopSeat.objects.filter(
        session=session,
        status=SeatStatus.CONFIRMED,
        registration__status=RegistrationStatus.CONFIRMED,
        registration__purged_at__isnull=True,
    )
    if request.method == "POST":
        seat = seats.select_related("registration").filter(pk=_int(request.POST.get("seat")))
        seat = seat.first()
        if seat is None:
            messages.error(request, _("This seat was not found: nothing was changed."))
        else:
            _change_attendance(request, seat)
        return redirect_to_route(request, page, "checkin_workshop", pk=session.pk)
    seats = seats.select_related("registration", "attendance__checked_in_by").order_by(
        "registration__last_name", "registration__first_name", "pk"
    )
    return render(
        request,
        page,
        "checkin/workshop.html",
        {
            "session": session,
            "seats": seats,
            "search_url": page.url + page.reverse_subpage("checkin_search"),
        },
    )
