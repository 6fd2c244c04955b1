"""Issue 14 in the admin: import a program into an edition (read, dry run, apply).

Step 1 reads a file or an address into a ScheduleImport; step 2 shows what applying it would
change, with the source's types mapped to our kinds (organizers may change the mapping); step 3
applies it, once, if the plan recomputed then is still the one shown. The work is in
program.importing; these views only hand it the request.
"""

import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.admin_screens import AdminScreenView, AdminScreenViewSet
from home.models import Edition

from .choices import SessionKind, SessionLanguage
from .importing import ScheduleImportError, history
from .importing.parsers import max_bytes
from .models import ScheduleImport, Session

HISTORY_LENGTH = 20


class ReadForm(forms.Form):
    edition = forms.ModelChoiceField(
        label=gettext_lazy("Edition"), queryset=Edition.objects.order_by("-year")
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,.json"}),
    )
    url = forms.URLField(
        label=gettext_lazy("Or an address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Of a schedule file, or of a pretalx event's API."),
    )
    token = forms.CharField(
        label=gettext_lazy("API token"),
        required=False,
        max_length=200,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=gettext_lazy("Only for an API's private data; used once, never stored."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A frab XML or C3VOC JSON schedule (pretalx exports both), %(limit)s at most."
        ) % {"limit": filesizeformat(max_bytes())}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(limit)s: refused.")
                % {"limit": filesizeformat(max_bytes())}
            )
        return upload

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if url and not url.startswith(("http://", "https://")):
            raise forms.ValidationError(_("Only http and https addresses can be imported."))
        return url

    def clean(self):
        data = super().clean()
        if "file" in self.errors or "url" in self.errors:
            return data
        if data.get("file") and data.get("url"):
            self.add_error("url", _("Give a file or an address, not both."))
        elif not data.get("file") and not data.get("url"):
            self.add_error("file", _("Choose a file, or give an address below."))
        return data


def kinds_form(types, data=None):
    """One <select> per source type, prefilled with the kind it maps to."""
    form = forms.Form(data)
    for i, (name, kind) in enumerate(types.items()):
        form.fields[f"kind_{i}"] = forms.ChoiceField(
            label=name, choices=SessionKind.choices, initial=kind
        )
    form.fields["digest"] = forms.CharField(widget=forms.HiddenInput, required=False)
    return form


def chosen_kinds(form, types):
    return {name: form.cleaned_data[f"kind_{i}"] for i, name in enumerate(types)}


