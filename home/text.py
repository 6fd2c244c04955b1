"""Text helpers shared by the apps."""

import unicodedata


def fold(text):
    """Lower case without accents, for matching what people type: `Estève` -> `esteve`."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
