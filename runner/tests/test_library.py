"""The tester library against small misbehaving servers: each common mistake gets a
message that shows expected vs received and a hint that names the mistake."""

from __future__ import annotations

import pytest
from conftest import PING_TEST, custom_test_payload, run_runner, sequential_server, threaded_server


def failure(source: str, program: str) -> dict:
    run = run_runner(custom_test_payload(source, program))
    assert run.result["status"] == "fail", run.result
    return run.failed()


@pytest.mark.parametrize("reply, received, hint", [
    (b"+PONG\n", '"+PONG\\n"', "\\r\\n"),
    (b"PONG\r\n", '"PONG\\r\\n"', "missing its type byte"),
    (b"$4\r\nPONG\r\n", '"$4\\r\\nPONG\\r\\n"', "not a bulk string"),
    (b"+pong\r\n", '"+pong\\r\\n"', "upper/lower case"),
    (b"*1\r\n$4\r\nPING\r\n", '"*1\\r\\n$4\\r\\nPING\\r\\n"', "sent the command back"),
])
def test_wrong_replies_show_both_sides_and_a_hint(reply, received, hint):
    failed = failure(PING_TEST, threaded_server(reply))
    assert failed["message"].startswith('After PING, expected "+PONG\\r\\n" but received ' + received)
    assert hint in failed["hint"]


def test_reply_without_line_end_times_out_with_a_hint():
    failed = failure(PING_TEST, threaded_server(b"+PONG"))
    assert 'received "+PONG" and then nothing more for 2 s' in failed["message"]
    assert "\\r\\n" in failed["hint"]


def test_extra_bytes_after_the_reply():
    failed = failure(PING_TEST, threaded_server(b"+PONG\r\n+PONG\r\n"))
    assert 'followed by extra bytes "+PONG\\r\\n"' in failed["message"]
    assert "exactly one reply per command" in failed["hint"]


def test_bulk_length_counted_in_characters():
    source = """
from codealong import test
@test("echoes")
def echo(t):
    c = t.connect()
    c.send_command("ECHO", "héllo")
    c.expect_reply("héllo")
"""
    failed = failure(source, threaded_server("$5\r\nhéllo\r\n".encode()))
    assert 'expected "$6\\r\\nhéllo\\r\\n" but received "$5\\r\\nhéllo\\r\\n"' in failed["message"]
    assert "bytes, not characters" in failed["hint"]


def test_one_client_at_a_time():
    sequential = sequential_server()
    source = """
from codealong import test
@test("serves two clients at once")
def two(t):
    first = t.connect()
    second = t.connect()
    second.send_command("PING")
    second.expect(b"+PONG\\r\\n")
"""
    failed = failure(source, sequential)
    assert "client 2 received nothing within 2 s" in failed["message"]
    assert "one client at a time" in failed["hint"]


def test_connection_closed_without_reply():
    closing = "import socket\ns = socket.create_server(('127.0.0.1', 6379))\nwhile True:\n    s.accept()[0].close()\n"
    failed = failure(PING_TEST, closing)
    assert "closed client 1 without replying" in failed["message"]


def test_wrong_port_is_named():
    program = "import socket, time\ns = socket.create_server(('127.0.0.1', 6380))\ntime.sleep(60)\n"
    failed = failure(PING_TEST, program)
    assert failed["message"] == "Your program listens on port 6380, not on 6379."


def test_address_in_use():
    program = "import socket\na = socket.create_server(('127.0.0.1', 6379))\nb = socket.create_server(('127.0.0.1', 6379))\n"
    run = run_runner(custom_test_payload(PING_TEST, program))
    assert run.result["status"] == "error"  # the program crashed (exit code 1)
    assert "the address is already in use" in run.failed()["message"]


