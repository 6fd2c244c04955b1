"""Signals of the registrations app, for apps that depend on it (figures freezes its tallies)."""

from django.dispatch import Signal

# Sent with `edition=` at the start of the purge of an edition's personal data, before any row
# changes: receivers keep what they need (the figures app freezes the edition's tally).
personal_data_purge_requested = Signal()

# Sent with `registration_ids=` once participants' personal data is removed at their request,
# in the same transaction: receivers forget what they kept of them (messaging, the addresses).
personal_data_deleted = Signal()
