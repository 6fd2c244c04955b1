"""The sponsor portal: one private, signed link per sponsorship, no account."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

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


@private
@require_http_methods(["GET", "POST"])
def portal(request, token):
    try:
        sponsorship = sponsorship_for_token(
            token, Sponsorship.objects.select_related("sponsor", "edition", "tier")
        )
    except PortalLinkError as error:
        return render(
            request,
            "sponsors/portal_link_problem.html",
            {"problem": error.problem.value},
            status=LINK_PROBLEM_STATUS[error.problem],
        )
    booth = services.booth_for(sponsorship)
    deadline = booth.deadline() if booth else None
    editable = booth is not None and booth.is_editable(deadline=deadline)
    form = None
    status = 200
    if booth is not None and editable:
        if request.method == "POST":
            submitting = "submit" in request.POST
            form = BoothInfoForm(request.POST, request.FILES, instance=booth, submitting=submitting)
            if form.is_valid():
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
            status = 400
        else:
            form = BoothInfoForm(instance=booth)
    elif request.method == "POST":
        messages.error(request, _("This booth information can no longer be changed."))
        return redirect(request.path)
    return render(
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
