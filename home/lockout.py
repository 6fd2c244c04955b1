"""Sign-in abuse in the admin: the page shown when django-axes refuses a login
(AXES_LOCKOUT_CALLABLE), and a per-address limit on sign-in attempts whatever the user name.

django-axes locks a user name from one address; the address limit stops the same address
trying a few passwords on each of many user names ("password spraying").
"""

import datetime
import math
from functools import wraps

from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from wagtail.admin.views.account import password_reset_enabled

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt

from . import ratelimit
from .ratelimit import retry_after


def locked_until(request, username):
    """When the lockout of this user name from this client address ends."""
    last_failure = AccessAttempt.objects.filter(
        username=username, ip_address=request.axes_ip_address
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last_failure or timezone.now()) + get_cool_off(request)


def paused_sign_in(request, until, *, whole_address=False):
    """The 429 page: signing in is paused until `until`, for one user name or the address."""
    response = TemplateResponse(
        request,
        "home/login_locked_out.html",
        {
            "until": until,
            "same_day": timezone.localdate(until) == timezone.localdate(),
            "whole_address": whole_address,
            "login_url": reverse("wagtailadmin_login"),
            "show_password_reset": password_reset_enabled(),
        },
        status=429,
    ).render()
    add_never_cache_headers(response)
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    return retry_after(response, seconds)


def lockout_response(request, original_response=None, credentials=None):
    username = get_client_username(request, credentials) or ""
    response = paused_sign_in(request, locked_until(request, username))
    # The admin's own Content-Security-Policy (set on the login view's answer) still applies.
    for attribute in ("_csp_config", "_csp_ro_config"):
        if hasattr(original_response, attribute):
            setattr(response, attribute, getattr(original_response, attribute))
    return response


def limit_sign_in_attempts(view):
    """Wraps an admin view: sign-in attempts (POSTs to the login page) count per client address
    (`admin-login.address` in ALPOSS_RATE_LIMITS); past the limit, the 429 page says until when."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.method == "POST" and request.resolver_match.view_name == "wagtailadmin_login":
            wait = ratelimit.seconds_to_wait(request, "admin-login")
            if wait:
                until = timezone.now() + datetime.timedelta(seconds=wait)
                return paused_sign_in(request, until, whole_address=True)
        return view(request, *args, **kwargs)

    return limited
