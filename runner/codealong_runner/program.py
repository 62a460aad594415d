"""The learner's program as a child process: launch, capture, stop, and explain how it ended."""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass

from . import launcher
from .launcher import LaunchError
from .output import StreamCapture


@dataclass
class Exit:
    """How a program ended."""

    code: int | None  # exit code, or None when a signal ended it
    signal: int | None
    out_of_memory: bool
    killed_by_runner: bool

    @property
    def crashed(self) -> bool:
        """Ended on its own, badly: a non-zero code, a signal, or the memory limit."""
        return not self.killed_by_runner and (self.code != 0 or self.out_of_memory)

    def describe(self) -> str:
        """'exited with code 1', 'was killed by signal SIGSEGV (...)', ... for messages."""
        if self.out_of_memory:
            return f"was stopped because it used more than the {memory_limit_text()} memory limit"
        if self.signal is not None:
            name = _signal_name(self.signal)
            return f"was killed by signal {name}"
        return f"exited with code {self.code}"


def _signal_name(number: int) -> str:
    try:
        sig = signal.Signals(number)
    except ValueError:
        return str(number)
    description = signal.strsignal(sig) or ""
    return f"{sig.name} ({description.lower()})" if description else sig.name


class LearnerProgram:
    """One run of the learner's program in its own process group, output captured.

    The launcher starts it (under the learner's own uid in the sandbox, see launcher.py);
    it gets no stdin unless given some, runs in the submission's work directory, and is
    the first candidate for the OOM killer so the runner survives a memory-hungry program.
    """

    def __init__(self, argv: list[str], cwd: str, env: dict[str, str],
                 stdout: StreamCapture, stderr: StreamCapture):
        self.argv = argv
        self.cwd = cwd
        self.env = env
        self.stdout = stdout
        self.stderr = stderr
        self._launcher: launcher.Launcher | None = None
        self._pid: int | None = None
        self._pumps: list[threading.Thread] = []
        self._killed = False
        self._oom_before: int | None = None
        self.started_at = 0.0

    @property
    def pid(self) -> int | None:
        return self._pid

    def start(self, stdin: bytes | None = None) -> None:
        self._oom_before = oom_kill_count()
        self._launcher = launcher.current()
        try:
            spawned = self._launcher.spawn(self.argv, self.cwd, self.env, stdin=stdin is not None)
        except launcher.LaunchError as exc:
            raise LaunchError(str(exc)) from None
        self._pid = spawned.pid
        self.started_at = time.monotonic()
        for fd, capture in ((spawned.stdout, self.stdout), (spawned.stderr, self.stderr)):
            pump = threading.Thread(target=_pump, args=(fd, capture), daemon=True)
            pump.start()
            self._pumps.append(pump)
        if stdin is not None:
            threading.Thread(target=_feed, args=(spawned.stdin, stdin), daemon=True).start()

    def running(self) -> bool:
        return self._pid is not None and self._status() is None

    def wait(self, timeout: float | None = None) -> Exit | None:
        """Wait until it exits (None if still running, or never started), then collect output."""
        if self._pid is None:
            return None
        if self._launcher.wait_exit(self._pid, timeout) is None:
            return None
        self._drain()
        return self.exit()

    def exit(self) -> Exit | None:
        """How it ended, or None while it runs."""
        status = self._status()
        if status is None:
            return None
        code = os.waitstatus_to_exitcode(status)
        sig = -code if code < 0 else None
        oom = False
        if sig == signal.SIGKILL and not self._killed:
            after = oom_kill_count()
            oom = after is not None and self._oom_before is not None and after > self._oom_before
        return Exit(code=None if sig else code, signal=sig, out_of_memory=oom, killed_by_runner=self._killed)

    def kill(self) -> None:
        """Stop it and everything it started, at once (no grace period: tests are over)."""
        if self._pid is None:
            return
        self.kill_now()
        self._launcher.wait_exit(self._pid, 2)
        self._drain()

    def terminate(self, grace: float) -> Exit | None:
        """Stop it the polite way: SIGTERM to its process group, as an operator or a service
        manager would, then SIGKILL if it is still running after ``grace`` seconds.
        Returns how it ended (None if even SIGKILL did not end it)."""
        if self._pid is None:
            return None
        if self.running():
            self._signal_group(signal.SIGTERM)
            self._launcher.wait_exit(self._pid, grace)
        self.kill()  # whatever is left of the group (children), and drain the output
        return self.exit()

    def kill_now(self) -> None:
        """SIGKILL the program and every other process it started, without waiting."""
        if self._pid is not None:
            self._signal_group(signal.SIGKILL)
            try:
                self._launcher.kill_all()
            except launcher.LaunchError:
                pass

    def _status(self) -> int | None:
        return self._launcher.exit_status(self._pid) if self._launcher and self._pid else None

    def _signal_group(self, sig: int) -> None:
        """Send ``sig`` to the program's process group (its children too); an end that comes
        from here is the runner's doing, not the program's."""
        if self.running():
            self._killed = True
        try:
            self._launcher.signal_group(self._pid, sig)
        except launcher.LaunchError:
            pass

    def _drain(self) -> None:
        # Children that inherited the pipes may keep them open; don't wait for them long.
        for pump in self._pumps:
            pump.join(0.5)
        self.stdout.finish()
        self.stderr.finish()

    def listening_ports(self) -> set[int]:
        """TCP ports on which this program (or another process of the learner's) listens."""
        if self._pid is None:
            return set()
        if self._launcher.identity.separated:
            return ports_of_uid(self._launcher.learner_uid)
        return ports_of_process(self._pid)