def test_read_reply_parses_nested_values_and_errors():
    reply = b"*3\r\n$1\r\na\r\n*2\r\n:1\r\n$-1\r\n+OK\r\n"
    source = """
from codealong import test, SimpleString
@test("parses")
def parses(t):
    c = t.connect()
    value = c.command("WHATEVER")
    t.expect_equal(value, [b"a", [1, None], SimpleString("OK")], "the parsed reply")
    assert isinstance(value[2], SimpleString)
    c.send_command("ERR")
    error = c.expect_error("ERR")
    assert error.code == "ERR"
"""
    program = """
import socket, threading
def serve(c):
    with c:
        while data := c.recv(1024):
            c.sendall(b"-ERR unknown\\r\\n" if b"ERR" in data else REPLY)
s = socket.create_server(("127.0.0.1", 6379))
while True:
    threading.Thread(target=serve, args=(s.accept()[0],), daemon=True).start()
""".replace("REPLY", repr(reply))
    run = run_runner(custom_test_payload(source, program))
    assert run.result["status"] == "pass", run.result


def test_invalid_resp_is_explained():
    source = """
from codealong import test
@test("reads a reply")
def reads(t):
    c = t.connect()
    c.command("PING")
"""
    failed = failure(source, threaded_server(b"PONG\r\n"))
    assert 'received "PONG\\r\\n", which is not valid RESP' in failed["message"]
    assert "type byte" in failed["hint"]


def test_author_hint_is_the_fallback():
    source = """
from codealong import test, hint
@test("custom check", hint="Read the step again.")
def custom(t):
    with hint("Look at the greeting."):
        t.check(False, "The greeting was wrong.")
"""
    failed = failure(source, threaded_server())
    assert failed["hint"] == "Look at the greeting."


def test_plain_assert_fails_the_test():
    source = "from codealong import test\n@test\ndef plain_assert(t):\n    assert 1 == 2, 'one is not two'\n"
    failed = failure(source, threaded_server())
    assert failed["name"] == "plain assert"
    assert failed["message"] == "one is not two"


# --- helpers for blocking commands, pub/sub and restarts ---------------------------------

PUSHING_SERVER = """
import socket, threading, time
def serve(c):
    with c:
        while data := c.recv(1024):
            if b"SUBSCRIBE" in data:   # two confirmations, then two messages in one write
                c.sendall(b"*2\\r\\n$1\\r\\na\\r\\n:1\\r\\n*2\\r\\n$1\\r\\nb\\r\\n:2\\r\\n")
                time.sleep(0.2)
                c.sendall(b"*2\\r\\n$1\\r\\nm\\r\\n:1\\r\\n*2\\r\\n$1\\r\\nm\\r\\n:2\\r\\n")
            elif b"BLOCK" in data:     # answers only after 0.5 s
                time.sleep(0.5)
                c.sendall(b"+LATE\\r\\n")
s = socket.create_server(("127.0.0.1", 6379))
while True:
    threading.Thread(target=serve, args=(s.accept()[0],), daemon=True).start()
"""


def test_pushed_messages_and_several_replies_per_command():
    source = """
from codealong import test
@test("pushes")
def pushes(t):
    c = t.connect()
    c.send_command("SUBSCRIBE", "a", "b", replies=2)
    c.expect_reply([b"a", 1])
    c.expect_reply([b"b", 2])
    c.expect_pushed([b"m", 1])        # both messages arrive in one read:
    assert c.read_pushed() == [b"m", 2]  # not "extra bytes after the reply"
"""
    run = run_runner(custom_test_payload(source, PUSHING_SERVER))
    assert run.result["status"] == "pass", run.result


def test_missing_push_is_explained():
    source = """
from codealong import test
@test("waits for a message")
def waits(t):
    c = t.connect()
    c.expect_pushed([b"message", b"news", b"hi"], timeout=0.3, after="client 2 sent PUBLISH news hi")
"""
    failed = failure(source, PUSHING_SERVER)
    assert failed["message"].startswith('After client 2 sent PUBLISH news hi, expected "*3\\r\\n$7\\r\\nmessage')
    assert "received nothing within 0.3 s" in failed["message"]
    assert "PUBLISH" in failed["hint"]


