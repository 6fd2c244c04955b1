"""Demo program: fictional speakers and sessions for 2024, 2025, 2026 and the upcoming edition.

Every person, organization and session here is invented. Running `load` twice changes nothing:
records are found by their natural keys (slug, edition + name) before anything is created.
"""

import datetime
import io
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify

from PIL import Image

from home.demo_tools import add_child_page, demo_image, draw_picture, translate_page
from home.models import Edition, EditionPage, SiteSettings

from .choices import AudienceLevel, LinkType, SessionKind, SpeakerRole, TrackColour
from .models import (
    PeerTubeVideo,
    ProgramPage,
    Room,
    Session,
    SessionLink,
    SessionSpeaker,
    Speaker,
    Track,
)
from .peertube import PeerTubeRef, watch_url
from .peertube.thumbnails import MAX_SIDE
from .peertube.urls import VIDEO

K, T, L, R, W, B = (
    SessionKind.KEYNOTE,
    SessionKind.TALK,
    SessionKind.LIGHTNING,
    SessionKind.ROUND_TABLE,
    SessionKind.WORKSHOP,
    SessionKind.BREAK,
)

# name, organization, short bio
SPEAKERS = [
    (
        "Maëlle Rivoire",
        "Ville de Saint-Ours-les-Monts",
        "DSI d'une commune de 20 000 habitants passée au libre en cinq ans.",
    ),
    (
        "Karim Benali",
        "Coopérative Libre Alpes",
        "Développeur Python, contributeur à plusieurs logiciels de gestion municipale.",
    ),
    (
        "Sophie Vernet",
        "Association Grési'Libre",
        "Animatrice de l'install-party mensuelle du Grésivaudan.",
    ),
    (
        "Lucas Ferrand",
        "Syndicat mixte du numérique alpin (fictif)",
        "Architecte des services numériques mutualisés de quarante communes.",
    ),
    (
        "Amandine Roux",
        "Université Grenoble Sud (fictive)",
        "Enseignante-chercheuse en informatique, travaille sur la sobriété logicielle.",
    ),
    ("Thomas Guillot", "Indépendant", "Administrateur système, spécialiste de l'auto-hébergement."),
    (
        "Nadia Chérif",
        "Département de la Haute-Vallée (fictif)",
        "Cheffe de projet accessibilité numérique.",
    ),
    (
        "Pierre-Yves Marchand",
        "Éditions Cairn Libre",
        "Éditeur de manuels libres pour les collèges.",
    ),
    (
        "Élise Fournier",
        "Collectif Communs Numériques 38",
        "Facilitatrice, anime des ateliers de gouvernance de projets libres.",
    ),
    (
        "Julien Morel",
        "Ville de Pont-de-Claix-sur-Drac (fictive)",
        "Responsable du système d'information géographique.",
    ),
    (
        "Chloé Dumas",
        "Agence Terres Numériques",
        "Designer d'interfaces, spécialiste du design inclusif.",
    ),
    (
        "Antoine Lefèvre",
        "Mutuelle Informatique des Alpes",
        "Directeur technique, migre des postes de travail vers Linux.",
    ),
    (
        "Ingrid Holm",
        "Nordic Commons Lab (fictitious)",
        "Researcher in public-sector open source policy.",
    ),
    (
        "Samuel Okafor",
        "OpenCivic Foundation (fictitious)",
        "Maintainer of civic-tech tools used by several European cities.",
    ),
    (
        "Claire Baptiste",
        "Hôpital du Vercors (fictif)",
        "Ingénieure, déploie des logiciels libres à l'hôpital.",
    ),
    (
        "Mathieu Garnier",
        "Lycée des Trois-Sommets (fictif)",
        "Professeur de NSI, anime un club de développement.",
    ),
    (
        "Laura Bianchi",
        "Comune di Val Chiusa (fittizio)",
        "Project manager for open-source adoption in an Alpine municipality.",
    ),
    (
        "Hugo Perrin",
        "Coopérative Libre Alpes",
        "Développeur web, contributeur à des outils de cartographie.",
    ),
    (
        "Fatou Diallo",
        "Association Femmes & Code Alpes",
        "Formatrice, accompagne les reconversions vers le développement.",
    ),
    (
        "Olivier Charpentier",
        "Communauté de communes du Trièves (fictive)",
        "Élu délégué au numérique.",
    ),
    ("Camille Perrot", "Indépendante", "Juriste spécialisée dans les licences libres."),
    (
        "Yann Le Gall",
        "Réseau des fablabs alpins (fictif)",
        "Animateur de fablab, réemploi de matériel informatique.",
    ),
    (
        "Mélanie Arnaud",
        "Ville de Saint-Ours-les-Monts",
        "Chargée de la relation aux usagers et des démarches en ligne.",
    ),
    (
        "Bastien Rey",
        "Studio Cime Logiciel",
        "Développeur mobile, publie des applications sur F-Droid.",
    ),
    (
        "Aïcha Mansouri",
        "Caisse locale d'allocations (fictive)",
        "Responsable de la sécurité des systèmes d'information.",
    ),
    ("Grégoire Blanc", "Indépendant", "Consultant en bases de données PostgreSQL."),
    (
        "Sarah Lambert",
        "Bibliothèques de l'Agglomération Sud (fictives)",
        "Bibliothécaire, anime des ateliers de médiation numérique.",
    ),
    (
        "Vincent Tessier",
        "Association Libre Énergie",
        "Ingénieur, mesure la consommation énergétique des services web.",
    ),
    (
        "Anna Kowalska",
        "EuroGov Tech Network (fictitious)",
        "Works on procurement rules that favour open source.",
    ),
    (
        "Romain Duval",
        "Coopérative Libre Alpes",
        "Administrateur système, gère l'hébergement mutualisé de la coopérative.",
    ),
    (
        "Justine Moulin",
        "Collège du Granier (fictif)",
        "Professeure documentaliste, utilise des outils libres en classe.",
    ),
    ("Patrick Servoz", "Ville de Saint-Ours-les-Monts", "Adjoint au maire chargé du numérique."),
    (
        "Léa Fontaine",
        "Agence Terres Numériques",
        "Développeuse front-end, experte en formulaires accessibles.",
    ),
    (
        "Marc-Antoine Girard",
        "Région fictive Alpes-Rhodaniennes",
        "Chef du service des systèmes d'information.",
    ),
    (
        "Nina Petrova",
        "Indépendante",
        "Traductrice et coordinatrice de traductions de logiciels libres.",
    ),
    (
        "David Eymard",
        "Association Grési'Libre",
        "Bénévole, répare et reconditionne des ordinateurs.",
    ),
    (
        "Zoé Marin",
        "Studio Cime Logiciel",
        "Cheffe de projet, organise des sprints de contribution.",
    ),
    (
        "Étienne Bouvier",
        "Indépendant",
        "Développeur Rust, maintient une bibliothèque de traitement d'images.",
    ),
    (
        "Hélène Carrel",
        "Archives départementales fictives",
        "Archiviste, travaille sur l'archivage électronique libre.",
    ),
    (
        "Rachid Haddad",
        "Coopérative Libre Alpes",
        "Formateur Linux pour les agents des collectivités.",
    ),
    (
        "Isabelle Perret",
        "Centre de gestion de la fonction publique (fictif)",
        "Responsable formation des agents au numérique.",
    ),
    (
        "Jonas Weber",
        "Open Mountain Labs (fictitious)",
        "Embedded developer working on open hardware weather stations.",
    ),
]


