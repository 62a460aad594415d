"""One submission being processed: its files on disk, the learner's program, the output
captures, and the test results so far. Shared by the worker that runs tests and the
supervisor that enforces the deadline, so the shared parts are guarded by a lock.
"""

from __future__ import annotations

import os
import signal
import socket
import tempfile
import threading
import time

from codealong.failures import AuthoringError, TestFailure
from codealong.testing import LEARNER_PORT, ProgramResult, TestContext

from . import program, report, valkeycli
from .languages import LANGUAGES, Language
from .output import StreamCapture
from .payload import Payload
from .program import Exit, LaunchError, LearnerProgram
from .servers import ValkeyServers, valkey_server_binary

SERVER_START_TIMEOUT = 5.0
TRANSCRIPT_LIMIT = 8 * 1024
CRASH_GRACE = 0.3  # seconds a failing test waits to see whether the program is exiting


class StartedProgram:
    """A program ``t.start()`` (or ``t.run()``) started: the process and its own output captures;
    ``done`` once it has been waited for (or at once, for the ``valkey`` language)."""

    def __init__(self, program: LearnerProgram | None, out: StreamCapture, err: StreamCapture | None,
                 done: ProgramResult | None = None):
        self.program = program
        self.out = out
        self.err = err
        self.done = done


