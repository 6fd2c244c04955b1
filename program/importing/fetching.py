"""Fetch a schedule over HTTP(S): bounded size, short timeouts, no private addresses.

Every hop of a redirect is checked: the host must resolve to public addresses only (no
loopback, private, link-local or reserved network), so an import cannot be used to read the
server's own network. (The check resolves the name before requests does: a DNS answer that
changes between the two is not caught; an egress firewall is the complete answer.)
"""

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext as _

import requests

from .parsers import ScheduleImportError, max_bytes, too_large

TIMEOUT = (5, 20)  # connect, read (seconds)
MAX_REDIRECTS = 3


def is_url(source):
    return str(source).startswith(("http://", "https://"))


def _check_host(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ScheduleImportError(
            _("Only http and https addresses can be imported: %(url)s") % {"url": url}
        )
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        raise ScheduleImportError(
            _("Cannot resolve %(host)s.") % {"host": parts.hostname}
        ) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise ScheduleImportError(
                _("%(host)s is a private or local address: refused.") % {"host": parts.hostname}
            )


def fetch(url):
    """The bytes at `url`, following at most three redirects to public hosts."""
    limit = max_bytes()
    with requests.Session() as session:
        for _hop in range(MAX_REDIRECTS + 1):
            _check_host(url)
            try:
                response = session.get(
                    url,
                    timeout=TIMEOUT,
                    stream=True,
                    allow_redirects=False,
                    headers={"Accept": "application/json, application/xml;q=0.9, */*;q=0.5"},
                )
            except requests.RequestException as exc:
                raise ScheduleImportError(
                    _("Cannot fetch %(url)s: %(error)s") % {"url": url, "error": type(exc).__name__}
                ) from None
            with response:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("Location", ""))
                    continue
                if response.status_code != 200:
                    raise ScheduleImportError(
                        _("%(url)s answered HTTP %(status)s.")
                        % {"url": url, "status": response.status_code}
                    )
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise too_large(limit)
                data = bytearray()
                for chunk in response.iter_content(64 * 1024):
                    data += chunk
                    if len(data) > limit:
                        raise too_large(limit)
                return bytes(data)
    raise ScheduleImportError(_("Too many redirects from %(url)s.") % {"url": url})