def _speaker_slug(name):
    return slugify(name)


ROOMS = {
    2024: [
        ("Salle du conseil", 150, "Rez-de-chaussée, accès de plain-pied."),
        ("Salle des mariages", 60, "1er étage, ascenseur à gauche de l'accueil."),
    ],
    2025: [
        ("Salle du conseil", 180, "Rez-de-chaussée, accès de plain-pied, boucle magnétique."),
        ("Salle des mariages", 70, "1er étage, ascenseur à gauche de l'accueil."),
        (
            "Salle Marianne",
            25,
            "1er étage, ascenseur. Salle d'atelier : venez avec votre ordinateur si possible.",
        ),
    ],
    "rampe": [
        (
            "Grande salle",
            500,
            "Rez-de-chaussée, accès de plain-pied, boucle magnétique, places réservées aux "
            "fauteuils roulants au premier rang.",
        ),
        ("Salle Belledonne", 120, "1er étage, ascenseur derrière l'accueil. Boucle magnétique."),
        ("Salle Chartreuse", 80, "1er étage, ascenseur derrière l'accueil."),
        ("Salle Chamrousse", 60, "Rez-de-chaussée, accès de plain-pied."),
        (
            "Atelier Vercors",
            24,
            "Rez-de-jardin, accès de plain-pied par le parvis. Postes fournis.",
        ),
        (
            "Atelier Taillefer",
            30,
            "Rez-de-jardin, accès de plain-pied par le parvis. Apportez votre ordinateur.",
        ),
    ],
}