def test_expect_nothing_passes_while_blocked_and_fails_on_a_reply():
    source = """
from codealong import test
@test("blocks")
def blocks(t):
    c = t.connect()
    c.send_command("BLOCK")
    c.expect_nothing(0.3, why="it should block")
    c.expect(b"+LATE\\r\\n", timeout=2)
    c.send_command("BLOCK")
    c.expect_nothing(1.0, why="it should block", hint="Wait for the push.")
"""
    failed = failure(source, PUSHING_SERVER)
    assert failed["message"] == ('After BLOCK, expected client 1 to receive nothing for 1 s (it should block), '
                                 'but it received "+LATE\\r\\n".')
    assert failed["hint"] == "Wait for the push."
    assert "client 1 received nothing for 0.3 s, as expected" in failed["output"]


def test_silence_hint_replaces_the_general_guess():
    source = """
from codealong import test
@test("wakes up")
def wakes(t):
    waiting = t.connect()
    other = t.connect()
    waiting.send_command("BLPOP", "q", 5)
    waiting.expect_reply([b"q", b"v"], timeout=0.3, silence_hint="Wake the blocked client up.")
"""
    failed = failure(source, threaded_server(b""))
    assert failed["hint"] == "Wake the blocked client up."


RESTARTING_SERVER = """
import os, socket, threading
starts = int(open("starts").read()) + 1 if os.path.exists("starts") else 1
with open("starts", "w") as f:
    f.write(str(starts))
def serve(c):
    with c:
        while c.recv(1024):
            c.sendall(b":%d\\r\\n" % starts)
s = socket.create_server(("127.0.0.1", 6379))
while True:
    threading.Thread(target=serve, args=(s.accept()[0],), daemon=True).start()
"""


def test_restart_program_stops_with_sigterm_and_starts_again():
    source = """
from codealong import test
@test("restarts")
def restarts(t):
    c = t.connect()
    c.send_command("STARTS")
    c.expect_reply(1)
    t.restart_program()
    assert c.closed, "the test's connections are closed by the restart"
    c = t.connect()
    c.send_command("STARTS")
    c.expect_reply(2)
    t.restart_program()
    assert t.connect().command("STARTS") == 3
    t.fail("stop here to see the transcript")
"""
    failed = failure(source, RESTARTING_SERVER)
    assert failed["message"] == "stop here to see the transcript"
    assert failed["output"].count("stopped your program: it was stopped with SIGTERM") == 2
    assert failed["output"].count("started your program") == 3


def test_restart_program_kills_a_program_that_ignores_sigterm():
    program = "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n" + RESTARTING_SERVER
    source = """
from codealong import test
@test("restarts")
def restarts(t):
    t.connect()
    t.restart_program(grace=0.3)
    t.connect().send_command("STARTS")
    t.connections[-1].expect_reply(2)
    t.fail("stop here to see the transcript")
"""
    failed = failure(source, program)
    assert "did not stop within 0.3 s of SIGTERM and was killed" in failed["output"]


# --- unordered arrays, abrupt disconnects, replacing hints, unknown commands --------------

KEYS_SERVER = """
import socket, threading
def serve(c):
    with c:
        while data := c.recv(1024):
            c.sendall(b"*3\\r\\n$1\\r\\nb\\r\\n$1\\r\\na\\r\\n$1\\r\\nb\\r\\n")
s = socket.create_server(("127.0.0.1", 6379))
while True:
    threading.Thread(target=serve, args=(s.accept()[0],), daemon=True).start()
"""


def test_expect_unordered_accepts_any_order_and_counts_repeats():
    source = """
from codealong import test
@test("lists")
def lists(t):
    c = t.connect()
    c.send_command("KEYS", "*")
    assert c.expect_unordered(["b", b"b", "a"]) == [b"b", b"a", b"b"]
"""
    run = run_runner(custom_test_payload(source, KEYS_SERVER))
    assert run.result["status"] == "pass", run.result


def test_expect_unordered_names_missing_and_unexpected_elements():
    source = """
from codealong import test
@test("lists")
def lists(t):
    c = t.connect()
    c.send_command("KEYS", "*")
    c.expect_unordered(["a", "b", "c"], hint="Match the whole key.")
"""
    failed = failure(source, KEYS_SERVER)
    assert failed["message"] == ('After KEYS *, expected an array of ["a", "b", "c"] in any order, but received '
                                 '["b", "a", "b"] (missing: "c"; not expected: "b").')
    assert failed["hint"] == "Match the whole key."


