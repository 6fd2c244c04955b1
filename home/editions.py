"""An edition's pages, made in one step: its page and every section page, in every language.

The section pages are the concrete subclasses of `EditionSectionPage` (program, registration,
partners...): each says its title and slug per language (`section_titles`), so `home` creates
them without knowing the apps that define them. Running it again adds only what is missing.
"""

from wagtail.models import Locale, Page, Site, get_page_models

from .models import EditionPage, EditionSectionPage, HomePage


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
    page = EditionPage.objects.filter(edition=edition, locale=home.locale).first()
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
