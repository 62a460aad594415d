"""Starts the learner's processes where they cannot reach the runner (docs/SECURITY.md).

The runner judges the learner's program, so the program must not be able to touch it:
no signals to it, no ptrace, no ``/proc/<runner>/fd`` (the protocol pipe), ``mem`` or
``environ``. In the sandbox the container starts as root with only two capabilities
(SETUID, SETGID) and ``no-new-privileges``. Before anything else ``start()`` forks:

- the child becomes the **launcher**: it keeps those two capabilities and does nothing but
  serve this module's requests over a socket pair: start a program under the learner's
  uid (a random one per container, so per-uid limits are per container), signal it, kill
  every process of that uid, and report exits. It is the subreaper of everything the
  learner starts, so orphans and zombies never pile up.
- the parent drops to the runner's uid with no capabilities and makes itself
  non-dumpable, then reads the payload and runs the tests.

The learner's uid owns none of the runner's processes or files, so the kernel refuses
every one of those accesses. Signals to the learner's processes are sent from a short-lived
child with the learner's uid, so no process needs CAP_KILL. Where the runner does not start as root with
``CODEALONG_RUNNER_UID`` set (tests on a developer's machine), the launcher still runs in
its own process but every program shares the runner's uid; the runner is non-dumpable
either way.
"""

from __future__ import annotations

import ctypes
import errno
import itertools
import json
import os
import random
import resource
import select
import signal
import socket
import sys
import threading
from dataclasses import dataclass

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36

# The learner's processes and threads, at most: the rest of the container's --pids-limit
# stays for the runner and Valkey, so a fork bomb cannot starve the runner of processes.
LEARNER_NPROC = 64
LEARNER_NICE = 5  # under CPU contention the runner goes first; alone, the program runs at full speed
MAX_MESSAGE = 1 << 20


class LaunchError(Exception):
    """The program could not be started at all (a runner or image problem, not the learner's)."""


@dataclass
class Spawned:
    pid: int
    stdin: int | None  # write end, when the program was given stdin
    stdout: int
    stderr: int


def _prctl(option: int, value: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(option, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option}) failed")


def make_undumpable() -> None:
    """Owned-by-root /proc files, no ptrace and no core dump for this process, whoever asks."""
    _prctl(PR_SET_DUMPABLE, 0)


@dataclass(frozen=True)
class Identity:
    """Who runs what: the runner's uid and the learner's, or None for 'same as now'."""

    runner: tuple[int, int] | None
    learner: tuple[int, int] | None

    @classmethod
    def from_environment(cls) -> "Identity":
        runner = os.environ.get("CODEALONG_RUNNER_UID")
        if os.getuid() != 0 or not runner:
            return cls(None, None)
        uid = int(runner)
        first, _, last = os.environ.get("CODEALONG_LEARNER_UIDS", "200000-999999").partition("-")
        learner = random.SystemRandom().randint(int(first), int(last or first))
        return cls((uid, uid), (learner, learner))

    @property
    def separated(self) -> bool:
        return self.learner is not None


class Launcher:
    """The runner's handle on the launcher process. Thread-safe."""

    def __init__(self, sock: socket.socket, identity: Identity, pid: int):
        self._sock = sock
        self.identity = identity
        self.pid = pid
        self._ids = itertools.count(1)
        self._send_lock = threading.Lock()
        self._cond = threading.Condition()
        self._replies: dict[int, tuple[dict, list[int]]] = {}
        self._exits: dict[int, int] = {}
        self._gone = False
        threading.Thread(target=self._read, name="launcher-events", daemon=True).start()

    @property
    def learner_uid(self) -> int:
        return self.identity.learner[0] if self.identity.learner else os.getuid()

    # --- requests ---------------------------------------------------------------------------

    def spawn(self, argv: list[str], cwd: str, env: dict[str, str], stdin: bool) -> Spawned:
        reply, fds = self._request({"op": "spawn", "argv": argv, "cwd": cwd, "env": env, "stdin": stdin})
        if "error" in reply:
            raise LaunchError(reply["error"])
        fd_iter = iter(fds)
        return Spawned(pid=reply["pid"], stdin=next(fd_iter) if stdin else None,
                       stdout=next(fd_iter), stderr=next(fd_iter))

    def signal_group(self, pid: int, sig: int) -> None:
        self._request({"op": "signal", "pid": pid, "signal": int(sig)})

    def kill_all(self) -> None:
        """Kill every process the learner started, including ones that left the process group."""
        self._request({"op": "kill-all"})

    def clean(self, path: str) -> None:
        """Remove what the learner created under ``path`` (files the runner's uid may not delete)."""
        self._request({"op": "clean", "path": path})

    # --- exits ------------------------------------------------------------------------------

    def exit_status(self, pid: int) -> int | None:
        """The raw wait status of ``pid`` once it has exited, else None."""
        with self._cond:
            return self._exits.get(pid)

    def wait_exit(self, pid: int, timeout: float | None) -> int | None:
        with self._cond:
            self._cond.wait_for(lambda: pid in self._exits or self._gone, timeout)
            return self._exits.get(pid)

    # --- plumbing ---------------------------------------------------------------------------

    def _request(self, message: dict) -> tuple[dict, list[int]]:
        request_id = next(self._ids)
        data = json.dumps({**message, "id": request_id}).encode()
        with self._send_lock:
            try:
                self._sock.sendall(data)
            except OSError as exc:
                raise LaunchError(f"the launcher is gone ({exc})") from None
        with self._cond:
            self._cond.wait_for(lambda: request_id in self._replies or self._gone)
            if request_id not in self._replies:
                raise LaunchError("the launcher is gone")
            return self._replies.pop(request_id)

    def _read(self) -> None:
        while True:
            try:
                data, fds, _flags, _addr = socket.recv_fds(self._sock, MAX_MESSAGE, 8)
            except OSError:
                data, fds = b"", []
            if not data:
                with self._cond:
                    self._gone = True
                    self._cond.notify_all()
                return
            message = json.loads(data)
            with self._cond:
                if "exited" in message:
                    self._exits[message["exited"]] = message["status"]
                else:
                    self._replies[message["id"]] = (message, fds)
                self._cond.notify_all()