def test_expect_unordered_explains_a_reply_that_is_not_an_array():
    source = """
from codealong import test
@test("lists")
def lists(t):
    c = t.connect()
    c.send_command("KEYS", "*")
    c.expect_unordered(["a"])
"""
    failed = failure(source, threaded_server(b"$1\r\na\r\n"))
    assert failed["message"] == 'After KEYS *, expected an array of 1 element in any order (["a"]), but received bulk string "a".'
    assert failed["hint"].startswith("The reply should be an array")


def test_reset_closes_abruptly_so_the_server_sees_a_connection_reset():
    # The server answers +RESET to everybody once a read failed with ECONNRESET.
    program = """
import socket, threading
reset = []
def serve(c):
    with c:
        try:
            while data := c.recv(1024):
                if b"PING" in data:
                    c.sendall(b"+RESET\\r\\n" if reset else b"+PONG\\r\\n")
        except ConnectionResetError:
            reset.append(True)
s = socket.create_server(("127.0.0.1", 6379))
while True:
    threading.Thread(target=serve, args=(s.accept()[0],), daemon=True).start()
"""
    source = """
from codealong import test
@test("resets")
def resets(t):
    leaving = t.connect()
    leaving.send_command("PING")
    leaving.expect(b"+PONG\\r\\n")
    leaving.send(b"*1\\r\\n", replies=0)
    leaving.expect_nothing(0.1)
    leaving.reset()
    assert leaving.closed
    staying = t.connect()
    # The server's thread for the leaving client sees the reset when it next runs: on a busy
    # machine that can be after the next PING, so ask until it has.
    import time
    for _ in range(100):
        staying.send_command("PING")
        if staying.read_reply() == "RESET":  # +RESET, a simple string
            break
        time.sleep(0.02)
    else:
        t.fail("the server never saw the reset")
    t.fail("stop here to see the transcript")
"""
    failed = failure(source, program)
    assert failed["message"] == "stop here to see the transcript"
    assert "client 1 reset the connection (closed it abruptly)" in failed["output"]


def test_hint_with_replace_wins_over_the_library_hint():
    source = """
from codealong import hint, test
@test("replaces")
def replaces(t):
    c = t.connect()
    with hint("Keep one buffer per connection.", replace=True):
        c.send_command("PING")
        c.expect(b"+PONG\\r\\n")
"""
    failed = failure(source, threaded_server(b"+PONG\n"))  # the library would explain \\r\\n
    assert failed["hint"] == "Keep one buffer per connection."
    source_without = source.replace(", replace=True", "")
    assert "\\r\\n" in failure(source_without, threaded_server(b"+PONG\n"))["hint"]


def test_unknown_command_error_and_type_articles_in_hints():
    from codealong import hints
    unknown = b"-ERR unknown command 'SET', with args beginning with: 'k' 'v' \r\n"
    assert "does not recognise this command" in hints.for_mismatch(b"+OK\r\n", unknown)
    assert hints.for_mismatch(b"+OK\r\n", b"-ERR syntax error\r\n") == (
        'The reply should be a simple string (starting with "+"), not an error (starting with "-").')
    assert "an integer" in hints.for_mismatch(b":1\r\n", b"+1\r\n")
    assert hints.for_mismatch(unknown, b"-ERR unknown command 'SET', with args beginning with:\r\n") is None


def test_random_keys_never_repeat_within_a_run():
    source = """
from codealong import test
drawn = []
for n in range(3):
    @test(f"draws keys {n}")
    def draws(t):
        drawn.extend(t.random_key("k") for _ in range(2000))
        assert len(set(drawn)) == len(drawn), "a key was drawn twice"
"""
    run = run_runner(custom_test_payload(source, threaded_server()))
    assert run.result["status"] == "pass", run.result
    assert len(run.tests("pass")) == 3


