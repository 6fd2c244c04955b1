"""Version tokens for cached content: bump one and everything cached under it is stale."""

import time

from django.core.cache import cache


class CacheVersion:
    """A token kept in the cache under `key`, changed whenever what it covers may have changed.

    A fresh token (the clock in nanoseconds), not a counter from 1: if the cache evicts it, the
    next one cannot match content cached under an earlier token.
    """

    def __init__(self, key):
        self.key = key

    def current(self):
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, time.time_ns(), None)
            version = cache.get(self.key)
        return version

    def bump(self, **kwargs):
        """Usable as a signal receiver."""
        cache.set(self.key, time.time_ns(), None)