# The rooms' access notes in English, for the English pages.
ROOM_NOTES_EN = {
    "Rez-de-chaussée, accès de plain-pied.": "Ground floor, step-free access.",
    "1er étage, ascenseur à gauche de l'accueil.": "First floor, lift left of the reception.",
    "Rez-de-chaussée, accès de plain-pied, boucle magnétique.": (
        "Ground floor, step-free access, induction loop."
    ),
    "1er étage, ascenseur. Salle d'atelier : venez avec votre ordinateur si possible.": (
        "First floor, lift. Workshop room: bring your computer if you can."
    ),
    "Rez-de-chaussée, accès de plain-pied, boucle magnétique, places réservées aux "
    "fauteuils roulants au premier rang.": (
        "Ground floor, step-free access, induction loop, wheelchair spaces in the front row."
    ),
    "1er étage, ascenseur derrière l'accueil. Boucle magnétique.": (
        "First floor, lift behind the reception. Induction loop."
    ),
    "1er étage, ascenseur derrière l'accueil.": "First floor, lift behind the reception.",
    "Rez-de-jardin, accès de plain-pied par le parvis. Postes fournis.": (
        "Garden level, step-free access from the forecourt. Computers provided."
    ),
    "Rez-de-jardin, accès de plain-pied par le parvis. Apportez votre ordinateur.": (
        "Garden level, step-free access from the forecourt. Bring your computer."
    ),
}

TRACKS = [
    (
        "collectivites",
        "Collectivités et services publics",
        "Public bodies and services",
        TrackColour.BLUE,
    ),
    ("souverainete", "Souveraineté numérique", "Digital sovereignty", TrackColour.VIOLET),
    ("developpement", "Développement et outils", "Development and tools", TrackColour.GREEN),
    ("sobriete", "Sobriété et accessibilité", "Frugality and accessibility", TrackColour.AMBER),
]

