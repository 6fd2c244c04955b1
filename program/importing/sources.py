"""Where a schedule comes from: a local file, an address of a file, or pretalx's REST API."""

from .fetching import fetch, is_url
from .parsers import parse, read_source


def load(source, token=""):
    """The Schedule at `source` (a path or an http(s) address); `token` authenticates to an API."""
    if is_url(source):
        return parse(fetch(source))
    return parse(read_source(source))
