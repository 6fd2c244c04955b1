"""The rules of registration, called by views, admin actions, commands and tests alike:

- registration.py: register, confirm, cancel, promote, expire, change workshops, new links;
- workshops.py: the workshops' seats and waiting lists (called inside registration.py's
  transactions);
- checkin.py: check-in at the door and at workshops, the volunteers' search and counter;
- notices.py: the e-mails the rules send on their own (a workshop moved, the reminder);
- program.py: the sessions a participant marked, beside their workshops, and their feed;
- purge.py: deleting personal data.

`from registrations import services; services.register(...)` reaches each of them.
"""

from ..exceptions import (
    ConfirmationExpired,
    InvalidWorkshops,
    NoNewLink,
    NotCheckable,
    NotConfirmable,
    RegistrationClosed,
    RegistrationError,
)
from ..retention import purge_due_date
from .checkin import (
    AttendanceOutcome,
    CheckInOutcome,
    attend_workshop,
    check_in,
    check_in_counts,
    checkin_workshops,
    read_check_in,
    search_for_check_in,
    undo_attendance,
    undo_check_in,
)
from .notices import send_reminders, tell_seat_holders
from .program import (
    MarkOutcome,
    ProgramItem,
    feed_sessions,
    mark_sessions,
    marked_sessions,
    program_of,
    unmark_session,
)
from .purge import anonymize_queryset, delete_personal_data, purge_edition
from .registration import (
    ConfirmOutcome,
    RegisterOutcome,
    cancel,
    change_workshops,
    confirm,
    confirm_email_change,
    expire_pending,
    find_active,
    lock_edition,
    normalize_email,
    promote,
    promote_next,
    register,
    request_email_change,
    revoke_links,
    send_new_link,
    update_details,
)

__all__ = [
    "AttendanceOutcome",
    "CheckInOutcome",
    "ConfirmOutcome",
    "ConfirmationExpired",
    "InvalidWorkshops",
    "MarkOutcome",
    "NoNewLink",
    "NotCheckable",
    "NotConfirmable",
    "ProgramItem",
    "RegisterOutcome",
    "RegistrationClosed",
    "RegistrationError",
    "anonymize_queryset",
    "attend_workshop",
    "cancel",
    "change_workshops",
    "check_in",
    "check_in_counts",
    "checkin_workshops",
    "confirm",
    "confirm_email_change",
    "delete_personal_data",
    "expire_pending",
    "feed_sessions",
    "find_active",
    "lock_edition",
    "mark_sessions",
    "marked_sessions",
    "normalize_email",
    "promote",
    "program_of",
    "promote_next",
    "purge_due_date",
    "purge_edition",
    "read_check_in",
    "register",
    "send_reminders",
    "request_email_change",
    "revoke_links",
    "tell_seat_holders",
    "search_for_check_in",
    "send_new_link",
    "unmark_session",
    "update_details",
    "undo_attendance",
    "undo_check_in",
]
