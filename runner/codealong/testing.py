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
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Protocol

from . import cluster
from .connection import DEFAULT_TIMEOUT, Connection
from .failures import AuthoringError, TestFailure

LEARNER_PORT = 6379
_NOTES_SHOWN = 5  # notes per test; more are counted, not listed


@dataclass
class TestCase:
    """One ``@test`` function of a step."""

    __test__ = False  # not a pytest test class, despite the name

    title: str
    function: Callable[["TestContext"], None]
    hint: str | None = None
    step: str = ""


class Runtime(Protocol):
    """What a test context needs from whatever runs the tests (the runner's session): the
    learner's program and the run's shared state. The tester library knows nothing more of it."""

    seed: int
    drawn_keys: set[str]
    later_tests_follow: bool

    @property
    def primary_ports(self) -> tuple[int, ...]: ...

    @property
    def node_ports(self) -> tuple[int, ...]: ...

    def ensure_learner_server(self, context: "TestContext") -> None: ...

    def restart_learner_server(self, context: "TestContext", grace: float) -> None: ...

    def check_learner_alive(self) -> None: ...

    def watch_learner_running(self, context: "TestContext", grace: float) -> None: ...

    def start_learner_program(self, context: "TestContext", *, stdin) -> object: ...

    def wait_learner_program(self, context: "TestContext", handle: object, *, timeout, check) -> "ProgramResult": ...

    def learner_program_running(self, handle: object) -> bool: ...


# The tests a module defines are kept in that module's own namespace, under this name: the
# library holds no registry of its own.
_REGISTRY = "__codealong_tests__"


def tests_in(namespace: dict) -> list[TestCase]:
    """The ``@test`` functions an executed test module defined, in definition order."""
    return list(namespace.get(_REGISTRY, []))


def test(title: str | Callable | None = None, *, hint: str | None = None):
    """Mark a test. Tests run in the order they are defined, each with a fresh ``t``.

    ``hint`` is shown when the test fails and no more specific hint applies.
    Usable as ``@test("title")`` or plain ``@test`` (the function name becomes the title).
    Tests may be defined in a loop: each ``@test`` applied counts.
    """

    # The module whose code says @test: its namespace keeps the list (a function's own
    # __globals__ would not do: @hint(...) below @test wraps it in contextlib's).
    module = sys._getframe(1).f_globals

    def register(function: Callable) -> Callable:
        name = title if isinstance(title, str) else function.__name__.replace("_", " ")
        module.setdefault(_REGISTRY, []).append(TestCase(title=name, function=function, hint=hint))
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


class RunningProgram:
    """The learner's program started by ``t.start()``, running while the test goes on."""

    def __init__(self, runtime: Runtime, context: "TestContext", handle: object):
        self._runtime = runtime
        self._context = context
        self._handle = handle

    @property
    def running(self) -> bool:
        return self._runtime.learner_program_running(self._handle)

    def wait(self, timeout: float | None = None, *, check: bool = True) -> ProgramResult:
        """Wait until the program exits (at most ``timeout`` seconds: then it is killed and
        the test fails) and return what ``t.run()`` returns."""
        return self._runtime.wait_learner_program(self._context, self._handle, timeout=timeout, check=check)


_WORDS = (
    "apple", "banana", "cherry", "grape", "lemon", "mango", "orange", "peach", "pear", "plum",
    "otter", "panda", "tiger", "zebra", "koala", "eagle", "falcon", "heron", "raven", "wolf",
)


