"""Admin forms of sessions and rooms: the rules that need what was typed in the inline panels,
and the PeerTube instance asked whether the video typed exists."""

from wagtail.admin.forms import WagtailAdminModelForm

from .peertube.checks import check_url, video_address_errors
from .validation import speaker_conflicts


def check_peertube_address(form, name, *, must_be_live=False):
    """Ask the instance about the address typed in field `name`, bounded by short timeouts.

    Its form (https, allowed instance, one video) is the model's clean(), checked without I/O.
    The warning and what was read ride on the instance until the admin has saved it
    (wagtail_hooks stores them then), so that validating never writes.
    """
    url = form.cleaned_data.get(name)
    if not url or video_address_errors(url):
        return
    result = check_url(url, must_be_live=must_be_live)
    if result.errors:
        form.add_error(name, result.errors)
        return
    if result.warning:
        form.instance.peertube_warnings.append(result.warning)
    if result.info is not None:
        form.cleaned_data[name] = result.canonical_url
        form.instance.peertube_read.append(result.info)


class PeerTubeAddressForm(WagtailAdminModelForm):
    """An admin form whose instance collects what PeerTube said while it was checked."""

    def clean(self):
        self.instance.peertube_warnings = []
        self.instance.peertube_read = []
        return super().clean()


class RoomAdminForm(PeerTubeAddressForm):
    def clean(self):
        cleaned_data = super().clean()
        check_peertube_address(self, "peertube_live_url", must_be_live=True)
        return cleaned_data


class SessionAdminForm(PeerTubeAddressForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Room and track labels name their edition: read it in the same query.
        for name in ("room", "track"):
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.select_related("edition").order_by(
                    "-edition__year", "name"
                )

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("do_not_record"):  # else the model refuses any replay
            check_peertube_address(self, "video_url")
        return cleaned_data

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
