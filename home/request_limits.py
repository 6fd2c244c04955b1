"""How large a request body may be: refused with the site's 413 page before it is read.

The public site takes small forms and a sponsor's logo; people who work in the admin upload
images and documents, so they get a higher limit (ALPOSS_MAX_REQUEST_BYTES and
ALPOSS_ADMIN_MAX_REQUEST_BYTES). The proxy in front should refuse larger bodies itself
(nginx: client_max_body_size).
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse

ADMIN_PERMISSION = "wagtailadmin.access_admin"


class RequestTooLarge(MultiPartParserError):
    """A body went past its limit while it was read (Django answers 400 if nothing catches
    this; RequestSizeLimitMiddleware answers 413)."""

    def __init__(self, limit):
        super().__init__(f"The request body is larger than {limit} bytes.")
        self.limit = limit


def body_limit(request):
    """The most bytes this request may send."""
    user = getattr(request, "user", None)
    in_admin = request.path_info.startswith(reverse("wagtailadmin_home"))
    if in_admin and user is not None and user.has_perm(ADMIN_PERMISSION):
        return settings.ALPOSS_ADMIN_MAX_REQUEST_BYTES
    return settings.ALPOSS_MAX_REQUEST_BYTES


def declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request, limit):
    return render(request, "413.html", {"limit_mb": limit // (1024 * 1024)}, status=413)


class RequestSizeLimitMiddleware:
    """413 for a body whose Content-Length is over the limit, before anything reads it.

    A multipart body is parsed here, through CappedUploadHandler, rather than later by the
    CSRF check or the view, so that one which turns out larger than its limit is answered 413
    too. Comes after AuthenticationMiddleware (the admin's limit depends on the user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request)
        if length > settings.ALPOSS_MAX_REQUEST_BYTES:  # only then is the user worth a look
            limit = body_limit(request)
            if length > limit:
                return too_large(request, limit)
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.POST  # noqa: B018 - parsed now, see the docstring
            except RequestTooLarge as error:
                return too_large(request, error.limit)
        return self.get_response(request)


class CappedUploadHandler(FileUploadHandler):
    """Stops reading uploaded files once a request has sent more than its limit, whatever its
    headers said. Django reads no more than Content-Length and nothing of a body without one,
    so RequestSizeLimitMiddleware refuses such bodies first; this is the second line."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = None
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        if self.limit is None:
            self.limit = body_limit(self.request)
        self.received += len(raw_data)
        if self.received > self.limit:
            self._close_files()
            raise RequestTooLarge(self.limit)
        return raw_data

    def _close_files(self):
        # Django's parser frees the other handlers' files on StopUpload only (by the same
        # `file` attribute), not on an error that ends the parse like this one.
        for handler in self.request.upload_handlers:
            if handler is not self and hasattr(handler, "file"):
                handler.file.close()

    def file_complete(self, file_size):
        return None  # the next handler keeps the file
