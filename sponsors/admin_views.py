"""Organizer screens in the Wagtail admin: review a booth, send or revoke a private link,
exports and the printable exhibitor list."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from home import exports
from home.admin_screens import AdminScreenView, AdminScreenViewSet, user_may
from home.models import Edition

from . import services
from .choices import BoothStatus
from .exports import booths_for_export, export_response
from .forms import ReviewForm
from .models import BoothInfo, Sponsorship
from .portal import portal_url


class ReviewView(AdminScreenView):
    model = BoothInfo
    permission_required = "change"

    def get_booth(self):
        return get_object_or_404(
            BoothInfo.objects.select_related(
                "sponsorship__sponsor", "sponsorship__edition", "sponsorship__tier"
            ),
            pk=self.kwargs["pk"],
        )

    def get(self, request, pk):
        booth = self.get_booth()
        return self.respond(booth, ReviewForm(initial={"comment": booth.organizer_comment}))

    def post(self, request, pk):
        booth = self.get_booth()
        form = ReviewForm(request.POST, initial={"comment": booth.organizer_comment})
        if form.is_valid():
            try:
                self.decide(booth, form.cleaned_data["comment"])
            except services.TransitionError as error:
                form.add_error("comment", str(error))
            else:
                return redirect(reverse("wagtailsnippets_sponsors_boothinfo:list"))
        return self.respond(booth, form)

    def decide(self, booth, comment):
        sponsor = booth.sponsorship.sponsor
        if "approve" in self.request.POST:
            services.approve(booth, user=self.request.user, comment=comment)
            messages.success(self.request, _("%(sponsor)s: approved.") % {"sponsor": sponsor})
        elif "request_changes" in self.request.POST:
            services.request_changes(booth, comment, user=self.request.user)
            messages.success(
                self.request,
                _("%(sponsor)s: changes requested, the sponsor is told by e-mail.")
                % {"sponsor": sponsor},
            )
        else:
            raise services.TransitionError(_("Choose an action."))

    def respond(self, booth, form):
        return TemplateResponse(
            self.request,
            "sponsors/admin/review.html",
            {
                "booth": booth,
                "form": form,
                "can_approve": booth.status == BoothStatus.SUBMITTED,
                "can_request_changes": booth.status
                in (BoothStatus.SUBMITTED, BoothStatus.APPROVED),
                "edit_url": reverse("wagtailsnippets_sponsors_boothinfo:edit", args=[booth.pk]),
            },
        )


class PortalLinkView(AdminScreenView):
    model = Sponsorship
    permission_required = "change"

    def get_sponsorship(self):
        return get_object_or_404(
            Sponsorship.objects.select_related("sponsor", "edition", "tier"),
            pk=self.kwargs["pk"],
        )

    def get(self, request, pk):
        sponsorship = self.get_sponsorship()
        return TemplateResponse(
            request,
            "sponsors/admin/portal_link.html",
            {"sponsorship": sponsorship, "url": portal_url(sponsorship)},
        )

    def post(self, request, pk):
        sponsorship = self.get_sponsorship()
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
        if request.GET.get("back") == "edit":  # the buttons of the sponsorship's own page
            return redirect(reverse("wagtailsnippets_sponsors_sponsorship:edit", args=[pk]))
        return redirect(reverse("sponsors_admin:portal_link", args=[sponsorship.pk]))


class ExportsView(AdminScreenView):
    model = BoothInfo
    permission_required = "view"

    def get(self, request):
        editions = list(
            Edition.objects.filter(sponsorships__isnull=False).distinct().order_by("-year")
        )
        for edition in editions:
            edition.unsent_links = services.unsent_portal_links(edition).count()
        return TemplateResponse(
            request,
            "sponsors/admin/exports.html",
            {
                "editions": editions,
                "formats": list(exports.FORMATS),
                "can_send": user_may(request.user, Sponsorship, "change"),
            },
        )


class SendLinksView(AdminScreenView):
    model = Sponsorship
    permission_required = "change"

    def post(self, request, edition_pk):
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


class ExportView(AdminScreenView):
    model = BoothInfo
    permission_required = "view"

    def get(self, request, edition_pk, file_format):
        if file_format not in exports.FORMATS:
            raise Http404
        return export_response(get_object_or_404(Edition, pk=edition_pk), file_format)


class ExhibitorListView(AdminScreenView):
    model = BoothInfo
    permission_required = "view"

    def get(self, request, edition_pk):
        edition = get_object_or_404(Edition, pk=edition_pk)
        return TemplateResponse(
            request,
            "sponsors/admin/exhibitor_list.html",
            {"edition": edition, "booths": booths_for_export(edition)},
        )


class SponsorScreens(AdminScreenViewSet):
    """Booth review, private links, exports: in the Sponsors menu (see wagtail_hooks)."""

    name = "sponsors_admin"
    url_prefix = "sponsors"
    icon = "download"
    menu_label = gettext_lazy("Exports and exhibitor list")
    menu_order = 900
    menu_screen = "exports"
    screens = (
        ("booths/<int:pk>/review/", ReviewView, "review"),
        ("sponsorships/<int:pk>/link/", PortalLinkView, "portal_link"),
        ("exports/", ExportsView, "exports"),
        ("exports/<int:edition_pk>/booths.<str:file_format>", ExportView, "export"),
        ("exports/<int:edition_pk>/exhibitors/", ExhibitorListView, "exhibitors"),
        ("editions/<int:edition_pk>/send-links/", SendLinksView, "send_links"),
    )