def _pump(fd: int, capture: StreamCapture) -> None:
    try:
        while chunk := os.read(fd, 65536):
            capture.feed(chunk)
    finally:
        os.close(fd)


def _feed(fd: int, data: bytes) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError:
        pass  # the program did not read all its input; that is its business
    finally:
        os.close(fd)


# --- memory cgroup -----------------------------------------------------------------------

_CGROUP_V2 = "/sys/fs/cgroup"
_CGROUP_V1 = "/sys/fs/cgroup/memory"


def _read(path: str) -> str | None:
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def oom_kill_count() -> int | None:
    """How many processes the container's memory cgroup has OOM-killed (v2 or v1), if known."""
    for path in (f"{_CGROUP_V2}/memory.events", f"{_CGROUP_V1}/memory.oom_control"):
        text = _read(path)
        if text is None:
            continue
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                return int(value)
    # Kernels before 4.13 have no oom_kill counter; hitting the limit is the next best sign.
    failcnt = _read(f"{_CGROUP_V1}/memory.failcnt")
    return int(failcnt) if failcnt else None


def memory_limit_text() -> str:
    """'128 MB' from the cgroup limit, or a generic phrase when there is none."""
    for path in (f"{_CGROUP_V2}/memory.max", f"{_CGROUP_V1}/memory.limit_in_bytes"):
        text = (_read(path) or "").strip()
        if text.isdigit() and int(text) < 1 << 50:
            return f"{int(text) // (1024 * 1024)} MB"
    configured = os.environ.get("CODEALONG_MEMORY_MB", "")  # the grader passes its limit too
    return f"{configured} MB" if configured.isdigit() else "sandbox's"


# --- listening sockets -------------------------------------------------------------------

_LISTEN = "0A"


def _listening_sockets() -> dict[str, int] | None:
    """inode -> port of every listening TCP socket in this network namespace."""
    sockets: dict[str, int] = {}
    readable = False
    for path in ("/proc/net/tcp", "/proc/net/tcp6"):
        text = _read(path)
        if text is None:
            continue
        readable = True
        for line in text.splitlines()[1:]:
            fields = line.split()
            if len(fields) > 9 and fields[3] == _LISTEN:
                sockets[fields[9]] = int(fields[1].rsplit(":", 1)[1], 16)
    return sockets if readable else None


def is_listening(port: int) -> bool | None:
    """Whether anything listens on ``port``; None if /proc/net is not readable.

    Reading /proc instead of probing with connect() matters: a probe connection would be
    the first client the learner's server sees, and a half-finished server may choke on it.
    """
    sockets = _listening_sockets()
    if sockets is None:
        return None
    return port in sockets.values()


def ports_of_uid(uid: int) -> set[int]:
    """TCP ports on which sockets owned by ``uid`` listen (/proc/net/tcp's uid column)."""
    ports = set()
    for path in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in (_read(path) or "").splitlines()[1:]:
            fields = line.split()
            if len(fields) > 9 and fields[3] == _LISTEN and fields[7] == str(uid):
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def ports_of_process(pid: int) -> set[int]:
    sockets = _listening_sockets() or {}
    ports = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return ports
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inode = target[8:-1]
            if inode in sockets:
                ports.add(sockets[inode])
    return ports
