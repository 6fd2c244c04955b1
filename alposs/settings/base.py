"""Settings shared by every environment. Values come from the environment (12-factor)."""

import datetime
from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "program",
    "sponsors",
    "registrations",
    "figures",
    "messaging",
    "search",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "crispy_forms",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers of public pages are answered here, before sessions and page routing.
    "home.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "home.request_limits.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a login refused by django-axes into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alposs.urls"
WSGI_APPLICATION = "alposs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # The site's `date` filter ("1er" in French) and `french_spacing`, in every template.
            "builtins": ["home.templatetags.typography"],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock instead of failing at once ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Each worker keeps its database connection between requests (opening one costs more than the
# page): seconds, 0 to close after each request. Checked before reuse, so a restarted server
# costs one failed attempt, not an error page.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Wagtail's database search backend uses PostgreSQL's full-text fields there.
    INSTALLED_APPS.append("django.contrib.postgres")
    # A request never hangs on a locked table or a runaway query: it fails within seconds and
    # the visitor gets the 503 page (home.views.server_error), long before the WSGI server's
    # own timeout kills the worker. 0 turns a limit off (e.g. for a long maintenance command).
    _lock_ms = int(env.float("DATABASE_LOCK_TIMEOUT", default=3) * 1000)
    _statement_ms = int(env.float("DATABASE_STATEMENT_TIMEOUT", default=15) * 1000)
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c lock_timeout={_lock_ms} "
        f"-c statement_timeout={_statement_ms}"
    ).strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://alposs")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "home.redis_cache.ReusedClientRedisCache"

