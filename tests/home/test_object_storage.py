"""Media on an S3-compatible object store, against a local one (moto's server on 127.0.0.1):
images, renditions, sponsors' logos, documents and demo pictures go to the bucket, pages link
to where browsers read them, and every app server sees the same files."""

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.storage.handler import StorageHandler
from django.utils.translation import override

from wagtail.documents import get_document_model

import environ
import pytest

from alposs.settings.object_storage import s3_media_settings
from home import checks
from home.demo_tools import demo_image
from home.media_storage import S3MediaStorage
from sponsors.portal import portal_path
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.sponsors import (
    BOOTH_FORM,
    BoothInfoFactory,
    SponsorFactory,
    SponsorshipFactory,
    SponsorsPageFactory,
)
from tests.home.test_deploy_settings import PRODUCTION, run_manage
from tests.sponsors.conftest import make_image, png_bytes

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[2]
# The bucket policy docs/deploy-s3.md gives: browsers read renditions and video pictures only.
POLICY = (PROJECT_DIR / "docs" / "s3-media-policy.json").read_text()

KEY_ID, SECRET = "alposs-test-key", "alposs-test-secret"
REGION = "us-east-1"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """The address of a local S3-compatible server, one for the whole module."""
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask") is None:
        reason = "moto[server] is not installed: pip install -e '.[dev]'"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI must run the object-storage tests)")
        pytest.skip(reason)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"moto's S3 server stopped (exit code {process.returncode})")
            try:
                with urllib.request.urlopen(endpoint, timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"moto's S3 server did not answer at {endpoint}")
                time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


def media_environment(endpoint, bucket, **more):
    return {
        "ALPOSS_MEDIA_S3_BUCKET": bucket,
        "ALPOSS_MEDIA_S3_ENDPOINT_URL": endpoint,
        "ALPOSS_MEDIA_S3_REGION": REGION,
        "ALPOSS_MEDIA_S3_ACCESS_KEY_ID": KEY_ID,
        "ALPOSS_MEDIA_S3_SECRET_ACCESS_KEY": SECRET,
        **more,
    }


def use_media_settings(settings, monkeypatch, environment):
    """Media where our settings put them with these ALPOSS_MEDIA_S3_* variables; the origins
    they add to the CSP."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    options, origins = s3_media_settings(environ.Env(), environment["ALPOSS_MEDIA_S3_BUCKET"])
    settings.ALPOSS_MEDIA_S3 = options
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "home.media_storage.S3MediaStorage"},
    }
    return origins


class Bucket:
    def __init__(self, endpoint, name):
        import boto3

        self.endpoint, self.name = endpoint, name
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
        )
        self.client.create_bucket(Bucket=name)
        self.client.put_bucket_policy(Bucket=name, Policy=POLICY.replace("BUCKET", name))

    def objects(self):
        listing = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in listing.get("Contents", [])}

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A new bucket that media go to, as configured by ALPOSS_MEDIA_S3_* variables."""
    bucket = Bucket(s3_endpoint, f"alposs-media-{uuid.uuid4().hex[:12]}")
    use_media_settings(settings, monkeypatch, media_environment(s3_endpoint, bucket.name))
    return bucket


