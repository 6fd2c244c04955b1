"""The participant's own program on the management page (workshops and marked sessions in one
list) and its private calendar feed. The forms post to the management page itself."""

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.cleaning import is_storable_id
from program.models import ProgramPage
from program.my_program import MAX_SELECTED, code_of

from .. import feed as calendar_feed
from .. import services, tokens
from ..forms import MarkSessionsForm
from ..links import RegistrationLinks, webcal
from ..responses import private

ACTIONS = {"mark_sessions", "unmark_session"}  # the buttons of this section's forms


def posted(request):
    return request.method == "POST" and bool(ACTIONS & set(request.POST))


def outcome_messages(outcome):
    """(what was done, what was left out) of services.mark_sessions, in words."""
    done = []
    if outcome.added:
        count = len(outcome.added)
        done.append(
            ngettext(
                "%(count)s session added to your program.",
                "%(count)s sessions added to your program.",
                count,
            )
            % {"count": count}
        )
    if outcome.already:
        done.append(
            ngettext(
                "%(count)s session was in it already.",
                "%(count)s sessions were in it already.",
                outcome.already,
            )
            % {"count": outcome.already}
        )
    left_out = []
    if outcome.unknown:
        left_out.append(
            ngettext(
                "%(count)s code matches no session of this edition's program: it was left out.",
                "%(count)s codes match no session of this edition's program: they were left out.",
                outcome.unknown,
            )
            % {"count": outcome.unknown}
        )
    if outcome.over_limit:
        left_out.append(
            ngettext(
                "Your program keeps %(max)s sessions at most: %(count)s session was left out.",
                "Your program keeps %(max)s sessions at most: %(count)s sessions were left out.",
                outcome.over_limit,
            )
            % {"count": outcome.over_limit, "max": MAX_SELECTED}
        )
    return " ".join(done), " ".join(left_out)


def change(request, registration):
    """(form, notice, warning) of a POST of this section: add stars, or remove one."""
    if "unmark_session" in request.POST:
        pk = request.POST.get("unmark_session", "")
        removed = services.unmark_session(registration, int(pk)) if is_storable_id(pk) else None
        if removed is None:
            return None, None, None
        notice = _("“%(title)s” is no longer in your program.") % {"title": removed.title}
        return None, notice, None
    form = MarkSessionsForm(request.POST)
    if not form.is_valid():
        return form, None, None
    outcome = services.mark_sessions(registration, form.cleaned_data["codes"])
    if not outcome.found_any:
        form.add_error(
            "codes",
            _(
                "No session of this edition's program was found in what you pasted. Paste the "
                "address of your “My program” page, with the sessions you starred."
            ),
        )
        return form, None, outcome_messages(outcome)[1] or None
    notice, warning = outcome_messages(outcome)
    return None, notice, warning or None


def _program_page(registration):
    return ProgramPage.for_edition(registration.edition_id, language=translation.get_language())


def context(page, registration, seats, form=None, warning=None):
    """What the management page shows of the participant's program (a fixed number of
    queries, whatever the number of sessions)."""
    marked = services.marked_sessions(registration)
    items = services.program_of(seats, marked)
    program_page = _program_page(registration)
    base = program_page.url if program_page is not None else None
    for item in items:
        session = item.session
        item.url = f"{base}{session.slug}/" if base and session.live and session.slug else None
    my_program_url = None
    if base and marked:
        language = translation.get_language()
        codes = "-".join(code_of(session) for session in marked)
        my_program_url = f"{base}{program_page.reverse_subpage('my_program', language=language)}"
        my_program_url += f"?s={codes}"
    feed_url = RegistrationLinks(registration, page).feed
    return {
        "program_items": items,
        "marked_codes": [code_of(session) for session in marked],
        "clash_count": sum(item.clashes for item in items),
        "program_form": (form or MarkSessionsForm()) if registration.is_active else None,
        "program_warning": warning,
        "my_program_url": my_program_url,
        "feed_url": feed_url,
        "webcal_url": webcal(feed_url),
    }


def _refused(error):
    """Calendar apps need a status, not a page: 404 for a wrong or revoked link, 410 for one
    past the edition's purge date."""
    expired = isinstance(error, tokens.ExpiredToken)
    text = "Gone.\n" if expired else "Not found.\n"
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response.status_code = 410 if expired else 404
    return private(response)


def feed(request, page, token):
    """The private calendar feed: read again at every request, never kept by any cache."""
    try:
        registration = tokens.read_token(token, tokens.FEED)
        if registration.edition_id != getattr(page.edition, "pk", None):
            raise tokens.InvalidToken
    except tokens.InvalidToken as error:
        return _refused(error)
    sessions, workshop_ids = services.feed_sessions(registration)
    program_page = _program_page(registration)
    base = program_page.get_url(request) if program_page is not None else None

    def session_url(session):
        if not (base and session.slug):
            return None
        return request.build_absolute_uri(f"{base}{session.slug}/")

    content = calendar_feed.calendar(registration, sessions, workshop_ids, session_url)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    filename = f"alposs-{registration.edition.year}-my-program.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return private(response)
