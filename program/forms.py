"""Admin form of a session: the speaker rule needs the speakers typed in the inline panel."""

from wagtail.admin.forms import WagtailAdminModelForm

from .services import speaker_conflicts


class SessionAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Room and track labels name their edition: read it in the same query.
        for name in ("room", "track"):
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.select_related("edition").order_by(
                    "-edition__year", "name"
                )

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        formset = self.formsets.get("session_speakers")
        if formset is None:
            return True
        speaker_ids = [
            form.cleaned_data["speaker"].pk
            for form in formset.forms
            if form.cleaned_data.get("speaker") and not form.cleaned_data.get("DELETE")
        ]
        if len(speaker_ids) != len(set(speaker_ids)):
            from django.utils.translation import gettext as _

            self.add_error(None, _("A speaker is listed twice in this session."))
            return False
        instance = self.instance
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if not (start and end):
            return True
        instance.start, instance.end = start, end
        conflicts = speaker_conflicts(instance, speaker_ids)
        if conflicts:
            from django.utils.translation import gettext as _

            for speaker, other in conflicts:
                self.add_error(
                    None,
                    _("%(speaker)s is also speaking in “%(title)s” at the same time.")
                    % {"speaker": speaker.name, "title": other.title},
                )
            return False
        return True
