"""The stdin/stdout protocol the grader relies on (docs/runner.md), end to end on the host."""

from __future__ import annotations

import json

import pytest
from codealong_runner import payload as payloads
from conftest import (PING_TEST, custom_test_payload, needs_valkey, run_runner, sequential_server, step_files,
                      step_payload, threaded_server)

SERVER = threaded_server()


def run_payload(language: str, files: dict, valkey: str = "none", **extra) -> dict:
    return {"language": language, "files": files, "mode": "run", "valkey": valkey, "timeout": 10, **extra}


# --- events --------------------------------------------------------------------------------


def test_events_pair_up_and_result_repeats_the_end_events():
    run = run_runner(step_payload("02-ping", "python", step_files("02-ping", "solution", "python")))
    starts = [e for e in run.events if e["event"] == "test" and e["phase"] == "start"]
    ends = [e for e in run.events if e["event"] == "test" and e["phase"] == "end"]
    assert [(s["step"], s["name"]) for s in starts] == [(e["step"], e["name"]) for e in ends]
    assert [{k: v for k, v in e.items() if k not in ("event", "phase")} for e in ends] == run.result["tests"]
    assert set(run.result) >= {"status", "message", "tests", "stdout", "stderr", "truncated", "durationMs", "seed"}
    for end in ends:
        assert set(end) == {"event", "phase", "step", "name", "status", "message", "hint", "output", "note", "durationMs"}


def test_output_events_are_whole_lines_that_add_up_to_stdout():
    program = ("import sys, time\nfor i in range(3):\n    print('line', i)\n    time.sleep(0.15)\n"
               "sys.stdout.write('no newline')\n")
    run = run_runner(run_payload("python", {"main.py": program}))
    texts = [e["text"] for e in run.events if e["event"] == "output" and e["stream"] == "stdout"]
    assert texts == ["line 0\n", "line 1\n", "line 2\n", "no newline"]  # 150 ms apart: one event each
    assert "".join(texts) == run.result["stdout"]
    assert run.result["status"] == "pass"


def test_output_printed_at_once_is_coalesced_into_few_events():
    program = "for i in range(5000):\n    print('line', i)\n"
    run = run_runner(run_payload("python", {"main.py": program}))
    texts = [e["text"] for e in run.events if e["event"] == "output" and e["stream"] == "stdout"]
    assert 1 <= len(texts) <= 20, len(texts)
    assert all(text.endswith("\n") for text in texts)
    assert "".join(texts) == run.result["stdout"]


def test_a_test_authors_print_does_not_corrupt_the_stream():
    source = PING_TEST.replace("c = t.connect()", "print('debug from the test author')\n    c = t.connect()")
    run = run_runner(custom_test_payload(source, SERVER))  # run_runner parses every line as JSON
    assert run.result["status"] == "pass"
    assert "debug from the test author" in run.stderr


# --- payload validation --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../main.py", "dir/main.py", "..", ".hidden", "a..b", ""])
def test_file_names_must_be_plain(name):
    run = run_runner(run_payload("python", {name: "print(1)"}))
    assert run.result["status"] == "error"
    assert "not allowed" in run.result["message"]


@pytest.mark.parametrize("payload, fragment", [
    (b"{not json", "not a JSON payload"),
    ({"language": "cobol", "files": {}}, "language must be one of"),
    ({"language": "python", "files": {"main.py": ""}, "mode": "debug"}, "mode must be one of"),
    ({"language": "python", "files": {"main.py": ""}, "mode": "test", "tests": []}, "needs at least one"),
    ({"language": "python", "files": {"main.py": ""}, "mode": "run", "timeout": 0}, "timeout must be"),
])
def test_invalid_payloads_get_an_error_result(payload, fragment):
    run = run_runner(payload)
    assert run.result["status"] == "error"
    assert fragment in run.result["message"]
    assert run.result["tests"] == []


def test_seed_is_reported_and_used():
    source = """
from codealong import test
@test("uses randomness")
def random_check(t):
    t.fail("value was " + str(t.random.randint(0, 10**9)))
"""
    first = run_runner(custom_test_payload(source, SERVER, seed=42))
    second = run_runner(custom_test_payload(source, SERVER, seed=42))
    assert first.result["seed"] == 42
    assert first.failed()["message"] == second.failed()["message"]
    assert "(random seed 42)" in first.failed()["message"]


# --- test mode -----------------------------------------------------------------------------


def test_stops_at_the_first_failing_step_and_blames_the_earlier_step():
    # Passes step 2's PING tests but exits after one client, so step 1 fails first.
    program = """
import socket
s = socket.create_server(("127.0.0.1", 6379))
c, _ = s.accept()
"""
    run = run_runner(step_payload("02-ping", "python", {"main.py": program}))
    assert run.result["status"] == "fail"
    assert {t["step"] for t in run.tests()} == {"01-bind"}
    assert "earlier step 01-bind" in run.result["message"]


# Accepts clients in a loop, but exits as soon as it has taken its fourth: step 1 makes four
# connections, the last three in "keeps accepting".
EXITS_AFTER_FOUR_CLIENTS = """
import socket, threading
s = socket.create_server(("127.0.0.1", 6379))
def serve(c):
    while data := c.recv(1024):
        c.sendall(b"+PONG\\r\\n")
for _ in range(4):
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
"""


