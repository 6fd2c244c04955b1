"""Production settings refuse to start without secrets and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "WAGTAILADMIN_BASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "PORT",
            "CACHE_URL",
        }
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "alposs.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION = {
    "SECRET_KEY": "a-real-looking-secret-key-for-the-check-" + "x7Qp2mLk9Zr4Vt8Wn3Bs" * 2,
    "ALLOWED_HOSTS": "alposs.example.org",
    "WAGTAILADMIN_BASE_URL": "https://alposs.example.org",
    # Rate limits need a cache that every worker shares (the check reads it, never connects).
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def test_production_settings_pass_the_deploy_check_without_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_refuses_a_cache_that_each_worker_keeps_to_itself():
    """4 gunicorn workers with the default local-memory cache let 4 times the limit through."""
    without_cache = {key: value for key, value in PRODUCTION.items() if key != "CACHE_URL"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **without_cache)

    assert result.returncode != 0
    assert "(home.W001) The cache (django.core.cache.backends.locmem.LocMemCache)" in result.stderr
    assert "HINT: Set CACHE_URL to a Redis server shared by every worker" in result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="alposs.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_refuse_to_start_without_the_public_address():
    """Links in e-mails would point at 127.0.0.1 otherwise."""
    result = run_manage("check", SECRET_KEY="x" * 60, ALLOWED_HOSTS="alposs.example.org")

    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL" in result.stderr


def test_in_development_links_follow_the_port_the_site_is_served_on():
    """`PORT=8080 make run` serves on 8080: e-mails must not send people to 8000."""
    show = [
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
    ]

    on_8080 = run_manage(*show, DJANGO_SETTINGS_MODULE="alposs.settings.dev", PORT="8080")
    by_default = run_manage(*show, DJANGO_SETTINGS_MODULE="alposs.settings.dev")

    assert on_8080.stdout.strip() == "http://127.0.0.1:8080", on_8080.stderr
    assert by_default.stdout.strip() == "http://127.0.0.1:8000", by_default.stderr
