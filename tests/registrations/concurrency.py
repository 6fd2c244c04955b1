"""Real threads and connections at the same moment, for the tests of row locks."""

import threading

from django.db import connection, connections

import pytest

# Only PostgreSQL runs these (SQLite serializes writers itself, with no row locks to prove).
POSTGRES_THREADS = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks under concurrency need PostgreSQL (set DATABASE_URL=postgres://...)",
    ),
]


def run_at_once(function, items):
    """Call function(item) in one thread per item, all released together; re-raise errors."""
    barrier = threading.Barrier(len(items))
    errors = []

    def worker(item):
        try:
            barrier.wait(timeout=30)
            function(item)
        except Exception as error:  # collected, re-raised below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert not any(thread.is_alive() for thread in threads)
