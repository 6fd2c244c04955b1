"""Through Debian's Varnish with deploy/varnish/alposs.vcl: anonymous reads of the program are
kept there, a saved session or a published page is read fresh at once (the site purges it), and
nothing personal, signed in or with a form is ever kept."""

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.factories.home import StandardPageFactory

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "alposs.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

pytestmark = pytest.mark.skipif(
    not os.path.exists(VARNISHD) and os.environ.get("CI") != "true",
    reason="Varnish is not installed (apt-get install varnish); CI installs it",
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings):
    app_port = live_server.url.rsplit(":", 1)[1]
    # varnishd reads its files as its own unprivileged user: not under pytest's private tmp.
    tmp_path = Path(tempfile.mkdtemp(prefix="alposs-varnish-"))
    tmp_path.chmod(0o755)
    (tmp_path / "alposs.vcl").write_text(VCL.read_text())
    (tmp_path / "backends.vcl").write_text(
        "import directors;\n"
        f'backend app1 {{ .host = "127.0.0.1"; .port = "{app_port}"; }}\n'
        "sub vcl_init { new app = directors.round_robin(); app.add_backend(app1); }\n"
    )
    port = free_port()
    log = (tmp_path / "varnishd.log").open("wb")
    process = subprocess.Popen(
        [VARNISHD, "-F", "-n", str(tmp_path / "work"), "-a", f"127.0.0.1:{port}"]
        + ["-f", str(tmp_path / "alposs.vcl"), "-s", "malloc,32m"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        log.close()
        pytest.fail(f"varnishd did not start: {(tmp_path / 'varnishd.log').read_text()}")
    yield port
    process.terminate()
    process.wait(timeout=10)
    log.close()
    shutil.rmtree(tmp_path, ignore_errors=True)


def get(port, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": "localhost", **headers})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response, body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_saved_session_is_read_fresh_through_the_http_cache(varnish, program_page, small_program):
    first, _ = get(varnish, "/2026/programme/")
    again, body = get(varnish, "/2026/programme/")
    assert first.status == again.status == 200
    assert again.getheader("X-Cache") == "hit"
    assert small_program["talk"].title in body

    talk = small_program["talk"]
    talk.title = "Titre changé tout juste"
    talk.save()  # as the admin does: the site purges Varnish

    after, body = get(varnish, "/2026/programme/")
    assert after.getheader("X-Cache") == "miss"
    assert "Titre changé tout juste" in body
    assert get(varnish, "/2026/programme/schedule.xml")[1].count("Titre changé tout juste") == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_published_page_is_read_fresh_through_the_http_cache(varnish, home_page):
    page = StandardPageFactory(parent=home_page, title="Accès", slug="acces")
    get(varnish, "/acces/")
    assert get(varnish, "/acces/")[0].getheader("X-Cache") == "hit"

    page.title = "Venir à La Rampe"
    page.save_revision().publish()

    assert "Venir à La Rampe" in get(varnish, "/acces/")[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_app_polling_the_schedule_gets_not_modified_from_the_http_cache(
    varnish, program_page, small_program
):
    first, _ = get(varnish, "/2026/programme/schedule.xml")

    again, body = get(
        varnish, "/2026/programme/schedule.xml", **{"If-None-Match": first.getheader("ETag")}
    )

    assert again.status == 304
    assert body == ""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signed_in_readers_and_forms_are_never_kept(varnish, program_page, small_program):
    from tests.factories.registrations import RegistrationPageFactory

    edition_page = program_page.get_parent()
    form_page = RegistrationPageFactory(parent=edition_page)
    form_url = form_page.url
    assert get(varnish, form_url)[0].status == 200

    form_again, _ = get(varnish, form_url)
    signed_in = [get(varnish, "/2026/programme/", Cookie="sessionid=abc")[0] for _ in range(2)]

    assert form_again.getheader("X-Cache") == "miss"
    assert "public" not in (form_again.getheader("Cache-Control") or "")
    assert [response.getheader("X-Cache") for response in signed_in] == ["miss", "miss"]


def test_purging_is_refused_from_other_addresses():
    """The VCL lets only the listed addresses purge (read from the file, not run)."""
    acl = VCL.read_text().split("acl purgers {")[1].split("}")[0]
    assert '"127.0.0.1";' in acl
    assert "client.ip !~ purgers" in VCL.read_text()
