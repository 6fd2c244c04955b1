import sys

from django.db import OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

RETRY_AFTER_SECONDS = 30  # what the 503 page tells browsers and load balancers


def page_not_found(request, exception=None):
    # The language switcher offers the other home page, with no "not translated" note.
    return render(request, "404.html", {"not_found": True}, status=404)


def server_error(request):
    """The 500 page, or the 503 page when the database is down, locked or too slow.

    Rendered without a request context, so without a database query: it must show whatever
    broke. Django calls it while handling the exception, which sys.exception() returns.
    """
    if isinstance(sys.exception(), OperationalError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
