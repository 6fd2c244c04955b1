from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.core.files.storage import FileSystemStorage
from django.urls import include, path, re_path
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.generic import TemplateView
from django.views.static import serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from figures.sitemaps import FiguresSitemap
from home.health import healthz
from home.lockout import limit_sign_in_attempts
from program import views as program_views
from registrations.admin_scope import keep_volunteers_to_check_in
from search import views as search_views


def admin_view(view):
    """The admin is never cached, may frame its own page previews, runs Wagtail's scripts,
    limits sign-in attempts per address, and shows check-in volunteers only what they need."""
    view = limit_sign_in_attempts(keep_volunteers_to_check_in(view))
    return never_cache(xframe_options_sameorigin(csp_override(settings.ALPOSS_ADMIN_CSP)(view)))


admin_urls = decorate_urlpatterns([path("", include(wagtailadmin_urls))], admin_view)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(admin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"wagtail": WagtailSitemap, "figures": FiguresSitemap}},
        name="sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

# Media on the local disk only: an object store serves its files itself.
if getattr(settings, "ALPOSS_SERVE_MEDIA", False) and issubclass(
    import_string(settings.STORAGES["default"]["BACKEND"]), FileSystemStorage
):
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += i18n_patterns(
    path(_("search/"), search_views.search, name="search"),
    # Before the page-file route below, which would otherwise take editions.json.
    path(_("figures/"), include("figures.urls")),
    # Page routes ending in a file name (schedule.xml, <session>.ics): Wagtail's pattern has no dot.
    re_path(
        r"^((?:[\w\-]+/)+[\w\-]+\.(?:atom|ics|json|xml))$",
        program_views.serve_page_file,
        name="page_file",
    ),
    path(_("sponsor-portal/"), include("sponsors.urls")),
    # The live page of an edition (/2026/direct/, /en/2026/live/), before the page tree.
    path(_("<int:year>/live/"), program_views.live, name="program_live"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