_current: Launcher | None = None
_current_lock = threading.Lock()


def current() -> Launcher:
    """This process's launcher: the one the runner started, or (for code that uses the
    library outside a runner, such as unit tests) one started now, without hardening."""
    global _current
    with _current_lock:
        if _current is None:
            _current = start(harden=False)
        return _current


def start(harden: bool = True) -> Launcher:
    """Fork the launcher and (in the sandbox) drop the runner's own privileges.

    Must run before the runner starts any thread or reads its payload: the launcher is a
    copy of this process at this moment.
    """
    global _current
    identity = Identity.from_environment() if harden else Identity(None, None)
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:  # the launcher
        ours.close()
        try:
            _serve(theirs, identity)
        finally:
            os._exit(0)
    theirs.close()
    if identity.runner is not None:
        uid, gid = identity.runner
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)  # from root to a plain uid: every capability goes too
    if harden:
        make_undumpable()
    _current = Launcher(ours, identity, pid)
    return _current


# --- the launcher process ---------------------------------------------------------------------


def _serve(sock: socket.socket, identity: Identity) -> None:
    # Keep only what serving needs: no payload pipe, no protocol stream.
    for fd in (0, 1):
        try:
            os.close(fd)
        except OSError:
            pass
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the runner decides when everything ends
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    make_undumpable()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    server = _LauncherServer(sock, identity)
    while True:
        try:
            ready, _, _ = select.select([sock, wake_r], [], [])
        except InterruptedError:
            continue
        if wake_r in ready:
            os.read(wake_r, 4096)
            server.reap()
        if sock in ready:
            try:
                data, fds, _flags, _addr = socket.recv_fds(sock, MAX_MESSAGE, 0)
            except OSError:
                data = b""
            if not data:  # the runner is gone: so is everything it started
                server.kill_all()
                return
            server.handle(json.loads(data))
            server.reap()


