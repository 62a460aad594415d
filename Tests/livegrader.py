"""A real grader for the Python-driven suites (browser, API, security, load): started on a free
loopback port, serving the built site, with the real Docker engine behind it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
GRADER = ROOT / ".build" / "debug" / "grader"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def containers_with_label(instance: str, docker_host: str | None = None) -> list[str]:
    env = {**os.environ, **({"DOCKER_HOST": docker_host} if docker_host else {})}
    out = subprocess.run(
        ["docker", "ps", "-a", "--filter", f"label=codealong.grader={instance}", "--format", "{{.Names}}"],
        capture_output=True, text=True, check=True, env=env,
    )
    return out.stdout.split()


@dataclass
class LiveGrader:
    """A grader process started for a test suite."""

    url: str
    proc: subprocess.Popen
    instance: str
    log_path: Path
    env: dict = field(default_factory=dict)

    def rss_kib(self) -> int:
        return _status_field(self.proc.pid, "VmRSS")

    def threads(self) -> int:
        return _status_field(self.proc.pid, "Threads")

    def stop(self, check_clean: bool = True) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=60)
        if check_clean:
            assert containers_with_label(self.instance, self.env.get("DOCKER_HOST")) == [], \
                "the grader left containers behind"


def _status_field(pid: int, name: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    raise KeyError(name)


def start_grader(*options: str, name: str = "grader", env: dict | None = None, wait: bool = True,
                 instance: str | None = None, port: int | None = None, binary: Path | None = None) -> LiveGrader:
    """Starts `grader` (the debug build unless `binary` says otherwise) with the site, content
    and `options`; waits until /api/health says ok."""
    binary = binary or GRADER
    assert binary.exists(), f"{binary} is missing: run `make build` first"
    assert (ROOT / "public" / "index.html").exists(), "public/ is missing: run `make site` first"
    port = port or free_port()
    instance = instance or f"{name}-{uuid.uuid4().hex[:8]}"
    log_path = ROOT / ".build" / f"{name}-{instance}.log"
    proc = subprocess.Popen(
        [str(binary), "--host", "127.0.0.1", "--port", str(port), "--content", "content",
         "--public", "public", "--instance", instance, *options],
        cwd=ROOT, stdout=open(log_path, "w"), stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
    )
    grader = LiveGrader(f"http://127.0.0.1:{port}", proc, instance, log_path, env or {})
    if wait:
        wait_healthy(grader)
    return grader


def wait_healthy(grader: LiveGrader, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{grader.url}/api/health", timeout=5) as response:
                if json.load(response)["status"] == "ok":
                    return
        except OSError:
            pass
        if grader.proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"grader did not become healthy; see {grader.log_path}")
        time.sleep(0.2)
