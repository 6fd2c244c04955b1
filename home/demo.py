"""Demo content for the site itself: editions, home, edition and standard pages, settings.

The content is data, in home/fixtures/demo/ (editions.toml, pages.toml, settings.toml); this
module only turns it into rows and pages. Facts (dates, venues, attendance) are those of the
real AlpOSS; all text is written for the demo. Dates of the upcoming edition are relative to
the day the demo is loaded.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale, Page, Site

from babel.dates import format_date

from .demo_tools import demo_data, demo_image, rich
from .editions import publish_child_page, publish_translation
from .models import Edition, EditionPage, HomePage, SiteSettings, StandardPage

WEEKS_AHEAD = 8


def upcoming_date(today):
    """A Tuesday some weeks after today, so the demo always has an edition ahead."""
    day = today + datetime.timedelta(weeks=WEEKS_AHEAD)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def load_editions(today=None):
    today = today or timezone.localdate()
    data = demo_data("home", "editions")
    venues = data["venues"]
    editions = []
    for facts in data["past"]:
        venue = venues[facts.pop("venue")]
        name, end_date = f"AlpOSS {facts['year']}", facts["start_date"]
        defaults = {**facts, **venue, "name": name, "end_date": end_date}
        edition, _ = Edition.objects.get_or_create(year=facts["year"], defaults=defaults)
        editions.append(edition)
    spec = data["upcoming"]
    upcoming = Edition.objects.filter(number=spec["number"]).first()
    if upcoming is None:
        start = upcoming_date(today)
        tz = timezone.get_current_timezone()
        opens = today - datetime.timedelta(days=spec["registration_opens_days_ago"])
        closes = start - datetime.timedelta(days=spec["registration_closes_days_before"])
        upcoming = Edition.objects.create(
            year=start.year,
            number=spec["number"],
            name=f"AlpOSS {start.year}",
            start_date=start,
            end_date=start,
            theme=spec["theme"],
            theme_en=spec["theme_en"],
            capacity=spec["capacity"],
            registration_opens_at=datetime.datetime.combine(
                opens, spec["registration_opens_time"], tz
            ),
            registration_closes_at=datetime.datetime.combine(
                closes, spec["registration_closes_time"], tz
            ),
            serves_food=spec["serves_food"],
            reminder_days=spec.get("reminder_days"),
            livestream_url=spec["livestream_url"],
            **venues[spec["venue"]],
        )
    editions.append(upcoming)
    return editions


def paragraphs(texts):
    return [("paragraph", rich(text)) for text in texts]


def home_root(spec, site_spec):
    """The French home page, replacing Wagtail's placeholder on a fresh database."""
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale__language_code="fr").first()
    if home:
        return home
    for placeholder in root.get_children().exact_type(Page):
        placeholder.delete()
    fields = {**spec, "intro": paragraphs(spec["intro"])}
    home = HomePage(locale=Locale.objects.get(language_code="fr"), **fields)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port = site_spec["hostname"], site_spec["port"]
    site.site_name, site.root_page = site_spec["site_name"], home
    site.save()
    return home


def ordinal(number):
    return {1: "first", 2: "second", 3: "third"}.get(number, f"{number}th")


def edition_intro(edition, language, templates):
    template = templates[language]["past" if edition.is_past() else "upcoming"]
    text = template.format(
        number=edition.number,
        ordinal=ordinal(edition.number),
        date=format_date(edition.start_date, "d MMMM y", locale=language),
        venue=edition.venue_name,
        participants=edition.reported_participants,
    )
    return paragraphs([text])


def load_edition_pages(home, editions, templates):
    for edition in editions:
        page = publish_child_page(
            home,
            EditionPage(
                title=edition.name,
                slug=str(edition.year),
                edition=edition,
                show_in_menus=not edition.is_past(),
                intro=edition_intro(edition, "fr", templates),
            ),
        )
        publish_translation(page, "en", intro=edition_intro(edition, "en", templates))


def blocks(body):
    """StreamField blocks from the data's tables, each `{block type: value}`."""
    return [
        (kind, rich(value) if kind == "paragraph" else value)
        for block in body
        for kind, value in block.items()
    ]


def load_standard_pages(home, data):
    pages = {}
    picture = data["venue_image"]
    venue_image = demo_image(
        picture["title"], picture["alt_text"], text=picture["text"], seed=picture["seed"]
    )
    for spec in data["pages"]:
        bodies = {language: blocks(spec[language]["body"]) for language in ("fr", "en")}
        if spec.get("image"):
            for language, body in bodies.items():
                caption = picture["caption"][language]
                body.insert(0, ("image", {"image": venue_image, "caption": caption}))
        french, english = spec["fr"], spec["en"]
        page = publish_child_page(
            home,
            StandardPage(
                title=french["title"],
                slug=french["slug"],
                intro=french["intro"],
                body=bodies["fr"],
                show_in_menus=spec.get("menu", False),
            ),
        )
        publish_translation(
            page,
            "en",
            title=english["title"],
            slug=english["slug"],
            intro=english["intro"],
            body=bodies["en"],
        )
        pages[french["slug"]] = page
    return pages


def load_settings(site, pages, data):
    site_settings = SiteSettings.for_site(site)
    if site_settings.organization_name:
        return
    for name, value in data["settings"].items():
        setattr(site_settings, name, value)
    for name, slug in data["settings_pages"].items():
        setattr(site_settings, name, pages[slug])
    site_settings.save()


def load(stdout):
    Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="en")
    pages_data, settings_data = demo_data("home", "pages"), demo_data("home", "settings")
    editions = load_editions()
    home = home_root(pages_data["home"]["fr"], settings_data["site"])
    english = pages_data["home"]["en"]
    publish_translation(home, "en", **{**english, "intro": paragraphs(english["intro"])})
    load_edition_pages(home, editions, demo_data("home", "editions")["intro"])
    pages = load_standard_pages(home, pages_data)
    load_settings(Site.objects.get(root_page=home), pages, settings_data)
    stdout.write(f"Site: {len(editions)} editions, home page and standard pages in fr and en.")
