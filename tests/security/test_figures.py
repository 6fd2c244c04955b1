"""The public figures page and its open data take no parameter: any query string, method or
broken escape is ignored or refused, never an error."""

import pytest

from tests.security.hostile import HOSTILE, RAW_ESCAPES, check

pytestmark = pytest.mark.django_db

PAGES = ("/chiffres/", "/chiffres/editions.csv", "/chiffres/editions.json", "/en/figures/")


@pytest.mark.parametrize("url", PAGES)
def test_any_query_string_is_ignored(client, site, url):
    expected = client.get(url).content
    for hostile in HOSTILE:
        response = check(client.get(url, {"edition": hostile.value, "format": hostile.value}))
        assert response.status_code == 200, hostile
        if not url.endswith("/"):
            assert response.content == expected, hostile
        elif hostile.marker:
            assert hostile.marker not in response.content.decode(), hostile
    for raw in RAW_ESCAPES:
        assert check(client.get(f"{url}?year={raw}")).status_code == 200, raw


@pytest.mark.parametrize("url", PAGES)
def test_only_reading_methods_are_served(client, site, url):
    assert check(client.post(url, {"year": "2033"})).status_code == 405
    assert check(client.put(url)).status_code == 405
    assert check(client.head(url)).status_code == 200