# (start "HH:MM", minutes, kind, room index or None, track slug or None, title, speakers, extra)
# extra: lang, level, seats, subtitle, abstract.
PROGRAM_2026 = [
    (
        "08:30",
        45,
        B,
        None,
        None,
        "Accueil et café",
        [],
        {"abstract": "Retrait des badges dans le hall, café et viennoiseries offerts."},
    ),
    (
        "09:15",
        30,
        K,
        0,
        None,
        "Ouverture : dix ans de logiciels libres dans nos mairies",
        ["Patrick Servoz", "Maëlle Rivoire"],
        {"subtitle": "Ce qui a marché, ce qui reste à faire"},
    ),
    (
        "09:45",
        45,
        K,
        0,
        "souverainete",
        "Open source as public infrastructure",
        ["Ingrid Holm"],
        {
            "lang": "en",
            "abstract": "Roads, water, and software: why European public bodies increasingly "
            "treat open source as shared infrastructure, and what that means for budgets and "
            "skills.",
        },
    ),
    ("10:30", 15, B, None, None, "Pause", [], {}),
    # 10:45
    (
        "10:45",
        45,
        T,
        0,
        "collectivites",
        "Migrer 600 postes vers Linux : le retour d'expérience",
        ["Antoine Lefèvre"],
        {"level": AudienceLevel.EVERYONE},
    ),
    (
        "10:45",
        45,
        T,
        1,
        "developpement",
        "Django et Wagtail pour les sites des collectivités",
        ["Karim Benali", "Hugo Perrin"],
        {"level": AudienceLevel.INTERMEDIATE},
    ),
    (
        "10:45",
        45,
        T,
        2,
        "sobriete",
        "Mesurer l'énergie d'un service web, sans se raconter d'histoires",
        ["Vincent Tessier"],
        {},
    ),
    (
        "10:45",
        45,
        T,
        3,
        "souverainete",
        "Licences libres : ce que les marchés publics peuvent exiger",
        ["Camille Perrot"],
        {"level": AudienceLevel.BEGINNER},
    ),
    (
        "10:45",
        90,
        W,
        4,
        "developpement",
        "Atelier : premiers pas avec Git",
        ["Fatou Diallo"],
        {"seats": 20, "level": AudienceLevel.BEGINNER},
    ),
    (
        "10:45",
        90,
        W,
        5,
        "sobriete",
        "Atelier : redonner vie à un vieux portable",
        ["David Eymard", "Yann Le Gall"],
        {"seats": 16, "level": AudienceLevel.BEGINNER},
    ),
    # 11:30
    (
        "11:30",
        45,
        T,
        0,
        "collectivites",
        "Un portail citoyen libre mutualisé entre quarante communes",
        ["Lucas Ferrand"],
        {},
    ),
    (
        "11:30",
        45,
        T,
        1,
        "sobriete",
        "Des formulaires accessibles sans JavaScript",
        ["Léa Fontaine"],
        {"level": AudienceLevel.INTERMEDIATE},
    ),
    (
        "11:30",
        45,
        T,
        2,
        "developpement",
        "Maintaining a Rust library with three volunteers",
        ["Étienne Bouvier"],
        {"lang": "en", "level": AudienceLevel.ADVANCED},
    ),
    ("11:30", 45, T, 3, "collectivites", "Le SIG libre d'une ville moyenne", ["Julien Morel"], {}),
    (
        "12:15",
        75,
        B,
        None,
        None,
        "Déjeuner",
        [],
        {"abstract": "Repas servi dans le hall ; options végétarienne et sans gluten."},
    ),
    # 13:30
    (
        "13:30",
        45,
        R,
        0,
        "souverainete",
        "Table ronde : la souveraineté numérique des collectivités, concrètement",
        ["Olivier Charpentier", "Marc-Antoine Girard", "Aïcha Mansouri", "Élise Fournier"],
        {},
    ),
    (
        "13:30",
        45,
        T,
        1,
        "sobriete",
        "Le design inclusif commence avant la première maquette",
        ["Chloé Dumas"],
        {},
    ),
    (
        "13:30",
        45,
        T,
        2,
        "developpement",
        "PostgreSQL pour les données publiques",
        ["Grégoire Blanc"],
        {"level": AudienceLevel.INTERMEDIATE},
    ),
    (
        "13:30",
        45,
        T,
        3,
        "collectivites",
        "Des logiciels libres à l'hôpital",
        ["Claire Baptiste"],
        {},
    ),
    (
        "13:30",
        90,
        W,
        4,
        "sobriete",
        "Atelier : tester l'accessibilité d'une page web",
        ["Nadia Chérif", "Léa Fontaine"],
        {"seats": 24, "level": AudienceLevel.INTERMEDIATE},
    ),
    (
        "13:30",
        90,
        W,
        5,
        "developpement",
        "Atelier : contribuer à un logiciel libre sans coder",
        ["Nina Petrova", "Zoé Marin"],
        {"seats": 30, "level": AudienceLevel.BEGINNER},
    ),
    # 14:15
    (
        "14:15",
        45,
        T,
        0,
        "souverainete",
        "Procurement rules that let public bodies choose open source",
        ["Anna Kowalska"],
        {"lang": "en"},
    ),
    (
        "14:15",
        45,
        T,
        1,
        "collectivites",
        "Démarches en ligne : ce que les usagers nous ont appris",
        ["Mélanie Arnaud"],
        {},
    ),
    (
        "14:15",
        45,
        T,
        2,
        "developpement",
        "Publier une application sur F-Droid",
        ["Bastien Rey"],
        {"level": AudienceLevel.INTERMEDIATE},
    ),
    (
        "14:15",
        45,
        T,
        3,
        "sobriete",
        "Manuels scolaires libres : écrire, relire, imprimer",
        ["Pierre-Yves Marchand", "Justine Moulin"],
        {},
    ),
    ("15:00", 20, B, None, None, "Pause et visite des stands", [], {}),
    # 15:20
    (
        "15:20",
        45,
        T,
        0,
        "collectivites",
        "Former les agents au libre : méthode et résultats",
        ["Isabelle Perret", "Rachid Haddad"],
        {},
    ),
    (
        "15:20",
        45,
        T,
        1,
        "souverainete",
        "Archiver pour cent ans avec des formats ouverts",
        ["Hélène Carrel"],
        {},
    ),
    (
        "15:20",
        45,
        T,
        2,
        "developpement",
        "Civic tech that outlives its first grant",
        ["Samuel Okafor"],
        {"lang": "en"},
    ),
    ("15:20", 45, T, 3, "sobriete", "Le numérique responsable au lycée", ["Mathieu Garnier"], {}),
    (
        "15:20",
        90,
        W,
        4,
        "developpement",
        "Atelier : héberger ses services chez soi",
        ["Thomas Guillot", "Romain Duval"],
        {"seats": 18, "level": AudienceLevel.ADVANCED},
    ),
    (
        "15:20",
        90,
        W,
        5,
        "sobriete",
        "Atelier : la médiation numérique avec des outils libres",
        ["Sarah Lambert"],
        {"seats": 12},
    ),
    # 16:05
    (
        "16:05",
        45,
        R,
        0,
        "collectivites",
        "Table ronde : mutualiser entre collectivités, sans perdre la main",
        ["Laura Bianchi", "Lucas Ferrand", "Maëlle Rivoire", "Patrick Servoz"],
        {},
    ),
    (
        "16:05",
        45,
        T,
        1,
        "sobriete",
        "Faire durer le matériel : dix ans, c'est possible",
        ["Yann Le Gall"],
        {},
    ),
    (
        "16:05",
        45,
        T,
        2,
        "developpement",
        "Open hardware weather stations in the Alps",
        ["Jonas Weber"],
        {"lang": "en"},
    ),
    (
        "16:05",
        45,
        T,
        3,
        "collectivites",
        "Une bibliothèque qui prête des ordinateurs libres",
        ["Justine Moulin"],
        {},
    ),
    # lightning talks
    (
        "16:55",
        7,
        L,
        0,
        None,
        "Éclair : un agenda partagé libre pour l'intercommunalité",
        ["Zoé Marin"],
        {},
    ),
    ("17:02", 7, L, 0, None, "Éclair : traduire un logiciel en une soirée", ["Nina Petrova"], {}),
    ("17:09", 7, L, 0, None, "Éclair : notre install-party en chiffres", ["Sophie Vernet"], {}),
    (
        "17:16",
        7,
        L,
        0,
        None,
        "Éclair : la carte des composteurs en données ouvertes",
        ["Hugo Perrin"],
        {},
    ),
    ("17:25", 20, K, 0, None, "Clôture : et maintenant, on coopère ?", ["Amandine Roux"], {}),
    (
        "17:45",
        75,
        B,
        None,
        None,
        "Apéritif de clôture",
        [],
        {"abstract": "Un moment convivial dans le hall, avec les exposants."},
    ),
]

