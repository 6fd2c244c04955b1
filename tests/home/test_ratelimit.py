"""The shared rate limiter (home.ratelimit) and the client address it keys on."""

import time

from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

import pytest

from alposs.settings import base
from home.client_address import client_address, client_ip
from home.ratelimit import Rate, normalize_email, seconds_to_wait, wait_message


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def request_from(remote_addr, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **headers)


def allowed(request, action, times, **identities):
    return sum(not seconds_to_wait(request, action, **identities) for _ in range(times))


# Rates


@pytest.mark.parametrize(
    ("text", "rate"),
    [("5/h", Rate(5, 3600)), ("200/10m", Rate(200, 600)), ("30/90s", Rate(30, 90))]
    + [(" 1000 / d ", Rate(1000, 86400))],
)
def test_a_rate_reads_as_a_count_per_period(text, rate):
    assert Rate.parse(text) == rate


@pytest.mark.parametrize("text", ["5", "5/", "5/0m", "five/h", "5/w", "-1/h", ""])
def test_a_rate_that_does_not_read_is_refused_with_the_expected_form(text):
    with pytest.raises(ValueError, match="is not a rate such as '5/h'"):
        Rate.parse(text)


def test_every_default_limit_reads_and_names_an_action_and_a_key():
    for name, text in base.ALPOSS_RATE_LIMITS.items():
        action, key = name.split(".")
        assert key in {"address", "email", "user"}, name
        assert Rate.parse(text).count > 0


# Counting


def test_exactly_the_limit_goes_through_then_the_wait_ends_with_the_clock_window(settings):
    settings.ALPOSS_RATE_LIMITS = {"try.address": "3/h"}
    request = request_from("203.0.113.7")

    assert [seconds_to_wait(request, "try") for _ in range(3)] == [0, 0, 0]
    wait = seconds_to_wait(request, "try")

    assert 0 < wait <= 3600
    assert wait == pytest.approx(3600 - time.time() % 3600, abs=2)


def test_a_new_window_lets_the_client_in_again(settings):
    settings.ALPOSS_RATE_LIMITS = {"try.address": "1/3s"}
    request = request_from("203.0.113.7")
    time.sleep(3 - time.time() % 3 + 0.01)  # at the start of a window
    assert seconds_to_wait(request, "try") == 0
    assert 0 < seconds_to_wait(request, "try") <= 3

    time.sleep(3 - time.time() % 3 + 0.01)

    assert seconds_to_wait(request, "try") == 0


def test_each_address_and_each_action_has_its_own_counter(settings):
    settings.ALPOSS_RATE_LIMITS = {"try.address": "2/h", "other.address": "2/h"}

    assert allowed(request_from("203.0.113.7"), "try", 5) == 2
    assert allowed(request_from("203.0.113.8"), "try", 5) == 2
    assert allowed(request_from("203.0.113.7"), "other", 5) == 2


def test_an_action_without_a_limit_is_never_refused(settings):
    settings.ALPOSS_RATE_LIMITS = {}

    assert allowed(request_from("203.0.113.7"), "try", 50, email="a@example.org") == 50


def test_the_email_limit_counts_one_mailbox_whatever_its_spelling(settings):
    settings.ALPOSS_RATE_LIMITS = {"try.email": "3/h"}
    spellings = [
        "Grace@Example.org",
        " grace@example.org ",
        "grace+1@example.org",
        "GRACE+x@EXAMPLE.ORG",
    ]

    results = [
        seconds_to_wait(request_from(f"203.0.113.{n}"), "try", email=email)
        for n, email in enumerate(spellings)
    ]

    assert results[:3] == [0, 0, 0]
    assert results[3] > 0
    assert seconds_to_wait(request_from("203.0.113.9"), "try", email="ada@example.org") == 0


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("Grace.Hopper+conf@Navy.MIL", "grace.hopper@navy.mil"),
        ("  ada@example.org\n", "ada@example.org"),
        ("+only@example.org", "+only@example.org"),
        ("not-an-address", "not-an-address"),
    ],
)
def test_email_addresses_are_normalised_to_their_mailbox(typed, normal):
    assert normalize_email(typed) == normal


def test_address_and_email_are_both_counted_and_either_refuses(settings):
    settings.ALPOSS_RATE_LIMITS = {"try.email": "2/h", "try.address": "3/h"}
    one_address = request_from("203.0.113.7")

    assert allowed(one_address, "try", 3, email="a@example.org") == 2
    assert seconds_to_wait(one_address, "try", email="b@example.org") > 0  # 4th from the address
    assert seconds_to_wait(request_from("203.0.113.8"), "try", email="b@example.org") == 0


def test_the_cache_holds_neither_the_address_nor_the_email(settings):
    settings.ALPOSS_RATE_LIMITS = {"try.email": "2/h", "try.address": "2/h"}
    seconds_to_wait(request_from("203.0.113.7"), "try", email="grace@example.org")

    keys = " ".join(cache._cache)  # the local-memory cache of the tests
    assert "ratelimit:try:email:" in keys
    assert "ratelimit:try:address:" in keys
    assert "grace" not in keys
    assert "203.0.113" not in keys


