"""The speaker chooser of the session editor, for programs of a hundred speakers and more:
it searches names and organizations as one types, and creates a speaker without leaving."""

from django import forms
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from .models import Speaker


class SpeakerSearchForm(BaseFilterForm):
    """Search by part of a name or an organization (no search index to keep up to date)."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or organization")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(Q(name__icontains=query) | Q(organization__icontains=query))
            self.is_searching = True
            self.search_query = query
        return objects


class SpeakerCreationForm(forms.ModelForm):
    """A new speaker from the chooser: a name (and organization); the address is made from the
    name, with -2, -3... when another speaker has it already."""

    class Meta:
        model = Speaker
        fields = ["name", "organization"]

    def clean(self):
        data = super().clean()
        name = data.get("name")
        if name and not self.instance.slug:
            base = slugify(name)[:110] or "speaker"
            taken = set(
                Speaker.objects.filter(slug__startswith=base).values_list("slug", flat=True)
            )
            slug, number = base, 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
            self.instance.slug = slug
        return data


class SpeakerChooseView(ChooseView):
    filter_form_class = SpeakerSearchForm


class SpeakerChooseResultsView(ChooseResultsView):
    filter_form_class = SpeakerSearchForm


class SpeakerChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SpeakerChooseView
    choose_results_view_class = SpeakerChooseResultsView
    creation_form_class = SpeakerCreationForm
    create_action_label = _("Create a speaker")
