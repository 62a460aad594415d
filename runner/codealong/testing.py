"""What course authors write step tests with: ``@test``, ``hint`` and the test context ``t``.

See docs/runner.md for the guide; in short::

    from codealong import test, hint

    @test("responds to PING with +PONG")
    def ping(t):
        c = t.connect()
        c.send_command("PING")
        c.expect(b"+PONG\\r\\n")
"""

from __future__ import annotations

import contextlib
import itertools
import random
import socket
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from .connection import DEFAULT_TIMEOUT, Connection
from .failures import AuthoringError, TestFailure

if TYPE_CHECKING:
    from .session import Session

LEARNER_PORT = 6379


@dataclass
class TestCase:
    """One ``@test`` function of a step."""

    __test__ = False  # not a pytest test class, despite the name

    title: str
    function: Callable[["TestContext"], None]
    hint: str | None = None
    step: str = ""


# While a step's test.py is being executed, its @test functions are collected here.
_collecting: list[TestCase] | None = None


@contextlib.contextmanager
def collecting():
    """Collect the tests that ``@test`` registers while the block runs."""
    global _collecting
    cases: list[TestCase] = []
    _collecting, previous = cases, _collecting
    try:
        yield cases
    finally:
        _collecting = previous


def test(title: str | Callable | None = None, *, hint: str | None = None):
    """Register a test. Tests run in the order they are defined, each with a fresh ``t``.

    ``hint`` is shown when the test fails and no more specific hint applies.
    Usable as ``@test("title")`` or plain ``@test`` (the function name becomes the title).
    """

    def register(function: Callable) -> Callable:
        name = title if isinstance(title, str) else function.__name__.replace("_", " ")
        if _collecting is not None:
            _collecting.append(TestCase(title=name, function=function, hint=hint))
        return function

    if callable(title):
        return register(title)
    return register


class hint(contextlib.ContextDecorator):
    """Attach a hint to failures inside a block (or a decorated function)::

        with hint("Reply to every command, not only the first one."):
            c.expect(b"+PONG\\r\\n")

    A more specific hint found by the library (e.g. a missing \\r\\n) takes precedence,
    unless ``replace=True``: then this hint replaces the library's, for a block where the
    author knows the likely mistake better (e.g. one buffer shared by all connections).
    """

    def __init__(self, text: str, *, replace: bool = False):
        self.text = text
        self.replace = replace

    def __enter__(self) -> "hint":
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if isinstance(error, TestFailure) and (error.hint is None or self.replace):
            error.hint = self.text
        return False


@dataclass
class ProgramResult:
    """The outcome of ``t.run()``."""

    exit_code: int | None  # None when a signal ended it
    stdout: str
    stderr: str
    description: str = ""  # "exited with code 1", ...
    lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = self.stdout.splitlines()


_WORDS = (
    "apple", "banana", "cherry", "grape", "lemon", "mango", "orange", "peach", "pear", "plum",
    "otter", "panda", "tiger", "zebra", "koala", "eagle", "falcon", "heron", "raven", "wolf",
)