def test_the_wait_is_said_in_whole_minutes_rounded_up():
    with translation.override("en"):
        assert wait_message(1) == "Please try again in 1 minute."
        assert wait_message(61) == "Please try again in 2 minutes."
        assert wait_message(3600) == "Please try again in 60 minutes."


# The client's address


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.ALPOSS_TRUSTED_PROXIES = []
    request = request_from("203.0.113.7", forwarded="198.51.100.1")

    assert client_address(request) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_rightmost_address_it_did_not_add_is_the_client(settings):
    settings.ALPOSS_TRUSTED_PROXIES = ["127.0.0.1"]
    # The client forged the first entry; nginx appended the address it saw.
    request = request_from("127.0.0.1", forwarded="198.51.100.1, 203.0.113.7")

    assert client_address(request) == "203.0.113.7"


def test_a_chain_of_trusted_proxies_is_skipped(settings):
    settings.ALPOSS_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    request = request_from("127.0.0.1", forwarded="198.51.100.1, 203.0.113.7, 10.1.2.3")

    assert client_address(request) == "203.0.113.7"


def test_a_forged_header_from_a_peer_that_is_no_proxy_is_ignored(settings):
    settings.ALPOSS_TRUSTED_PROXIES = ["127.0.0.1"]
    request = request_from("203.0.113.7", forwarded="127.0.0.1, 198.51.100.1")

    assert client_address(request) == "203.0.113.7"


def test_a_trusted_proxy_without_the_header_is_the_client_itself(settings):
    settings.ALPOSS_TRUSTED_PROXIES = ["127.0.0.1"]

    assert client_address(request_from("127.0.0.1")) == "127.0.0.1"
    assert client_address(request_from("127.0.0.1", forwarded="")) == "127.0.0.1"


def test_garbage_left_of_the_proxies_stops_at_the_last_address_known(settings):
    settings.ALPOSS_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    request = request_from("127.0.0.1", forwarded="<script>, 10.1.2.3")

    assert client_address(request) == "10.1.2.3"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [("203.0.113.7:51234", "203.0.113.7"), ("[2001:db8:1:2::5]:443", "2001:db8:1:2::")],
)
def test_forwarded_addresses_with_a_port_are_read(settings, forwarded, client):
    settings.ALPOSS_TRUSTED_PROXIES = ["::1"]

    assert client_address(request_from("::1", forwarded=forwarded)) == client


def test_ipv6_clients_are_grouped_by_their_64_bit_prefix(settings):
    first = request_from("2001:db8:1:2:aaaa::1")
    same_network = request_from("2001:db8:1:2:ffff:ffff:ffff:ffff")
    next_network = request_from("2001:db8:1:3::1")

    assert client_address(first) == client_address(same_network) == "2001:db8:1:2::"
    assert client_address(next_network) == "2001:db8:1:3::"
    assert str(client_ip(first)) == "2001:db8:1:2:aaaa::1"


def test_one_ipv6_network_shares_one_counter(settings):
    settings.ALPOSS_RATE_LIMITS = {"try.address": "3/h"}
    requests = [request_from(f"2001:db8:1:2::{n:x}") for n in range(1, 6)]

    assert sum(not seconds_to_wait(request, "try") for request in requests) == 3
    assert seconds_to_wait(request_from("2001:db8:1:3::1"), "try") == 0


def test_an_ipv4_client_seen_through_an_ipv6_socket_is_an_ipv4_client():
    assert client_address(request_from("::ffff:203.0.113.7")) == "203.0.113.7"


def test_an_unusable_peer_address_has_no_client_address():
    assert client_address(request_from("")) is None
    assert client_address(request_from("unix:/run/gunicorn.sock")) is None


def test_clients_behind_the_proxy_are_counted_apart_and_forgers_together(settings):
    settings.ALPOSS_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.ALPOSS_RATE_LIMITS = {"try.address": "2/h"}
    behind = [request_from("127.0.0.1", forwarded=f"203.0.113.{n}") for n in (1, 2, 3)]
    forger = [request_from("198.51.100.9", forwarded=f"203.0.113.{n}") for n in (4, 5, 6)]

    assert [seconds_to_wait(request, "try") for request in behind] == [0, 0, 0]
    assert [bool(seconds_to_wait(request, "try")) for request in forger] == [False, False, True]


def test_the_trusted_proxy_setting_is_checked_at_startup(settings):
    from home.checks import rate_limit_settings

    settings.ALPOSS_TRUSTED_PROXIES = ["10.0.0.0/8", "not-an-address"]
    settings.ALPOSS_RATE_LIMITS = {"registration.email": "5 per hour"}

    messages = [(error.id, error.msg) for error in rate_limit_settings(None)]

    assert messages[0][0] == "home.E001"
    assert "ALPOSS_RATE_LIMITS['registration.email']: '5 per hour' is not a rate" in messages[0][1]
    assert messages[1][0] == "home.E002"
    assert "ALPOSS_TRUSTED_PROXIES" in messages[1][1]
