"""Signals of the registrations app, for apps that depend on it (figures freezes its tallies)."""

from django.dispatch import Signal

# Sent with `edition=` at the start of the purge of an edition's personal data, before any row
# changes: receivers keep what they need (the figures app freezes the edition's tally).
personal_data_purge_requested = Signal()
