"""An organizer prepares next year's edition from the admin, then opens its pages at once.

The test runs on its own demo site (not the session's shared one), since it adds an edition
and reorders the menu that the other browser tests read."""

import shutil
import subprocess

import pytest

from tests.browser.conftest import (
    MANAGE,
    PROJECT_DIR,
    _free_port,
    _wait_for,
    assert_no_axe_violations,
    site_environment,
)

ADMIN_PASSWORD = "browser-test-admin-password"


@pytest.fixture(scope="module")
def own_site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("prepare-edition-site")
    env = site_environment(workdir, "prepare-edition")
    manage = MANAGE
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["load_demo_data"],
        ["ensure_admin", "--password", ADMIN_PASSWORD],
    ):
        subprocess.run(
            [*manage, *command], env=env, cwd=PROJECT_DIR, check=True, capture_output=True
        )
    port = _free_port()
    process = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env={**env, "PORT": str(port)},
        cwd=PROJECT_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base_url + "/robots.txt", process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir / "media", ignore_errors=True)


def test_organizer_prepares_the_next_edition_and_opens_its_pages(page, own_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(own_site + "/admin/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(ADMIN_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(own_site + "/admin/")

    page.goto(own_site + "/admin/snippets/home/edition/")
    page.get_by_role("link", name="Préparer une nouvelle édition").click()
    year = page.locator("#id_year").input_value()
    assert year.isdigit()
    page.locator("#id_name").fill(f"AlpOSS {year}")
    page.locator("#id_start_date").fill(f"{year}-03-09")
    page.locator("#id_end_date").fill(f"{year}-03-09")
    page.locator("#id_registration_opens_at").fill("2026-01-05 09:00")
    page.locator("#id_registration_closes_at").fill(f"{year}-03-01 18:00")
    page.get_by_role("button", name="Préparer l’édition").click()
    page.wait_for_url("**/admin/snippets/home/edition/edit/**")
    assert page.get_by_text(f"AlpOSS {year} est prête.").is_visible()

    for path, heading in (
        (f"/{year}/", f"AlpOSS {year}"),
        (f"/{year}/programme/", "Programme"),
        (f"/{year}/inscription/", "Inscription"),
        (f"/en/{year}/", f"AlpOSS {year}"),
    ):
        response = page.goto(own_site + path)
        assert response.status == 200, path
        assert heading in page.locator("h1").first.inner_text()
        assert_no_axe_violations(page)
    page.goto(own_site + "/")
    first_item = page.locator("nav.main-nav li").nth(1).locator("a")
    assert first_item.get_attribute("href") == f"/{year}/"
