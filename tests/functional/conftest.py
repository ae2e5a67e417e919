"""Fixtures shared by the functional tests of several files."""

from tests.functional.test_agenda import agenda  # noqa: F401  (the agenda's members, users and events)
