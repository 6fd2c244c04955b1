"""A check-in volunteer reaches the check-in and nothing else of the admin.

The walk takes every URL pattern under the admin's include from Django's resolver (Wagtail's
views, viewsets, choosers, API endpoints and reports, and our apps' snippets and viewsets), fills
its path parameters with real objects, and GETs it. As a volunteer only the URLs the volunteer
needs answer, and no answer holds a word of the site's data; as an organizer the same walk still
reaches the admin and that data.
"""

import itertools
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.apps import apps
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.utils.regex_helper import normalize

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupPagePermission, Page, Revision, Task, Workflow
from wagtail.users.models import UserProfile

import pytest

from messaging.choices import Audience
from messaging.models import Message
from registrations import services
from registrations.groups import ORGANIZERS_GROUP, VOLUNTEERS_GROUP
from tests.factories.home import StandardPageFactory
from tests.factories.program import SessionFactory, SpeakerFactory, TrackFactory
from tests.factories.registrations import RegistrationFactory
from tests.factories.sponsors import BoothInfoFactory, SponsorEditionSettingsFactory
from tests.sponsors.conftest import make_image

pytestmark = pytest.mark.django_db

# Every object the walk creates carries this word; no answer to a volunteer may contain it.
SECRET = "Secretum"

# What a volunteer may open in the admin (the check-in pages themselves are routes of the
# registration page on the public site, outside the admin).
VOLUNTEER_ADMIN = {
    "wagtailadmin_home",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_account",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_dismissibles",
    "registrations_admin:checkin",
}
# ...of which these answer a logged-in volunteer's GET with a page of their own.
VOLUNTEER_PAGES = {
    "wagtailadmin_home",
    "wagtailadmin_account",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
}
REFUSED = {403, 404, 405}

# Path parameters naming a model, filled with these (app label, model) pairs.
APP_PARAMETERS = {"app_label", "app_name", "content_type_app_name"}
MODEL_PARAMETERS = {"model_name", "content_type_model_name"}
MODELS = [
    ("program", "session"),
    ("program", "speaker"),
    ("sponsors", "sponsorship"),
    ("sponsors", "boothinfo"),
    ("registrations", "registration"),
    ("home", "standardpage"),
    ("home", "sitesettings"),
    ("home", "customimage"),
    ("wagtaildocs", "document"),
    ("wagtailcore", "page"),
]
PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id"}
WORDS = {
    "action": ["delete"],
    "action_name": ["approve", "publish"],
    "filter_spec": ["original"],
    "file_format": ["csv"],
    "uidb64": ["MQ"],
    "token": ["set-password"],
}
COMBINATIONS_PER_PATTERN = 24


# Enumerating the admin's URL patterns


def admin_patterns():
    """(path template, pattern) of every URL pattern under the admin's include, the template's
    parameters written %(name)s."""
    admin_root = reverse("wagtailadmin_home").lstrip("/")
    for template, pattern in _walk(get_resolver().url_patterns, ""):
        if template.startswith(admin_root):
            yield "/" + template, pattern


def _walk(patterns, prefix):
    for entry in patterns:
        # The first of the forms Django itself would reverse (as URLResolver._populate does).
        template, _parameters = normalize(entry.pattern.regex.pattern.removeprefix("^"))[0]
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + template)
        else:
            yield prefix + template, entry


# Filling them with real objects


def pks(objects):
    return [str(obj.pk) for obj in objects]


