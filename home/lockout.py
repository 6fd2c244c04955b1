"""The page shown when django-axes refuses a login (AXES_LOCKOUT_CALLABLE): when to try again."""

import math

from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from wagtail.admin.views.account import password_reset_enabled

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt

from .ratelimit import retry_after


def locked_until(request, username):
    """When the lockout of this user name from this client address ends."""
    last_failure = AccessAttempt.objects.filter(
        username=username, ip_address=request.axes_ip_address
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last_failure or timezone.now()) + get_cool_off(request)


def lockout_response(request, original_response=None, credentials=None):
    username = get_client_username(request, credentials) or ""
    until = locked_until(request, username)
    response = TemplateResponse(
        request,
        "home/login_locked_out.html",
        {
            "until": until,
            "same_day": timezone.localdate(until) == timezone.localdate(),
            "login_url": reverse("wagtailadmin_login"),
            "show_password_reset": password_reset_enabled(),
        },
        status=429,
    ).render()
    # The admin's own Content-Security-Policy (set on the login view's answer) still applies.
    for attribute in ("_csp_config", "_csp_ro_config"):
        if hasattr(original_response, attribute):
            setattr(response, attribute, getattr(original_response, attribute))
    add_never_cache_headers(response)
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    return retry_after(response, seconds)