def shown(name, value):
    """A value of a session's field as the dry run shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "kind":
        return SessionKind(value).label if value in SessionKind.values else value
    if name == "language":
        return SessionLanguage(value).label if value in SessionLanguage.values else value
    return str(value)


def field_label(name):
    labels = {"speakers": _("speakers (how many)"), "links": _("links (how many)")}
    if name in labels:
        return labels[name]
    return str(Session._meta.get_field(name).verbose_name)


def dry_run(plan):
    """The plan as the template shows it."""
    created = [
        {
            "title": record.title,
            "start": shown("start", record.start),
            "room": record.room or "—",
            "kind": shown("kind", plan.values[record.key]["kind"]),
        }
        for record in sorted(plan.created, key=lambda r: (r.start, r.room))
    ]
    updated = [
        {
            "title": session.title,
            "edit_url": reverse("wagtailsnippets_program_session:edit", args=[session.pk]),
            "changes": [
                (field_label(name), shown(name, old), shown(name, new))
                for name, (old, new) in changes.items()
            ],
        }
        for session, record, changes in plan.updated
    ]
    return {
        "plan": plan,
        "created": created,
        "updated": updated,
        "unchanged": [record.title for _session, record in plan.unchanged],
        "warnings": plan.schedule.warnings + plan.warnings,
    }


def history_of(edition=None):
    imports = ScheduleImport.objects.select_related("edition", "created_by", "applied_by")
    if edition is not None:
        imports = imports.filter(edition=edition)
    return list(imports.defer("data")[:HISTORY_LENGTH])


class ReadView(AdminScreenView):
    """Step 1: choose the edition and the source."""

    model = ScheduleImport
    permission_required = "add"

    def get(self, request):
        initial = {}
        edition = request.GET.get("edition", "")
        if edition.isdigit():
            initial["edition"] = Edition.objects.filter(pk=edition).first()
        return self.respond(ReadForm(initial=initial))

    def post(self, request):
        form = ReadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            upload = data["file"]
            try:
                record = history.read(
                    data["edition"],
                    request.user,
                    data=upload.read() if upload else None,
                    name=upload.name if upload else "",
                    url=data["url"],
                    token=data["token"],
                )
            except ScheduleImportError as error:
                form.add_error("url" if data["url"] else "file", str(error))
            else:
                record.save()
                return redirect("program_import:detail", record.pk)
        return self.respond(form)

    def respond(self, form, status=200):
        return TemplateResponse(
            self.request,
            "program/admin/import_read.html",
            {
                "form": form,
                "history": history_of(),
            },
            status=status,
        )


class DetailView(AdminScreenView):
    """Step 2 (the dry run, and the kinds) then step 3 (apply), or what an import did."""

    model = ScheduleImport
    permission_required = "add"

    def get_record(self):
        records = ScheduleImport.objects.select_related("edition")
        return get_object_or_404(records, pk=self.kwargs["pk"])

    def get(self, request, pk):
        record = self.get_record()
        if record.applied_at:
            return self.respond(record)
        try:
            schedule = history.schedule_of(record)
            types = history.kinds_of(record, schedule)
            plan = history.plan_of(record, types)
        except ScheduleImportError as error:
            messages.error(request, str(error))
            return self.respond(record)
        return self.respond(record, plan=plan, types=types)

    def post(self, request, pk):
        record = self.get_record()
        if record.applied_at:
            messages.error(request, _("This import was already applied."))
            return redirect("program_import:detail", record.pk)
        try:
            types = history.kinds_of(record, history.schedule_of(record))
        except ScheduleImportError as error:
            messages.error(request, str(error))
            return redirect("program_import:detail", record.pk)
        form = kinds_form(types, request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a kind for each type of the source."))
            return redirect("program_import:detail", record.pk)
        kinds = chosen_kinds(form, types)
        if "apply" not in request.POST:
            record.kinds = kinds
            record.save(update_fields=["kinds"])
            return redirect("program_import:detail", record.pk)
        try:
            history.apply(record, request.user, kinds, form.cleaned_data["digest"])
        except history.AlreadyApplied:
            messages.error(request, _("This import was already applied."))
        except history.PlanChanged as changed:
            messages.warning(
                request,
                _(
                    "The program changed since this dry run was shown (or the kinds did): "
                    "here is what applying it would do now. Nothing was written."
                ),
            )
            record.refresh_from_db()
            return self.respond(record, plan=changed.plan, types=kinds)
        except ScheduleImportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Program imported into %(edition)s.") % {"edition": record.edition},
            )
        return redirect("program_import:detail", record.pk)

    def respond(self, record, plan=None, types=None, status=200):
        context = {"record": record, "history": history_of(record.edition)}
        if plan is not None:
            form = kinds_form(types)
            form.fields["digest"].initial = history.digest(plan)
            context.update(dry_run(plan), kinds_form=form)
        if record.applied_at:
            context["report"] = record.report.splitlines()
        return TemplateResponse(
            self.request, "program/admin/import_detail.html", context, status=status
        )


class ImportScreens(AdminScreenViewSet):
    name = "program_import"
    url_prefix = "program-import"
    icon = "download"
    menu_label = gettext_lazy("Import the program")
    menu_order = 60
    menu_screen = "read"
    screens = (
        ("", ReadView, "read"),
        ("<int:pk>/", DetailView, "detail"),
    )
