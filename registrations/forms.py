"""The participant's forms, laid out with django-crispy-forms (the "alposs" template pack)."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout, Submit

from home.cleaning import BoundedModelMultipleChoiceField, PlainTextFormMixin
from program.models import Session

from .choices import Category
from .queries import bookable_queryset, seats_left


def choice_label(session, seat=None):
    """A workshop as a choice: title, times, room, and seats left (or the person's seat)."""
    parts = [session.title]
    if session.start and session.end:
        start = timezone.localtime(session.start)
        end = timezone.localtime(session.end)
        parts.append(f"{date_format(start, 'H:i')}–{date_format(end, 'H:i')}")
    if session.room_id:
        parts.append(session.room.name)
    left = seats_left(session)
    if seat is not None:
        parts.append(gettext("your choice: %(status)s") % {"status": seat.status_text})
    elif left is None:
        parts.append(gettext("open seating"))
    elif left == 0:
        parts.append(gettext("full: you will be on the waiting list"))
    else:
        parts.append(
            ngettext("%(count)s seat left", "%(count)s seats left", left) % {"count": left}
        )
    return " — ".join(parts)


class WorkshopChoiceField(BoundedModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, held=None, **kwargs):
        self.held = held or {}  # session id -> the participant's seat in it
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        seat = self.held.get(obj.pk)
        return choice_label(obj, seat=seat)


def workshop_field(edition, **kwargs):
    queryset = bookable_queryset(edition)
    if queryset is None:
        return None
    return WorkshopChoiceField(
        queryset=queryset,
        required=False,
        label=_("Workshops"),
        help_text=_(
            "Workshops have limited seats. When one is full, choosing it puts you on its "
            "waiting list. Seats are taken when you confirm your e-mail address."
        ),
        **kwargs,
    )


class RegistrationForm(PlainTextFormMixin, forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation link and your ticket there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organization = forms.CharField(
        label=_("Organization"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    category = forms.ChoiceField(
        label=_("Attending as"),
        choices=Category.choices,
        widget=forms.RadioSelect,
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional. Tell us what would make the day easier for you; "
            "this is shared only with the organizers."
        ),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. Food is served: allergies, vegetarian, vegan…"),
    )
    consent = forms.BooleanField(
        label=_("I accept the privacy policy"),
        error_messages={"required": _("Please accept the privacy policy to register.")},
    )
    newsletter = forms.BooleanField(
        label=_("Send me the news of the next editions (a few e-mails a year)"),
        required=False,
    )
    # A honeypot: hidden from people (and from assistive technologies), filled by robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, edition, privacy_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        if not edition.serves_food:
            del self.fields["dietary_needs"]
        sessions = workshop_field(edition)
        if sessions is not None:
            self.fields["sessions"] = sessions
        consent_help = _(
            "We keep your data only to organize the event, and delete it after the edition."
        )
        if privacy_url:
            consent_help = format_html(
                '{} <a href="{}">{}</a>',
                consent_help,
                privacy_url,
                _("Read the privacy policy."),
            )
        self.fields["consent"].help_text = consent_help
        self.helper = self.build_helper()

    def build_helper(self):
        helper = FormHelper(self)
        helper.form_tag = True
        helper.form_method = "post"
        helper.form_class = "registration-form"
        needs = [Field("accessibility_needs")]
        if "dietary_needs" in self.fields:
            needs.append(Field("dietary_needs"))
        sections = [
            Fieldset(
                _("About you"),
                Field("first_name"),
                Field("last_name"),
                Field("email"),
                Field("organization"),
                Field("category"),
            ),
        ]
        if "sessions" in self.fields:
            sections.append(Div(Field("sessions"), css_class="form-section"))
        sections += [
            Fieldset(_("Accessibility and dietary needs"), *needs),
            Fieldset(_("Your data"), Field("consent"), Field("newsletter")),
            Div(Field("website"), css_class="registration-hp", aria_hidden="true"),
        ]
        helper.layout = Layout(*sections)
        helper.add_input(Submit("register", _("Register")))
        return helper

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""


class WorkshopsForm(PlainTextFormMixin, forms.Form):
    """Change the workshops chosen, from the private management page."""

    def __init__(self, *args, edition, seats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"] = workshop_field(
            edition,
            held={seat.session_id: seat for seat in seats},
        )
        self.fields["sessions"].help_text = _(
            "Unticking a workshop gives your seat to the next person waiting. Choosing a full "
            "workshop puts you on its waiting list."
        )
        self.helper = FormHelper(self)
        self.helper.form_method = "post"
        self.helper.layout = Layout(Field("sessions"))
        self.helper.add_input(Submit("change_workshops", _("Save my workshops")))


class DetailsForm(PlainTextFormMixin, forms.Form):
    """Correct one's name, organization and needs, from the private management page."""

    first_name = RegistrationForm.base_fields["first_name"]
    last_name = RegistrationForm.base_fields["last_name"]
    organization = RegistrationForm.base_fields["organization"]
    accessibility_needs = RegistrationForm.base_fields["accessibility_needs"]
    dietary_needs = RegistrationForm.base_fields["dietary_needs"]

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        if not edition.serves_food:
            del self.fields["dietary_needs"]
        self.helper = FormHelper(self)
        self.helper.form_method = "post"
        self.helper.form_class = "registration-form"
        self.helper.layout = Layout(*(Field(name) for name in self.fields))
        self.helper.add_input(Submit("change_details", _("Save my details")))


class EmailChangeForm(PlainTextFormMixin, forms.Form):
    """Ask to use another e-mail address; it is confirmed from that mailbox first."""

    new_email = forms.EmailField(
        label=_("New e-mail address"),
        max_length=254,
        help_text=_(
            "We send a confirmation link there; your address changes when you open it, and we "
            "tell your current address."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_method = "post"
        self.helper.layout = Layout(Field("new_email"))
        self.helper.add_input(Submit("change_email", _("Change my address")))


class CheckInSearchForm(PlainTextFormMixin, forms.Form):
    """The volunteers' search box at the door (a GET form, laid out by its template)."""

    q = forms.CharField(max_length=100, required=False)


class AdminWorkshopsForm(forms.Form):
    """An organizer moves a registration between the edition's workshops."""

    sessions = forms.ModelMultipleChoiceField(
        queryset=Session.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Workshops"),
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = bookable_queryset(edition)
        self.fields["sessions"].queryset = (
            queryset if queryset is not None else Session.objects.none()
        )
        self.fields["sessions"].label_from_instance = choice_label


class MarkSessionsForm(PlainTextFormMixin, forms.Form):
    """Keep on one's registration the sessions starred on the program (their codes, or the
    address of one's My program page); with JavaScript, filled from this browser's stars."""

    codes = forms.CharField(
        label=_("Address of your “My program” page"),
        max_length=20_000,
        help_text=_(
            "On the program, open “My program”, copy its address to share or bookmark and "
            "paste it here (or the codes of the sessions, separated by spaces)."
        ),
        widget=forms.Textarea(attrs={"rows": 2, "spellcheck": "false", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_method = "post"
        self.helper.form_class = "mark-sessions-form"
        self.helper.layout = Layout(Field("codes"))
        self.helper.add_input(Submit("mark_sessions", _("Add to my program")))
