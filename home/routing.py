"""Routable pages whose sub-page paths are translated."""

from django.urls import NoReverseMatch


class LocalizedRoutesMixin:
    """A route may have a variant per language, named `<name>_<language code>` (`speakers_en`,
    `confirm_view_fr`); `reverse_subpage(name)` gives the page's language's variant when there
    is one, else the route itself. Every variant resolves on every page, so a link keeps working
    whatever language it was sent in.

    A view serving the page already knows its language: passing `language` spares the query
    for the page's locale."""

    def reverse_subpage(self, name, args=None, kwargs=None, language=None):
        language = language or self.locale.language_code
        try:
            return super().reverse_subpage(f"{name}_{language}", args=args, kwargs=kwargs)
        except NoReverseMatch:
            return super().reverse_subpage(name, args=args, kwargs=kwargs)
