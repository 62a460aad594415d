"""Exceptions that end a test, and how the report treats them."""

from __future__ import annotations


class TestFailure(Exception):
    """The learner's code did not do what the test checks: the test fails with this message.

    ``hint`` is one sentence about the likely mistake, or None.
    """

    __test__ = False  # not a pytest test class, despite the name

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class AuthoringError(Exception):
    """The test code misuses the library (a course bug): reported as an error, not a failure."""
