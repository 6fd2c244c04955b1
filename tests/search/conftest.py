"""Search finds what the other apps hold: the program's fixtures serve here too."""

from tests.program.conftest import (  # noqa: F401
    edition,
    empty_cache,
    program_page,
    program_page_en,
    rooms,
)
