"""The sponsor portal: one private, signed link per sponsorship, no account."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from home import ratelimit

from . import services
from .choices import BoothStatus
from .forms import BoothInfoForm
from .models import Sponsorship
from .portal import LinkProblem, PortalLinkError, sponsorship_for_token
from .tasks import organizers_email

LINK_PROBLEM_STATUS = {
    LinkProblem.INVALID: 404,
    LinkProblem.EXPIRED: 410,
    LinkProblem.REVOKED: 410,
}


def private(view):
    """Portal pages: never cached, never indexed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapper)


def seconds_to_wait(request):
    """Count this request (a link tried; a POST is a save too): 0 when within the limits."""
    wait = ratelimit.seconds_to_wait(request, "sponsor-portal")
    if request.method == "POST":
        wait = max(wait, ratelimit.seconds_to_wait(request, "sponsor-portal-save"))
    return wait


def too_many_requests(request, wait):
    context = {"wait_message": ratelimit.wait_message(wait)}
    response = render(request, "too_many_requests.html", context, status=429)
    return ratelimit.retry_after(response, wait)


def save(request, form, submitting):
    """Save the valid booth form (with its new logo), say so, and show the page again."""
    try:
        booth = form.save(commit=False)
        services.save_booth(booth, submit=submitting, logo=form.logo_upload)
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        if submitting:
            messages.success(
                request,
                _(
                    "Thank you: your booth information is submitted. The organizers "
                    "will review it and write to you."
                ),
            )
        else:
            messages.success(request, _("Your draft is saved."))
    return redirect(request.path)


@private
@require_http_methods(["GET", "POST"])
def portal(request, token):
    wait = seconds_to_wait(request)
    if wait and request.method != "POST":
        return too_many_requests(request, wait)
    try:
        sponsorship = sponsorship_for_token(
            token, Sponsorship.objects.select_related("sponsor", "edition", "tier")
        )
    except PortalLinkError as error:
        if wait:
            return too_many_requests(request, wait)
        return render(
            request,
            "sponsors/portal_link_problem.html",
            {"problem": error.problem.value},
            status=LINK_PROBLEM_STATUS[error.problem],
        )
    booth = services.booth_for(sponsorship)
    deadline = booth.deadline() if booth else None
    editable = booth is not None and booth.is_editable(deadline=deadline)
    if request.method == "POST" and not editable:
        if wait:
            return too_many_requests(request, wait)
        messages.error(request, _("This booth information can no longer be changed."))
        return redirect(request.path)
    form, status = None, 200
    if editable and request.method == "POST":
        submitting = "submit" in request.POST
        form = BoothInfoForm(request.POST, request.FILES, instance=booth, submitting=submitting)
        if wait:  # shown again as typed, to be saved at the next try
            message = _("Too many saves from your connection: nothing was saved.")
            messages.error(request, f"{message} {ratelimit.wait_message(wait)}")
            status = 429
        elif form.is_valid():
            return save(request, form, submitting)
        else:
            status = 400
    elif editable:
        form = BoothInfoForm(instance=booth)
    response = render(
        request,
        "sponsors/portal.html",
        {
            "sponsorship": sponsorship,
            "sponsor": sponsorship.sponsor,
            "booth": booth,
            "form": form,
            "editable": editable,
            "deadline": deadline,
            "deadline_passed": deadline is not None and timezone.now() >= deadline,
            "BoothStatus": BoothStatus,
            "organizers_email": organizers_email(sponsorship.edition),
        },
        status=status,
    )
    return ratelimit.retry_after(response, wait)
