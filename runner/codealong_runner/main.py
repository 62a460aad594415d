"""The runner's entry point: start Valkey if the sandbox profile asks for it, say ``ready``,
read one payload from stdin, process it under a deadline, write the result, exit.

The work runs in a worker thread while the main thread only watches the clock: whatever
the learner's program or a test does, the result is written before the grader's own kill.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback

from . import launcher
from . import payload as payloads
from . import report, runmode, suite
from .cpu_pressure import BusyClock
from .messages import MESSAGES
from .report import Emitter
from .servers import ServerStartError, ValkeyServers
from .session import Session

DEADLINE_MARGIN = 0.3  # seconds kept back from the payload's timeout to write the result
CREDIT_REPORT_STEP = 0.2  # seconds of busy-machine credit between two reports to the grader




def main() -> None:
    # First, while this is the only thread: the launcher is forked from this process, and
    # in the sandbox the runner gives up root here (launcher.py).
    launch = launcher.start()
    protocol = _protocol_stream()
    emitter = Emitter(protocol)
    root = _work_root()
    servers = ValkeyServers(_private_dir(root))
    sessions: list[Session] = []
    signal.signal(signal.SIGTERM, lambda *_: _exit(launch, servers, root, sessions, 143))

    profile = os.environ.get("CODEALONG_VALKEY") or "none"
    startup_error = None
    try:
        if profile not in payloads.VALKEY_MODES:
            raise ServerStartError(f"CODEALONG_VALKEY must be one of {', '.join(payloads.VALKEY_MODES)}, not {profile!r}")
        servers.ensure(profile)
    except ServerStartError as exc:
        startup_error = str(exc)
        print(f"runner: {exc}", file=sys.stderr)
    emitter.emit({"event": "ready"})

    raw = sys.stdin.buffer.read()
    started = time.monotonic()
    try:
        process(raw, profile, servers, emitter, root, startup_error, started, sessions)
    except Exception:
        traceback.print_exc()
        emitter.finish(_bare_result("error", "The sandbox failed unexpectedly; this is a problem on our side. Please try again.", started))
    _exit(launch, servers, root, sessions, 0)


def process(raw: bytes, profile: str, servers: ValkeyServers, emitter: Emitter, root: str,
            startup_error: str | None, started: float, sessions: list[Session]) -> None:
    try:
        payload = payloads.parse(raw, default_valkey=profile)
    except payloads.PayloadError as exc:
        emitter.finish(_bare_result("error", f"The runner received an invalid submission: {exc}.", started))
        return
    emitter.key = payload.key
    # From here on the learner's code may run: a grader must not run this payload again.
    emitter.emit({"event": "accepted"})
    if startup_error:
        emitter.finish(_bare_result("error", f"The sandbox's Valkey did not start ({startup_error}); this is a problem on our side.", started))
        return

    session = Session(payload, servers, emitter, root)
    session.started = started
    sessions.append(session)
    outcome: list[suite.Outcome] = []
    worker = threading.Thread(target=lambda: outcome.append(_work(session)), daemon=True)
    worker.start()
    _join_within_limit(worker, started, payload.timeout, emitter)

    if worker.is_alive() or (outcome and outcome[0].status == "timeout"):
        session.close("fail", "The time limit was reached during this test.")
        if session.learner is not None:
            session.learner.kill_now()
        message = (
            f"The time limit of {payload.timeout:g} s was reached while {session.activity}. "
            + MESSAGES["timeoutCauses"][payload.mode]
        )
        _emit_stages(session, emitter)
        emitter.finish(_result(session, "timeout", message))
        return
    _emit_stages(session, emitter)
    emitter.finish(_result(session, outcome[0].status, outcome[0].message))


def _emit_stages(session: Session, emitter: Emitter) -> None:
    emitter.emit(report.stages(session.started, session.learner_start_seconds, session.last_test_ended, time.monotonic()))


def _join_within_limit(worker: threading.Thread, started: float, limit: float, emitter: Emitter) -> None:
    """Until the worker ends or the run's time limit is reached, the time the busy machine made
    it wait for a CPU not counted (cpu_pressure.py). The credit is reported as it grows, so the
    grader moves its own deadline by as much, and no more: a runner that stops answering is
    still cut off at the plain limit."""
    clock = BusyClock(started, max_credit=limit * payloads.BUSY_MACHINE_CREDIT)
    reported = 0.0
    while worker.is_alive():
        credit = clock.credit()
        if credit - reported >= CREDIT_REPORT_STEP:
            reported = credit
            emitter.emit(report.deadline_credit(credit))
        remaining = started + limit + reported - DEADLINE_MARGIN - time.monotonic()
        if remaining <= 0:
            return
        worker.join(min(remaining, 0.25))


def _work(session: Session) -> suite.Outcome:
    payload = session.payload
    try:
        needed = payload.valkey
        if session.language.needs_server and needed == "none":
            needed = "standalone"
        if needed != session.servers.mode:
            session.activity = f"starting Valkey ({needed})"
            session.servers.ensure(needed)
        if payload.mode == "test":
            return suite.run(session)
        return runmode.run(session)
    except ServerStartError as exc:
        return suite.Outcome("error", f"The sandbox's Valkey did not start ({exc}); this is a problem on our side.")
    except Exception:
        traceback.print_exc()
        return suite.Outcome("error", "The runner failed unexpectedly; this is a problem on our side. Please try again.")
    finally:
        session.stop_learner()


def _result(session: Session, status: str, message: str) -> dict:
    result = {
        "status": status,
        "message": message,
        "tests": list(session.results),
        "stdout": session.stdout.text(),
        "stderr": session.stderr.text(),
        "truncated": session.stdout.truncated or session.stderr.truncated,
        "durationMs": session.elapsed_ms(),
        "seed": session.seed,
    }
    if session.keyspace is not None:
        result["keyspace"] = session.keyspace
        if session.keyspace_truncated:
            result["keyspaceTruncated"] = True
    return result


def _bare_result(status: str, message: str, started: float) -> dict:
    return {"status": status, "message": message, "tests": [], "stdout": "", "stderr": "",
            "truncated": False, "durationMs": round((time.monotonic() - started) * 1000)}


def _work_root() -> str:
    """/tmp/codealong in a fresh container (a stable path for tracebacks), else a new temp dir.

    Mode 711: the learner's program may reach its own folder inside (``app``) but not list
    this one or enter the runner's private one.
    """
    parent = os.environ.get("CODEALONG_TMP") or tempfile.gettempdir()
    try:
        os.mkdir(os.path.join(parent, "codealong"), 0o700)
        root = os.path.join(parent, "codealong")
    except FileExistsError:
        root = tempfile.mkdtemp(prefix="codealong-", dir=parent)
    os.chmod(root, 0o711)
    return root


def _private_dir(root: str) -> str:
    """Where the runner keeps what the learner must not see (Valkey's files)."""
    path = os.path.join(root, "private")
    os.mkdir(path, 0o700)
    return path


def _protocol_stream():
    """A private handle on the real stdout; fd 1 itself now goes to stderr."""
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(protocol_fd, "w", encoding="utf-8")


def _exit(launch: launcher.Launcher, servers: ValkeyServers, root: str, sessions: list[Session], code: int) -> None:
    # Children must not outlive the runner when it runs outside a container (tests).
    for session in sessions:
        if session.learner is not None:
            session.learner.kill_now()
    servers.stop()
    try:
        launch.kill_all()
        launch.clean(root)  # what the learner created there is not the runner's to delete
    except launcher.LaunchError:
        pass
    shutil.rmtree(root, ignore_errors=True)
    sys.stderr.flush()
    os._exit(code)
