"""Shared fixture for the Python-driven suites (browser, API contract): a real grader serving
the built site on a free loopback port, with the real Docker engine behind it."""

import json
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GRADER = ROOT / ".build" / "debug" / "grader"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def containers_with_label(instance: str) -> list[str]:
    out = subprocess.run(
        ["docker", "ps", "-a", "--filter", f"label=codealong.grader={instance}", "--format", "{{.Names}}"],
        capture_output=True, text=True, check=True,
    )
    return out.stdout.split()


@pytest.fixture(scope="session")
def grader():
    """Starts the grader on a free loopback port; stops it with SIGTERM and checks it cleaned up."""
    assert GRADER.exists(), f"{GRADER} is missing: run `make build` first"
    assert (ROOT / "public" / "index.html").exists(), "public/ is missing: run `make site` first"
    port = free_port()
    instance = f"browser-{uuid.uuid4().hex[:8]}"
    log = open(ROOT / ".build" / "browser-grader.log", "w")
    proc = subprocess.Popen(
        [str(GRADER), "--host", "127.0.0.1", "--port", str(port), "--content", "content",
         "--public", "public", "--instance", instance, "--pool", "none=1", "--rate-limit", "0"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=5) as response:
                if json.load(response)["status"] == "ok":
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"grader did not become healthy; see {log.name}")
        time.sleep(0.2)
    yield base
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    log.close()
    assert containers_with_label(instance) == [], "the grader left containers behind"