class TestContext:
    """The ``t`` each test function receives: connections, the learner's program, checks."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(self, session: Runtime, case: TestCase):
        self._session = session
        self.step = case.step
        self.name = case.title
        self.seed = session.seed
        self._random = random.Random(f"{session.seed}/{case.step}/{case.title}")
        self.random_used = False
        self.transcript: list[str] = []
        self.notes: list[str] = []
        self._notes_left_out = 0
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

    def note(self, text: str) -> None:
        """Add a note to the test's result, shown whether it passes or fails: something the
        learner may want to know that is not a mistake (e.g. an error worded unlike Valkey's).
        Repeated notes are shown once."""
        if text in self.notes:
            return
        if len(self.notes) < _NOTES_SHOWN:
            self.notes.append(text)
        else:
            self._notes_left_out += 1

    def note_text(self) -> str | None:
        """The notes as the test's ``note`` field: one per line, or None."""
        lines = list(self.notes)
        if self._notes_left_out:
            lines.append(f"(and {self._notes_left_out} more like these)")
        return "\n".join(lines) or None

    # --- connections --------------------------------------------------------------------

    def connect(self, port: int = LEARNER_PORT, *, timeout: float = DEFAULT_TIMEOUT) -> Connection:
        """Connect to the learner's server, starting their program first if needed."""
        self._session.ensure_learner_server(self)
        return self._open(port, timeout, "your server")

    def valkey(self, port: int | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> Connection:
        """Connect to the sandbox's real Valkey (needs ``valkey: standalone`` or ``cluster``)."""
        ports = self._session.primary_ports
        if not ports:
            raise AuthoringError("t.valkey() needs a Valkey server: set valkey: standalone or cluster for this step")
        return self._open(port or ports[0], timeout, "Valkey")

    def valkey_for(self, key: str | bytes, *, timeout: float = DEFAULT_TIMEOUT) -> Connection:
        """Connect to the primary that serves ``key`` now: in a cluster the node that owns its
        hash slot (asked of the cluster, so it is right after a failover too); otherwise the
        one server, as ``t.valkey()``."""
        ports = self._session.primary_ports
        if len(ports) <= 1:
            return self.valkey(timeout=timeout)
        slot = cluster.key_slot(key)
        port = cluster.slot_owner(self._session.node_ports, slot)
        self.log(f"key {key!r} hashes to slot {slot}, served by 127.0.0.1:{port}")
        return self._open(port, timeout, "Valkey")

    def query(self, *args: object, key: str | bytes | None = None) -> object:
        """Send one command to the sandbox's Valkey on a connection of its own and return the
        parsed reply, without a line in the test's transcript: for polling (``wait_until``).
        In a cluster it goes to the primary serving ``key`` (default: the first primary)."""
        ports = self._session.primary_ports
        if not ports:
            raise AuthoringError("t.query() needs a Valkey server: set valkey: standalone or cluster for this step")
        port = ports[0]
        if key is not None and len(ports) > 1:
            port = cluster.slot_owner(self._session.node_ports, cluster.key_slot(key))
        try:
            return cluster.call(port, *args)
        except OSError as exc:
            raise TestFailure(f"Valkey on 127.0.0.1:{port} did not answer {args[0]}: {exc}.") from None

    def command_calls(self) -> dict[str, int]:
        """How often the sandbox's Valkey ran each command (lowercase names, ``set``,
        ``lmove``) since it started or since ``CONFIG RESETSTAT``: from ``INFO commandstats``.
        For checking how a program did something (LMOVE rather than LPOP). Standalone only."""
        info = self.query("INFO", "commandstats")
        text = info.decode() if isinstance(info, bytes) else str(info)
        calls = {}
        for line in text.splitlines():
            if line.startswith("cmdstat_"):
                name, fields = line[len("cmdstat_"):].split(":", 1)
                calls[name] = int(dict(field.split("=", 1) for field in fields.split(","))["calls"])
        return calls

    def wait_until(self, condition: Callable[[], object], *, timeout: float = 5.0, what: str = "the condition",
                   hint: str | None = None) -> object:
        """Poll ``condition`` every 20 ms until it returns something true, and return that; fail
        with "Waited N s for <what>." after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise TestFailure(f"Waited {timeout:g} s for {what}, in vain.", hint)
            time.sleep(0.02)

    def failover(self, key: str | bytes | None = None, *, port: int | None = None, timeout: float = 10.0) -> int:
        """Fail over the primary that serves ``key`` (or the one on ``port``): its replica takes
        over with ``CLUSTER FAILOVER``, as an operator does before maintenance, while the
        learner's program may be running. Waits until the replica is a primary, the old one
        follows it and every node knows (so a client that follows ``MOVED`` finds the new one
        from anywhere), and returns the new primary's port. Needs ``valkey: cluster``."""
        if len(self._session.primary_ports) <= 1:
            raise AuthoringError("t.failover() needs a cluster: set valkey: cluster for this step")
        if port is None:
            if key is None:
                raise AuthoringError("t.failover() needs a key or a port")
            port = cluster.slot_owner(self._session.node_ports, cluster.key_slot(key))
        new, seconds = cluster.failover(port, self._session.node_ports, timeout=timeout)
        self.log(f"failover: the replica 127.0.0.1:{new} took over from 127.0.0.1:{port} in {seconds * 1000:.0f} ms")
        return new

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
        return self.start(stdin=stdin).wait(timeout, check=check)

    def start(self, *, stdin: str | bytes | None = None) -> RunningProgram:
        """Start the learner's program and go on while it runs (for programs that are not
        servers); ``.wait()`` on what this returns collects it like ``t.run()``. For tests that
        act while the program works: watch its progress in Valkey, fail a node over."""
        return RunningProgram(self._session, self, self._session.start_learner_program(self, stdin=stdin))

    def restart_program(self, grace: float = 5.0) -> None:
        """Stop the learner's server with SIGTERM (SIGKILL after ``grace`` seconds), start it
        again and wait until it listens on 6379, e.g. to check what it persisted. The test's
        open connections are closed first; call ``t.connect()`` again afterwards."""
        self._session.restart_learner_server(self, grace)

    def expect_running(self, grace: float = 0.5) -> None:
        """Fail unless the learner's server is still running ``grace`` seconds from now.

        When more tests follow in this run, the run does not wait here: the program is watched
        while they run, and one that stops within ``grace`` fails the test during which that
        is noticed. Every graded step runs step 1 first, so a wait here would be added to every
        run of every step."""
        self._session.check_learner_alive()
        if self._session.later_tests_follow:
            self._session.watch_learner_running(self, grace)
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            self._session.check_learner_alive()
            time.sleep(0.05)
        self._session.check_learner_alive()

    def expect_accepted(self, timeout: float = 1.0) -> None:
        """Fail unless the learner's program accepts every connection made to port 6379 within
        ``timeout`` seconds. A connection the program never accepts still connects (the kernel
        completes it and queues it on the listening socket), so only that queue tells: a
        program that accepted one client and then waits for it without calling accept() again
        leaves the others there."""
        deadline = time.monotonic() + timeout
        while (waiting := _accept_queue(LEARNER_PORT)) and time.monotonic() < deadline:
            self._session.check_learner_alive()
            time.sleep(0.01)
        if waiting:
            self.fail(
                f"Your program did not accept {waiting} of the connections to port {LEARNER_PORT}: they were "
                f"still waiting in the listening socket's queue after {timeout:g} s.",
                "Call accept() again for each new client: in Python, accept in a loop (while True: "
                "connection, address = server.accept()) and don't stay with the first client; in Node.js, "
                "net.createServer accepts every client for you.",
            )

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


def _accept_queue(port: int) -> int:
    """How many connections to ``port`` wait to be accepted; 0 if /proc/net cannot tell.

    For a listening socket, /proc/net/tcp's rx_queue column is the length of its accept queue
    (the "Recv-Q" of ``ss -lnt``).
    """
    waiting = 0
    for path in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(path) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            # local address "0100007F:18EB", state "0A" (listening), "tx_queue:rx_queue"
            if len(fields) > 4 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                waiting += int(fields[4].split(":")[1], 16)
    return waiting
