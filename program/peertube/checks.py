"""Admin validation of the PeerTube addresses organizers type: form, instance, existence.

`video_address_errors` checks the form of an address (https, an allowed instance, one video)
without any network: models' `clean()` uses it. `check_url` then asks the instance whether the
video exists, bounded by the client's short timeouts so that saving never hangs: the admin
forms use it. A missing video is an error; an instance that does not answer is only a warning
(the address is kept and checked again at the next sync).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .client import FOUND, MISSING, VideoInfo, check_video
from .urls import VIDEO, PeerTubeRef, PeerTubeURLError, parse_url, watch_url


@dataclass
class UrlCheck:
    errors: list = field(default_factory=list)
    warning: str | None = None
    info: VideoInfo | None = None
    canonical_url: str | None = None


def video_address_errors(url) -> list:
    """What is wrong with the form of a video address, without asking the instance."""
    if not url:
        return []
    try:
        ref = parse_url(url)
    except PeerTubeURLError as exc:
        return list(exc.messages)
    if ref.kind != VIDEO:
        return [_("Give the address of one video (a /w/… page), not of a playlist or a channel.")]
    return []


def check_url(url, *, must_be_live=False) -> UrlCheck:
    """Errors (blocking) and a warning (not blocking) about a video or live address."""
    result = UrlCheck(errors=video_address_errors(url))
    if not url or result.errors:
        return result
    ref = parse_url(url)
    status, info = check_video(ref)
    if status == MISSING:
        result.errors.append(
            _(
                "%(host)s has no public or unlisted video at this address: check the address, "
                "and that the video is not private."
            )
            % {"host": ref.instance}
        )
    elif status == FOUND:
        result.info = info
        # Whatever form was pasted (embed, numeric id, long UUID), keep PeerTube's own link.
        result.canonical_url = watch_url(PeerTubeRef(ref.instance, VIDEO, info.uuid, ref.start))
        if must_be_live and not info.is_live:
            result.errors.append(
                _("This PeerTube video is not a live: give the address of the room's live.")
            )
    else:
        result.warning = _(
            "%(host)s did not answer in time, so the video could not be checked; the address "
            "was kept and will be checked again at the next sync."
        ) % {"host": ref.instance}
    return result