PROGRAM_2025 = [
    ("09:00", 30, B, None, None, "Accueil", [], {}),
    (
        "09:30",
        45,
        K,
        0,
        None,
        "Souveraineté numérique : du discours aux outils",
        ["Patrick Servoz", "Élise Fournier"],
        {},
    ),
    (
        "10:15",
        45,
        T,
        0,
        None,
        "Notre messagerie collaborative libre, un an après",
        ["Maëlle Rivoire"],
        {},
    ),
    ("10:15", 45, T, 1, None, "Les licences libres expliquées aux élus", ["Camille Perrot"], {}),
    ("10:15", 90, W, 2, None, "Atelier : installer Linux", ["Rachid Haddad"], {"seats": 20}),
    (
        "11:00",
        45,
        T,
        0,
        None,
        "Mutualiser l'hébergement entre communes",
        ["Lucas Ferrand", "Romain Duval"],
        {},
    ),
    (
        "11:00",
        45,
        T,
        1,
        None,
        "Accessibility audits on a shoestring",
        ["Ingrid Holm"],
        {"lang": "en"},
    ),
    ("12:00", 90, B, None, None, "Déjeuner", [], {}),
    (
        "13:30",
        60,
        R,
        0,
        None,
        "Table ronde : quels logiciels pour les petites communes ?",
        ["Olivier Charpentier", "Julien Morel", "Mélanie Arnaud"],
        {},
    ),
    (
        "13:30",
        45,
        T,
        1,
        None,
        "Cartographie libre pour les services techniques",
        ["Hugo Perrin"],
        {},
    ),
    (
        "13:30",
        90,
        W,
        2,
        None,
        "Atelier : LibreOffice pour les agents",
        ["Isabelle Perret"],
        {"seats": 24},
    ),
    ("14:30", 45, T, 0, None, "Sobriété numérique : mesurer avant d'agir", ["Vincent Tessier"], {}),
    (
        "14:30",
        45,
        T,
        1,
        None,
        "Des ordinateurs reconditionnés pour les écoles",
        ["David Eymard"],
        {},
    ),
    ("15:15", 30, K, 0, None, "Clôture", ["Amandine Roux"], {}),
]

