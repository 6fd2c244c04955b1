"""Organizers prepare the next edition in one step: the edition, its pages in both languages
with the year as address, what is copied from the edition before, first in the menu; twice
changes nothing."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from home.editions import prepare_edition
from home.models import Edition, EditionPage
from program.models import ProgramPage, Room, Track
from registrations.models import RegistrationPage
from sponsors.models import SponsorTier
from tests.factories.home import EditionFactory
from tests.factories.program import RoomFactory, SessionFactory, TrackFactory
from tests.factories.sponsors import SponsorshipFactory, SponsorTierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(english_admin_client, home_page_en):
    return english_admin_client


@pytest.fixture
def edition_2027(home_page_en):
    from home.editions import create_edition_pages

    day = datetime.date(2027, 3, 11)
    edition = EditionFactory(
        year=2027,
        name="AlpOSS 2027",
        number=5,
        start_date=day,
        end_date=day,
        venue_name="Maison de la Création",
        venue_address="1 rue des Alpes, Grenoble",
        capacity=320,
        serves_food=True,
    )
    create_edition_pages(edition)
    RoomFactory(edition=edition, name="Amphi", capacity=200)
    RoomFactory(edition=edition, name="Atelier 1", capacity=20)
    TrackFactory(edition=edition, name="Cloud", slug="cloud")
    gold = SponsorTierFactory(edition=edition, name="Or", includes_booth=True)
    SponsorshipFactory(edition=edition, tier=gold)
    SessionFactory(edition=edition)
    program = ProgramPage.objects.get(locale__language_code="fr")
    program.intro = "<p>Le programme de la journée.</p>"
    program.save_revision().publish()
    return edition


def _prepare(source):
    opens = timezone.make_aware(datetime.datetime(2027, 12, 1, 9))
    return prepare_edition(
        year=2028,
        name="AlpOSS 2028",
        start_date=datetime.date(2028, 3, 9),
        end_date=datetime.date(2028, 3, 9),
        registration_opens_at=opens,
        registration_closes_at=opens + datetime.timedelta(days=90),
        source=source,
    )


def test_a_new_edition_copies_venue_rooms_tracks_tiers_and_texts_not_sessions(edition_2027):
    result = _prepare(edition_2027)

    edition = result.edition
    assert result.created and edition.number == 6
    assert (edition.venue_name, edition.capacity, edition.serves_food) == (
        "Maison de la Création",
        320,
        True,
    )
    assert edition.registration_opens_at.date() == datetime.date(2027, 12, 1)
    rooms = Room.objects.order_by("name").values_list("name", "capacity")
    assert list(rooms.filter(edition=edition)) == list(rooms.filter(edition=edition_2027))
    assert list(Track.objects.filter(edition=edition).values_list("slug", flat=True)) == ["cloud"]
    assert list(SponsorTier.objects.filter(edition=edition).values_list("name", flat=True)) == [
        "Or"
    ]
    assert not edition.sponsorships.exists() and not edition.sessions.exists()
    new_program = [p for p in ProgramPage.objects.live() if p.edition == edition][0]
    assert "Le programme de la journée." in new_program.intro


def test_preparing_twice_duplicates_nothing(edition_2027):
    _prepare(edition_2027)

    again = _prepare(edition_2027)

    assert not again.created and again.pages == [] and again.texts == 0
    assert all(count == 0 for _label, count in again.copied)
    assert Edition.objects.filter(year=2028).count() == 1
    assert EditionPage.objects.filter(edition__year=2028).count() == 2
    assert Room.objects.filter(edition__year=2028).count() == edition_2027.rooms.count()
    assert SponsorTier.objects.filter(edition__year=2028).count() == 1


def test_the_pages_answer_at_once_and_the_new_edition_is_first_in_the_menu(
    client, edition_2027, home_page
):
    _prepare(edition_2027)

    urls = ["/2028/", "/2028/programme/", "/2028/inscription/", "/en/2028/", "/en/2028/register/"]
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)
    home_page.refresh_from_db()
    first = home_page.get_children().in_menu().first()
    assert first.specific.edition.year == 2028
    english_home = home_page.get_translation(home_page_locale("en"))
    assert english_home.get_children().in_menu().first().specific.edition.year == 2028
    menu = client.get("/").content.decode()
    assert menu.index('href="/2028/"') < menu.index('href="/2027/"')
    assert RegistrationPage.objects.filter(live=True, slug="inscription").count() == 2


def home_page_locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


def test_past_editions_leave_the_menu_and_stay_on_the_home_page(client, edition_2027):
    edition_2027.start_date = edition_2027.end_date = datetime.date(2020, 3, 12)
    edition_2027.save()

    _prepare(edition_2027)

    old = EditionPage.objects.filter(edition=edition_2027)
    assert not any(page.show_in_menus for page in old)
    assert client.get("/2027/").status_code == 200


def test_the_admin_form_prepares_from_the_newest_edition_and_refuses_a_second_time(
    admin_client, edition_2027
):
    url = reverse("editions_admin:prepare")
    form = admin_client.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["source"] == edition_2027.pk
    assert form.context["form"].initial["year"] == 2028
    data = {
        "year": "2028",
        "name": "AlpOSS 2028",
        "start_date": "2028-03-09",
        "end_date": "2028-03-09",
        "registration_opens_at": "2027-12-01 09:00",
        "registration_closes_at": "2028-03-01 18:00",
        "source": str(edition_2027.pk),
    }

    response = admin_client.post(url, data, follow=True)

    assert response.status_code == 200
    assert "AlpOSS 2028 is ready." in response.content.decode()
    assert Edition.objects.get(year=2028).is_registration_open(
        timezone.make_aware(datetime.datetime(2028, 1, 5, 12))
    )
    again = admin_client.post(url, data)
    assert again.status_code == 200
    assert "already exists" in str(again.context["form"].errors["year"])
    assert again.context["form"].data["name"] == "AlpOSS 2028"
    assert Edition.objects.filter(year=2028).count() == 1


def test_the_listing_offers_to_prepare_an_edition_and_to_copy_one(admin_client, edition_2027):
    listing = admin_client.get(reverse("wagtailsnippets_home_edition:list")).content.decode()
    assert "Prepare a new edition" in listing
    assert f"{reverse('editions_admin:prepare')}?from={edition_2027.pk}" in listing
    form = admin_client.get(reverse("editions_admin:prepare") + f"?from={edition_2027.pk}")
    assert form.context["form"].initial["source"] == edition_2027.pk


def test_bad_input_keeps_what_was_typed(admin_client, edition_2027):
    response = admin_client.post(
        reverse("editions_admin:prepare"),
        {"year": "2028", "name": "X", "start_date": "2028-03-09", "end_date": "2028-03-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"]
    assert not Edition.objects.filter(year=2028).exists()
