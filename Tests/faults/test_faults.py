"""Faults, each produced for real: the Docker engine stopped in the middle of runs and started
again, the engine hung (SIGSTOP) and resumed, the grader killed with SIGKILL mid-run and
restarted, and a program that runs out of memory.

The engine faults use a second, private dockerd (its own socket, data and exec roots) so that
stopping it disturbs nothing else on the machine; the grader under test reaches it through
DOCKER_HOST, exactly as a grader with a remote engine would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from livegrader import containers_with_label, start_grader, wait_healthy

STATE = Path("/var/lib/codealong-faults-docker")
RUN = Path("/run/codealong-faults")
SOCKET = RUN / "docker.sock"
IMAGE = "codealong-runner:latest"
SLEEPER = "import time\nprint('started', flush=True)\ntime.sleep(8)\nprint('done')\n"


class PrivateEngine:
    """A dockerd of the tests' own, with the runner image loaded into it."""

    def __init__(self):
        self.host = f"unix://{SOCKET}"
        self.env = {**os.environ, "DOCKER_HOST": self.host}
        self.proc: subprocess.Popen | None = None

    def docker(self, *args: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(["docker", *args], env=self.env, capture_output=True, text=True, check=check, timeout=timeout)

    def start(self) -> None:
        RUN.mkdir(parents=True, exist_ok=True)
        log = open(RUN / "dockerd.log", "a")
        self.proc = subprocess.Popen(
            ["dockerd", "--host", self.host, "--data-root", str(STATE), "--exec-root", str(RUN / "exec"),
             "--pidfile", str(RUN / "dockerd.pid"), "--bridge=none", "--iptables=false", "--ip6tables=false"],
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while self.docker("info", check=False, timeout=10).returncode != 0:
            assert self.proc.poll() is None, f"dockerd exited; see {RUN / 'dockerd.log'}"
            assert time.monotonic() < deadline, "dockerd did not come up"
            time.sleep(0.3)

    def load_image(self) -> None:
        wanted = subprocess.run(["docker", "image", "inspect", "--format", "{{.Id}}", IMAGE],
                                capture_output=True, text=True, check=True).stdout.strip()
        have = self.docker("image", "inspect", "--format", "{{.Id}}", IMAGE, check=False).stdout.strip()
        if have != wanted:
            save = subprocess.Popen(["docker", "save", IMAGE], stdout=subprocess.PIPE)
            subprocess.run(["docker", "load"], stdin=save.stdout, env=self.env, check=True, capture_output=True)
            assert save.wait() == 0

    def stop(self) -> None:
        """As an operator's `systemctl stop docker` does: SIGTERM, which stops every container."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=60)

    def pause(self) -> None:
        os.kill(self.proc.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.proc.pid, signal.SIGCONT)


@pytest.fixture(scope="module")
def engine():
    engine = PrivateEngine()
    engine.start()
    engine.load_image()
    yield engine
    engine.resume() if engine.proc and engine.proc.poll() is None else None
    engine.stop()


def post(url: str, body: dict, timeout: float = 120) -> tuple[int, dict, float]:
    request = urllib.request.Request(f"{url}/api/run-code", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}"), time.monotonic() - started


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)


def passes(url: str) -> bool:
    status, body, _ = post(url, {"language": "python", "code": "print('back')"})
    return status == 200 and body.get("status") == "pass"


def test_engine_stopped_mid_run_then_back(engine):
    grader = start_grader("--pool", "none=2", "--rate-limit", "0", "--runs-per-client", "0", "--concurrency", "4",
                          name="faults", env={"DOCKER_HOST": engine.host})
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            inflight = [pool.submit(post, grader.url, {"language": "python", "code": SLEEPER}) for _ in range(3)]
            time.sleep(2.5)
            engine.stop()
            answers = [future.result() for future in inflight]
        for status, body, seconds in answers:
            assert status == 200, body
            assert body["status"] == "error", body
            assert "our fault" in body["message"] and "engine" in body["message"], body["message"]
            assert seconds < 10 + 2 + 5, seconds

        status, body, seconds = post(grader.url, {"language": "python", "code": "print(1)"})
        assert status == 503 and body["error"]["code"] == "sandbox_unavailable", body
        assert seconds < 5

        engine.start()
        wait_until(lambda: passes(grader.url), 60, "runs to pass again once the engine is back")
    finally:
        grader.stop(check_clean=False)
    assert containers_with_label(grader.instance, engine.host) == []


def test_hung_engine_answers_by_the_limit_and_the_queue_moves_on(engine):
    grader = start_grader("--pool", "none=1", "--rate-limit", "0", "--runs-per-client", "0", "--concurrency", "2",
                          name="faults", env={"DOCKER_HOST": engine.host})
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            inflight = [pool.submit(post, grader.url, {"language": "python", "code": SLEEPER}) for _ in range(2)]
            time.sleep(2)
            engine.pause()
            later = [pool.submit(post, grader.url, {"language": "python", "code": "print(1)"}) for _ in range(2)]
            answers = [future.result() for future in inflight + later]
        engine.resume()
        for status, body, seconds in answers[:2]:
            assert status == 200 and body["status"] in ("error", "timeout"), body
            assert seconds < 10 + 2 + 5, f"answered after {seconds:.1f} s"
        for status, body, seconds in answers[2:]:
            # Queued behind the hung runs, or refused once the health check saw the hang: never stuck.
            assert status in (200, 503), body
            assert status == 503 or body["status"] == "error", body
            assert seconds < 2 * (10 + 2 + 5), f"answered after {seconds:.1f} s"
        wait_until(lambda: passes(grader.url), 90, "runs to pass again once the engine resumed")
    finally:
        engine.resume()
        grader.stop(check_clean=False)
    wait_until(lambda: containers_with_label(grader.instance, engine.host) == [], 30, "the containers to go")


def test_grader_killed_mid_run_leaves_no_orphans_after_restart(engine):
    options = ("--pool", "none=1", "--rate-limit", "0", "--runs-per-client", "0")
    grader = start_grader(*options, name="faults", env={"DOCKER_HOST": engine.host})
    with ThreadPoolExecutor(max_workers=2) as pool:
        inflight = [pool.submit(post, grader.url, {"language": "python", "code": SLEEPER}) for _ in range(2)]
        time.sleep(2.5)
        before = set(containers_with_label(grader.instance, engine.host))
        assert len(before) >= 2, before
        grader.proc.kill()
        grader.proc.wait()
        for future in inflight:
            with pytest.raises(Exception):
                future.result()  # the connection died with the grader
    restarted = start_grader(*options, name="faults", env={"DOCKER_HOST": engine.host}, instance=grader.instance)
    try:
        wait_healthy(restarted)
        # The restarted grader reaps at start-up, beside serving: give it the seconds `docker rm` takes.
        wait_until(lambda: not set(containers_with_label(grader.instance, engine.host)) & before, 20,
                   f"the killed grader's containers {before} to be reaped")
        assert passes(restarted.url)
    finally:
        restarted.stop(check_clean=False)
    wait_until(lambda: containers_with_label(grader.instance, engine.host) == [], 30, "the containers to go")


def test_a_program_out_of_memory_is_told_so(engine):
    grader = start_grader("--pool", "none=1", "--rate-limit", "0", name="faults", env={"DOCKER_HOST": engine.host})
    try:
        hog = "data = []\nwhile True:\n    data.append(bytearray(8 << 20))\n"
        status, body, _ = post(grader.url, {"language": "python", "code": hog})
        assert status == 200 and body["status"] == "error", body
        assert "memory" in body["message"] and "128 MB" in body["message"], body["message"]

        lesson = {"lesson": "build-your-own-valkey/02-ping", "language": "python",
                  "code": "import socket\ns = socket.create_server(('127.0.0.1', 6379))\n" + hog}
        status, body, _ = post(grader.url, lesson)
        assert status == 200 and body["status"] == "error", body
        assert "memory" in body["message"], body["message"]
    finally:
        grader.stop()