@pytest.mark.parametrize("step", ["01-bind", "02-ping"])
def test_a_server_that_stops_after_step_1s_clients_fails_whether_or_not_tests_follow(step):
    # Alone, step 1 watches the program before it ends; graded with step 2 the watch goes on
    # during step 2's tests instead of holding the run up: either way the program fails.
    run = run_runner(step_payload(step, "python", {"main.py": EXITS_AFTER_FOUR_CLIENTS}))
    assert run.result["status"] == "fail", run.result
    failed = run.failed()
    assert "no longer running" in failed["message"] or "stopped running" in failed["message"] \
        or "not listening" in failed["message"] or "refused" in failed["message"], failed


def test_the_stages_event_says_where_the_time_went():
    run = run_runner(step_payload("02-ping", "python", step_files("02-ping", "solution", "python")))
    stages = [e for e in run.events if e["event"] == "stages"]
    assert len(stages) == 1 and run.events[-1]["event"] == "result" and run.events[-2] is stages[0]
    assert set(stages[0]) == {"event", "learnerStartMs", "testsMs", "resultMs"}
    assert 0 < stages[0]["learnerStartMs"] < run.result["durationMs"]
    assert stages[0]["testsMs"] >= 0 and stages[0]["resultMs"] >= 0
    assert stages[0]["learnerStartMs"] + stages[0]["testsMs"] + stages[0]["resultMs"] <= run.result["durationMs"] + 5
    # In run mode nothing listens: no start-up figure.
    run = run_runner(run_payload("python", {"main.py": "print('hi')"}))
    stages = [e for e in run.events if e["event"] == "stages"]
    assert len(stages) == 1 and stages[0]["learnerStartMs"] is None


def test_a_crashing_program_is_an_error_with_its_stderr():
    program = sequential_server().replace("c.sendall(b'+PONG\\r\\n')", 'raise SystemExit(int("boom"))')
    run = run_runner(custom_test_payload(PING_TEST, program))
    assert run.result["status"] == "error"
    failed = run.failed()
    assert failed["status"] == "error"
    assert "Your program exited with code 1." in failed["message"]
    assert "ValueError: invalid literal for int()" in failed["message"]
    assert "crashed" in run.result["message"]


def test_a_syntax_error_is_reported_before_listening():
    run = run_runner(custom_test_payload(PING_TEST, "def broken(:\n"))
    assert run.result["status"] == "error"
    assert "exited with code 1 before listening on port 6379" in run.failed()["message"]
    assert "SyntaxError" in run.failed()["message"]


def test_broken_test_code_is_reported_as_a_course_problem():
    run = run_runner(custom_test_payload("from codealong import test\n@test('x')\ndef x(t):\n    t.nope()\n", SERVER))
    assert run.result["status"] == "error"
    assert "problem in the course" in run.failed()["message"]
    assert "01-custom/test.py, line 4" in run.failed()["message"]


def test_unloadable_tests_are_reported_as_a_course_problem():
    run = run_runner(custom_test_payload("def broken(:\n", SERVER))
    assert run.result["status"] == "error"
    assert "could not be loaded" in run.result["message"]


def test_timeout_names_the_running_test():
    silent = threaded_server().replace("c.sendall(b'+PONG\\r\\n')", "pass")
    source = PING_TEST.replace("c.expect(b\"+PONG\\r\\n\")", "c.expect(b\"+PONG\\r\\n\", timeout=30)")
    run = run_runner(custom_test_payload(source, silent, timeout=2))
    result = run.result
    assert result["status"] == "timeout"
    assert 'while running the test "responds to PING" (step 01-custom)' in result["message"]
    assert "infinite loop" in result["message"]
    # The limit, plus at most the time the busy machine made the run wait for a CPU.
    assert result["durationMs"] < 2000 * (1 + payloads.BUSY_MACHINE_CREDIT)
    assert result["tests"][-1]["name"] == "responds to PING"


# --- run mode ------------------------------------------------------------------------------


def test_run_mode_reports_the_exit_code():
    run = run_runner(run_payload("python", {"main.py": "import sys\nprint('bye', file=sys.stderr)\nsys.exit(3)\n"}))
    assert run.result["status"] == "error"
    assert "exited with code 3" in run.result["message"]
    assert run.result["stderr"] == "bye\n"
    assert "keyspace" not in run.result


def test_run_mode_timeout_kills_the_program():
    run = run_runner(run_payload("python", {"main.py": "print('start')\nwhile True:\n    pass\n"}, timeout=1.5))
    assert run.result["status"] == "timeout"
    assert "while running your program" in run.result["message"]
    assert run.result["stdout"] == "start\n"


def test_output_is_capped_at_64_kib():
    run = run_runner(run_payload("python", {"main.py": "print('x' * 200_000)\nprint('end')\n"}))
    assert run.result["truncated"] is True
    assert len(run.result["stdout"]) == 64 * 1024
    streamed = "".join(e["text"] for e in run.events if e["event"] == "output")
    assert len(streamed) <= 64 * 1024


