from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import EditionPage, HomePage, StandardPage


class PageTreeRulesTest(WagtailPageTestCase):
    """Organizers cannot build a nonsensical tree."""

    def test_home_page_only_lives_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_edition_pages_live_under_the_home_page(self):
        self.assertAllowedParentPageTypes(EditionPage, {HomePage})

    def test_standard_pages_live_under_home_edition_or_standard_pages(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, EditionPage, StandardPage})

    def test_a_home_page_cannot_hold_another_home_page(self):
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_standard_pages_only_hold_standard_pages(self):
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