def values_for(name, model, pair, data):
    if name in APP_PARAMETERS:
        return [pair[0]]
    if name in MODEL_PARAMETERS:
        return [pair[1]]
    if name in PAGE_PARAMETERS:
        return pks(data["pages"])
    if name in WORDS:
        return WORDS[name]
    if name in ("pk", "object_id") and model is not None:
        newest = model._default_manager.order_by("-pk")[:1]
        if newest:
            return pks(newest)
    by_name = {
        "image_id": [data["image"]],
        "document_id": [data["document"]],
        "doc_id": [data["document"]],
        "edition_pk": [data["edition"]],
        "collection_id": [data["collection"]],
        "redirect_id": [data["redirect"]],
        "task_id": Task.objects.all()[:1],
        "workflow_pk": Workflow.objects.all()[:1],
    }
    if name in by_name:
        return pks(by_name[name])
    if name.startswith("revision_id"):
        return pks(Revision.objects.all())
    return sorted({str(obj.pk) for obj in data["everything"]}) or ["1"]


def filled_urls(template, pattern, data):
    """Every way (a few at most) to fill the template's parameters with real objects."""
    names = re.findall(r"%\((\w+)\)s", template)
    view_model = getattr(pattern.callback, "view_initkwargs", {}).get("model")
    pairs = MODELS if APP_PARAMETERS & set(names) else [None]
    urls = []
    for pair in pairs:
        model = apps.get_model(*pair) if pair else view_model
        if isinstance(model, str):
            model = apps.get_model(model)
        choices = [values_for(name, model, pair, data) for name in names]
        for combination in itertools.islice(itertools.product(*choices), COMBINATIONS_PER_PATTERN):
            url = template % dict(zip(names, combination, strict=True))
            if _resolves_to(url, pattern) and url not in urls:
                urls.append(url)
    return urls


def _resolves_to(url, pattern):
    try:
        return resolve(url).func is pattern.callback
    except Resolver404:
        return False


def every_admin_url(data):
    """[(view name, URL)] for every admin URL pattern, filled."""
    walk = []
    for template, pattern in admin_patterns():
        walk += [(resolve(url).view_name, url) for url in filled_urls(template, pattern, data)]
    return walk


# The site's data


@pytest.fixture
def organizer(django_user_model):
    user = django_user_model.objects.create_user(
        "organisatrice", "secretum.orga@example.org", "pw", first_name="Orga"
    )
    user.groups.add(Group.objects.get(name=ORGANIZERS_GROUP))
    return user


@pytest.fixture
def site_data(home_page, registration_page, edition, organizer):
    """A draft session and its speaker, a sponsorship and its booth, an unreviewed logo, a
    document, a participant, a draft page, a collection, a redirect: all of them secret."""
    speaker = SpeakerFactory(name=f"Oratrice {SECRET}", slug="oratrice")
    session = SessionFactory(
        edition=edition,
        title=f"Session {SECRET}",
        slug="session",
        live=False,
        speakers=[speaker],
        track=TrackFactory(edition=edition, name=f"Parcours {SECRET}"),
    )
    session.save_revision()
    booth = BoothInfoFactory(
        sponsorship__sponsor__name=f"Mécène {SECRET}",
        sponsorship__tier__edition=edition,
        description=f"Stand {SECRET}",
    )
    SponsorEditionSettingsFactory(edition=edition, notification_email="secretum@example.org")
    document = get_document_model()(title=f"Document {SECRET}")
    document.file.save("interne.txt", ContentFile(b"interne"), save=True)
    participant = services.confirm(
        RegistrationFactory(
            edition=edition, last_name=SECRET, email="secretum.participante@example.org"
        )
    ).registration
    draft_page = StandardPageFactory(parent=home_page, title=f"Page {SECRET}", live=False)
    draft_page.save_revision()
    data = {
        "edition": edition,
        "pages": [Page.objects.get(pk=draft_page.pk)],
        "session": session,
        "speaker": speaker,
        "booth": booth,
        "sponsorship": booth.sponsorship,
        "image": make_image(title=f"Logo {SECRET}"),
        "document": document,
        "registration": participant,
        "collection": Collection.get_first_root_node().add_child(name=f"Collection {SECRET}"),
        "redirect": Redirect.objects.create(old_path="/secretum", redirect_link="/"),
        "organizer": organizer,
        "message": Message.objects.create(
            edition=edition,
            audience=Audience.PARTICIPANTS,
            subject_fr=f"Message {SECRET}",
            body_fr=f"Bonjour {{first_name}}, {SECRET}",
        ),
    }
    data["everything"] = [value for key, value in data.items() if key != "pages"]
    return data


