"""The address of the client behind the TLS proxy, for rate limits and login lockouts.

`X-Forwarded-For` is read only when the connecting peer (`REMOTE_ADDR`) is one of
`ALPOSS_TRUSTED_PROXIES`: anyone else can write that header. Each proxy appends the address
it received the request from, so the list is read from the right, skipping our own proxies;
the first address that is not one of them is the client (anything further left was written
by the client itself).

IPv6 clients are grouped by /64: one home or one server usually holds a whole /64 and can
take a new address from it for every request.
"""

import functools
import ipaddress

from django.conf import settings

IPV6_GROUP_PREFIX = 64


@functools.cache
def _networks(entries):
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def trusted_proxies():
    """ALPOSS_TRUSTED_PROXIES as networks (a bare address is a network of one)."""
    return _networks(tuple(getattr(settings, "ALPOSS_TRUSTED_PROXIES", ())))


def parse_ip(text):
    """An ip_address from `1.2.3.4`, `::1`, `1.2.3.4:5678` or `[::1]:443`, else None."""
    text = (text or "").strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return address.ipv4_mapped or address if address.version == 6 else address


def _is_trusted(address, proxies):
    return any(address.version == network.version and address in network for network in proxies)


def client_ip(request):
    """The client's own address (an ip_address), or None when REMOTE_ADDR is unusable."""
    peer = parse_ip(request.META.get("REMOTE_ADDR"))
    proxies = trusted_proxies()
    if peer is None or not _is_trusted(peer, proxies):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = peer
    for entry in reversed(forwarded.split(",")):
        address = parse_ip(entry)
        if address is None:
            break  # garbage written by a trusted hop's client: the hop is what we know
        client = address
        if not _is_trusted(address, proxies):
            break
    return client


def group(address):
    """The address that stands for its group: itself for IPv4, its /64 network for IPv6."""
    if address.version == 6:
        network = ipaddress.ip_network(f"{address}/{IPV6_GROUP_PREFIX}", strict=False)
        return network.network_address
    return address


def client_address(request):
    """The client's address as a string, IPv6 reduced to its /64 (`2001:db8:1:2::`), or None.

    django-axes calls it too (AXES_CLIENT_IP_CALLABLE): lockouts and rate limits see the same
    client."""
    address = client_ip(request)
    return None if address is None else str(group(address))
