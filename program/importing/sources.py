"""Where a schedule comes from: a local file, an address of a file, or pretalx's REST API."""

from . import pretalx
from .fetching import fetch, is_url
from .parsers import parse, read_source


def load(source, token=""):
    """The Schedule at `source` (a path or an http(s) address); `token` authenticates to an API.

    An address within a pretalx event's API (``https://host/api/events/<slug>/…``) is read
    through that API (pretalx.py); any other address or path is a frab XML or C3VOC JSON file.
    """
    if is_url(source):
        if pretalx.api_base(source):
            return pretalx.load(str(source), token=token)
        return parse(fetch(source))
    return parse(read_source(source))