PROGRAM_2024 = [
    ("09:00", 30, B, None, None, "Accueil", [], {}),
    ("09:30", 45, K, 0, None, "Le logiciel libre au service du territoire", ["Patrick Servoz"], {}),
    ("10:15", 45, T, 0, None, "Pourquoi notre ville est passée au libre", ["Maëlle Rivoire"], {}),
    ("10:15", 45, T, 1, None, "Une install-party, comment ça marche ?", ["Sophie Vernet"], {}),
    ("11:00", 45, T, 0, None, "Le libre dans l'éducation", ["Mathieu Garnier"], {}),
    ("11:00", 45, T, 1, None, "Auto-héberger ses services", ["Thomas Guillot"], {}),
    ("12:00", 90, B, None, None, "Déjeuner", [], {}),
    (
        "13:30",
        60,
        R,
        0,
        None,
        "Table ronde : logiciels libres et collectivités",
        ["Olivier Charpentier", "Lucas Ferrand", "Camille Perrot"],
        {},
    ),
    ("14:30", 45, T, 0, None, "Python pour les agents", ["Karim Benali"], {}),
    ("14:30", 45, T, 1, None, "Réparer plutôt que jeter", ["Yann Le Gall"], {}),
]

# Partly announced: a keynote, talks, workshops with seats; one talk still a draft.
PROGRAM_UPCOMING = [
    (
        "09:30",
        45,
        K,
        0,
        "souverainete",
        "Communs numériques : coopérer entre collectivités",
        ["Élise Fournier", "Laura Bianchi"],
        {},
    ),
    (
        "10:30",
        45,
        T,
        0,
        "collectivites",
        "Un socle libre commun à dix intercommunalités",
        ["Lucas Ferrand"],
        {},
    ),
    (
        "10:30",
        45,
        T,
        1,
        "developpement",
        "Wagtail multilingue pour les sites publics",
        ["Karim Benali"],
        {},
    ),
    (
        "10:30",
        90,
        W,
        4,
        "developpement",
        "Atelier : écrire ses premiers tests automatisés",
        ["Fatou Diallo"],
        {"seats": 20},
    ),
    (
        "11:15",
        45,
        T,
        1,
        "sobriete",
        "Accessibility beyond compliance",
        ["Ingrid Holm"],
        {"lang": "en"},
    ),
    (
        "13:30",
        90,
        W,
        5,
        "sobriete",
        "Atelier : reconditionner un ordinateur",
        ["David Eymard"],
        {"seats": 16},
    ),
    (
        "13:30",
        90,
        W,
        4,
        "collectivites",
        "Atelier : publier des données ouvertes",
        ["Julien Morel"],
        {"seats": 24},
    ),
    (
        "14:15",
        45,
        T,
        0,
        "souverainete",
        "Héberger les données des usagers en France",
        ["Aïcha Mansouri"],
        {"draft": True},
    ),
]

ABSTRACTS = {
    K: "Une intervention d'ouverture pour poser les enjeux de la journée.",
    T: "Un retour d'expérience concret, avec les chiffres, les difficultés et ce que nous "
    "referions autrement.",
    L: "Cinq minutes, une idée, une démonstration.",
    R: "Élus, agents et associations croisent leurs points de vue ; questions du public à la fin.",
    W: "Un atelier pratique en petit groupe. Places limitées : réservez votre place en vous "
    "inscrivant.",
    B: "",
}
ABSTRACTS_EN = {
    T: "A hands-on account, with figures, difficulties and what we would do differently.",
    K: "An opening talk on the stakes of the day.",
}


def load_speakers():
    speakers = {}
    for position, (name, organization, bio) in enumerate(SPEAKERS):
        slug = _speaker_slug(name)
        speaker = Speaker.objects.filter(slug=slug).first()
        if speaker is None:
            initials = "".join(part[0] for part in name.replace("-", " ").split()[:2])
            photo = demo_image(
                f"Portrait de {name}",
                f"Portrait dessiné de {name}",
                text=initials,
                seed=position,
                kind="portrait",
                size=(400, 400),
            )
            speaker = Speaker.objects.create(
                name=name,
                slug=slug,
                organization=organization,
                bio=f"{bio} (Personne fictive, pour la démonstration.)",
                photo=photo,
                website=f"https://{slug}.example.org/",
                fediverse_url=f"https://mastodon.example.org/@{slug.replace('-', '')}"
                if position % 3 == 0
                else "",
                forge_url=f"https://forge.example.org/{slug}" if position % 2 == 0 else "",
            )
        speakers[name] = speaker
    return speakers


