"""Attendance and audience figures across editions: computed, frozen before the purge, published."""