class TestContext:
    """The ``t`` each test function receives: connections, the learner's program, checks."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(self, session: "Session", case: TestCase):
        self._session = session
        self.step = case.step
        self.name = case.title
        self.seed = session.seed
        self._random = random.Random(f"{session.seed}/{case.step}/{case.title}")
        self.random_used = False
        self.transcript: list[str] = []
        self.connections: list[Connection] = []

    # --- randomness ---------------------------------------------------------------------

    @property
    def random(self) -> random.Random:
        """A ``random.Random`` seeded per run and test; the seed is reported on failure."""
        self.random_used = True
        return self._random

    def random_word(self) -> str:
        return self.random.choice(_WORDS)

    def random_key(self, prefix: str | None = None) -> str:
        """A readable random key such as ``mango:4821``, never one that a test of this run
        already drew: tests share the learner's server, so a repeated key would hold data."""
        for attempt in itertools.count():
            high = 9999 if attempt < 50 else 99_999_999  # should four digits ever run out
            key = f"{prefix or self.random_word()}:{self.random.randint(1000, high)}"
            if key not in self._session.drawn_keys:
                self._session.drawn_keys.add(key)
                return key

    # --- output -------------------------------------------------------------------------

    def log(self, text: str) -> None:
        """Add a line to the test's output (shown to the learner with the result)."""
        self.transcript.append(text)

    # --- connections --------------------------------------------------------------------

    def connect(self, port: int = LEARNER_PORT, *, timeout: float = DEFAULT_TIMEOUT) -> Connection:
        """Connect to the learner's server, starting their program first if needed."""
        self._session.ensure_learner_server(self)
        return self._open(port, timeout, "your server")

    def valkey(self, port: int | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> Connection:
        """Connect to the sandbox's real Valkey (needs ``valkey: standalone`` or ``cluster``)."""
        ports = self._session.servers.primary_ports
        if not ports:
            raise AuthoringError("t.valkey() needs a Valkey server: set valkey: standalone or cluster for this step")
        return self._open(port or ports[0], timeout, "Valkey")

    def _open(self, port: int, timeout: float, what: str) -> Connection:
        name = f"client {len(self.connections) + 1}"
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        except ConnectionRefusedError:
            raise TestFailure(
                f"{name.capitalize()} could not connect to {what} on 127.0.0.1:{port}: connection refused.",
                "Your server has to keep listening and accept connections in a loop, one after another.",
            ) from None
        except (socket.timeout, OSError) as exc:
            raise TestFailure(
                f"{name.capitalize()} could not connect to {what} on 127.0.0.1:{port}: "
                f"{'no answer' if isinstance(exc, socket.timeout) else exc.strerror or exc}.",
                "Make sure your server calls accept() for every new client.",
            ) from None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.log(f"{name} connected to 127.0.0.1:{port}")
        connection = Connection(sock, name, self, port)
        self.connections.append(connection)
        return connection

    def close_connections(self) -> None:
        for connection in self.connections:
            connection.close()

    # --- the learner's program ------------------------------------------------------------

    def run(self, *, stdin: str | bytes | None = None, timeout: float | None = None,
            check: bool = True) -> ProgramResult:
        """Run the learner's program to completion (for programs that are not servers).

        With ``check`` (default) a crash or non-zero exit fails the test with its stderr.
        """
        return self._session.run_learner_program(self, stdin=stdin, timeout=timeout, check=check)

    def restart_program(self, grace: float = 5.0) -> None:
        """Stop the learner's server with SIGTERM (SIGKILL after ``grace`` seconds), start it
        again and wait until it listens on 6379, e.g. to check what it persisted. The test's
        open connections are closed first; call ``t.connect()`` again afterwards."""
        self._session.restart_learner_server(self, grace)

    def expect_running(self, grace: float = 0.5) -> None:
        """Fail unless the learner's server is still running ``grace`` seconds from now.

        When more tests follow in this run, a short watch suffices: a program that exits
        after its last client does so within milliseconds, and every graded step runs step 1
        first, so the full ``grace`` would be added to every run of every step."""
        if self._session.later_tests_follow:
            grace = min(grace, 0.1)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            self._session.check_learner_alive()
            time.sleep(0.05)
        self._session.check_learner_alive()

    # --- checks ---------------------------------------------------------------------------

    def fail(self, message: str, hint: str | None = None) -> None:
        raise TestFailure(message, hint)

    def check(self, condition: object, message: str, hint: str | None = None) -> None:
        if not condition:
            raise TestFailure(message, hint)

    def expect_equal(self, actual: object, expected: object, what: str = "value", hint: str | None = None) -> None:
        """Fail with ``expected X, got Y`` (repr-style, escapes visible) unless equal."""
        if actual != expected:
            raise TestFailure(f"Expected {what} to be {expected!r}, got {actual!r}.", hint)
