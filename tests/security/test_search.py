"""Site search (`/recherche/?q=…&page=…`): no input answers 500 or comes back unescaped."""

from django.utils.html import escape

import pytest
from hypothesis import given

from tests.security.hostile import HOSTILE, RAW_ESCAPES, bounded, check, check_text, hostile_text

pytestmark = pytest.mark.django_db

SEARCH = "/recherche/"


def test_an_unterminated_double_quote_searches_the_words_around_it(client, site):
    response = check(client.get(SEARCH, {"q": 'migrer"x'}))
    assert response.status_code == 200
    quoted = check(client.get(SEARCH, {"q": '"migrer'}))
    assert f'href="{site.program_url}{site.talk.slug}/"' in quoted.content.decode()


def test_a_nul_in_the_query_is_dropped_and_the_rest_searched(client, site):
    response = check(client.get(SEARCH, {"q": "migr\x00er"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert escape("Résultats de recherche pour « migrer »") in html
    assert f'href="{site.program_url}{site.talk.slug}/"' in html


def test_control_characters_become_spaces_or_vanish(client, site):
    response = check(client.get(SEARCH, {"q": "\x1b[31mmigrer\tlibreoffice\u202e"}))
    assert escape("Résultats de recherche pour « [31mmigrer libreoffice »") in (
        response.content.decode()
    )


@pytest.mark.parametrize("name", ["q", "page"])
def test_every_hostile_value_of_a_parameter_is_answered_without_error(client, site, name):
    for hostile in HOSTILE:
        params = {"q": "migrer", name: hostile.value}
        response = check(client.get(SEARCH, params), hostile)
        assert response.status_code == 200, hostile


def test_invalid_utf8_and_broken_escapes_are_answered_without_error(client, site):
    for raw in RAW_ESCAPES:
        assert check(client.get(f"{SEARCH}?q=a{raw}b&page={raw}")).status_code == 200, raw


def test_a_repeated_parameter_takes_one_value(client, site):
    response = check(client.get(f"{SEARCH}?q=zzz&q=migrer&page=1&page=x"))
    assert f'href="{site.program_url}{site.talk.slug}/"' in response.content.decode()


@bounded
@given(query=hostile_text)
def test_any_query_is_answered(client, site, query):
    assert check_text(client.get(SEARCH, {"q": query}), query).status_code == 200


def test_the_program_search_functions_take_any_text(site):
    from program import queries

    for hostile in HOSTILE:
        queries.search_sessions(hostile.value)
        queries.search_speakers(hostile.value)
    assert [s.pk for s in queries.search_sessions('migr\x00er "libre')] == [site.talk.pk]
