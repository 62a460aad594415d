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
