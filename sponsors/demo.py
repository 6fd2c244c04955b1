"""Demo sponsors, read from fixtures/demo/sponsors.toml: invented sponsors in tiers per edition.

The file holds what the demo says; this module turns it into rows and pages, derives each booth's
details from its place in the lineup, and sets every date relative to the day it runs.
Booth statuses are written directly rather than through `services`: its transitions stamp
`reviewed_at` and e-mail the sponsors and organizers, which the demo must not do.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale

from home.demo_tools import demo_data, demo_image, rich
from home.editions import publish_child_page, publish_translation
from home.models import Edition, EditionPage

from .choices import BoothStatus, LogoSize, SponsorKind
from .models import (
    BoothInfo,
    Sponsor,
    SponsorEditionSettings,
    Sponsorship,
    SponsorsPage,
    SponsorTier,
)

SENT = (BoothStatus.SUBMITTED, BoothStatus.APPROVED, BoothStatus.CHANGES_REQUESTED)


def load_sponsors(data):
    sponsors = {}
    for seed, row in enumerate(data["sponsors"]):
        slug, name = row["slug"], row["name"]
        sponsor = Sponsor.objects.filter(slug=slug).first()
        if sponsor is None:
            logo = demo_image(
                f"Logo {name}", name, text=row["logo_text"], seed=seed, kind="logo", size=(600, 300)
            )
            sponsor = Sponsor.objects.create(
                slug=slug,
                name=name,
                kind=SponsorKind(row["kind"]),
                logo=logo,
                website=f"https://{slug}.example.org/",
                description=row["description"],
                description_en=row["description_en"],
            )
        sponsors[slug] = sponsor
    return sponsors


def load_tiers(data, edition):
    tiers = {}
    for row in data["tiers"]:
        tiers[row["name"]], _ = SponsorTier.objects.get_or_create(
            edition=edition,
            name=row["name"],
            defaults={
                "name_en": row["name_en"],
                "order": row["order"],
                "logo_size": LogoSize(row["logo_size"]),
                "includes_booth": row["includes_booth"],
                "contribution_amount": row.get("contribution_amount"),
            },
        )
    return tiers


def person(data, index):
    first, last = data["first_names"], data["last_names"]
    return f"{first[index % len(first)]} {last[(index * 3) % len(last)]}"


def booth_defaults(data, sponsor, index, status, number):
    contact = person(data, index)
    texts = data["booth_texts"]
    defaults = {
        "status": status,
        "booth_number": number,
        "contact_name": contact,
        "contact_email": f"stand@{sponsor.slug}.example.org",
        "contact_phone": f"+33 6 00 00 {index:02d} {index * 7 % 100:02d}",
        "staff": [contact, person(data, index + 1), person(data, index + 2)][: 1 + index % 3],
        "tables": 1 + index % 2,
        "chairs": 2 + index % 3,
        "power_sockets": 1 + index % 2,
        "needs_screen": index % 2 == 0,
        "needs_network": index % 3 != 0,
        "demo_needs_internet": index % 4 == 0,
        "arrival_time": datetime.time(7, 30 + (index * 10) % 30),
        "setup_minutes": 30 + (index % 3) * 15,
        "description": f"{sponsor.description} {texts['invitation']}",
        "description_en": f"{sponsor.description_en} {texts['invitation_en']}",
    }
    if status == BoothStatus.DRAFT:
        defaults.update({"description": "", "description_en": "", "arrival_time": None})
    if status in SENT:
        defaults["submitted_at"] = timezone.now() - datetime.timedelta(days=10 - index)
    if status == BoothStatus.CHANGES_REQUESTED:
        defaults["organizer_comment"] = texts["changes_requested"]
    return defaults


def load_sponsorships(data, edition, lineup, sponsors, tiers):
    upcoming = edition.number == data["upcoming_edition"]
    languages = {row["slug"]: row.get("language", "fr") for row in data["sponsors"]}
    for index, row in enumerate(lineup):
        slug = row["sponsor"]
        sponsor = sponsors[slug]
        sponsorship, _ = Sponsorship.objects.get_or_create(
            sponsor=sponsor,
            edition=edition,
            defaults={
                "tier": tiers[row["tier"]],
                "contact_name": person(data, index + 4),
                "contact_email": f"partenariat@{slug}.example.org",
                "language": languages[slug],
            },
        )
        if not sponsorship.has_booth:
            continue
        if upcoming:
            booth = data["upcoming_booths"].get(slug, {"status": "draft", "number": ""})
            status, number = BoothStatus(booth["status"]), booth["number"]
        else:
            status, number = BoothStatus.APPROVED, f"{'ABC'[index % 3]}{index + 1}"
        BoothInfo.objects.get_or_create(
            sponsorship=sponsorship, defaults=booth_defaults(data, sponsor, index, status, number)
        )


def page_fields(texts, edition):
    return {
        "title": texts["title"],
        "slug": texts["slug"],
        "seo_title": texts["seo_title"].format(edition=edition.name),
        "search_description": texts["search_description"].format(edition=edition.name),
        "intro": [("paragraph", rich(texts["intro"]))],
    }


def load_pages(data, edition):
    english = Locale.objects.get(language_code="en")
    for edition_page in EditionPage.objects.filter(edition=edition, locale__language_code="fr"):
        page = publish_child_page(
            edition_page, SponsorsPage(show_in_menus=True, **page_fields(data["page"], edition))
        )
        if edition_page.get_translation_or_none(english) is not None:
            publish_translation(page, "en", **page_fields(data["page_en"], edition))


def load(stdout):
    data = demo_data("sponsors", "sponsors")
    sponsors = load_sponsors(data)
    lineups = {row["edition"]: row["sponsorships"] for row in data["lineup"]}
    for edition in Edition.objects.filter(number__in=lineups).order_by("start_date"):
        tiers = load_tiers(data, edition)
        load_sponsorships(data, edition, lineups[edition.number], sponsors, tiers)
        load_pages(data, edition)
    upcoming = Edition.objects.filter(number=data["upcoming_edition"]).first()
    if upcoming is not None:
        deadline = upcoming.start_date - datetime.timedelta(days=14)
        SponsorEditionSettings.objects.get_or_create(
            edition=upcoming,
            defaults={
                "booth_deadline": datetime.datetime.combine(
                    deadline, datetime.time(18), timezone.get_current_timezone()
                ),
                "notification_email": data["notification_email"],
            },
        )
    stdout.write(
        f"Sponsors: {Sponsor.objects.count()} sponsors, "
        f"{Sponsorship.objects.count()} sponsorships, {BoothInfo.objects.count()} booths. "
        "A sponsor's private booth link: manage.py sponsor_link cordee-numerique"
    )
