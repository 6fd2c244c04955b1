"""The organizers' screen that prepares the next edition in one step (home.editions)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .admin_screens import AdminScreenView, AdminScreenViewSet
from .editions import prepare_edition
from .forms import PrepareEditionForm
from .models import Edition


class PrepareEditionView(AdminScreenView):
    model = Edition
    permission_required = "add"

    def get(self, request):
        initial = {}
        source = Edition.objects.filter(pk=request.GET.get("from") or None).first()
        if source is not None:
            initial = {"source": source.pk, "year": source.year + 1}
        return self.respond(PrepareEditionForm(initial=initial))

    def post(self, request):
        form = PrepareEditionForm(request.POST)
        if not form.is_valid():
            return self.respond(form)
        result = prepare_edition(**form.cleaned_data, user=request.user)
        edition = result.edition
        messages.success(request, self.summary(result))
        return redirect(reverse("wagtailsnippets_home_edition:edit", args=[edition.pk]))

    def summary(self, result):
        parts = [
            _("%(edition)s is ready.") % {"edition": result.edition},
            ngettext("%(count)s page published.", "%(count)s pages published.", len(result.pages))
            % {"count": len(result.pages)},
        ]
        if result.texts:
            parts.append(
                ngettext(
                    "%(count)s introduction copied.",
                    "%(count)s introductions copied.",
                    result.texts,
                )
                % {"count": result.texts}
            )
        copied = ", ".join(f"{label}: {count}" for label, count in result.copied)
        if copied:
            parts.append(_("Copied: %(what)s.") % {"what": copied})
        return " ".join(parts)

    def respond(self, form):
        return TemplateResponse(
            self.request,
            "home/admin/prepare_edition.html",
            {"form": form, "list_url": reverse("wagtailsnippets_home_edition:list")},
        )


class EditionScreens(AdminScreenViewSet):
    """Screens beside the editions' listing (buttons in wagtail_hooks)."""

    name = "editions_admin"
    url_prefix = "editions"
    screens = (("prepare/", PrepareEditionView, "prepare"),)
