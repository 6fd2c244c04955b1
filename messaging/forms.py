"""The organizers' message form: the audience, the texts, placeholders checked before saving."""

from django import forms
from django.utils.translation import gettext_lazy as _

from program.models import Session

from . import placeholders
from .choices import WORKSHOP_AUDIENCES
from .models import Message
from .services import unknown_placeholder_text

TEXT_FIELDS = ("subject_fr", "body_fr", "subject_en", "body_en")


class WorkshopChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.edition} — {obj.title}"


class MessageForm(forms.ModelForm):
    workshop = WorkshopChoiceField(
        queryset=Session.objects.none(),
        required=False,
        label=_("Workshop"),
        help_text=_("For the seat holders or the waiting list of a workshop."),
    )

    class Meta:
        model = Message
        fields = ["edition", "audience", "workshop", *TEXT_FIELDS]
        widgets = {
            "body_fr": forms.Textarea(attrs={"rows": 12}),
            "body_en": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "subject_en": _(
                "Leave the English subject and text empty to send the French text to everyone."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        workshops = Session.objects.filter(registration_required=True).select_related("edition")
        edition = self.initial.get("edition") or getattr(self.instance, "edition_id", None)
        if not self.is_bound and edition:
            workshops = workshops.filter(edition=edition)
        self.fields["workshop"].queryset = workshops.order_by("-edition__year", "start", "title")

    def clean(self):
        data = super().clean()
        audience, workshop, edition = (
            data.get("audience"),
            data.get("workshop"),
            data.get("edition"),
        )
        if audience in WORKSHOP_AUDIENCES:
            if workshop is None:
                self.add_error("workshop", _("Choose the workshop this message is about."))
            elif edition is not None and workshop.edition_id != edition.pk:
                self.add_error("workshop", _("Choose a workshop of the same edition."))
        elif audience:
            data["workshop"] = None
        has_en = [bool((data.get(name) or "").strip()) for name in ("subject_en", "body_en")]
        if any(has_en) and not all(has_en):
            missing = "body_en" if has_en[0] else "subject_en"
            self.add_error(missing, _("Write both the English subject and text, or neither."))
        if audience:
            for name in TEXT_FIELDS:
                bad = placeholders.unknown([data.get(name)], audience)
                if bad and name not in self.errors:
                    self.add_error(name, unknown_placeholder_text(bad[0], audience))
        return data


class RecipientForm(forms.Form):
    """Whom the preview shows the message to."""

    recipient = forms.ChoiceField(label=_("Show the message as"))

    def __init__(self, people, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {f"{p.kind}-{p.pk}": p for p in people}
        self.fields["recipient"].choices = [
            (key, f"{p.first_name} <{p.email}> ({p.language})") for key, p in self.people.items()
        ]

    @property
    def person(self):
        if self.is_valid():
            return self.people[self.cleaned_data["recipient"]]
        return next(iter(self.people.values()), None)
