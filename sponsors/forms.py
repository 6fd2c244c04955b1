from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from home.cleaning import PlainTextFormMixin
from home.models import Edition

from .models import MAX_CHAIRS, MAX_POWER_SOCKETS, MAX_STAFF, MAX_TABLES, BoothInfo, SponsorTier
from .uploads import MAX_LOGO_BYTES, check_logo

MAX_NAME_LENGTH = 100
interpolate_lazy = lazy(lambda text, values: text % values, str)
#: Fields a sponsor must fill before submitting (a draft may leave them empty).
REQUIRED_TO_SUBMIT = (
    "contact_name",
    "contact_email",
    "contact_phone",
    "arrival_time",
    "description",
)


def clean_names(text):
    """The non-empty lines of `text` as a bounded list of names, or a ValidationError."""
    names = [line.strip() for line in (text or "").splitlines()]
    names = [name for name in names if name]
    if len(names) > MAX_STAFF:
        raise forms.ValidationError(
            _("Name %(max)s people at most (you gave %(count)s).")
            % {"max": MAX_STAFF, "count": len(names)}
        )
    if any(len(name) > MAX_NAME_LENGTH for name in names):
        raise forms.ValidationError(
            _("Each name must be %(max)s characters at most.") % {"max": MAX_NAME_LENGTH}
        )
    return names


class StaffNamesField(forms.CharField):
    """A list of names edited as one name per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(name) for name in value)
        return value

    def clean(self, value):
        return clean_names(super().clean(value))


class BoothInfoAdminForm(WagtailAdminModelForm):
    """The organizers' form of booth information: staff as lines, not as JSON."""

    staff = StaffNamesField(
        label=_("Staff on the booth"),
        required=False,
        help_text=interpolate_lazy(_("One name per line (%(max)s at most)."), {"max": MAX_STAFF}),
    )


class SponsorshipAdminForm(WagtailAdminModelForm):
    """A sponsorship's tier is chosen among its edition's tiers only (the newest edition's on
    a new sponsorship, until another edition is chosen), in a plain list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "edition" not in self.fields or "tier" not in self.fields:
            return
        edition = self._edition()
        if self.instance.pk is None and not self.is_bound and edition is not None:
            self.initial.setdefault("edition", edition.pk)
        tiers = SponsorTier.objects.select_related("edition").order_by("order", "name")
        tier = self.fields["tier"]
        tier.queryset = tiers.filter(edition=edition) if edition else tiers.none()
        tier.widget = forms.Select(choices=tier.choices)

    def _edition(self):
        edition_field = self.fields["edition"]
        if self.is_bound:
            try:
                return edition_field.clean(self.data.get(self.add_prefix("edition")))
            except forms.ValidationError:
                return None
        if self.instance.edition_id:
            return self.instance.edition
        return Edition.objects.order_by("-year").first()


class BoothInfoForm(PlainTextFormMixin, forms.ModelForm):
    """The sponsor's booth form. A draft may be incomplete; a submission may not."""

    staff_text = forms.CharField(
        label=_("Staff on the booth"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=interpolate_lazy(
            _("One full name per line, as printed on the badges (%(max)s people at most)."),
            {"max": MAX_STAFF},
        ),
    )
    logo = forms.FileField(
        label=_("Logo for this edition"),
        required=False,
        help_text=interpolate_lazy(
            _(
                "Optional. PNG, JPEG or WebP, %(size)s MB at most. Leave empty to keep the "
                "current logo. SVG is not accepted."
            ),
            {"size": MAX_LOGO_BYTES // (1024 * 1024)},
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    class Meta:
        model = BoothInfo
        fields = [
            "contact_name",
            "contact_email",
            "contact_phone",
            "staff_text",
            "tables",
            "chairs",
            "power_sockets",
            "needs_screen",
            "needs_network",
            "demo_needs_internet",
            "arrival_time",
            "setup_minutes",
            "description",
            "description_en",
            "logo",
            "note",
        ]
        labels = {
            "contact_name": _("Contact person on the day"),
            "contact_email": _("Their e-mail"),
            "contact_phone": _("Their mobile phone"),
            "tables": _("Tables"),
            "chairs": _("Chairs"),
            "power_sockets": _("Power sockets"),
            "needs_screen": _("We need a screen"),
            "needs_network": _("We need network access"),
            "demo_needs_internet": _("Our demo needs Internet"),
            "arrival_time": _("Arrival time"),
            "setup_minutes": _("Set-up time, in minutes"),
            "description": _("Description for the exhibitor guide (French)"),
            "description_en": _("Description in English (optional)"),
            "note": _("Anything else the organizers should know"),
        }
        help_texts = {
            "contact_phone": _("Only used by organizers on the day of the event."),
            "tables": interpolate_lazy(_("%(max)s at most."), {"max": MAX_TABLES}),
            "chairs": interpolate_lazy(_("%(max)s at most."), {"max": MAX_CHAIRS}),
            "power_sockets": interpolate_lazy(_("%(max)s at most."), {"max": MAX_POWER_SOCKETS}),
            "arrival_time": _("Hours and minutes, e.g. 07:45. Doors open to exhibitors at 7:00."),
            "description": _(
                "Shown in the exhibitor guide and on the partners page once approved "
                "(800 characters at most)."
            ),
        }
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "tables": forms.NumberInput(attrs={"min": 0, "max": MAX_TABLES}),
            "chairs": forms.NumberInput(attrs={"min": 0, "max": MAX_CHAIRS}),
            "power_sockets": forms.NumberInput(attrs={"min": 0, "max": MAX_POWER_SOCKETS}),
            "arrival_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "setup_minutes": forms.NumberInput(attrs={"min": 0, "max": 240}),
            "description": forms.Textarea(attrs={"rows": 5, "maxlength": 800}),
            "description_en": forms.Textarea(attrs={"rows": 5, "maxlength": 800}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, submitting=False, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.logo_upload = None
        if not self.is_bound:
            self.initial["staff_text"] = "\n".join(self.instance.staff_names)
        for name in REQUIRED_TO_SUBMIT:
            field = self.fields[name]
            field.label = _("%(label)s (required to submit)") % {"label": field.label}

    def clean_staff_text(self):
        return clean_names(self.cleaned_data["staff_text"])

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload:
            self.logo_upload = check_logo(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for name in REQUIRED_TO_SUBMIT:
                if name not in self.errors and not cleaned.get(name):
                    self.add_error(
                        name, forms.ValidationError(_("Fill this in to submit."), "required")
                    )
        return cleaned

    def save(self, commit=True):
        self.instance.staff = self.cleaned_data["staff_text"]
        return super().save(commit=commit)


class ReviewForm(PlainTextFormMixin, forms.Form):
    """An organizer's decision on submitted booth information."""

    comment = forms.CharField(
        label=_("Comment to the sponsor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required to request changes; it is e-mailed to the sponsor."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
