import datetime

from django.utils import timezone

import factory
import wagtail_factories

from home.models import Edition, EditionPage, HomePage, StandardPage


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2030 + n)
    name = factory.LazyAttribute(lambda o: f"AlpOSS {o.year}")
    number = factory.Sequence(lambda n: n + 1)
    start_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 2, 17))
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    venue_name = "La Rampe"
    venue_address = "15 avenue du 8 Mai 1945\n38130 Échirolles"
    capacity = 500

    class Params:
        registration_open = factory.Trait(
            registration_opens_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(days=1)
            ),
            registration_closes_at=factory.LazyAttribute(
                lambda o: timezone.make_aware(
                    datetime.datetime.combine(o.start_date, datetime.time(8))
                )
            ),
        )


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "AlpOSS"


class EditionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EditionPage

    edition = factory.SubFactory(EditionFactory)
    title = factory.LazyAttribute(lambda o: o.edition.name)
    slug = factory.LazyAttribute(lambda o: str(o.edition.year))


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "Une page de test."