class Session:
    def __init__(self, payload: Payload, servers: ValkeyServers, emitter: report.Emitter, root: str):
        self.payload = payload
        self.language: Language = LANGUAGES[payload.language]
        self.servers = servers
        self.emitter = emitter
        self.seed = payload.seed
        self.started = time.monotonic()
        # Set by the suite before each test: whether tests run after this one.
        self.later_tests_follow = False
        # t.expect_running() while later tests follow: (until when, the test that asked, whether
        # a later test has since found the program still serving).
        self._running_watch: tuple[float, str, bool] | None = None
        # Where the run's time went (the "stages" event): the learner's start-up to listening,
        # and when the last test ended.
        self.learner_start_seconds: float | None = None
        self.last_test_ended: float | None = None
        # A short, stable path: it shows up in the learner's tracebacks.
        self.workdir = os.path.join(root, "app")
        os.makedirs(self.workdir)
        os.chmod(self.workdir, 0o777)  # the learner's program runs under its own uid and writes here
        for name, text in payload.files.items():
            with open(os.path.join(self.workdir, name), "w", encoding="utf-8") as f:
                f.write(text)
        listeners = [self._on_output]
        self.stdout = StreamCapture("stdout", listeners)
        self.stderr = StreamCapture("stderr", listeners)
        self.learner: LearnerProgram | None = None
        self.results: list[dict] = []
        self.activity = "starting"  # what is happening now, for the timeout message
        self._lock = threading.Lock()
        self._current: TestContext | None = None
        self._current_started = 0.0
        self.closed = False
        self.keyspace: list[dict] | None = None  # run mode with a server: what the run left
        self.keyspace_truncated = False
        self.drawn_keys: set[str] = set()  # every t.random_key() of this run: keys never repeat

    # --- events ---------------------------------------------------------------------------

    def _on_output(self, stream: str, text: str) -> None:
        self.emitter.emit(report.output(stream, text))
        current = self._current
        if current is not None:
            current.log(f"your program ({stream}): {text.rstrip()}")

    def begin_test(self, context: TestContext) -> None:
        with self._lock:
            self._current, self._current_started = context, time.monotonic()
            self.activity = f'running the test "{context.name}" (step {context.step})'
        self.emitter.emit(report.test_start(context.step, context.name))

    def end_test(self, status: str, message: str | None, hint: str | None) -> dict | None:
        """Record and emit the current test's end; None if the supervisor already closed the run."""
        with self._lock:
            context = self._current
            self._current = None
            if self.closed or context is None:
                return None
            summary = self._summary(context, status, message, hint)
            self.results.append(summary)
            self.last_test_ended = time.monotonic()
        self.emitter.emit(report.test_end(summary))
        return summary

    def close(self, status: str, message: str) -> None:
        """Stop recording (deadline reached); a running test ends with ``status``."""
        with self._lock:
            self.closed = True
            context, self._current = self._current, None
            if context is not None:
                self.results.append(self._summary(context, status, message, None))
                summary = self.results[-1]
            else:
                summary = None
        if summary:
            self.emitter.emit(report.test_end(summary))

    def _summary(self, context: TestContext, status: str, message: str | None, hint: str | None) -> dict:
        transcript = "\n".join(context.transcript)
        if len(transcript) > TRANSCRIPT_LIMIT:
            transcript = transcript[:TRANSCRIPT_LIMIT] + "\n... (output cut)"
        return {
            "step": context.step,
            "name": context.name,
            "status": status,
            "message": message,
            "hint": hint,
            "output": transcript or None,
            "note": context.note_text(),
            "durationMs": round((time.monotonic() - self._current_started) * 1000),
        }

    # --- the learner's program ------------------------------------------------------------

    @property
    def primary_ports(self) -> tuple[int, ...]:
        """The sandbox's Valkey primaries (``t.valkey()``)."""
        return self.servers.primary_ports

    @property
    def node_ports(self) -> tuple[int, ...]:
        """Every node of the sandbox's Valkey, replicas included."""
        return self.servers.node_ports

    def learner_environment(self) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": tempfile.gettempdir(),
            "TMPDIR": tempfile.gettempdir(),
            "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",
        }
        env.update(self.language.env)
        env.update(self.servers.learner_environment())
        return env

    def main_file(self) -> str | None:
        """The file to run: the language's main file, or the only file given."""
        main = self.language.main
        if main is None or main in self.payload.files:
            return main
        if len(self.payload.files) == 1:
            return next(iter(self.payload.files))
        raise TestFailure(
            f"There is no {main} to run (files: {', '.join(sorted(self.payload.files)) or 'none'}).",
            f"Put your program in {main}.",
        )

    def learner_argv(self) -> list[str]:
        main = self.main_file()
        replacements = {"{main}": main or ""}
        if any("{valkey-server}" in part for part in self.language.command):
            replacements["{valkey-server}"] = valkey_server_binary()
        return [replacements.get(part, part) for part in self.language.command]

    def new_program(self, stdout: StreamCapture | None = None, stderr: StreamCapture | None = None) -> LearnerProgram:
        return LearnerProgram(self.learner_argv(), self.workdir, self.learner_environment(),
                              stdout or self.stdout, stderr or self.stderr)

    def ensure_learner_server(self, context: TestContext) -> None:
        """Start the learner's program once per run and wait until it listens on 6379."""
        if self.learner is not None:
            self.check_learner_alive()
            if self._running_watch is not None and context.name != self._running_watch[1]:
                until, asked_by, _ = self._running_watch
                self._running_watch = (until, asked_by, True)
            return
        if self.language.builtin:
            raise AuthoringError(f"t.connect() needs a server program, and language {self.language.name} has none")
        if program.is_listening(LEARNER_PORT):
            raise AuthoringError(
                f"something is already listening on port {LEARNER_PORT} before the learner's program started "
                "(steps whose tests call t.connect() need valkey: none)"
            )
        self.learner = self.new_program()
        context.log(f"started your program: {' '.join(self.learner.argv)}")
        launched = time.monotonic()
        try:
            self.learner.start()
        except LaunchError as exc:
            raise AuthoringError(str(exc)) from None
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            exit = self.learner.exit()
            if exit is not None:
                self.learner.wait(0)
                raise self._exited_early(exit)
            if self._listening():
                context.log(f"your program listens on port {LEARNER_PORT}")
                if self.learner_start_seconds is None:
                    self.learner_start_seconds = time.monotonic() - launched
                return
            time.sleep(0.02)
        raise self._not_listening()

    def restart_learner_server(self, context: TestContext, grace: float) -> None:
        """``t.restart_program()``: SIGTERM the learner's program, wait for it to end, start it
        again and wait until it listens (what persistence tests need)."""
        if self.learner is None:
            raise AuthoringError("t.restart_program() needs a running program: call t.connect() first")
        self.check_learner_alive()
        context.close_connections()
        old = self.learner
        exit = old.terminate(grace)
        ended = "was stopped with SIGTERM" if exit is None or exit.signal == signal.SIGTERM else exit.describe()
        if exit is not None and exit.signal == signal.SIGKILL:
            ended = f"did not stop within {grace:g} s of SIGTERM and was killed"
        context.log(f"stopped your program: it {ended}")
        self.learner = None
        self.ensure_learner_server(context)
        self._wait_while_loading(context)

    def _wait_while_loading(self, context: TestContext, limit: float = 5.0) -> None:
        """A server that listens before it has loaded its data answers ``-LOADING`` until it has
        (real Valkey does, replaying its append-only file). Clients wait and retry; so do we,
        with PING, before the test goes on. Any other answer, or none, ends the wait."""
        deadline = time.monotonic() + limit
        waited = False
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", LEARNER_PORT), timeout=1.0) as probe:
                    probe.sendall(b"*1\r\n$4\r\nPING\r\n")
                    reply = probe.recv(64)
            except OSError:
                return
            if not reply.startswith(b"-LOADING"):
                break
            waited = True
            time.sleep(0.02)
        if waited:
            context.log("your program answered -LOADING while it loaded its data; waited until it was done")

    def _listening(self) -> bool:
        state = program.is_listening(LEARNER_PORT)
        if state is not None:
            return state
        # /proc/net unreadable: fall back to probing (harmless for a real server).
        try:
            socket.create_connection(("127.0.0.1", LEARNER_PORT), timeout=0.2).close()
            return True
        except OSError:
            return False

    def _address_in_use(self) -> bool:
        text = self.stderr.text()
        return "Address already in use" in text or "EADDRINUSE" in text

    def _exited_early(self, exit: Exit) -> TestFailure:
        if self._address_in_use():
            return TestFailure(
                f"Your program could not listen on port {LEARNER_PORT}: the address is already in use.",
                "Only one socket can listen on a port: make sure your program creates its server once.",
            )
        if exit.crashed:
            return TestFailure(f"Your program {exit.describe()} before listening on port {LEARNER_PORT}.")
        return TestFailure(
            f"Your program {exit.describe()} without listening on port {LEARNER_PORT}.",
            "A server keeps running: create a TCP server on port 6379 and keep accepting connections in a loop.",
        )

    def _not_listening(self) -> TestFailure:
        if self._address_in_use():
            return TestFailure(
                f"Your program reports that port {LEARNER_PORT} is already in use.",
                "Only one socket can listen on a port: make sure your program creates its server once.",
            )
        ports = sorted(self.learner.listening_ports()) if self.learner else []
        if ports:
            return TestFailure(
                f"Your program listens on port {', '.join(map(str, ports))}, not on {LEARNER_PORT}.",
                f"Valkey's port is {LEARNER_PORT}: listen there.",
            )
        return TestFailure(
            f"Your program is running but nothing listens on port {LEARNER_PORT} after {SERVER_START_TIMEOUT:g} s.",
            "Create the server socket and call listen (Python: socket.create_server; Node.js: server.listen(6379)) "
            "before doing anything slow.",
        )

    def check_learner_alive(self) -> None:
        if self.learner is None:
            return
        exit = self.learner.exit()
        if exit is not None:
            self.learner.wait(0)
            raise TestFailure(
                f"Your program is no longer running: it {exit.describe()}.",
                None if exit.crashed else "A server must keep running and accept connections in a loop.",
            )

    def watch_learner_running(self, context: TestContext, grace: float) -> None:
        """``t.expect_running()`` with later tests to come: watch the program while they run."""
        self._running_watch = (time.monotonic() + grace, context.name, False)

    def settle_running_watch(self, last: bool) -> None:
        """At the end of each test while a watch is on: fail this test if the program stopped.

        After the run's last test the watch must be over: unless a later test has connected
        to the program and found it serving since the watch began (a program that exits after
        its last client does so within milliseconds, before any later test gets an answer),
        what is left of it is waited out."""
        if self._running_watch is None or self.learner is None:
            return
        until, asked_by, confirmed = self._running_watch
        if last and not confirmed:
            time.sleep(max(0.0, until - time.monotonic()))
        exit = self.learner.exit()
        if exit is not None:
            self._running_watch = None
            self.learner.wait(0)
            raise TestFailure(
                f'Your program stopped running soon after the test "{asked_by}": it {exit.describe()}.',
                None if exit.crashed else "A server must keep running and accept connections in a loop.",
            )
        if last or time.monotonic() >= until:
            self._running_watch = None

    def learner_crash(self) -> Exit | None:
        """How the learner's program crashed, if it did (None while it runs or if it exited 0).

        Called after a failed test: a program that just crashed closed its sockets a moment
        before it finished exiting, so give it that moment.
        """
        if self.learner is None:
            return None
        exit = self.learner.wait(CRASH_GRACE)
        if exit is None or not exit.crashed:
            return None
        return exit

    def start_learner_program(self, context: TestContext, *, stdin) -> StartedProgram:
        """``t.start()`` (and ``t.run()``): start the program; its output also goes to the run's output."""
        if self.language.builtin:
            out = StreamCapture("stdout", [lambda _s, text: self.stdout.feed_text(text)])
            outcome = self.run_valkey_script(out.feed_text)
            return StartedProgram(None, out, None, ProgramResult(
                exit_code=0 if outcome.failure is None else 1, stdout=out.text(), stderr="",
                description=outcome.failure or "ran all commands"))
        out = StreamCapture("stdout", [lambda _s, text: self.stdout.feed_text(text)])
        err = StreamCapture("stderr", [lambda _s, text: self.stderr.feed_text(text)])
        run = self.new_program(out, err)
        self.learner = run
        context.log(f"ran your program: {' '.join(run.argv)}")
        data = stdin.encode() if isinstance(stdin, str) else stdin
        try:
            run.start(stdin=data)
        except LaunchError as exc:
            raise AuthoringError(str(exc)) from None
        return StartedProgram(run, out, err)

    def wait_learner_program(self, context: TestContext, handle: StartedProgram, *, timeout, check) -> ProgramResult:
        """Wait for a program ``start_learner_program`` started; the test fails if it runs
        longer than ``timeout`` or (with ``check``) ends badly. Waiting again returns the same."""
        if handle.done is not None:
            return handle.done
        run = handle.program
        exit = run.wait(timeout)
        if exit is None:
            run.kill()
            raise TestFailure(
                f"Your program did not finish within {timeout:g} s.",
                "Make sure it exits when its work is done: close client connections (client.close() / "
                "client.quit()) so nothing keeps it alive.",
            )
        result = ProgramResult(exit_code=exit.code, stdout=handle.out.text(), stderr=handle.err.text(),
                               description=exit.describe())
        handle.done = result
        if check and (exit.crashed or exit.code != 0):
            raise TestFailure(f"Your program {exit.describe()}.")
        return result

    def learner_program_running(self, handle: StartedProgram) -> bool:
        return handle.program is not None and handle.program.running()

    def run_valkey_script(self, write) -> valkeycli.ScriptOutcome:
        """The ``valkey`` language: run the commands file against the sandbox's server."""
        main = self.main_file()
        text = self.payload.files.get(main, "") if main else ""
        port = self.servers.primary_ports[0]
        return valkeycli.run_script(text, port, write, cluster=self.servers.mode == "cluster")

    def stop_learner(self) -> None:
        if self.learner is not None:
            self.learner.kill()

    def elapsed_ms(self) -> int:
        return round((time.monotonic() - self.started) * 1000)
