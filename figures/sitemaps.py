"""The figures page is a plain view, not a Wagtail page: list it in the sitemap by hand."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class FiguresSitemap(Sitemap):
    i18n = True  # /chiffres/ and /en/figures/
    changefreq = "monthly"

    def items(self):
        return ["figures:index"]

    def location(self, item):
        return reverse(item)
