"""The runner image through the real Docker engine, with the grader's exact sandbox flags.

Builds the image first with runner/build-image.sh (a no-op when it is current); skipped
when no Docker engine is reachable.
"""

from __future__ import annotations

import json
import subprocess
import time

import pytest
from cluster_cases import COUNTING_PROGRAM, FAILOVER_TEST, SELF_FAILOVER_KEYSPACE, SELF_FAILOVER_PROGRAM
from conftest import RUNNER_DIR, step_files, step_names, step_payload

IMAGE = "codealong-runner:latest"
# The grader's flags (a Swift test keeps this file equal to DockerSettings.runArguments).
SANDBOX_FLAGS = json.loads((RUNNER_DIR / "sandbox-flags.json").read_text())["flags"]


@pytest.fixture(scope="module", autouse=True)
def image():
    try:
        info = subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"docker is not usable here: {exc}")
    if info.returncode != 0:
        pytest.skip(f"no Docker engine reachable: {info.stderr.strip()}")
    build = subprocess.run([str(RUNNER_DIR / "build-image.sh")], capture_output=True, text=True, timeout=1200)
    assert build.returncode == 0, f"build-image.sh failed:\n{build.stderr}"


def docker_run(payload: dict, profile: str = "none") -> tuple[dict, float]:
    """Run one container; returns the result event and the seconds until `ready`."""
    started = time.monotonic()
    proc = subprocess.Popen(
        ["docker", "run", *SANDBOX_FLAGS, "-e", f"CODEALONG_VALKEY={profile}", IMAGE],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert json.loads(proc.stdout.readline()) == {"event": "ready"}
    ready = time.monotonic() - started
    stdout, stderr = proc.communicate(json.dumps(payload).encode(), timeout=60)
    events = [json.loads(line) for line in stdout.decode().splitlines()]
    assert events and events[-1]["event"] == "result", stderr.decode()
    return events[-1], ready


@pytest.mark.parametrize("language", ["python", "javascript", "valkey-server"])
def test_step_two_passes_in_the_sandbox(language):
    files = {} if language == "valkey-server" else step_files("02-ping", "solution", language)
    result, _ = docker_run(step_payload("02-ping", language, files))
    assert result["status"] == "pass", result
    assert len(result["tests"]) == 4


@pytest.mark.parametrize("language", ["python", "javascript", "valkey-server"])
def test_the_whole_course_passes_in_the_sandbox(language):
    # The last step runs every step's tests: blocking commands, pub/sub and restarts for
    # persistence (valkey-server's append-only file in the read-only root's /tmp) at 1 CPU.
    last = step_names()[-1]
    files = {} if language == "valkey-server" else step_files(last, "solution", language)
    result, _ = docker_run(step_payload(last, language, files))
    assert result["status"] == "pass", result


def test_memory_limit_is_reported():
    payload = {"language": "python", "files": {"main.py": "data = b'x' * (400 * 1024 * 1024)\n"}, "mode": "run",
               "valkey": "none", "timeout": 10}
    result, _ = docker_run(payload)
    assert result["status"] == "error", result
    assert "used more than the 128 MB memory limit" in result["message"]


def test_the_root_filesystem_is_read_only_but_tmp_is_writable():
    program = """
import os
try:
    open("/opt/x", "w")
except OSError as e:
    print("read-only:", e.errno == 30)
open("/tmp/ok", "w").write("fine")
print(os.getcwd(), os.getuid())
"""
    result, _ = docker_run({"language": "python", "files": {"main.py": program}, "mode": "run", "valkey": "none"})
    read_only, place = result["stdout"].splitlines()
    assert read_only == "read-only: True", result
    cwd, uid = place.split()
    assert cwd == "/tmp/codealong/app"
    assert 200_000 <= int(uid) <= 999_999, "the learner's own uid, not the runner's"


def test_node_redis_against_standalone():
    program = """
const { createClient } = require("redis");
(async () => {
  const client = createClient({ url: `redis://${process.env.VALKEY_HOST}:${process.env.VALKEY_PORT}` });
  await client.connect();
  await client.set("lang", "javascript");
  console.log(await client.get("lang"));
  await client.quit();
})();
"""
    result, _ = docker_run({"language": "javascript", "files": {"main.js": program}, "mode": "run",
                            "valkey": "standalone"}, profile="standalone")
    assert result["status"] == "pass", result
    assert result["stdout"] == "javascript\n"
    assert result["keyspace"] == [{"key": "lang", "type": "string", "ttl": -1, "value": "javascript"}]


def test_glide_against_the_cluster():
    program = """
import os
from glide_sync import GlideClusterClient, GlideClusterClientConfiguration, NodeAddress
nodes = [NodeAddress(h, int(p)) for h, p in (n.split(":") for n in os.environ["VALKEY_CLUSTER_NODES"].split(","))]
client = GlideClusterClient.create(GlideClusterClientConfiguration(nodes))
for key in ("a", "b", "c", "d"):
    client.set(key, key.upper())
print(client.get("c").decode())
client.close()
"""
    result, ready = docker_run({"language": "python", "files": {"main.py": program}, "mode": "run",
                                "valkey": "cluster", "timeout": 20}, profile="cluster")
    assert result["status"] == "pass", result
    assert result["stdout"] == "C\n"
    assert [e["key"] for e in result["keyspace"]] == ["a", "b", "c", "d"]


def test_without_root_the_runner_still_judges():
    """A backend that starts the container as a plain user (no capabilities): the learner's
    program then shares the runner's uid, and the runner (non-dumpable) still works."""
    flags = [flag for flag in SANDBOX_FLAGS if flag not in ("SETUID", "SETGID", "--cap-add")]
    flags[flags.index("--user") + 1] = "1000:1000"
    proc = subprocess.run(["docker", "run", *flags, IMAGE],
                          input=json.dumps(step_payload("02-ping", "python", step_files("02-ping", "solution", "python"))).encode(),
                          capture_output=True, timeout=60)
    result = json.loads(proc.stdout.decode().splitlines()[-1])
    assert result["status"] == "pass", result


def test_the_cluster_has_three_primaries_each_with_a_synchronised_replica():
    program = """
from valkey import Valkey
for port in range(7000, 7006):
    role = Valkey(port=port).execute_command("ROLE")
    print(port, role[0].decode(), role[2] if role[0] == b"slave" else len(role[2]),
          role[3].decode() if role[0] == b"slave" else "")
"""
    result, ready = docker_run({"language": "python", "files": {"main.py": program}, "mode": "run",
                                "valkey": "cluster", "timeout": 20}, profile="cluster")
    assert result["status"] == "pass", result
    assert result["stdout"].splitlines() == [
        "7000 master 1 ", "7001 master 1 ", "7002 master 1 ",
        "7003 slave 7000 connected", "7004 slave 7001 connected", "7005 slave 7002 connected",
    ]


def test_a_failover_in_the_sandbox_keeps_a_moved_following_client_going_and_the_keyspace_right():
    payload = {"language": "python", "files": {"main.py": COUNTING_PROGRAM}, "mode": "test", "valkey": "cluster",
               "timeout": 30, "tests": [{"step": "01-failover", "title": "failover", "source": FAILOVER_TEST}]}
    result, _ = docker_run(payload, profile="cluster")
    assert result["status"] == "pass", result
    assert "the replica 127.0.0.1:7004 took over from 127.0.0.1:7001" in result["tests"][0]["output"]

    result, _ = docker_run({"language": "python", "files": {"main.py": SELF_FAILOVER_PROGRAM}, "mode": "run",
                            "valkey": "cluster", "timeout": 20}, profile="cluster")
    assert result["status"] == "pass", result
    assert [(e["key"], e["value"]) for e in result["keyspace"]] == SELF_FAILOVER_KEYSPACE
