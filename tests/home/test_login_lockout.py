"""The admin login locks a user name out from one client address after a few wrong passwords
(django-axes, stored in the database that every worker shares)."""

import datetime
import re

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest
from axes.models import AccessAttempt, AccessLog

from home.management.commands import ensure_admin
from registrations.management.commands import ensure_volunteer

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "the-right-password-42"


@pytest.fixture
def organizer(django_user_model, home_page):
    return django_user_model.objects.create_superuser("orga", "orga@example.org", PASSWORD)


def at(address, **headers):
    return Client(REMOTE_ADDR=address, **headers)


def log_in(client, username="orga", password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def fail(client, times, username="orga"):
    return [log_in(client, username, f"wrong-{n}").status_code for n in range(times)]


def test_five_wrong_passwords_then_the_right_one_is_refused_with_the_lockout_page(organizer):
    attacker = at("203.0.113.7")

    assert fail(attacker, 4) == [200, 200, 200, 200]
    assert fail(attacker, 1) == [429]  # the fifth locks
    response = log_in(attacker)

    html = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Trop de tentatives de connexion échouées</h1>" in html
    assert "D’ici là, toute tentative est refusée, même avec le bon mot de passe." in html
    assert "_auth_user_id" not in attacker.session
    assert attacker.get("/admin/").status_code == 302  # still sent to the login page


def test_the_lockout_page_says_when_to_try_again_in_paris_time(organizer):
    attacker = at("203.0.113.7")
    fail(attacker, 5)
    last_failure = AccessAttempt.objects.get(username="orga").attempt_time
    until = timezone.localtime(last_failure + datetime.timedelta(minutes=15))

    response = log_in(attacker)

    assert f"<strong>Réessayez après {until:%H:%M}.</strong>" in response.content.decode()
    assert 14 * 60 <= int(response["Retry-After"]) <= 15 * 60
    assert "no-store" in response["Cache-Control"]
    # The admin's own Content-Security-Policy: its stylesheet and scripts still apply.
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_the_lockout_page_speaks_the_language_of_the_admin_login_page(organizer):
    """The login page is served at /admin/, outside the /en/ prefix: always French."""
    attacker = at("203.0.113.7", HTTP_ACCEPT_LANGUAGE="en")
    fail(attacker, 5)

    html = log_in(attacker).content.decode()

    assert '<html lang="fr"' in html
    assert re.search(r"Réessayez après \d\d:\d\d\.", html)
    assert 'href="/admin/login/">Retour à la page de connexion</a>' in html
    assert 'href="/admin/password_reset/">Mot de passe oublié ?</a>' in html


def test_the_organizer_logs_in_from_another_address_during_the_lockout(organizer):
    fail(at("203.0.113.7"), 6)

    response = log_in(at("198.51.100.1"))

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_another_user_name_from_the_same_address_is_not_locked(organizer, django_user_model):
    django_user_model.objects.create_superuser("camille", "c@example.org", "camille-password-7")
    shared_wifi = at("203.0.113.7")
    fail(shared_wifi, 6)

    response = log_in(shared_wifi, "camille", "camille-password-7")

    assert response.status_code == 302


def test_the_lockout_holds_for_a_second_client_because_it_is_in_the_database(organizer):
    fail(at("203.0.113.7"), 5)
    assert (
        AccessAttempt.objects.get(username="orga", ip_address="203.0.113.7").failures_since_start
        == 5
    )

    fresh_session = at("203.0.113.7")

    assert log_in(fresh_session).status_code == 429


def test_after_the_cool_off_the_right_password_works_again(organizer):
    attacker = at("203.0.113.7")
    fail(attacker, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))

    assert log_in(attacker).status_code == 302


def test_attempts_during_the_lockout_do_not_push_its_end_further(organizer):
    attacker = at("203.0.113.7")
    fail(attacker, 5)
    locked_at = AccessAttempt.objects.get().attempt_time

    fail(attacker, 10)

    attempt = AccessAttempt.objects.get()
    assert (attempt.attempt_time, attempt.failures_since_start) == (locked_at, 5)


def test_a_successful_login_leaves_no_record_and_forgets_earlier_failures(organizer):
    organizer_client = at("203.0.113.7")
    fail(organizer_client, 3)

    assert log_in(organizer_client).status_code == 302

    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_behind_the_trusted_proxy_the_lockout_is_per_client_not_per_proxy(organizer, settings):
    settings.ALPOSS_TRUSTED_PROXIES = ["127.0.0.1"]
    nginx = at("127.0.0.1")
    for n in range(5):
        nginx.post(
            LOGIN,
            {"username": "orga", "password": f"wrong-{n}"},
            HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",
        )

    locked = log_in(at("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7"))
    other_client = log_in(at("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8"))

    assert locked.status_code == 429
    assert other_client.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_an_ipv6_network_cannot_rotate_addresses_to_keep_guessing(organizer):
    for n in range(1, 6):
        log_in(at(f"2001:db8:7:8::{n:x}"), password="wrong")

    assert log_in(at("2001:db8:7:8:ffff::1")).status_code == 429
    assert log_in(at("2001:db8:7:9::1")).status_code == 302


def test_the_local_accounts_commands_still_give_logins_that_work(home_page, tmp_path, monkeypatch):
    for command in (ensure_admin, ensure_volunteer):
        monkeypatch.setattr(command.ACCOUNT, "password_file", tmp_path / f"{command.__name__}.txt")
    call_command("ensure_admin", "--password", "admin-password-for-the-test", stdout=None)
    call_command("ensure_volunteer", "--password", "volunteer-password-for-the-test", stdout=None)

    admin = log_in(at("203.0.113.7"), "admin", "admin-password-for-the-test")
    volunteer = log_in(at("203.0.113.7"), "benevole", "volunteer-password-for-the-test")

    assert admin.status_code == volunteer.status_code == 302


def test_one_address_trying_many_user_names_is_paused_whatever_the_user_name(organizer, settings):
    """Password spraying: a few passwords on each of many accounts, from one address."""
    settings.ALPOSS_RATE_LIMITS = {**settings.ALPOSS_RATE_LIMITS, "admin-login.address": "3/h"}
    sprayer = at("203.0.113.40")

    statuses = [log_in(sprayer, f"user{n}", "Summer2026!").status_code for n in range(3)]
    refused = log_in(sprayer)  # the right password of a real account, after the limit

    assert statuses == [200, 200, 200]
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "La connexion depuis votre réseau est suspendue après trop de tentatives." in html
    assert int(refused["Retry-After"]) > 0
    assert "_auth_user_id" not in sprayer.session
    assert sprayer.get(LOGIN).status_code == 200  # the page itself still shows
    assert log_in(at("198.51.100.2")).status_code == 302  # another address signs in
