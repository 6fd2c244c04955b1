"""Organizer views in the Wagtail admin: review a booth, send or revoke a private link, exports."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from wagtail.admin.auth import permission_required

from home.models import Edition

from . import services
from .choices import BoothStatus
from .exports import FORMATS, export_response
from .forms import ReviewForm
from .models import BoothInfo, Sponsorship
from .portal import portal_url


def _booth_list_url():
    return reverse("wagtailsnippets_sponsors_boothinfo:list")


@permission_required("sponsors.change_boothinfo")
@require_http_methods(["GET", "POST"])
def review(request, pk):
    booth = get_object_or_404(
        BoothInfo.objects.select_related(
            "sponsorship__sponsor", "sponsorship__edition", "sponsorship__tier"
        ),
        pk=pk,
    )
    form = ReviewForm(request.POST or None, initial={"comment": booth.organizer_comment})
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if "approve" in request.POST:
                services.approve(booth, user=request.user, comment=comment)
                messages.success(
                    request, _("%(sponsor)s: approved.") % {"sponsor": booth.sponsorship.sponsor}
                )
            elif "request_changes" in request.POST:
                services.request_changes(booth, comment, user=request.user)
                messages.success(
                    request,
                    _("%(sponsor)s: changes requested, the sponsor is told by e-mail.")
                    % {"sponsor": booth.sponsorship.sponsor},
                )
            else:
                raise services.TransitionError(_("Choose an action."))
        except services.TransitionError as error:
            form.add_error("comment", str(error))
        else:
            return redirect(_booth_list_url())
    return TemplateResponse(
        request,
        "sponsors/admin/review.html",
        {
            "booth": booth,
            "form": form,
            "can_approve": booth.status == BoothStatus.SUBMITTED,
            "can_request_changes": booth.status in (BoothStatus.SUBMITTED, BoothStatus.APPROVED),
            "edit_url": reverse("wagtailsnippets_sponsors_boothinfo:edit", args=[booth.pk]),
        },
    )


@permission_required("sponsors.change_sponsorship")
@require_http_methods(["GET", "POST"])
def portal_link(request, pk):
    sponsorship = get_object_or_404(
        Sponsorship.objects.select_related("sponsor", "edition", "tier"), pk=pk
    )
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                services.revoke_portal_links(sponsorship)
                messages.success(request, _("Every link sent so far is revoked."))
            elif "send" in request.POST:
                services.send_portal_link(sponsorship)
                messages.success(
                    request,
                    _("The private link is being sent to %(email)s.")
                    % {"email": sponsorship.contact_email},
                )
        except services.TransitionError as error:
            messages.error(request, str(error))
        return redirect(reverse("sponsors_admin:portal_link", args=[sponsorship.pk]))
    return TemplateResponse(
        request,
        "sponsors/admin/portal_link.html",
        {
            "sponsorship": sponsorship,
            "url": portal_url(sponsorship),
            "booth": services.booth_for(sponsorship),
        },
    )


@permission_required("sponsors.view_boothinfo")
@require_safe
def exports(request):
    editions = list(Edition.objects.filter(sponsorships__isnull=False).distinct().order_by("-year"))
    for edition in editions:
        edition.unsent_links = services.unsent_portal_links(edition).count()
    return TemplateResponse(
        request,
        "sponsors/admin/exports.html",
        {
            "editions": editions,
            "formats": list(FORMATS),
            "can_send": request.user.has_perm("sponsors.change_sponsorship"),
        },
    )


@permission_required("sponsors.change_sponsorship")
@require_http_methods(["POST"])
def send_links(request, edition_pk):
    edition = get_object_or_404(Edition, pk=edition_pk)
    sent = services.send_unsent_portal_links(edition)
    messages.success(
        request,
        ngettext(
            "%(count)s private link is being sent.",
            "%(count)s private links are being sent.",
            sent,
        )
        % {"count": sent},
    )
    return redirect(reverse("sponsors_admin:exports"))


@permission_required("sponsors.view_boothinfo")
@require_safe
def export(request, edition_pk, file_format):
    if file_format not in FORMATS:
        raise Http404
    edition = get_object_or_404(Edition, pk=edition_pk)
    return export_response(edition, file_format)


@permission_required("sponsors.view_boothinfo")
@require_safe
def exhibitor_list(request, edition_pk):
    edition = get_object_or_404(Edition, pk=edition_pk)
    booths = (
        BoothInfo.objects.filter(sponsorship__edition=edition)
        .select_related("sponsorship__sponsor", "sponsorship__tier")
        .order_by("booth_number", "sponsorship__sponsor__name")
    )
    return TemplateResponse(
        request, "sponsors/admin/exhibitor_list.html", {"edition": edition, "booths": booths}
    )
