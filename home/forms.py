"""Forms of the home app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from .models import Edition


class LoginForm(WagtailLoginForm):
    """Wagtail's admin login, whose password field has no label of its own: Django then shows
    the untranslated field name, "Password", to French volunteers logging in at the door."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class PrepareEditionForm(forms.Form):
    """The few facts of a new edition; the rest is copied from `source` (the newest edition)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2999)
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("For example: AlpOSS 2028"))
    start_date = forms.DateField(label=_("First day"), widget=AdminDateInput)
    end_date = forms.DateField(label=_("Last day"), widget=AdminDateInput)
    registration_opens_at = forms.DateTimeField(
        label=_("Registration opens"), required=False, widget=AdminDateTimeInput
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes"), required=False, widget=AdminDateTimeInput
    )
    source = forms.ModelChoiceField(
        label=_("Copy from edition"),
        queryset=Edition.objects.order_by("-year"),
        required=False,
        empty_label=_("Nothing: start empty"),
        help_text=_(
            "Venue, capacity, rooms, tracks, sponsor tiers and the introductions of its pages."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        newest = Edition.objects.order_by("-year").first()
        if newest is not None and "source" not in self.initial:
            self.initial["source"] = newest.pk
            self.initial.setdefault("year", newest.year + 1)

    def clean_year(self):
        year = self.cleaned_data["year"]
        existing = Edition.objects.filter(year=year).first()
        if existing is not None:
            raise forms.ValidationError(
                _("%(edition)s already exists: it was prepared before, nothing was changed.")
                % {"edition": existing}
            )
        return year

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        return data