# Walking


@dataclass
class Answer:
    status_code: int
    location: str
    text: str


def walk(client, user, urls):
    """GET each URL as `user` (logged in again if a URL logged them out): {url: Answer}."""
    answers = {}
    for _label, url in urls:
        if SESSION_KEY not in client.session:
            client.force_login(user)
        response = client.get(url)
        answers[url] = Answer(response.status_code, response.get("Location", ""), _read(response))
    return answers


def _read(response):
    """The response's text. A streamed one is read to the end: the test client closes it (and a
    FileResponse's file) only then."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def is_admin_page_for_volunteers(location):
    try:
        return resolve(urlsplit(location).path).view_name in VOLUNTEER_ADMIN
    except Resolver404:
        return False


def leaks(label, response):
    """Why this answer to a volunteer shows something it should not, or None."""
    if SECRET.lower() in response.text.lower():
        return "shows the site's data"
    if label in VOLUNTEER_ADMIN:
        return None
    if response.status_code in REFUSED:
        return None
    if response.status_code == 302 and is_admin_page_for_volunteers(response.location):
        return None
    return f"answers {response.status_code}"


def report(urls, answers, problems):
    lines = [f"{len(urls)} admin URLs walked, {len(problems)} not closed to the volunteer:"]
    lines += [f"  {url} ({label}): {why}" for label, url, why in problems]
    lines.append("Walked:")
    lines += [f"  {answers[url].status_code} {url}" for _label, url in urls]
    return "\n".join(lines)


@pytest.fixture
def admin_urls(site_data):
    return every_admin_url(site_data)


def test_the_walk_covers_every_part_of_the_admin(admin_urls, site_data):
    walked = {url for _label, url in admin_urls}
    callbacks = {resolve(url).func for url in walked}
    missed = [
        template for template, pattern in admin_patterns() if pattern.callback not in callbacks
    ]
    assert not missed
    assert len(walked) > 350
    for url in [
        "/admin/snippets/choose/sponsors/sponsorship/",
        "/admin/snippets/choose/sponsors/boothinfo/",
        "/admin/snippets/choose/program/speaker/",
        "/admin/snippets/choose/program/session/",
        f"/admin/snippets/program/session/edit/{site_data['session'].pk}/",
        "/admin/api/main/images/",
        f"/admin/api/main/images/{site_data['image'].pk}/",
        "/admin/choose-page/",
        "/admin/reports/site-history/",
        "/admin/registrations/",
        f"/admin/registrations/inspect/{site_data['registration'].pk}/",
        "/admin/registration-actions/checkin/",
        f"/admin/sponsors/booths/{site_data['booth'].pk}/review/",
        "/admin/figures/",
        "/admin/program_schedule/",
        "/admin/settings/home/sitesettings/",
        "/admin/sprite/",
    ]:
        assert url in walked, url


def test_a_volunteer_reaches_no_admin_url_but_the_check_in_and_their_account(
    volunteer, admin_urls, site_data, search_url
):
    client = Client(raise_request_exception=False)
    answers = walk(client, volunteer, admin_urls)
    problems = []
    for label, url in admin_urls:
        response = answers[url]
        why = leaks(label, response)
        if why:
            problems.append((label, url, why))
    assert not problems, report(admin_urls, answers, problems)
    by_label = {label: answers[url] for label, url in admin_urls}
    for label in VOLUNTEER_PAGES:
        assert by_label[label].status_code == 200, label
    assert by_label["registrations_admin:checkin"].location == search_url


@pytest.fixture
def search_url(registration_page):
    return registration_page.url + "accueil/"


def test_an_organizer_walking_the_same_urls_still_reaches_the_admin_and_its_data(
    organizer, admin_urls, site_data
):
    client = Client(raise_request_exception=False)
    answers = walk(client, organizer, admin_urls)
    reached = {url for url, response in answers.items() if response.status_code == 200}
    session, image = site_data["session"], site_data["image"]
    for url in [
        "/admin/",
        "/admin/snippets/choose/sponsors/sponsorship/",
        "/admin/snippets/choose/program/speaker/",
        "/admin/snippets/program/session/",
        f"/admin/snippets/program/session/edit/{session.pk}/",
        "/admin/api/main/images/",
        f"/admin/images/{image.pk}/",
        "/admin/choose-page/",
        "/admin/registrations/",
        "/admin/registration-actions/workshop-lists/",
        "/admin/reports/site-history/",
        f"/admin/figures/{site_data['edition'].pk}/",
    ]:
        assert url in reached, f"{url}: {answers[url].status_code}"
    assert SECRET in answers["/admin/snippets/choose/sponsors/sponsorship/"].text
    assert SECRET in answers["/admin/api/main/images/"].text
    assert len(reached) > 150


# What the volunteer sees


def sidebar(response):
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    modules = json.loads(props.group(1))["modules"]
    menu = next(m for m in modules if m["_type"] == "wagtail.sidebar.MainMenuModule")
    return {
        "modules": [m["_type"] for m in modules],
        "items": [item["_args"][0]["name"] for item in menu["_args"][0]],
    }


def test_the_volunteers_menu_shows_only_check_in_and_no_search(client, volunteer, organizer):
    client.force_login(volunteer)
    menu = sidebar(client.get("/admin/"))
    assert menu["items"] == ["checkin"]
    assert "wagtail.sidebar.SearchModule" not in menu["modules"]
    client.force_login(organizer)
    menu = sidebar(client.get("/admin/"))
    assert {"checkin", "explorer", "program", "images"} <= set(menu["items"])
    assert "wagtail.sidebar.SearchModule" in menu["modules"]


def test_the_volunteers_dashboard_has_the_check_in_panel_and_no_page_search(
    client, volunteer, organizer
):
    client.force_login(volunteer)
    html = client.get("/admin/").content.decode()
    assert 'role="search"' not in html, html[html.find('role="search"') - 300 :][:400]
    assert reverse("registrations_admin:checkin") in html
    client.force_login(organizer)
    assert 'role="search"' in client.get("/admin/").content.decode()


def test_a_refused_admin_page_tells_the_volunteer_why_and_leads_to_check_in(
    client, volunteer, site_data
):
    client.force_login(volunteer)
    profile = UserProfile.get_for_user(volunteer)
    for language, words in [("fr", "accueil des participants"), ("en", "check-in")]:
        profile.preferred_language = language
        profile.save()
        response = client.get("/admin/snippets/choose/sponsors/sponsorship/")
        assert response.status_code == 403
        html = response.content.decode()
        assert words in html.lower()
        assert f'href="{reverse("registrations_admin:checkin")}"' in html
        assert SECRET not in html


def test_an_organizer_who_also_checks_people_in_keeps_the_whole_admin(client, organizer):
    organizer.groups.add(Group.objects.get(name=VOLUNTEERS_GROUP))
    client.force_login(organizer)
    assert client.get("/admin/snippets/choose/sponsors/sponsorship/").status_code == 200
    assert client.get("/admin/registrations/").status_code == 200


def test_a_volunteer_given_page_rights_on_top_is_no_longer_held_to_check_in(
    client, volunteer, home_page
):
    editors = Group.objects.create(name="Rédaction")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors, page=home_page, permission=Permission.objects.get(codename="change_page")
    )
    volunteer.groups.add(editors)
    client.force_login(volunteer)
    assert client.get(f"/admin/pages/{home_page.pk}/").status_code == 200
