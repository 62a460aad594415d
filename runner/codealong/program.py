"""The learner's program as a child process: launch, capture, stop, and explain how it ended."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

from .output import StreamCapture


class LaunchError(Exception):
    """The program could not be started at all (a runner or image problem, not the learner's)."""


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

    It gets no stdin unless given some, runs in the submission's work directory, and is
    the first candidate for the OOM killer so the runner survives a memory-hungry program.
    """

    def __init__(self, argv: list[str], cwd: str, env: dict[str, str],
                 stdout: StreamCapture, stderr: StreamCapture):
        self.argv = argv
        self.cwd = cwd
        self.env = env
        self.stdout = stdout
        self.stderr = stderr
        self._proc: subprocess.Popen | None = None
        self._pumps: list[threading.Thread] = []
        self._killed = False
        self._oom_before: int | None = None
        self.started_at = 0.0

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self, stdin: bytes | None = None) -> None:
        self._oom_before = oom_kill_count()
        try:
            self._proc = subprocess.Popen(
                self.argv, cwd=self.cwd, env=self.env,
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                start_new_session=True,  # own process group: one killpg stops its children too
            )
        except OSError as exc:
            raise LaunchError(f"could not start {self.argv[0]}: {exc.strerror or exc}") from exc
        self.started_at = time.monotonic()
        _prefer_for_oom_kill(self._proc.pid)
        for pipe, capture in ((self._proc.stdout, self.stdout), (self._proc.stderr, self.stderr)):
            pump = threading.Thread(target=_pump, args=(pipe, capture), daemon=True)
            pump.start()
            self._pumps.append(pump)
        if stdin is not None:
            threading.Thread(target=_feed, args=(self._proc.stdin, stdin), daemon=True).start()

    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def wait(self, timeout: float | None = None) -> Exit | None:
        """Wait until it exits (None if still running after ``timeout``), then collect output."""
        assert self._proc is not None
        try:
            self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        self._drain()
        return self.exit()

    def exit(self) -> Exit | None:
        """How it ended, or None while it runs."""
        if self._proc is None or self._proc.poll() is None:
            return None
        code = self._proc.returncode
        sig = -code if code < 0 else None
        oom = False
        if sig == signal.SIGKILL and not self._killed:
            after = oom_kill_count()
            oom = after is not None and self._oom_before is not None and after > self._oom_before
        return Exit(code=None if sig else code, signal=sig, out_of_memory=oom, killed_by_runner=self._killed)

    def kill(self) -> None:
        """Stop it and everything it started, at once (no grace period: tests are over)."""
        if self._proc is None:
            return
        self._signal_group(signal.SIGKILL)
        try:
            self._proc.wait(2)
        except subprocess.TimeoutExpired:
            pass
        self._drain()

    def terminate(self, grace: float) -> Exit | None:
        """Stop it the polite way: SIGTERM to its process group, as an operator or a service
        manager would, then SIGKILL if it is still running after ``grace`` seconds.
        Returns how it ended (None if even SIGKILL did not end it)."""
        if self._proc is None:
            return None
        if self._proc.poll() is None:
            self._signal_group(signal.SIGTERM)
            try:
                self._proc.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        self.kill()  # whatever is left of the group (children), and drain the output
        return self.exit()

    def kill_now(self) -> None:
        """SIGKILL the process group without waiting (the deadline has passed)."""
        if self._proc is not None:
            self._signal_group(signal.SIGKILL)

    def _signal_group(self, sig: int) -> None:
        """Send ``sig`` to the program's process group (its children too); an end that comes
        from here is the runner's doing, not the program's."""
        if self._proc.poll() is None:
            self._killed = True
        try:
            os.killpg(self._proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def _drain(self) -> None:
        # Children that inherited the pipes may keep them open; don't wait for them long.
        for pump in self._pumps:
            pump.join(0.5)
        self.stdout.finish()
        self.stderr.finish()

    def listening_ports(self) -> set[int]:
        """TCP ports on which this program (its main process) listens."""
        if self._proc is None:
            return set()
        return ports_of_process(self._proc.pid)


def _pump(pipe, capture: StreamCapture) -> None:
    with pipe:
        while chunk := os.read(pipe.fileno(), 65536):
            capture.feed(chunk)


def _feed(pipe, data: bytes) -> None:
    try:
        with pipe:
            pipe.write(data)
    except (BrokenPipeError, OSError):
        pass  # the program did not read all its input; that is its business


def _prefer_for_oom_kill(pid: int) -> None:
    # Raising a child's oom_score_adj needs no privilege; without it the kernel might pick
    # the runner (or valkey-server) and the learner would get no result at all.
    try:
        with open(f"/proc/{pid}/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass


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
