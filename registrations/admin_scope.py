"""Check-in volunteers reach the admin's check-in and nothing else of the admin.

Wagtail opens many admin URLs to anyone who may access the admin (choosers, its API, the page
chooser, reports), each checking permissions its own way or not at all. Rather than close them
one by one, an account that may do no more than a volunteer gets an allowlist: the admin URLs
named below answer it, every other one answers 403 with a page that leads back to check-in.
`alposs/urls.py` wraps every admin view with `keep_volunteers_to_check_in`.
"""

from functools import wraps

from django.template.response import TemplateResponse

from wagtail.admin.localization import get_localized_response

from .groups import VOLUNTEER_PERMISSION_NAMES

# The admin URLs, by name, that a volunteer-only account may open: logging in and out, the
# dashboard with its check-in panel, their own account and password, what the admin's pages load
# for themselves (icons, translations of its scripts, the sidebar's remembered state), and the
# menu's link to check-in. The check-in pages are routes of the registration page, outside the
# admin.
VOLUNTEER_ADMIN_URLS = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_home",
        "wagtailadmin_account",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_dismissibles",
        "registrations_admin:checkin",
    }
)


VOLUNTEER_DASHBOARD_TEMPLATE = "registrations/admin/volunteer_home.html"


def is_volunteer_only(user):
    """May this account do no more in the admin than a check-in volunteer?

    True when every permission it holds is one of the volunteers group's, and it holds none on
    pages, collections or moderation tasks, which Wagtail grants to groups apart from model
    permissions. An organizer who is also a volunteer is not one; a superuser never is.
    """
    if not user.is_authenticated or user.is_superuser:
        return False
    if not hasattr(user, "_alposs_volunteer_only"):
        user._alposs_volunteer_only = (
            user.get_all_permissions() <= VOLUNTEER_PERMISSION_NAMES
            and not _holds_rights_on_wagtail_objects(user)
        )
    return user._alposs_volunteer_only


def _holds_rights_on_wagtail_objects(user):
    from wagtail.models import GroupApprovalTask, GroupCollectionPermission, GroupPagePermission

    groups = user.groups.all()
    return (
        GroupPagePermission.objects.filter(group__in=groups).exists()
        or GroupCollectionPermission.objects.filter(group__in=groups).exists()
        or GroupApprovalTask.objects.filter(groups__in=groups, active=True).exists()
    )


def keep_volunteers_to_check_in(view):
    """Wraps an admin view: a volunteer-only account gets a 403 outside VOLUNTEER_ADMIN_URLS."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        name = request.resolver_match.view_name
        if name not in VOLUNTEER_ADMIN_URLS:
            if is_volunteer_only(request.user):
                # In the account's admin language, as Wagtail's own views answer.
                return get_localized_response(_refused, request)
            return view(request, *args, **kwargs)
        response = view(request, *args, **kwargs)
        if name == "wagtailadmin_home" and is_volunteer_only(request.user):
            # Not yet rendered: the dashboard without its search box (pages are closed to them).
            response.template_name = VOLUNTEER_DASHBOARD_TEMPLATE
        return response

    return guarded


def _refused(request):
    return TemplateResponse(request, "registrations/admin/volunteer_only.html", status=403)
