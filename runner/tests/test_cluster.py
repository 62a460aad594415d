"""The cluster profile (three primaries, each with a replica) and the tester library's
cluster helpers, through the real runner and real valkey-server on this host."""

from __future__ import annotations

import os
import subprocess
import time

from cluster_cases import COUNTING_PROGRAM, FAILOVER_TEST, SELF_FAILOVER_KEYSPACE, SELF_FAILOVER_PROGRAM
from conftest import RUNNER_DIR, custom_test_payload, needs_valkey, python, run_runner, runner_path

pytestmark = needs_valkey


def valkey_binary() -> str:
    """The valkey-server the runner would use here."""
    return subprocess.run(
        [python(), "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
         "from codealong_runner.servers import valkey_server_binary; print(valkey_server_binary())", str(RUNNER_DIR)],
        capture_output=True, text=True, check=True, env={**os.environ, "PATH": runner_path()},
    ).stdout.strip()


def cluster_test(source: str, program: str = "print('done')\n", **extra) -> dict:
    run = run_runner(custom_test_payload(source, program, valkey="cluster", timeout=30, **extra), profile="cluster")
    assert run.result["status"] == "pass", run.explain()
    return run.result


def test_three_primaries_each_with_a_synchronised_replica():
    source = """
from codealong import test
from codealong.cluster import call, key_slot

@test("roles")
def roles(t):
    for primary, replica in ((7000, 7003), (7001, 7004), (7002, 7005)):
        role = call(replica, "ROLE")
        assert role[0] == b"slave" and int(role[2]) == primary and role[3] == b"connected", (replica, role)
        assert [int(r[1]) for r in call(primary, "ROLE")[2]] == [replica]
    info = call(7000, "CLUSTER", "INFO").decode()
    assert "cluster_state:ok" in info and "cluster_known_nodes:6" in info and "cluster_size:3" in info, info

@test("key_slot agrees with CLUSTER KEYSLOT")
def slots(t):
    keys = [t.random_key() for _ in range(50)] + ["{user:1}:a", "x{}y", "héllo", ""]
    for key in keys:
        assert key_slot(key) == call(7000, "CLUSTER", "KEYSLOT", key), key
"""
    cluster_test(source)


def test_valkey_for_query_and_failover_follow_the_slot_owner():
    source = """
from codealong import test
from codealong.cluster import role

@test("failover")
def failover(t):
    c = t.valkey_for("foo")                 # slot 12182: 7002
    assert c.port == 7002
    assert c.command("SET", "foo", "1") == "OK"
    assert t.query("GET", "foo", key="foo") == b"1"
    new = t.failover("foo")
    assert new == 7005 and role(7005) == "master" and role(7002) == "slave"
    assert t.valkey_for("foo").port == 7005
    assert t.query("GET", "foo", key="foo") == b"1"   # no write was lost
    assert t.wait_until(lambda: t.query("INCR", "foo", key="foo"), what="an answer") == 2
"""
    result = cluster_test(source)
    assert "the replica 127.0.0.1:7005 took over from 127.0.0.1:7002" in result["tests"][0]["output"]


def test_a_client_following_moved_carries_on_through_a_failover():
    result = cluster_test(FAILOVER_TEST, COUNTING_PROGRAM)
    assert "the replica 127.0.0.1:7004 took over from 127.0.0.1:7001" in result["tests"][0]["output"]


def test_t_start_runs_alongside_and_t_run_waits():
    program = """
import sys, time
if sys.stdin.read() == "slow":
    time.sleep(0.5)
print("done")
sys.exit(3)
"""
    source = """
from codealong import test
from codealong.failures import TestFailure

@test("start and run")
def both(t):
    slow = t.start(stdin="slow")
    assert slow.running
    result = slow.wait(5, check=False)
    assert not slow.running and result.exit_code == 3 and result.lines == ["done"]
    assert slow.wait() is result
    assert t.run(stdin="fast", check=False).exit_code == 3
    try:
        t.run(stdin="fast")
    except TestFailure as failure:
        assert "exited with code 3" in failure.message, failure.message
    else:
        raise AssertionError("a non-zero exit must fail the test")
"""
    run = run_runner(custom_test_payload(source, program))
    assert run.result["status"] == "pass", run.explain()


def test_wait_until_names_what_it_waited_for():
    source = """
from codealong import test

@test("waits")
def waits(t):
    t.wait_until(lambda: t.query("GET", "never"), timeout=0.2, what="the key never", hint="Write it.")
"""
    run = run_runner(custom_test_payload(source, "", valkey="standalone"), profile="standalone")
    failed = run.failed()
    assert failed["message"] == "Waited 0.2 s for the key never, in vain."
    assert failed["hint"] == "Write it."


def test_keyspace_after_a_failover_lists_each_key_once():
    payload = {"language": "python", "files": {"main.py": SELF_FAILOVER_PROGRAM}, "mode": "run", "valkey": "cluster",
               "timeout": 20}
    run = run_runner(payload, profile="cluster")
    assert run.result["status"] == "pass", run.explain()
    assert [(e["key"], e["value"]) for e in run.result["keyspace"]] == SELF_FAILOVER_KEYSPACE


def test_a_node_that_does_not_come_up_is_named_and_nothing_hangs(tmp_path):
    # valkey-server for 7004 exits at once: the runner still says ready, and the run's error
    # names the node.
    real = valkey_binary()
    wrapper = tmp_path / "valkey-server"
    wrapper.write_text(f'#!/bin/sh\ncase " $* " in *" --port 7004 "*) exit 1;; esac\nexec {real} "$@"\n')
    wrapper.chmod(0o755)
    payload = custom_test_payload("from codealong import test\n@test\ndef nothing(t):\n    pass\n", "",
                                  valkey="cluster")
    started = time.monotonic()
    run = run_runner(payload, profile="cluster", env={"CODEALONG_VALKEY_SERVER": str(wrapper)})
    assert time.monotonic() - started < 10
    assert run.result["status"] == "error"
    assert "valkey-server on 127.0.0.1:7004 exited at start-up with code 1" in run.result["message"], run.result
