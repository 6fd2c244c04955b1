"""Local development: debug on, a fixed dev secret, mails in the console."""

import contextlib

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# Links in e-mails and on the admin's private-link pages follow `PORT=8080 make run`.
WAGTAILADMIN_BASE_URL = env(
    "WAGTAILADMIN_BASE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}"
)
# Media where base.py puts them (local disk, or the object store ALPOSS_MEDIA_S3_* names).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ALPOSS_SERVE_MEDIA = True

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