def test_run_mode_javascript():
    run = run_runner(run_payload("javascript", {"main.js": "console.log('hi from node');\n"}))
    assert run.result["status"] == "pass"
    assert run.result["stdout"] == "hi from node\n"


@needs_valkey
def test_command_calls_count_what_the_program_ran():
    source = """
from codealong import test
@test("counts")
def counts(t):
    t.query("CONFIG", "RESETSTAT")
    t.run()
    calls = t.command_calls()
    assert calls.get("lpush") == 2 and calls.get("lmove") == 1 and "rpop" not in calls, calls
    t.fail("stop here")
"""
    program = """
import os, valkey
r = valkey.Valkey(host=os.environ["VALKEY_HOST"], port=int(os.environ["VALKEY_PORT"]))
r.lpush("a", 1); r.lpush("a", 2); r.lmove("a", "b", "LEFT", "RIGHT")
"""
    run = run_runner(custom_test_payload(source, program, valkey="standalone"), profile="standalone")
    assert run.failed()["message"] == "stop here", run.failed()


@needs_valkey
def test_run_mode_with_a_server_returns_the_keyspace():
    program = """
import os, valkey
r = valkey.Valkey(host=os.environ["VALKEY_HOST"], port=int(os.environ["VALKEY_PORT"]))
r.set("greeting", "héllo", ex=100)
r.rpush("queue", "a", "b")
r.hset("user:1", mapping={"name": "Ada", "born": "1815"})
r.sadd("tags", "z", "a", "m")
r.zadd("board", {"ada": 3, "bob": 1.5})
r.xadd("events", {"kind": "login"}, id="1-1")
print("done")
"""
    run = run_runner(run_payload("python", {"main.py": program}, valkey="standalone"), profile="standalone")
    assert run.result["status"] == "pass", run.result
    keys = {entry["key"]: entry for entry in run.result["keyspace"]}
    assert [entry["key"] for entry in run.result["keyspace"]] == sorted(keys)
    assert keys["greeting"]["value"] == "héllo" and 90_000 < keys["greeting"]["ttl"] <= 100_000
    assert keys["queue"] == {"key": "queue", "type": "list", "ttl": -1, "value": ["a", "b"]}
    assert keys["user:1"]["value"] == {"name": "Ada", "born": "1815"}
    assert keys["tags"]["value"] == ["a", "m", "z"]
    assert keys["board"]["value"] == [["bob", 1.5], ["ada", 3.0]]
    assert keys["events"]["value"] == [{"id": "1-1", "fields": {"kind": "login"}}]


@needs_valkey
def test_valkey_language_prints_like_valkey_cli():
    commands = 'SET greeting "hello world"\n# a comment\n\nGET greeting\nRPUSH l a b\nLRANGE l 0 -1\nINCR greeting\nGET missing\n'
    run = run_runner(run_payload("valkey", {"commands.valkey": commands}, valkey="standalone"), profile="standalone")
    assert run.result["status"] == "pass"
    assert run.result["stdout"] == (
        '127.0.0.1:6379> SET greeting "hello world"\nOK\n'
        "127.0.0.1:6379> GET greeting\n\"hello world\"\n"
        "127.0.0.1:6379> RPUSH l a b\n(integer) 2\n"
        '127.0.0.1:6379> LRANGE l 0 -1\n1) "a"\n2) "b"\n'
        "127.0.0.1:6379> INCR greeting\n(error) ERR value is not an integer or out of range\n"
        "127.0.0.1:6379> GET missing\n(nil)\n"
    )
    assert "1 returned an error" in run.result["message"]
    assert {e["key"] for e in run.result["keyspace"]} == {"greeting", "l"}


@needs_valkey
def test_cluster_profile_follows_redirects_and_scans_every_primary():
    commands = "SET foo bar\nSET {user}:1 x\nCLUSTER INFO\n"
    run = run_runner(run_payload("valkey", {"commands.valkey": commands}, valkey="cluster"), profile="cluster")
    assert run.result["status"] == "pass"
    assert "-> Redirected to slot [12182] located at 127.0.0.1:7002" in run.result["stdout"]
    assert "cluster_state:ok" in run.result["stdout"]
    assert {e["key"] for e in run.result["keyspace"]} == {"foo", "{user}:1"}


@needs_valkey
def test_learner_environment_names_the_server():
    program = "import os\nprint(os.environ['VALKEY_HOST'], os.environ['VALKEY_PORT'], os.environ.get('VALKEY_CLUSTER_NODES'))\n"
    run = run_runner(run_payload("python", {"main.py": program}, valkey="standalone"), profile="standalone")
    assert run.result["stdout"] == "127.0.0.1 6379 None\n"


def test_result_is_valid_json_with_odd_output():
    program = "import sys\nsys.stdout.buffer.write(b'\\xff\\xfe bad utf-8 \\x00 \\xe2\\x82')\n"
    run = run_runner(run_payload("python", {"main.py": program}))
    json.dumps(run.result)
    assert "bad utf-8" in run.result["stdout"]
