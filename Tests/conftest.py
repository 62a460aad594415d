"""Shared fixture for the Python-driven suites: the grader the browser and API suites share."""

import pytest

from livegrader import start_grader


@pytest.fixture(scope="session")
def grader():
    """The base URL of a grader shared by the browser and API suites; stopped with SIGTERM at
    the end, and checked to have cleaned up."""
    live = start_grader("--pool", "none=1", "--rate-limit", "0", "--runs-per-client", "0", name="browser")
    yield live.url
    live.stop()