# A server that answers every command with the same error, in its own words.
OWN_WORDS_SERVER = threaded_server(b"-ERR no such thing\r\n")


def test_an_error_in_other_words_passes_with_a_note():
    source = """
from codealong import ErrorReply, test
@test("unknown command")
def unknown(t):
    c = t.connect()
    c.send_command("FOO")
    c.expect_reply(ErrorReply("ERR unknown command 'FOO', with args beginning with: "))
    c.send_command("GET")
    c.expect_error("ERR wrong number of arguments for 'get' command")
"""
    run = run_runner(custom_test_payload(source, OWN_WORDS_SERVER))
    assert run.result["status"] == "pass", run.result
    note = run.tests()[0]["note"]
    assert note.splitlines() == [
        "Your server answered \"-ERR no such thing\" where Valkey answers \"-ERR unknown command 'FOO', with "
        "args beginning with: \". Only the error code, ERR, is checked: clients act on it, and the words after "
        "it are for people.",
        "Your server answered \"-ERR no such thing\" where Valkey answers \"-ERR wrong number of arguments for "
        "'get' command\". Only the error code, ERR, is checked: clients act on it, and the words after it are "
        "for people.",
    ]


def test_an_error_with_another_code_fails():
    source = """
from codealong import ErrorReply, test
@test("wrong type")
def wrong_type(t):
    c = t.connect()
    c.send_command("LPUSH", "k", "v")
    c.expect_reply(ErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value"))
"""
    failed = failure(source, OWN_WORDS_SERVER)
    assert failed["message"].startswith('After LPUSH k v, expected "-WRONGTYPE Operation against')
    assert "should be WRONGTYPE, not ERR" in failed["hint"]
    assert failed["note"] is None


def test_a_pipeline_failure_names_the_command_and_counts_the_right_replies():
    source = """
from codealong import test, SimpleString
@test("pipeline")
def pipeline(t):
    c = t.connect()
    c.send_pipeline([("PING",)] * 10)
    c.expect_replies([SimpleString("PONG")] * 10)
"""
    failed = failure(source, threaded_server())  # one reply per read, and 10 PINGs come in one read
    assert failed["message"] == ('After PING (command 2 of 10 sent in one go), expected "+PONG\\r\\n" but '
                                 'client 1 received nothing within 2 s. The reply before it was right.')
    assert 'client 1 sent 10 commands in one go: PING, PING, PING, ..., PING' in failed["output"]


def test_a_command_sent_in_pieces_arrives_whole():
    source = """
from codealong import test, SimpleString
@test("pieces")
def pieces(t):
    c = t.connect()
    c.send_command("SET", "k", "x" * 5000, pieces=8)
    c.expect_reply(SimpleString("OK"))
"""
    program = """
import socket, threading
def serve(c):
    data = b""
    with c:
        whole = b"x" * 5000 + b"\\r\\n"
        while not data.endswith(whole) and len(data) < 6000:  # until the last piece, however they arrive
            data += c.recv(65536)
        c.sendall(b"+OK\\r\\n" if data.endswith(whole) else b"-ERR\\r\\n")
        c.recv(1)
s = socket.create_server(("127.0.0.1", 6379))
while True:
    threading.Thread(target=serve, args=(s.accept()[0],), daemon=True).start()
"""
    run = run_runner(custom_test_payload(source, program))
    assert run.result["status"] == "pass", run.result
    assert 'client 1 sent SET k "xxxxxxxxxxxxxxxxxxxx"... (4980 more bytes) in 8 writes' in run.tests()[0]["output"]


def test_wrong_arity_helper_explains_a_closed_connection():
    source = """
from codealong import test
@test("arity")
def arity(t):
    c = t.connect()
    c.expect_wrong_arity(("GET",))
"""
    closing = "import socket\ns = socket.create_server(('127.0.0.1', 6379))\nwhile True:\n    s.accept()[0].close()\n"
    failed = failure(source, closing)
    assert "closed client 1 without replying" in failed["message"]
    assert "Check the number of arguments before running a command: when GET gets" in failed["hint"]
