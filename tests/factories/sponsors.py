import datetime

import factory
import wagtail_factories

from sponsors.choices import BoothStatus, LogoSize
from sponsors.models import (
    BoothInfo,
    Sponsor,
    SponsorEditionSettings,
    Sponsorship,
    SponsorsPage,
    SponsorTier,
)
from tests.factories.home import EditionFactory


class SponsorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sponsor

    name = factory.Sequence(lambda n: f"Logiciels Imaginaires {n}")
    slug = factory.Sequence(lambda n: f"logiciels-imaginaires-{n}")
    website = factory.Sequence(lambda n: f"https://sponsor-{n}.example.org/")
    description = "Une entreprise fictive qui fait du logiciel libre."


class SponsorTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SponsorTier

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Niveau {n}")
    name_en = factory.Sequence(lambda n: f"Level {n}")
    order = factory.Sequence(lambda n: n)
    logo_size = LogoSize.MEDIUM
    includes_booth = True


class SponsorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sponsorship

    sponsor = factory.SubFactory(SponsorFactory)
    tier = factory.SubFactory(SponsorTierFactory)
    edition = factory.LazyAttribute(lambda o: o.tier.edition)
    contact_name = "Camille Martin"
    contact_email = factory.Sequence(lambda n: f"contact{n}@sponsor.example.org")


class BoothInfoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoothInfo

    sponsorship = factory.SubFactory(SponsorshipFactory)
    status = BoothStatus.DRAFT
    contact_name = "Camille Martin"
    contact_email = "camille@sponsor.example.org"
    contact_phone = "+33 6 12 34 56 78"
    staff = factory.LazyFunction(lambda: ["Camille Martin", "Dominique Petit"])
    arrival_time = datetime.time(7, 45)
    description = "Nous présentons notre forge logicielle libre."


class SponsorEditionSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SponsorEditionSettings

    edition = factory.SubFactory(EditionFactory)
    notification_email = "organizers@alposs.example.org"


class SponsorsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SponsorsPage

    title = "Partenaires"
    slug = "partenaires"


#: A complete booth form as the sponsor portal posts it (add "save" or "submit").
BOOTH_FORM = {
    "contact_name": "Camille Martin",
    "contact_email": "camille@sponsor.example.org",
    "contact_phone": "+33 6 12 34 56 78",
    "staff_text": "Camille Martin\nDominique Petit",
    "tables": "1",
    "chairs": "2",
    "power_sockets": "1",
    "needs_screen": "on",
    "arrival_time": "07:45",
    "setup_minutes": "30",
    "description": "Nous présentons notre forge libre.",
    "description_en": "",
    "note": "",
}
