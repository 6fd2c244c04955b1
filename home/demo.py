"""Demo content for the site itself: editions, home, edition and standard pages, settings.

Facts (dates, venues, attendance) are those of the real AlpOSS; all text is written for the demo.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale, Page, Site

from .demo_tools import add_child_page, demo_image, rich, translate_page
from .models import Edition, EditionPage, HomePage, SiteSettings, StandardPage

RAMPE = {
    "venue_name": "La Rampe",
    "venue_address": "15 avenue du 8 Mai 1945\n38130 Échirolles",
    "venue_map_url": "https://www.openstreetmap.org/search?query=La%20Rampe%20%C3%89chirolles",
}
TOWN_HALL = {
    "venue_name": "Hôtel de ville d'Échirolles",
    "venue_address": "1 place des Cinq Fontaines\n38130 Échirolles",
    "venue_map_url": "https://www.openstreetmap.org/search?query=H%C3%B4tel%20de%20ville%20%C3%89chirolles",
}

PAST_EDITIONS = [
    {
        "year": 2024,
        "number": 1,
        "start_date": datetime.date(2024, 2, 15),
        "theme": "Le logiciel libre au service du territoire",
        "theme_en": "Free software serving the territory",
        "capacity": 300,
        "reported_participants": 250,
        **TOWN_HALL,
    },
    {
        "year": 2025,
        "number": 2,
        "start_date": datetime.date(2025, 2, 13),
        "theme": "Souveraineté numérique : du discours aux outils",
        "theme_en": "Digital sovereignty: from words to tools",
        "capacity": 400,
        "reported_participants": 350,
        **TOWN_HALL,
    },
    {
        "year": 2026,
        "number": 3,
        "start_date": datetime.date(2026, 2, 17),
        "theme": "Des logiciels libres, sobres et accessibles",
        "theme_en": "Free software that is frugal and accessible",
        "capacity": 600,
        "reported_participants": 510,
        **RAMPE,
    },
]

WEEKS_AHEAD = 8


def upcoming_date(today):
    """A Tuesday some weeks after today, so the demo always has an edition ahead."""
    day = today + datetime.timedelta(weeks=WEEKS_AHEAD)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def load_editions(today=None):
    today = today or timezone.localdate()
    editions = []
    for facts in PAST_EDITIONS:
        defaults = {**facts, "name": f"AlpOSS {facts['year']}", "end_date": facts["start_date"]}
        edition, _ = Edition.objects.get_or_create(year=facts["year"], defaults=defaults)
        editions.append(edition)
    upcoming = Edition.objects.filter(number=4).first()
    if upcoming is None:
        start = upcoming_date(today)
        tz = timezone.get_current_timezone()
        upcoming = Edition.objects.create(
            year=start.year,
            number=4,
            name=f"AlpOSS {start.year}",
            start_date=start,
            end_date=start,
            theme="Communs numériques : coopérer entre collectivités",
            theme_en="Digital commons: public bodies working together",
            capacity=650,
            registration_opens_at=datetime.datetime.combine(
                today - datetime.timedelta(days=14), datetime.time(9), tz
            ),
            registration_closes_at=datetime.datetime.combine(
                start - datetime.timedelta(days=1), datetime.time(18), tz
            ),
            serves_food=True,
            livestream_url="https://video.echirolles.fr/c/alposs/videos",
            **RAMPE,
        )
    editions.append(upcoming)
    return editions


def home_root():
    """The French home page, replacing Wagtail's placeholder on a fresh database."""
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale__language_code="fr").first()
    if home:
        return home
    for placeholder in root.get_children().exact_type(Page):
        placeholder.delete()
    home = HomePage(
        title="AlpOSS — Alpes Open Source Software",
        slug="accueil",
        locale=Locale.objects.get(language_code="fr"),
        seo_title="AlpOSS, le rendez-vous du logiciel libre en Isère",
        search_description=(
            "Une journée gratuite autour du logiciel libre à Échirolles : conférences, "
            "ateliers, tables rondes et stands."
        ),
        intro=[
            (
                "paragraph",
                rich(
                    "<p>AlpOSS réunit chaque année à Échirolles les entreprises, associations, "
                    "collectivités et passionnés qui font et utilisent du logiciel libre dans les "
                    "Alpes. Une journée gratuite de conférences, de tables rondes, d'ateliers "
                    "pratiques et de stands, ouverte à toutes et à tous.</p>"
                ),
            ),
            (
                "paragraph",
                rich(
                    "<p>L'événement est coorganisé par la ville d'Échirolles, la fondation OW2 et "
                    "Belledonne Communications. Les conférences sont diffusées en direct, puis "
                    "gardées en rediffusion, sur le PeerTube de la ville.</p>"
                ),
            ),
        ],
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name, site.root_page = "localhost", 80, "AlpOSS", home
    site.save()
    return home


def english_home(home):
    return translate_page(
        home,
        "en",
        title="AlpOSS — Alpes Open Source Software",
        slug="home",
        seo_title="AlpOSS, the free and open-source software day in the French Alps",
        search_description=(
            "A free one-day event about free and open-source software in Échirolles: talks, "
            "workshops, round tables and exhibitor stands."
        ),
        intro=[
            (
                "paragraph",
                rich(
                    "<p>Every year AlpOSS brings together in Échirolles the companies, "
                    "associations, public bodies and enthusiasts who build and use free software "
                    "in the Alps. A free day of talks, round tables, hands-on workshops and "
                    "stands, open to everyone.</p>"
                ),
            ),
            (
                "paragraph",
                rich(
                    "<p>The event is co-organized by the city of Échirolles, the OW2 foundation "
                    "and Belledonne Communications. Talks are streamed live, and kept as replays, "
                    "on the city's own PeerTube server.</p>"
                ),
            ),
        ],
    )


def edition_intro(edition, language):
    when = edition.start_date
    if language == "fr":
        if edition.is_past():
            text = (
                f"<p>La {edition.number}<sup>e</sup> édition d'AlpOSS s'est tenue le "
                f"{when.day} {FRENCH_MONTHS[when.month - 1]} {when.year} ({edition.venue_name}). "
                f"Elle a accueilli environ {edition.reported_participants} participants. "
                "Retrouvez ici son programme, ses partenaires et les rediffusions.</p>"
            )
        else:
            text = (
                f"<p>La {edition.number}<sup>e</sup> édition d'AlpOSS aura lieu le "
                f"{when.day} {FRENCH_MONTHS[when.month - 1]} {when.year} à {edition.venue_name}. "
                "L'entrée est gratuite ; l'inscription permet de réserver sa place dans les "
                "ateliers, dont les places sont limitées.</p>"
            )
    elif edition.is_past():
        text = (
            f"<p>The {ordinal(edition.number)} AlpOSS took place on {when:%-d %B %Y} at "
            f"{edition.venue_name}, with about {edition.reported_participants} participants. "
            "Its program, partners and replays are here.</p>"
        )
    else:
        text = (
            f"<p>The {ordinal(edition.number)} AlpOSS takes place on {when:%-d %B %Y} at "
            f"{edition.venue_name}. Admission is free; registering books your seat in the "
            "hands-on workshops, which have limited places.</p>"
        )
    return [("paragraph", rich(text))]


FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def ordinal(number):
    return {1: "first", 2: "second", 3: "third"}.get(number, f"{number}th")


def load_edition_pages(home, home_en, editions):
    for edition in editions:
        page = add_child_page(
            home,
            EditionPage(
                title=edition.name,
                slug=str(edition.year),
                edition=edition,
                show_in_menus=not edition.is_past(),
                intro=edition_intro(edition, "fr"),
            ),
        )
        translate_page(page, "en", intro=edition_intro(edition, "en"))
    del home_en


STANDARD_PAGES = [
    {
        "slug": "infos-pratiques",
        "slug_en": "practical-information",
        "title": "Infos pratiques",
        "title_en": "Practical information",
        "menu": True,
        "intro": "Tout ce qu'il faut savoir pour préparer votre venue à AlpOSS.",
        "intro_en": "Everything you need to plan your day at AlpOSS.",
        "body": [
            ("heading", {"text": "Une journée gratuite", "level": "h2"}),
            (
                "paragraph",
                "<p>L'entrée est libre et gratuite. L'inscription en ligne n'est pas obligatoire "
                "pour assister aux conférences, mais elle est nécessaire pour les ateliers, dont "
                "le nombre de places est limité, et elle nous aide à prévoir l'accueil.</p>",
            ),
            ("heading", {"text": "Horaires", "level": "h2"}),
            (
                "paragraph",
                "<p>Accueil à partir de 8 h 30, première conférence à 9 h 15, fin des sessions "
                "vers 17 h 30. Les stands restent ouverts toute la journée.</p>",
            ),
            (
                "faq",
                {
                    "title": "Questions fréquentes",
                    "questions": [
                        {
                            "question": "Faut-il être développeur pour venir ?",
                            "answer": "<p>Non. Le programme s'adresse aussi aux élus, aux "
                            "agents publics, aux associations et aux curieux.</p>",
                        },
                        {
                            "question": "Les conférences sont-elles enregistrées ?",
                            "answer": "<p>Oui, sauf si l'intervenant s'y oppose. Elles sont "
                            "diffusées en direct puis publiées sur le PeerTube de la ville.</p>",
                        },
                        {
                            "question": "Peut-on déjeuner sur place ?",
                            "answer": "<p>Un buffet est proposé aux personnes inscrites. "
                            "Indiquez vos besoins alimentaires lors de l'inscription.</p>",
                        },
                    ],
                },
            ),
        ],
        "body_en": [
            ("heading", {"text": "A free day", "level": "h2"}),
            (
                "paragraph",
                "<p>Admission is free. You do not need to register to attend the talks, but "
                "you do for the workshops, which have a limited number of seats, and it helps "
                "us plan the welcome.</p>",
            ),
            ("heading", {"text": "Opening hours", "level": "h2"}),
            (
                "paragraph",
                "<p>Doors open at 8:30, the first talk starts at 9:15 and the sessions end "
                "around 17:30. The stands are open all day.</p>",
            ),
            (
                "faq",
                {
                    "title": "Frequently asked questions",
                    "questions": [
                        {
                            "question": "Do I need to be a developer?",
                            "answer": "<p>No. The program is also for elected officials, "
                            "civil servants, associations and the curious.</p>",
                        },
                        {
                            "question": "Are the talks recorded?",
                            "answer": "<p>Yes, unless the speaker objects. They are streamed "
                            "live and then published on the city's PeerTube server.</p>",
                        },
                        {
                            "question": "Can I have lunch on site?",
                            "answer": "<p>A buffet is served to registered participants. Tell "
                            "us about dietary needs when you register.</p>",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "slug": "acces",
        "slug_en": "venue-and-access",
        "title": "Lieu et accès",
        "title_en": "Venue and access",
        "menu": True,
        "intro": "AlpOSS se tient à La Rampe, à Échirolles, à dix minutes de Grenoble en tram.",
        "intro_en": "AlpOSS takes place at La Rampe in Échirolles, ten minutes from Grenoble "
        "by tram.",
        "image": True,
        "body": [
            ("heading", {"text": "En transports en commun", "level": "h2"}),
            (
                "paragraph",
                "<p>Tram A, arrêt « La Rampe – Centre-ville », à deux minutes à pied. Depuis la "
                "gare de Grenoble, comptez vingt minutes.</p>",
            ),
            ("heading", {"text": "À vélo", "level": "h2"}),
            (
                "paragraph",
                "<p>Des arceaux sont disponibles devant l'entrée principale. Les pistes "
                "cyclables de l'avenue du 8 Mai 1945 mènent jusqu'au bâtiment.</p>",
            ),
            ("heading", {"text": "Accessibilité du lieu", "level": "h2"}),
            (
                "paragraph",
                "<p>Toutes les salles sont accessibles de plain-pied ou par ascenseur. La grande "
                "salle est équipée d'une boucle magnétique. Écrivez-nous pour tout besoin "
                "particulier : nous organiserons votre accueil.</p>",
            ),
        ],
        "body_en": [
            ("heading", {"text": "By public transport", "level": "h2"}),
            (
                "paragraph",
                "<p>Tram A, stop “La Rampe – Centre-ville”, two minutes on foot. Allow twenty "
                "minutes from Grenoble railway station.</p>",
            ),
            ("heading", {"text": "By bike", "level": "h2"}),
            (
                "paragraph",
                "<p>Bike racks stand in front of the main entrance. The cycle lanes of avenue "
                "du 8 Mai 1945 lead to the building.</p>",
            ),
            ("heading", {"text": "Accessibility of the venue", "level": "h2"}),
            (
                "paragraph",
                "<p>Every room is step-free or reached by lift. The main hall has an induction "
                "loop. Write to us about any particular need and we will arrange your "
                "welcome.</p>",
            ),
        ],
    },
    {
        "slug": "code-de-conduite",
        "slug_en": "code-of-conduct",
        "title": "Code de conduite",
        "title_en": "Code of conduct",
        "menu": True,
        "intro": "AlpOSS veut être un moment accueillant pour chacune et chacun.",
        "intro_en": "AlpOSS wants to be a welcoming day for everyone.",
        "body": [
            (
                "paragraph",
                "<p>Participants, intervenants, exposants, bénévoles et organisateurs "
                "s'engagent à respecter les autres, quels que soient leur genre, leur origine, "
                "leur handicap, leur âge, leur apparence ou leurs choix techniques.</p>",
            ),
            (
                "paragraph",
                "<p>Le harcèlement, les propos discriminatoires et les photos prises sans "
                "accord ne sont pas tolérés. Si vous êtes témoin ou victime d'un comportement "
                "inacceptable, adressez-vous à l'accueil ou à une personne portant un badge "
                "« Organisation ». Nous agirons avec discrétion.</p>",
            ),
            (
                "quote",
                {
                    "quote": "Soyez bienveillants, et supposez la bonne foi des autres.",
                    "attribution": "L'équipe d'AlpOSS",
                },
            ),
        ],
        "body_en": [
            (
                "paragraph",
                "<p>Participants, speakers, exhibitors, volunteers and organizers agree to "
                "respect others, whatever their gender, origin, disability, age, appearance or "
                "technical choices.</p>",
            ),
            (
                "paragraph",
                "<p>Harassment, discriminatory remarks and photos taken without consent are "
                "not tolerated. If you witness or suffer unacceptable behaviour, go to the "
                "welcome desk or to anyone wearing an “Organisation” badge. We will act "
                "discreetly.</p>",
            ),
            (
                "quote",
                {
                    "quote": "Be kind, and assume good faith in others.",
                    "attribution": "The AlpOSS team",
                },
            ),
        ],
    },
    {
        "slug": "accessibilite",
        "slug_en": "accessibility",
        "title": "Déclaration d'accessibilité",
        "title_en": "Accessibility statement",
        "intro": "Ce site vise la conformité au RGAA 4.1 (WCAG 2.1 niveau AA).",
        "intro_en": "This site aims to comply with RGAA 4.1 (WCAG 2.1 level AA).",
        "body": [
            ("heading", {"text": "État de conformité", "level": "h2"}),
            (
                "paragraph",
                "<p>Le site est partiellement conforme : chaque type de page est vérifié "
                "automatiquement à chaque modification, mais aucun audit complet n'a encore été "
                "réalisé par un organisme indépendant.</p>",
            ),
            (
                "table",
                {
                    "caption": "Technologies utilisées",
                    "table": {
                        "data": [
                            ["Technologie", "Usage"],
                            ["HTML5", "Structure des pages"],
                            ["CSS", "Mise en forme"],
                            ["SVG", "Graphiques des chiffres"],
                        ],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                },
            ),
            ("heading", {"text": "Retour d'information et contact", "level": "h2"}),
            (
                "paragraph",
                "<p>Si vous ne parvenez pas à accéder à un contenu, écrivez-nous : nous vous "
                "le fournirons sous une autre forme. Vous pouvez aussi saisir le Défenseur des "
                "droits.</p>",
            ),
        ],
        "body_en": [
            ("heading", {"text": "Compliance status", "level": "h2"}),
            (
                "paragraph",
                "<p>The site is partially compliant: every page type is checked automatically "
                "at each change, but no full audit by an independent body has been made "
                "yet.</p>",
            ),
            (
                "table",
                {
                    "caption": "Technologies used",
                    "table": {
                        "data": [
                            ["Technology", "Use"],
                            ["HTML5", "Page structure"],
                            ["CSS", "Layout"],
                            ["SVG", "Charts of the figures"],
                        ],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                },
            ),
            ("heading", {"text": "Feedback and contact", "level": "h2"}),
            (
                "paragraph",
                "<p>If you cannot reach some content, write to us and we will provide it in "
                "another form. You may also refer to the Défenseur des droits.</p>",
            ),
        ],
    },
    {
        "slug": "donnees-personnelles",
        "slug_en": "privacy",
        "title": "Données personnelles",
        "title_en": "Privacy policy",
        "intro": "Nous ne collectons que ce qui sert à organiser l'événement.",
        "intro_en": "We only collect what is needed to run the event.",
        "body": [
            ("heading", {"text": "Ce que nous collectons et pourquoi", "level": "h2"}),
            (
                "paragraph",
                "<p>Lors de l'inscription : nom, prénom, adresse électronique, structure et "
                "catégorie, ateliers choisis et, si vous le souhaitez, vos besoins "
                "d'accessibilité ou alimentaires. Ces données servent uniquement à vous "
                "accueillir, à gérer les places des ateliers et à produire des statistiques "
                "anonymes.</p>",
            ),
            ("heading", {"text": "Durée de conservation", "level": "h2"}),
            (
                "paragraph",
                "<p>Les données nominatives sont supprimées 180 jours après l'événement ; seuls "
                "des décomptes anonymes sont conservés.</p>",
            ),
            ("heading", {"text": "Aucun tiers", "level": "h2"}),
            (
                "paragraph",
                "<p>Le site est hébergé sur des serveurs publics en France, ne dépose aucun "
                "cookie de mesure d'audience et ne charge aucune ressource d'un autre site. "
                "Vous pouvez consulter, télécharger ou supprimer vos données à tout moment grâce "
                "au lien personnel reçu par courriel.</p>",
            ),
        ],
        "body_en": [
            ("heading", {"text": "What we collect and why", "level": "h2"}),
            (
                "paragraph",
                "<p>When you register: first and last name, e-mail address, organization and "
                "category, the workshops you chose and, if you wish, your accessibility or "
                "dietary needs. They are used only to welcome you, to manage workshop seats "
                "and to produce anonymous statistics.</p>",
            ),
            ("heading", {"text": "How long we keep it", "level": "h2"}),
            (
                "paragraph",
                "<p>Personal data is deleted 180 days after the event; only anonymous counts "
                "are kept.</p>",
            ),
            ("heading", {"text": "No third party", "level": "h2"}),
            (
                "paragraph",
                "<p>The site is hosted on public servers in France, sets no analytics cookie "
                "and loads nothing from any other site. You can see, download or delete your "
                "data at any time through the personal link you received by e-mail.</p>",
            ),
        ],
    },
    {
        "slug": "mentions-legales",
        "slug_en": "legal-notice",
        "title": "Mentions légales",
        "title_en": "Legal notice",
        "intro": "Éditeur, hébergement et licences du site.",
        "intro_en": "Publisher, hosting and licences of the site.",
        "body": [
            (
                "paragraph",
                "<p>Éditeur : comité d'organisation d'AlpOSS, ville d'Échirolles, "
                "1 place des Cinq Fontaines, 38130 Échirolles. Hébergement : serveurs de la "
                "ville d'Échirolles. Le code du site est un logiciel libre ; les textes sont "
                "publiés sous licence CC BY-SA 4.0.</p>",
            ),
        ],
        "body_en": [
            (
                "paragraph",
                "<p>Publisher: the AlpOSS organizing committee, city of Échirolles, 1 place des "
                "Cinq Fontaines, 38130 Échirolles. Hosting: servers of the city of Échirolles. "
                "The site's code is free software; its texts are published under the "
                "CC BY-SA 4.0 licence.</p>",
            ),
        ],
    },
]


def _body(blocks):
    return [(kind, rich(value) if kind == "paragraph" else value) for kind, value in blocks]


def load_standard_pages(home):
    pages = {}
    venue_image = demo_image(
        "La Rampe sous les montagnes",
        "Dessin de montagnes, évoquant la Rampe d'Échirolles au pied de Belledonne",
        text="La Rampe · Échirolles",
        seed=1,
    )
    for spec in STANDARD_PAGES:
        body = _body(spec["body"])
        body_en = _body(spec["body_en"])
        if spec.get("image"):
            picture = ("image", {"image": venue_image, "caption": "La Rampe, à Échirolles."})
            picture_en = ("image", {"image": venue_image, "caption": "La Rampe, Échirolles."})
            body, body_en = [picture, *body], [picture_en, *body_en]
        page = add_child_page(
            home,
            StandardPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                body=body,
                show_in_menus=spec.get("menu", False),
            ),
        )
        translate_page(
            page,
            "en",
            title=spec["title_en"],
            slug=spec["slug_en"],
            intro=spec["intro_en"],
            body=body_en,
        )
        pages[spec["slug"]] = page
    return pages


def load_settings(site, pages):
    site_settings = SiteSettings.for_site(site)
    if site_settings.organization_name:
        return
    site_settings.organization_name = "AlpOSS"
    site_settings.contact_email = "contact@alposs.localhost"
    site_settings.privacy_email = "dpo@alposs.localhost"
    site_settings.mastodon_url = "https://mastodon.example/@alposs"
    site_settings.peertube_url = "https://video.echirolles.fr/c/alposs/videos"
    site_settings.forge_url = "https://forge.example/alposs/site"
    site_settings.footer_text = (
        "AlpOSS est coorganisé par la ville d'Échirolles, la fondation OW2 et Belledonne "
        "Communications. Entrée libre et gratuite."
    )
    site_settings.footer_text_en = (
        "AlpOSS is co-organized by the city of Échirolles, the OW2 foundation and Belledonne "
        "Communications. Free admission."
    )
    site_settings.legal_notice_page = pages["mentions-legales"]
    site_settings.privacy_page = pages["donnees-personnelles"]
    site_settings.accessibility_page = pages["accessibilite"]
    site_settings.save()


def load(stdout):
    Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="en")
    editions = load_editions()
    home = home_root()
    home_en = english_home(home)
    load_edition_pages(home, home_en, editions)
    pages = load_standard_pages(home)
    load_settings(Site.objects.get(root_page=home), pages)
    stdout.write(f"Site: {len(editions)} editions, home page and standard pages in fr and en.")