class _LauncherServer:
    def __init__(self, sock: socket.socket, identity: Identity):
        self.sock = sock
        self.identity = identity
        self.spawned: set[int] = set()

    def handle(self, request: dict) -> None:
        op = request.get("op")
        fds: list[int] = []
        try:
            if op == "spawn":
                reply, fds = self.spawn(request)
            elif op == "signal":
                self.signal(request["pid"], request["signal"])
                reply = {}
            elif op == "kill-all":
                self.kill_all()
                reply = {}
            elif op == "clean":
                self.as_learner(lambda: _remove_tree(request["path"]))
                reply = {}
            else:
                reply = {"error": f"unknown request {op!r}"}
        except Exception as exc:  # reported, never fatal: the runner must get its answer
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        self.send({**reply, "id": request["id"]}, fds)
        for fd in fds:
            os.close(fd)

    def send(self, message: dict, fds: list[int] = ()) -> None:
        try:
            socket.send_fds(self.sock, [json.dumps(message).encode()], list(fds))
        except OSError:
            pass

    def spawn(self, request: dict) -> tuple[dict, list[int]]:
        argv, cwd, env = request["argv"], request["cwd"], request["env"]
        stdin_r, stdin_w = os.pipe() if request.get("stdin") else (os.open(os.devnull, os.O_RDONLY), -1)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        report_r, report_w = os.pipe()  # close-on-exec: EOF means exec succeeded
        pid = os.fork()
        if pid == 0:
            try:
                self._become_learner(argv, cwd, env, (stdin_r, out_w, err_w), report_w)
            except BaseException as exc:  # noqa: BLE001 - the child must never return
                try:
                    message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                    os.write(report_w, f"could not start {argv[0]}: {message}".encode())
                finally:
                    os._exit(127)
        for fd in (stdin_r, out_w, err_w, report_w):
            os.close(fd)
        failure = b""
        while chunk := os.read(report_r, 4096):
            failure += chunk
        os.close(report_r)
        if failure:
            for fd in (stdin_w, out_r, err_r):
                if fd >= 0:
                    os.close(fd)
            os.waitpid(pid, 0)
            return {"error": failure.decode(errors="replace")}, []
        self.spawned.add(pid)
        fds = ([stdin_w] if stdin_w >= 0 else []) + [out_r, err_r]
        return {"pid": pid}, fds

    def _become_learner(self, argv, cwd, env, stdio, report_w) -> None:
        # What Python and the launcher changed must not leak into the program: ignored
        # dispositions survive exec (a server that ignores SIGTERM, or SIGPIPE, unawares).
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        os.setsid()  # its own process group and session: one killpg stops it and its children
        for target, fd in enumerate(stdio):
            os.dup2(fd, target)
        os.closerange(3, report_w)
        os.closerange(report_w + 1, 65536)
        # The launcher is non-dumpable, which makes its /proc files root's; this child holds
        # nothing of the launcher's any more, and must be able to write its own below.
        _prctl(PR_SET_DUMPABLE, 1)
        # Raised before the uid changes (raising needs no privilege): the kernel's OOM killer
        # picks the program, not the runner or Valkey.
        with open(f"/proc/{os.getpid()}/oom_score_adj", "w") as f:
            f.write("1000")
        os.nice(LEARNER_NICE)
        if self.identity.learner is not None:
            uid, gid = self.identity.learner
            resource.setrlimit(resource.RLIMIT_NPROC, (LEARNER_NPROC, LEARNER_NPROC))
            os.setgroups([])
            os.setresgid(gid, gid, gid)
            os.setresuid(uid, uid, uid)
        launcher = os.getppid()
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # set after the uid change, which clears it
        if os.getppid() != launcher:
            os._exit(1)
        os.chdir(cwd)
        os.execvpe(argv[0], argv, env)

    def signal(self, pid: int, sig: int) -> None:
        if pid not in self.spawned:
            return  # already reaped: the pid may belong to someone else by now

        def send() -> None:
            try:
                os.killpg(pid, sig)
            except (ProcessLookupError, PermissionError):
                pass

        # Sent from the learner's own uid: the launcher needs no CAP_KILL.
        self.as_learner(send) if self.identity.separated else send()

    def kill_all(self) -> None:
        for pid in list(self.spawned):
            self.signal(pid, signal.SIGKILL)
        if self.identity.learner is not None:
            # kill(-1) from the learner's uid reaches every process of that uid in the
            # container (daemons, new sessions), and nothing else. Repeat while a fork bomb
            # still produces new ones.
            uid = self.identity.learner[0]
            for _ in range(20):
                self.as_learner(lambda: _kill_everyone_reachable())
                self.reap()
                if not _processes_of(uid):
                    break
        self.reap()

    def as_learner(self, action) -> None:
        """Run ``action`` in a child process with the learner's uid, and wait for it."""
        pid = os.fork()
        if pid == 0:
            try:
                if self.identity.learner is not None:
                    uid, gid = self.identity.learner
                    os.setgroups([])
                    os.setresgid(gid, gid, gid)
                    os.setresuid(uid, uid, uid)
                action()
            finally:
                os._exit(0)
        while True:
            try:
                os.waitpid(pid, 0)
                return
            except InterruptedError:
                continue
            except ChildProcessError:
                return

    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in self.spawned:
                self.spawned.discard(pid)
                self.send({"exited": pid, "status": status})


def _kill_everyone_reachable() -> None:
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError as exc:
        if exc.errno != errno.ESRCH:
            raise


def _processes_of(uid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as f:
                for line in f:
                    if line.startswith("Uid:"):
                        if int(line.split()[1]) == uid:
                            found.append(int(entry))
                        break
        except OSError:
            continue
    return found


def _remove_tree(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("codealong_runner.launcher is started by the runner, not on its own")