AUTH_USER_MODEL = "home.User"
# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Languages: French first (served at /), English at /en/.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
# One date format per language, used everywhere ("1er novembre 2026 à 09:00", "1 November 2026").
FORMAT_MODULE_PATH = ["alposs.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "alposs" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media (uploaded images and their renditions, documents, sponsors' logos, PeerTube pictures)
# on an S3-compatible object store when ALPOSS_MEDIA_S3_BUCKET names a bucket, so that several
# app servers share them (ALPOSS_MEDIA_S3_* settings: alposs/settings/object_storage.py);
# on the local disk (MEDIA_ROOT) otherwise. Static files stay with whitenoise.
ALPOSS_MEDIA_S3_BUCKET = env("ALPOSS_MEDIA_S3_BUCKET", default="")
# The object store's options, read by home.media_storage.S3MediaStorage.
ALPOSS_MEDIA_S3 = {}
# Origins browsers load media from besides the site itself (added to the CSP's img-src).
ALPOSS_MEDIA_ORIGINS = []
if ALPOSS_MEDIA_S3_BUCKET:
    from .object_storage import s3_media_settings

    ALPOSS_MEDIA_S3, ALPOSS_MEDIA_ORIGINS = s3_media_settings(env, ALPOSS_MEDIA_S3_BUCKET)
    STORAGES["default"] = {"BACKEND": "home.media_storage.S3MediaStorage"}
# Documents are sent by Django (privacy of collections, a strict CSP, nosniff), never by a
# redirect to the store: the bucket keeps them private.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Request bodies (home/request_limits.py): larger ones get the 413 page before they are read.
# The public site takes forms and a sponsor's logo; people working in the admin upload images
# and documents. The proxy's own limit (nginx: client_max_body_size) matches the admin's.
ALPOSS_MAX_REQUEST_BYTES = env.int("ALPOSS_MAX_REQUEST_BYTES", default=10 * 1024 * 1024)
ALPOSS_ADMIN_MAX_REQUEST_BYTES = env.int("ALPOSS_ADMIN_MAX_REQUEST_BYTES", default=50 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "home.request_limits.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="AlpOSS <contact@alposs.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "AlpOSS"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_USER_LOGIN_FORM = "home.forms.LoginForm"
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "txt", "csv", "xlsx", "docx"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatar from gravatar.com: the admin makes no request to a third party either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = env.bool("WAGTAIL_PASSWORD_RESET_ENABLED", default=True)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["alposs"]
CRISPY_TEMPLATE_PACK = "alposs"

# PeerTube (program/peertube/): the instances whose videos and lives the site accepts, and how
# the server talks to their API (short timeouts, bounded bodies, cached answers).
ALPOSS_PEERTUBE_HOSTS = env.list("ALPOSS_PEERTUBE_HOSTS", default=["video.echirolles.fr"])
ALPOSS_PEERTUBE_CONNECT_TIMEOUT = env.float("ALPOSS_PEERTUBE_CONNECT_TIMEOUT", default=2.0)
ALPOSS_PEERTUBE_READ_TIMEOUT = env.float("ALPOSS_PEERTUBE_READ_TIMEOUT", default=3.0)
ALPOSS_PEERTUBE_MAX_BYTES = env.int("ALPOSS_PEERTUBE_MAX_BYTES", default=2 * 1024 * 1024)
ALPOSS_PEERTUBE_LIVE_TTL = env.int("ALPOSS_PEERTUBE_LIVE_TTL", default=30)
ALPOSS_PEERTUBE_TTL = env.int("ALPOSS_PEERTUBE_TTL", default=3600)
# Where the API of an allowed host is reached, when not at https://<host> (tests, local dev).
ALPOSS_PEERTUBE_API_ORIGINS = {}

# Security headers. The public site runs no inline script or style; the Wagtail admin
# gets its own, looser policy in alposs/urls.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Nobody frames the public site; the admin frames its own previews (see alposs/urls.py).
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *ALPOSS_MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # Pages that show a PeerTube player add exactly the allowed instances, read from the site
    # settings (program.views.with_player_frames).
    "frame-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
ALPOSS_ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", *ALPOSS_MEDIA_ORIGINS],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Cache lifetime of public pages for anonymous readers (seconds).
ALPOSS_PUBLIC_CACHE_SECONDS = env.int("ALPOSS_PUBLIC_CACHE_SECONDS", default=300)
# The HTTP caches in front (Varnish, deploy/varnish/alposs.vcl), each given by the address it
# takes PURGE requests on: any published change purges the whole site from each of them.
ALPOSS_HTTP_CACHE_PURGE_URLS = env.list("ALPOSS_HTTP_CACHE_PURGE_URLS", default=[])
if ALPOSS_HTTP_CACHE_PURGE_URLS:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        f"http-cache-{number}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
        for number, location in enumerate(ALPOSS_HTTP_CACHE_PURGE_URLS, start=1)
    }
    # French pages have no language prefix: purge the paths as they are.
    WAGTAILFRONTENDCACHE_LANGUAGES = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Labels used by admin menus (kept here so they are translated once).
ALPOSS_ADMIN_GROUP_LABEL = _("Conference")

# Registrations: confirmation links (and unconfirmed registrations) expire after this many
# hours; personal data is purged this many days after an edition (purge_personal_data --due).
ALPOSS_REGISTRATION_CONFIRMATION_HOURS = env.int(
    "ALPOSS_REGISTRATION_CONFIRMATION_HOURS", default=48
)
ALPOSS_REGISTRATION_RETENTION_DAYS = env.int("ALPOSS_REGISTRATION_RETENTION_DAYS", default=180)
# A registration e-mail the mail server refused is tried again after these delays (seconds).
ALPOSS_REGISTRATION_MAIL_RETRY_DELAYS = (60, 300, 1800, 7200, 21600)
# Organizers' messages (messaging app): the worker sends at most this many e-mails, then waits
# this many seconds before the next batch (a throttle the mail server's limits dictate); an
# address the mail server refused is tried again after these delays (seconds), then recorded
# as failed.
ALPOSS_MESSAGE_BATCH_SIZE = env.int("ALPOSS_MESSAGE_BATCH_SIZE", default=30)
ALPOSS_MESSAGE_BATCH_SECONDS = env.int("ALPOSS_MESSAGE_BATCH_SECONDS", default=60)
ALPOSS_MESSAGE_RETRY_DELAYS = (300, 1800, 7200)
# A delivery a worker took and did not finish within this time (the worker stopped) is shown as
# a failure, to be sent again by hand: never twice on its own, never silently forgotten.
ALPOSS_MESSAGE_SENDING_TIMEOUT = env.int("ALPOSS_MESSAGE_SENDING_TIMEOUT", default=900)
# How long a sponsor's private portal link works (rotating the sponsorship's key revokes it).
ALPOSS_SPONSOR_PORTAL_LINK_MAX_AGE = datetime.timedelta(
    days=env.int("ALPOSS_SPONSOR_PORTAL_LINK_DAYS", default=120)
)

# Abuse. The client's address is REMOTE_ADDR, or, when REMOTE_ADDR is one of these proxies
# (addresses or networks, e.g. 127.0.0.1,10.0.0.0/8), the rightmost address of
# X-Forwarded-For that is not one of them (home/client_address.py).
ALPOSS_TRUSTED_PROXIES = env.list("ALPOSS_TRUSTED_PROXIES", default=[])
# Rate limits, `<action>.<key>: "<count>/<period>"`, counted in the cache (shared by every
# worker only when CACHE_URL is Redis: production requires it). ALPOSS_RATE_LIMITS in the
# environment overrides some, e.g. `registration.address=60/h,checkin-search.user=300/10m`.
ALPOSS_RATE_LIMITS = {
    # Each registration mails a text its sender chose to the address typed in.
    "registration.email": "5/h",
    "registration.address": "30/h",
    # Every request to the sponsor portal (a link tried), and the saves among them.
    "sponsor-portal.address": "60/h",
    "sponsor-portal-save.address": "20/h",
    # A busy door: 300 people in an hour through 3 volunteers is about 3 searches a minute
    # each, with a rush of half of them in 10 minutes; volunteers may share one Wi-Fi.
    "checkin-search.user": "200/10m",
    "checkin-search.address": "600/10m",
    # Sign-in attempts to the admin from one address, whatever the user name (django-axes
    # locks one user name after 5 wrong passwords); volunteers may share the venue's Wi-Fi.
    "admin-login.address": "60/h",
} | env.dict("ALPOSS_RATE_LIMITS", default={})

# Admin login lockout (django-axes): after this many wrong passwords for one user name from
# one client address, that pair may not log in for this long; stored in the database, so
# every worker sees it. Other addresses and other accounts are not locked: nobody can lock an
# organizer out from elsewhere. `manage.py axes_reset_username <name>` lifts a lockout.
AXES_FAILURE_LIMIT = env.int("ALPOSS_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("ALPOSS_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "home.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "home.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout are refused unread and do not push its end further.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# No record of successful logins (privacy); failed attempts are deleted after the cool-off.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Schedule import (manage.py import_schedule): the `type` of a session in the source (compared
# without case, hyphens or underscores) -> our session kind. Extend it for your call for papers'
# own types; an unknown type is imported as a talk, with a warning.
ALPOSS_IMPORT_KIND_MAP = {
    "talk": "talk",
    "vortrag": "talk",
    "conference": "talk",
    "presentation": "talk",
    "other": "talk",
    "keynote": "keynote",
    "plenary": "keynote",
    "workshop": "workshop",
    "atelier": "workshop",
    "hands on": "workshop",
    "lightning talk": "lightning",
    "lightning": "lightning",
    "discussion": "round_table",
    "meeting": "round_table",
    "panel": "round_table",
    "round table": "round_table",
    "table ronde": "round_table",
    "break": "break",
    "pause": "break",
    "lunch": "break",
}
# Files larger than this are refused before they are parsed.
ALPOSS_IMPORT_MAX_BYTES = 20 * 1024 * 1024
# Hosts an import may fetch from even when they resolve to a private or local address (every
# other host must be public), e.g. ["pretalx.intranet.example"] for a pretalx on the intranet.
ALPOSS_IMPORT_TRUSTED_HOSTS = []