def load_rooms(edition, specs):
    rooms = []
    for order, (name, capacity, notes) in enumerate(specs, start=1):
        room, _ = Room.objects.get_or_create(
            edition=edition,
            name=name,
            defaults={
                "capacity": capacity,
                "access_notes": notes,
                "access_notes_en": ROOM_NOTES_EN.get(notes, ""),
                "sort_order": order,
            },
        )
        rooms.append(room)
    return rooms


def load_tracks(edition):
    tracks = {}
    for slug, name, name_en, colour in TRACKS:
        track, _ = Track.objects.get_or_create(
            edition=edition,
            slug=slug,
            defaults={"name": name, "name_en": name_en, "colour": colour},
        )
        tracks[slug] = track
    return tracks


def load_sessions(edition, program, rooms, tracks, speakers):
    created = 0
    tz = timezone.get_current_timezone()
    for start_text, minutes, kind, room_index, track_slug, title, names, extra in program:
        slug = slugify(title)[:120]
        if Session.objects.filter(edition=edition, slug=slug).exists():
            continue
        hour, minute = (int(part) for part in start_text.split(":"))
        start = datetime.datetime.combine(edition.start_date, datetime.time(hour, minute), tz)
        language = extra.get("lang", "fr")
        abstract = extra.get("abstract")
        if abstract is None:
            abstract = (ABSTRACTS_EN if language == "en" else ABSTRACTS).get(kind, ABSTRACTS[T])
        seats = extra.get("seats")
        session = Session(
            edition=edition,
            kind=kind,
            title=title,
            slug=slug,
            subtitle=extra.get("subtitle", ""),
            abstract=abstract,
            description=_description(kind, language),
            room=rooms[room_index] if room_index is not None else None,
            track=tracks.get(track_slug) if track_slug else None,
            start=start,
            end=start + datetime.timedelta(minutes=minutes),
            language=language,
            level=extra.get("level", AudienceLevel.EVERYONE),
            seats=seats,
            registration_required=bool(seats),
            live=False,
        )
        session.session_speakers = [
            SessionSpeaker(
                speaker=speakers[name],
                role=SpeakerRole.MODERATOR
                if kind == R and position == len(names) - 1
                else SpeakerRole.SPEAKER,
                sort_order=position,
            )
            for position, name in enumerate(names)
        ]
        if kind in (T, K) and edition.is_past():
            session.links = [
                SessionLink(
                    title="Diapositives" if language == "fr" else "Slides",
                    url=f"https://forge.example.org/alposs/{edition.year}/{slug}.pdf",
                    link_type=LinkType.SLIDES,
                    sort_order=0,
                )
            ]
        session.full_clean()
        session.save()
        revision = session.save_revision()
        if not extra.get("draft"):
            revision.publish()
        created += 1
    return created


def _description(kind, language):
    if kind == B:
        return ""
    if language == "en":
        return (
            "<p>The session is given in English; questions in French are welcome.</p>"
            "<ul><li>Context and goals</li><li>What we built</li><li>Lessons learned</li></ul>"
        )
    return (
        "<p>Au programme :</p>"
        "<ul><li>le contexte et les objectifs ;</li><li>les choix techniques ;</li>"
        "<li>les leçons apprises, et la suite.</li></ul>"
    )


def load_program_page(edition):
    edition_page = EditionPage.objects.filter(edition=edition, locale__language_code="fr").first()
    if edition_page is None:
        return None
    page = add_child_page(
        edition_page,
        ProgramPage(
            title="Programme",
            slug="programme",
            show_in_menus=True,
            intro=(
                "<p>Conférences, tables rondes et ateliers : toute la journée, dans toutes les "
                "salles. Les ateliers ont des places limitées, réservées à l'inscription.</p>"
            ),
        ),
    )
    translate_page(
        page,
        "en",
        title="Programme",
        slug="programme",
        intro=(
            "<p>Talks, round tables and workshops: the whole day, in every room. Workshops "
            "have limited seats, booked when you register.</p>"
        ),
    )
    return page


