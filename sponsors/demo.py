"""Demo sponsors: invented companies, associations and foundations in four tiers per edition.

The real co-organizers (the city of Échirolles, the OW2 foundation, Belledonne Communications)
are presented as organizers elsewhere; every sponsor here is fictional.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale

from home.demo_tools import add_child_page, demo_image, rich, translate_page
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

SPONSORS = [
    # slug, name, kind, text on the logo, French description, English description
    (
        "chartreuse-logiciels",
        "Chartreuse Logiciels",
        SponsorKind.COMPANY,
        "Chartreuse",
        "Éditeur fictif d'un logiciel libre de gestion pour les mairies de montagne.",
        "A fictional publisher of free management software for mountain town halls.",
    ),
    (
        "serac-labs",
        "Sérac Labs",
        SponsorKind.COMPANY,
        "Sérac Labs",
        "Laboratoire imaginaire de logiciels embarqués libres pour les remontées mécaniques.",
        "An imaginary lab building free embedded software for ski lifts.",
    ),
    (
        "neve-hebergement",
        "Névé Hébergement",
        SponsorKind.COMPANY,
        "Névé",
        "Hébergeur fictif alimenté par l'hydroélectricité, qui ne fait tourner que du libre.",
        "A fictional host powered by hydroelectricity, running free software only.",
    ),
    (
        "moraine-securite",
        "Moraine Sécurité",
        SponsorKind.COMPANY,
        "Moraine",
        "Société inventée d'audit de sécurité des logiciels libres.",
        "An invented company auditing the security of free software.",
    ),
    (
        "alpages-analytics",
        "Alpages Analytics",
        SponsorKind.COMPANY,
        "Alpages",
        "Start-up imaginaire de mesure d'audience respectueuse de la vie privée.",
        "An imaginary start-up measuring audiences while respecting privacy.",
    ),
    (
        "scop-pic-vert",
        "SCOP Pic Vert Informatique",
        SponsorKind.COMPANY,
        "Pic Vert",
        "Coopérative fictive qui reconditionne des ordinateurs sous GNU/Linux.",
        "A fictional cooperative refurbishing computers with GNU/Linux.",
    ),
    (
        "gresivaudan-systemes",
        "Grésivaudan Systèmes",
        SponsorKind.COMPANY,
        "Grésivaudan",
        "Intégrateur inventé de solutions libres pour les collectivités.",
        "An invented integrator of free software for public bodies.",
    ),
    (
        "marmottes-du-libre",
        "Les Marmottes du Libre",
        SponsorKind.ASSOCIATION,
        "Marmottes",
        "Association fictive qui anime des install-parties dans les vallées.",
        "A fictional association running install parties in the valleys.",
    ),
    (
        "cordee-numerique",
        "La Cordée numérique",
        SponsorKind.ASSOCIATION,
        "Cordée",
        "Association imaginaire de médiation numérique pour tous les âges.",
        "An imaginary association helping people of all ages with digital tools.",
    ),
    (
        "fondation-edelweiss",
        "Fondation Edelweiss pour les communs",
        SponsorKind.FOUNDATION,
        "Edelweiss",
        "Fondation inventée qui finance la maintenance de communs numériques.",
        "An invented foundation funding the upkeep of digital commons.",
    ),
    (
        "syndicat-des-torrents",
        "Syndicat intercommunal des Torrents",
        SponsorKind.PUBLIC_BODY,
        "Torrents",
        "Établissement public fictif qui mutualise les logiciels libres de ses communes.",
        "A fictional public body sharing free software among its towns.",
    ),
]

TIERS = [
    # name, English name, order, logo size, booth, amount
    ("Or", "Gold", 0, LogoSize.LARGE, True, 5000),
    ("Argent", "Silver", 1, LogoSize.MEDIUM, True, 2500),
    ("Bronze", "Bronze", 2, LogoSize.SMALL, False, 1000),
    ("Partenaire associatif", "Community partner", 3, LogoSize.SMALL, True, None),
]

# Per edition number: (sponsor slug, tier name)
LINEUP = {
    1: [
        ("chartreuse-logiciels", "Or"),
        ("neve-hebergement", "Argent"),
        ("scop-pic-vert", "Bronze"),
        ("marmottes-du-libre", "Partenaire associatif"),
    ],
    2: [
        ("chartreuse-logiciels", "Or"),
        ("serac-labs", "Argent"),
        ("neve-hebergement", "Argent"),
        ("scop-pic-vert", "Bronze"),
        ("gresivaudan-systemes", "Bronze"),
        ("marmottes-du-libre", "Partenaire associatif"),
    ],
    3: [
        ("chartreuse-logiciels", "Or"),
        ("fondation-edelweiss", "Or"),
        ("serac-labs", "Argent"),
        ("moraine-securite", "Argent"),
        ("gresivaudan-systemes", "Bronze"),
        ("alpages-analytics", "Bronze"),
        ("marmottes-du-libre", "Partenaire associatif"),
        ("cordee-numerique", "Partenaire associatif"),
    ],
    4: [
        ("chartreuse-logiciels", "Or"),
        ("fondation-edelweiss", "Or"),
        ("serac-labs", "Argent"),
        ("neve-hebergement", "Argent"),
        ("moraine-securite", "Argent"),
        ("alpages-analytics", "Bronze"),
        ("syndicat-des-torrents", "Bronze"),
        ("marmottes-du-libre", "Partenaire associatif"),
        ("cordee-numerique", "Partenaire associatif"),
    ],
}

# Booths of the upcoming edition, in every status.
UPCOMING_BOOTHS = {
    "chartreuse-logiciels": (BoothStatus.APPROVED, "A1"),
    "fondation-edelweiss": (BoothStatus.APPROVED, "A2"),
    "serac-labs": (BoothStatus.SUBMITTED, "B1"),
    "neve-hebergement": (BoothStatus.CHANGES_REQUESTED, "B2"),
    "moraine-securite": (BoothStatus.DRAFT, ""),
    "marmottes-du-libre": (BoothStatus.APPROVED, "C1"),
    "cordee-numerique": (BoothStatus.DRAFT, ""),
}

FIRST_NAMES = ["Camille", "Dominique", "Alix", "Sacha", "Noé", "Maël", "Lou", "Eden"]
LAST_NAMES = ["Martin", "Bernard", "Durand", "Petit", "Moreau", "Garnier", "Faure", "Roux"]

INTRO_FR = (
    "<p>AlpOSS est gratuit pour toutes et tous grâce aux entreprises, associations et "
    "collectivités qui le soutiennent. Merci à elles ! L'événement est coorganisé par la ville "
    "d'Échirolles, la fondation OW2 et Belledonne Communications.</p>"
)
INTRO_EN = (
    "<p>AlpOSS is free for everyone thanks to the companies, associations and public bodies "
    "that support it. Thank you! The event is co-organized by the city of Échirolles, the OW2 "
    "foundation and Belledonne Communications.</p>"
)


def load_sponsors():
    sponsors = {}
    for seed, (slug, name, kind, text, description, description_en) in enumerate(SPONSORS):
        sponsor = Sponsor.objects.filter(slug=slug).first()
        if sponsor is None:
            logo = demo_image(
                f"Logo {name}", name, text=text, seed=seed, kind="logo", size=(600, 300)
            )
            sponsor = Sponsor.objects.create(
                slug=slug,
                name=name,
                kind=kind,
                logo=logo,
                website=f"https://{slug}.example.org/",
                description=description,
                description_en=description_en,
            )
        sponsors[slug] = sponsor
    return sponsors


def load_tiers(edition):
    tiers = {}
    for name, name_en, order, size, booth, amount in TIERS:
        tier, _ = SponsorTier.objects.get_or_create(
            edition=edition,
            name=name,
            defaults={
                "name_en": name_en,
                "order": order,
                "logo_size": size,
                "includes_booth": booth,
                "contribution_amount": amount,
            },
        )
        tiers[name] = tier
    return tiers


def person(index):
    return f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[(index * 3) % len(LAST_NAMES)]}"


def booth_defaults(sponsor, index, status, number, past):
    contact = person(index)
    defaults = {
        "status": status,
        "booth_number": number,
        "contact_name": contact,
        "contact_email": f"stand@{sponsor.slug}.example.org",
        "contact_phone": f"+33 6 00 00 {index:02d} {index * 7 % 100:02d}",
        "staff": [contact, person(index + 1), person(index + 2)][: 1 + index % 3],
        "tables": 1 + index % 2,
        "chairs": 2 + index % 3,
        "power_sockets": 1 + index % 2,
        "needs_screen": index % 2 == 0,
        "needs_network": index % 3 != 0,
        "demo_needs_internet": index % 4 == 0,
        "arrival_time": datetime.time(7, 30 + (index * 10) % 30),
        "setup_minutes": 30 + (index % 3) * 15,
        "description": f"{sponsor.description} Venez nous rencontrer sur notre stand !",
        "description_en": f"{sponsor.description_en} Come and meet us at our booth!",
    }
    if status == BoothStatus.DRAFT:
        defaults.update({"description": "", "description_en": "", "arrival_time": None})
    if status in (BoothStatus.SUBMITTED, BoothStatus.APPROVED, BoothStatus.CHANGES_REQUESTED):
        defaults["submitted_at"] = timezone.now() - datetime.timedelta(days=10 - index)
    if status == BoothStatus.CHANGES_REQUESTED:
        defaults["organizer_comment"] = (
            "Merci d'indiquer le nom de toutes les personnes présentes sur le stand, pour les "
            "badges, et de raccourcir un peu la description."
        )
    if past:
        defaults["status"] = BoothStatus.APPROVED
    return defaults


def load_sponsorships(edition, sponsors, tiers):
    upcoming = edition.number == 4
    for index, (slug, tier_name) in enumerate(LINEUP[edition.number]):
        sponsor = sponsors[slug]
        sponsorship, _ = Sponsorship.objects.get_or_create(
            sponsor=sponsor,
            edition=edition,
            defaults={
                "tier": tiers[tier_name],
                "contact_name": person(index + 4),
                "contact_email": f"partenariat@{slug}.example.org",
                "language": "en" if slug == "serac-labs" else "fr",
            },
        )
        if not sponsorship.has_booth:
            continue
        if upcoming:
            status, number = UPCOMING_BOOTHS.get(slug, (BoothStatus.DRAFT, ""))
        else:
            status, number = BoothStatus.APPROVED, f"{'ABC'[index % 3]}{index + 1}"
        BoothInfo.objects.get_or_create(
            sponsorship=sponsorship,
            defaults=booth_defaults(sponsor, index, status, number, past=not upcoming),
        )


def load_pages(edition):
    for edition_page in EditionPage.objects.filter(edition=edition, locale__language_code="fr"):
        page = add_child_page(
            edition_page,
            SponsorsPage(
                title="Partenaires",
                slug="partenaires",
                show_in_menus=True,
                seo_title=f"Partenaires et exposants d'{edition.name}",
                search_description=f"Les entreprises et associations qui soutiennent "
                f"{edition.name}, et leurs stands.",
                intro=[("paragraph", rich(INTRO_FR))],
            ),
        )
        if edition_page.get_translation_or_none(_english()) is None:
            continue
        translate_page(
            page,
            "en",
            title="Partners",
            slug="partners",
            seo_title=f"Partners and exhibitors of {edition.name}",
            search_description=f"The companies and associations supporting {edition.name}, "
            "and their booths.",
            intro=[("paragraph", rich(INTRO_EN))],
        )


def _english():
    return Locale.objects.get(language_code="en")


def load(stdout):
    sponsors = load_sponsors()
    editions = list(Edition.objects.filter(number__in=LINEUP).order_by("start_date"))
    for edition in editions:
        tiers = load_tiers(edition)
        load_sponsorships(edition, sponsors, tiers)
        load_pages(edition)
    upcoming = Edition.objects.filter(number=4).first()
    if upcoming is not None:
        tz = timezone.get_current_timezone()
        SponsorEditionSettings.objects.get_or_create(
            edition=upcoming,
            defaults={
                "booth_deadline": datetime.datetime.combine(
                    upcoming.start_date - datetime.timedelta(days=14), datetime.time(18), tz
                ),
                "notification_email": "partenaires@alposs.localhost",
            },
        )
    stdout.write(
        f"Sponsors: {Sponsor.objects.count()} sponsors, "
        f"{Sponsorship.objects.count()} sponsorships, {BoothInfo.objects.count()} booths. "
        "A sponsor's private booth link: manage.py sponsor_link cordee-numerique"
    )
