"""An edition's pages, made in one step: its page and every section page, in every language.

The section pages are the concrete subclasses of `EditionSectionPage` (program, registration,
partners...): each says its title and slug per language (`section_titles`), so `home` creates
them without knowing the apps that define them. Running it again adds only what is missing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone

from wagtail import hooks
from wagtail.models import Locale, Page, Site, get_page_models

from .models import Edition, EditionPage, EditionSectionPage, HomePage


def publish_child_page(parent, page, user=None):
    """Add `page` under `parent` unless a page with its slug is already there; publish it."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    return page


def publish_translation(page, language_code, user=None, **fields):
    """The page's copy in another language, created and published once with these fields."""
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing.specific
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    copy.save_revision(user=user).publish(user=user)
    return Page.objects.get(pk=copy.pk).specific


def section_models():
    return [
        model
        for model in get_page_models()
        if issubclass(model, EditionSectionPage) and getattr(model, "section_titles", None)
    ]


def _home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site else None
    if not isinstance(root, HomePage):
        root = HomePage.objects.filter(locale=Locale.get_default()).first()
    return root


def _other_languages(home):
    """Languages other than the home page's own in which the home page is translated."""
    return [
        page.locale.language_code
        for page in home.get_translations().select_related("locale")
        if page.live
    ]


def create_edition_pages(edition, user=None):
    """The edition's page and section pages in every language of the site; returns the pages
    created (an empty list when they all exist). None when the site has no home page."""
    home = _home_page()
    if home is None:
        return None
    created = []
    page = (
        EditionPage.objects.filter(edition=edition, locale=home.locale)
        .order_by("-live", "pk")
        .first()
    )
    if page is None:
        page = EditionPage(
            title=edition.name, slug=str(edition.year), edition=edition, show_in_menus=True
        )
        publish_child_page(home, page, user)
        created.append(page)
    languages = _other_languages(home)
    for language in languages:
        if page.get_translation_or_none(Locale.objects.get(language_code=language)) is None:
            created.append(publish_translation(page, language, user))
    for model in section_models():
        section = model.objects.child_of(page).first()
        if section is None:
            title, slug = model.section_title(home.locale.language_code)
            section = model(title=title, slug=slug, show_in_menus=True)
            publish_child_page(page, section, user)
            created.append(section)
        for language in languages:
            locale = Locale.objects.get(language_code=language)
            if section.get_translation_or_none(locale) is None:
                title, slug = model.section_title(language)
                created.append(publish_translation(section, language, user, title=title, slug=slug))
    return created


# Other apps copy their per-edition data (rooms, tracks, tiers...) from one edition to the
# next by answering this hook: `fn(source, edition)` returns [(label, count copied), ...] and
# copies only what the new edition does not have yet (so that running it twice adds nothing).
PREPARE_EDITION_HOOK = "alposs_prepare_edition"

# What a new edition takes from the edition it is prepared from, unless given.
COPIED_FIELDS = (
    "theme",
    "theme_en",
    "venue_name",
    "venue_address",
    "venue_map_url",
    "capacity",
    "serves_food",
    "reminder_days",
    "livestream_url",
)


@dataclass
class PreparedEdition:
    edition: Edition
    created: bool
    pages: list = field(default_factory=list)
    texts: int = 0
    copied: list = field(default_factory=list)


def prepare_edition(
    *,
    year,
    name,
    start_date,
    end_date,
    registration_opens_at=None,
    registration_closes_at=None,
    source=None,
    user=None,
):
    """The next edition in one step: the Edition (its venue and standard fields taken from
    `source`), its pages in every language with the year as slug, the introductions of
    `source`'s pages, what other apps copy through `PREPARE_EDITION_HOOK`, and its page first
    in the menu. An edition of that year that exists already is completed, never duplicated
    nor changed."""
    with transaction.atomic():
        edition = Edition.objects.filter(year=year).first()
        created = edition is None
        if created:
            edition = Edition(
                year=year,
                name=name,
                start_date=start_date,
                end_date=end_date,
                registration_opens_at=registration_opens_at,
                registration_closes_at=registration_closes_at,
            )
            if source is not None:
                for name_ in COPIED_FIELDS:
                    setattr(edition, name_, getattr(source, name_))
                if source.number:
                    edition.number = source.number + year - source.year
            edition.full_clean()
            edition.save()
        result = PreparedEdition(edition=edition, created=created)
        result.pages = create_edition_pages(edition, user=user) or []
        if source is not None and source.pk != edition.pk:
            result.texts = copy_page_texts(source, edition, user=user)
            for answer in hooks.get_hooks(PREPARE_EDITION_HOOK):
                result.copied.extend(answer(source, edition) or [])
        put_first_in_menu(edition)
    return result


def _pages_by_locale(edition):
    return {
        page.locale_id: page
        for page in EditionPage.objects.filter(edition=edition).order_by("live", "pk")
    }


def copy_page_texts(source, edition, user=None):
    """Copy the introductions of `source`'s edition and section pages onto `edition`'s pages
    of the same kind and language whose introduction is empty; returns how many were copied."""
    targets = _pages_by_locale(edition)
    copied = 0
    for locale_id, old_page in _pages_by_locale(source).items():
        new_page = targets.get(locale_id)
        if new_page is None:
            continue
        pairs = [(old_page, new_page)]
        new_sections = {type(p.specific): p.specific for p in new_page.get_children()}
        for old_section in old_page.get_children().specific():
            if type(old_section) in new_sections:
                pairs.append((old_section, new_sections[type(old_section)]))
        for old, new in pairs:
            if _copy_intro(old, new, user):
                copied += 1
    return copied


def _copy_intro(old, new, user):
    try:
        intro = type(new)._meta.get_field("intro")
    except FieldDoesNotExist:
        return False
    value = intro.value_from_object(old)
    if not value or intro.value_from_object(new) or new.has_unpublished_changes:
        return False
    new.intro = intro.get_prep_value(value)
    new.save_revision(user=user).publish(user=user)
    return True


def put_first_in_menu(edition):
    """The edition's page first under the home page, in every language; the pages of editions
    already held leave the main menu (the home page lists them under "Past editions")."""
    today = timezone.localdate()
    for page in EditionPage.objects.filter(edition=edition, live=True):
        parent = page.get_parent()
        first = parent.get_first_child()
        if first is not None and first.pk != page.pk:
            page.move(parent, pos="first-child")
        for old in (
            EditionPage.objects.child_of(parent)
            .filter(show_in_menus=True, edition__end_date__lt=today)
            .exclude(pk=page.pk)
        ):
            old.show_in_menus = False
            old.save(update_fields=["show_in_menus"])