# PeerTube: the city's instance. The videos are invented (stable UUIDs made from names), their
# pictures drawn here and their view counts made up: nothing is asked from PeerTube.
PEERTUBE_HOST = "video.echirolles.fr"
STREAMED_ROOMS = {"Grande salle", "Salle Belledonne", "Salle Chartreuse", "Salle Chamrousse"}
FILMED_KINDS = {K, T, L, R}


def demo_video_ref(*names):
    video_uuid = uuid.uuid5(uuid.NAMESPACE_URL, "alposs-demo:" + ":".join(map(str, names)))
    return PeerTubeRef(PEERTUBE_HOST, VIDEO, str(video_uuid))


def _demo_picture(ref, title, seed):
    """Draw the video's picture into our storage once (where thumbnails.py would copy it)."""
    name = f"peertube/{ref.instance}/{ref.id}.jpg"
    if not default_storage.exists(name):
        png = draw_picture(title, 1200, 675, seed=seed)
        image = Image.open(io.BytesIO(png)).convert("RGB")
        image.thumbnail((min(640, MAX_SIDE), 360))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80, optimize=True)
        name = default_storage.save(name, ContentFile(out.getvalue()))
    return name


def _demo_video(ref, edition, title, seed, *, live=False):
    PeerTubeVideo.objects.get_or_create(
        instance=ref.instance,
        uuid=ref.id,
        defaults={
            "edition": edition,
            "title": title,
            "duration": 0 if live else 1800 + 60 * (seed % 25),
            "is_live": live,
            "state": 4 if live else 1,
            "views": 40 + (seed * 137) % 860 if edition.is_past() else 0,
            "peak_viewers": 12 + (seed * 29) % 90 if live else 0,
            "thumbnail": _demo_picture(ref, title, seed),
        },
    )


def load_peertube_settings():
    """The site accepts the city's instance (organizers edit the list in the settings)."""
    for site_settings in SiteSettings.objects.filter(peertube_instances=""):
        site_settings.peertube_instances = PEERTUBE_HOST
        site_settings.save(update_fields=["peertube_instances"])


def load_streams(edition, rooms):
    for position, room in enumerate(rooms):
        if room.name not in STREAMED_ROOMS:
            continue
        ref = demo_video_ref("live", edition.year, room.name)
        if not room.peertube_live_url:
            room.peertube_live_url = watch_url(ref)
            room.save(update_fields=["peertube_live_url"])
        _demo_video(
            ref, edition, f"AlpOSS {edition.year} · {room.name} (direct)", position, live=True
        )


def load_replays(edition):
    """Replays for most filmed sessions of an edition held; one session not recorded (the
    speaker's choice); every fourth left without a replay yet ("coming soon")."""
    sessions = [
        session
        for session in Session.objects.filter(edition=edition, live=True)
        .select_related("room")
        .order_by("start", "pk")
        if session.kind in FILMED_KINDS and session.room and session.room.name in STREAMED_ROOMS
    ]
    for position, session in enumerate(sessions):
        changed = False
        if position == 2 and not session.do_not_record:
            session.do_not_record, changed = True, True
        elif edition.is_past() and position % 4 != 3 and position != 2:
            ref = demo_video_ref("replay", edition.year, session.slug)
            _demo_video(ref, edition, session.title, position)
            if not session.video_url:
                session.video_url, changed = watch_url(ref), True
        if changed and not session.has_unpublished_changes:
            session.save_revision(clean=False).publish()


def load(stdout):
    speakers = load_speakers()
    load_peertube_settings()
    total = 0
    programs = {2024: PROGRAM_2024, 2025: PROGRAM_2025, 2026: PROGRAM_2026}
    for edition in Edition.objects.order_by("start_date"):
        if edition.year in programs:
            program = programs[edition.year]
            rooms = load_rooms(edition, ROOMS.get(edition.year, ROOMS["rampe"]))
        elif edition.number == 4:
            program = PROGRAM_UPCOMING
            rooms = load_rooms(edition, ROOMS["rampe"])
        else:
            continue
        tracks = load_tracks(edition) if edition.year >= 2026 else {}
        total += load_sessions(edition, program, rooms, tracks, speakers)
        if edition.year >= 2026:
            load_streams(edition, rooms)
            load_replays(edition)
        load_program_page(edition)
    stdout.write(f"Program: {len(speakers)} speakers, {total} sessions added.")
