"""Text helpers shared by the apps."""

import unicodedata

from django.utils.translation import get_language


def fold(text):
    """Lower case without accents, for matching what people type: `Estève` -> `esteve`."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


# Records exist once whatever the language (pages are translated as whole pages): a short text
# that needs an English version has a `<name>_en` field next to the French `<name>`.


def localized(obj, name):
    """`obj.<name>_en` on English pages when it is filled in, else `obj.<name>` (French)."""
    if get_language() == "en":
        english = getattr(obj, f"{name}_en")
        if english:
            return english
    return getattr(obj, name)


class TranslatedField:
    """A read-only attribute giving `localized(obj, name)`, as in Wagtail's "translated fields"
    recipe: `localized_name = TranslatedField("name")` reads `name_en`, else `name`."""

    def __init__(self, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return localized(obj, self.name)
