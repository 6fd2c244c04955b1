"""Fetch a schedule over HTTP(S): bounded size, short timeouts, no private addresses.

Every hop of a redirect is checked: the host must resolve to public addresses only (no
loopback, private, link-local or reserved network), so an import cannot be used to read the
server's own network, unless the host is listed in the ALPOSS_IMPORT_TRUSTED_HOSTS setting (a
pretalx on the intranet, the tests' local server). (The check resolves the name before
requests does: a DNS answer that changes between the two is not caught; an egress firewall
is the complete answer.)
"""

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

import requests

from .parsers import ScheduleImportError, max_bytes, too_large

TIMEOUT = (5, 20)  # connect, read (seconds)
MAX_REDIRECTS = 3
ACCEPT = "application/json, application/xml;q=0.9, */*;q=0.5"


class FetchStatusError(ScheduleImportError):
    """The address answered, with an HTTP status other than 200."""

    def __init__(self, message, *, url, status):
        super().__init__(message)
        self.url, self.status = url, status


def is_url(source):
    return str(source).startswith(("http://", "https://"))


def _trusted(hostname):
    trusted = getattr(settings, "ALPOSS_IMPORT_TRUSTED_HOSTS", [])
    return hostname.lower() in {host.lower() for host in trusted}


def _check_host(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ScheduleImportError(
            _("Only http and https addresses can be imported: %(url)s") % {"url": url}
        )
    if _trusted(parts.hostname):
        return
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


def fetch(url, headers=None, spent=0, timeout=TIMEOUT):
    """The bytes at `url`, following at most three redirects to public hosts.

    `headers` are sent with the request (an Authorization header only to the first host: it is
    dropped when a redirect leads elsewhere); `spent` is what earlier pages of the same import
    already took, so that all of them together stay under ALPOSS_IMPORT_MAX_BYTES.
    """
    limit = max_bytes() - spent
    headers = {"Accept": ACCEPT, **(headers or {})}
    origin = urlsplit(url).netloc.lower()
    with requests.Session() as session:
        for _hop in range(MAX_REDIRECTS + 1):
            _check_host(url)
            if urlsplit(url).netloc.lower() != origin:
                headers = {k: v for k, v in headers.items() if k.lower() != "authorization"}
            try:
                response = session.get(
                    url,
                    timeout=timeout,
                    stream=True,
                    allow_redirects=False,
                    headers=headers,
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
                    raise FetchStatusError(
                        _("%(url)s answered HTTP %(status)s.")
                        % {"url": url, "status": response.status_code},
                        url=url,
                        status=response.status_code,
                    )
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise too_large(max_bytes())
                data = bytearray()
                try:
                    for chunk in response.iter_content(64 * 1024):
                        data += chunk
                        if len(data) > limit:
                            raise too_large(max_bytes())
                except requests.RequestException as exc:
                    raise ScheduleImportError(
                        _("Cannot fetch %(url)s: %(error)s")
                        % {"url": url, "error": type(exc).__name__}
                    ) from None
                return bytes(data)
    raise ScheduleImportError(_("Too many redirects from %(url)s.") % {"url": url})