def anonymous_get(url):
    """(status, body) of a browser's request."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local URL)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_an_uploaded_image_and_its_rendition_are_stored_in_the_bucket_and_linked_there(bucket):
    image = make_image("Affiche")
    rendition = image.get_rendition("fill-40x20")

    assert bucket.objects() == {image.file.name, rendition.file.name}
    assert image.file.name.startswith("original_images/")
    assert rendition.file.name.startswith("images/")
    assert rendition.url == f"{bucket.endpoint}/{bucket.name}/{rendition.file.name}"
    assert "?" not in rendition.url  # unsigned: a cached page keeps working links
    assert anonymous_get(rendition.url) == (200, bucket.read(rendition.file.name))
    # The bucket policy keeps originals (and whatever metadata they carry) private.
    assert anonymous_get(image.file.url)[0] == 403


def test_with_a_public_address_pages_link_media_there(s3_endpoint, settings, monkeypatch):
    bucket = Bucket(s3_endpoint, f"alposs-media-{uuid.uuid4().hex[:12]}")
    environment = media_environment(
        s3_endpoint, bucket.name, ALPOSS_MEDIA_S3_PUBLIC_URL="https://alposs.example.org/media/"
    )
    origins = use_media_settings(settings, monkeypatch, environment)

    rendition = make_image("Plan").get_rendition("max-30x30")

    assert rendition.url == f"https://alposs.example.org/media/{rendition.file.name}"
    assert origins == ["https://alposs.example.org"]
    assert rendition.file.name in bucket.objects()


def test_the_partners_page_shows_logos_read_from_the_bucket(client, bucket, home_page):
    edition = EditionFactory(year=2061)
    page = SponsorsPageFactory(parent=EditionPageFactory(parent=home_page, edition=edition))
    SponsorshipFactory(edition=edition, sponsor=SponsorFactory(logo=make_image("Mécène")))

    body = client.get(page.url).content.decode()

    assert f'src="{bucket.endpoint}/{bucket.name}/images/' in body
    assert any(key.startswith("images/") for key in bucket.objects())


def post_logo(client, booth, colour):
    with override("en"):
        url = portal_path(booth.sponsorship, language="en")
    data = {**BOOTH_FORM, "save": "1", "logo": ContentFile(png_bytes(colour=colour), "logo.png")}
    assert client.post(url, data).status_code == 302
    booth.refresh_from_db()
    return booth.logo_override


def test_a_sponsor_logo_lands_in_the_bucket_and_the_one_it_replaces_leaves_it(
    client, bucket, home_page, django_capture_on_commit_callbacks
):
    booth = BoothInfoFactory()
    first = post_logo(client, booth, "#111111")
    first_rendition = first.get_rendition("max-100x100")
    assert bucket.objects() == {first.file.name, first_rendition.file.name}

    with django_capture_on_commit_callbacks(execute=True):
        second = post_logo(client, booth, "#222222")

    # Wagtail deletes the files in a task (queued as JSON: no key in the tasks table), with a
    # storage it builds again: the bucket is shared.
    assert bucket.objects() == {second.file.name}
    assert KEY_ID not in json.dumps(second.file.storage.deconstruct())
    assert SECRET not in json.dumps(second.file.storage.deconstruct())
    with second.open_file() as stored:
        assert stored.read() == bucket.read(second.file.name)


def test_a_document_is_stored_in_the_bucket_and_sent_by_the_site(client, bucket, home_page):
    document = get_document_model()(title="Programme imprimable")
    document.file.save("programme.txt", ContentFile(b"Jour 1: ouverture"), save=True)

    response = client.get(document.url)

    assert document.url.startswith("/documents/")  # Django checks the collection's privacy
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Jour 1: ouverture"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert bucket.objects() == {document.file.name}
    assert anonymous_get(document.file.url)[0] == 403  # never read around Django


def test_demo_pictures_are_drawn_into_the_bucket(bucket):
    image = demo_image("Vue du Vercors", "Des montagnes", size=(120, 60))

    assert bucket.objects() == {image.file.name}


def test_two_app_servers_read_each_others_files_and_never_overwrite_them(bucket, settings):
    # Two processes build their storages from the same settings, each with its own connection.
    server_a = StorageHandler(settings.STORAGES)["default"]
    server_b = StorageHandler(settings.STORAGES)["default"]
    assert isinstance(server_a, S3MediaStorage)
    assert server_a is not server_b

    name_a = server_a.save("shared/logo.png", ContentFile(b"from A"))
    name_b = server_b.save("shared/logo.png", ContentFile(b"from B"))

    assert name_a == "shared/logo.png"
    assert name_b != name_a  # same name chosen at once: both files kept
    with server_b.open(name_a) as file:
        assert file.read() == b"from A"
    with server_a.open(name_b) as file:
        assert file.read() == b"from B"
    server_b.delete(name_a)
    assert not server_a.exists(name_a)
    assert storages["default"].listdir("shared")[1] == [name_b.removeprefix("shared/")]


def test_signed_links_that_expire_before_cached_pages_are_refused_by_the_deploy_check(
    settings, monkeypatch
):
    environment = media_environment(
        "https://s3.fr-par.scw.cloud",
        "any-bucket",
        ALPOSS_MEDIA_S3_QUERYSTRING_AUTH="true",
        ALPOSS_MEDIA_S3_URL_EXPIRY="600",
    )
    use_media_settings(settings, monkeypatch, environment)
    settings.ALPOSS_PUBLIC_CACHE_SECONDS = 300

    warnings = checks.media_links_outlive_cached_pages(None)

    assert [warning.id for warning in warnings] == ["home.W002"]
    settings.ALPOSS_MEDIA_S3 = {**settings.ALPOSS_MEDIA_S3, "querystring_expire": 6 * 3600}
    assert checks.media_links_outlive_cached_pages(None) == []


SHOW = """
import io, json
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve
try:
    resolve("/media/images/logo.png")
    media_route = True
except Resolver404:
    media_route = False
report = io.StringIO()
call_command("check", deploy=True, fail_level="WARNING", stdout=report)
print(json.dumps({
    "storage": settings.STORAGES["default"]["BACKEND"],
    "img_src": settings.SECURE_CSP["img-src"],
    "admin_img_src": settings.ALPOSS_ADMIN_CSP["img-src"],
    "media_route": media_route,
    "check": report.getvalue(),
}))
"""


def show_production(**environment):
    """What production settings make of this environment, after `check --deploy` passed
    without warning."""
    environment = {"ALPOSS_MEDIA_S3_BUCKET": "", **environment}
    result = run_manage("shell", "--no-imports", "-c", SHOW, **PRODUCTION, **environment)
    assert result.returncode == 0, result.stdout + result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert "System check identified no issues" in shown["check"]
    return shown


def test_production_keeps_media_on_the_local_disk_unless_a_bucket_is_named():
    shown = show_production(ALPOSS_SERVE_MEDIA="true")

    assert shown["storage"] == "django.core.files.storage.FileSystemStorage"
    assert shown["img_src"] == ["'self'", "data:"]
    assert shown["media_route"]


def test_production_with_a_bucket_stores_media_there_lets_pages_show_them_and_passes_the_check():
    environment = media_environment("https://s3.fr-par.scw.cloud", "alposs-media")
    shown = show_production(ALPOSS_SERVE_MEDIA="true", **environment)

    assert shown["storage"] == "home.media_storage.S3MediaStorage"
    assert shown["img_src"] == ["'self'", "data:", "https://s3.fr-par.scw.cloud"]
    assert "https://s3.fr-par.scw.cloud" in shown["admin_img_src"]
    assert not shown["media_route"]  # the store serves media, never the app
