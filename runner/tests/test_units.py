"""Unit tests of the pure parts: RESP, hints, valkey-cli formatting, payload checks."""

from __future__ import annotations

import pytest
from codealong import cluster, hints, resp
from codealong_runner import valkeycli
from codealong_runner import payload as payloads


def test_encode_command_uses_byte_lengths():
    assert resp.encode_command("ECHO", "héllo", 12) == b"*3\r\n$4\r\nECHO\r\n$6\r\nh\xc3\xa9llo\r\n$2\r\n12\r\n"


@pytest.mark.parametrize("value, wire", [
    (resp.SimpleString("OK"), b"+OK\r\n"),
    (resp.ErrorReply("ERR x"), b"-ERR x\r\n"),
    (7, b":7\r\n"),
    (b"bar", b"$3\r\nbar\r\n"),
    (None, b"$-1\r\n"),
    ([b"a", [1]], b"*2\r\n$1\r\na\r\n*1\r\n:1\r\n"),
])
def test_encode_and_parse_round_trip(value, wire):
    assert resp.encode(value) == wire
    parsed, used = resp.parse(wire)
    assert parsed == value and used == len(wire)
    assert type(parsed) is type(value)


def test_parse_resp3_types():
    assert resp.parse(b"%1\r\n+a\r\n:1\r\n")[0] == {"a": 1}
    assert resp.parse(b"#t\r\n")[0] is True
    assert resp.parse(b",1.5\r\n")[0] == 1.5
    assert resp.parse(b"_\r\n")[0] is None


@pytest.mark.parametrize("wire", [b"", b"+OK", b"$5\r\nabc", b"*2\r\n:1\r\n"])
def test_parse_incomplete(wire):
    with pytest.raises(resp.Incomplete):
        resp.parse(wire)


@pytest.mark.parametrize("wire, fragment", [
    (b"+OK\n", "\\r\\n"),
    (b"PONG\r\n", "type byte"),
    (b"$5\r\nhello!!\r\n", "bytes, not characters"),
    (b":x\r\n", None),
])
def test_parse_errors_carry_hints(wire, fragment):
    with pytest.raises(resp.ProtocolError) as error:
        resp.parse(wire)
    if fragment:
        assert fragment in (error.value.hint or "")


def test_show_makes_invisible_bytes_visible():
    assert resp.show(b"+PONG\r\n") == '"+PONG\\r\\n"'
    assert resp.show(b'a"\\\x00\xff') == '"a\\"\\\\\\0\\xff"'
    assert resp.show("héllo".encode()) == '"héllo"'
    assert resp.show(b"x" * 10, limit=4) == '"xxxx"... (6 more bytes)'


VALKEY_UNKNOWN = resp.encode(resp.ErrorReply("ERR unknown command 'foo', with args beginning with: "))


@pytest.mark.parametrize("received, state", [
    (b"-ERR unknown command 'foo', with args beginning with: \r\n", "match"),
    (b"-ERR unknown command 'foo'\r\n", "match"),       # other words after the code
    (b"-ERR\r\n", "match"),                              # the code alone
    (b"-ERR no such command\r\n+PONG\r\n", "match"),    # what follows the reply is not looked at
    (b"-ERR no such", "incomplete"),
    (b"-ER", "incomplete"),
    (b"-ERRno such command\r\n", "mismatch"),            # a longer code
    (b"-WRONGTYPE no such command\r\n", "mismatch"),     # another code
    (b"-err unknown command\r\n", "mismatch"),           # codes are compared exactly
    (b"-ERR no such command\n", "mismatch"),              # framing still counts
    (b"-ERR no\rsuch\r\n", "mismatch"),
    (b"$3\r\nERR\r\n", "mismatch"),                       # the type too
])
def test_match_compares_only_the_code_of_an_error(received, state):
    assert resp.match(VALKEY_UNKNOWN, received).state == state


def test_match_reports_other_wordings_and_the_reply_length():
    found = resp.match(VALKEY_UNKNOWN, b"-ERR no such command\r\n:1\r\n")
    assert found.length == len(b"-ERR no such command\r\n")
    assert found.wordings == [(b"ERR unknown command 'foo', with args beginning with: ", b"ERR no such command")]
    assert resp.match(VALKEY_UNKNOWN, VALKEY_UNKNOWN).wordings == []


def test_match_finds_errors_inside_arrays():
    expected = resp.encode([resp.SimpleString("OK"), resp.ErrorReply("WRONGTYPE Operation against a key"), 1])
    assert resp.match(expected, b"*3\r\n+OK\r\n-WRONGTYPE wrong kind\r\n:1\r\n").state == "match"
    assert resp.match(expected, b"*3\r\n+OK\r\n-ERR wrong kind\r\n:1\r\n").state == "mismatch"
    assert resp.match(expected, b"*3\r\n+OK\r\n-WRONGTYPE wrong kind\r\n:2\r\n").state == "mismatch"


def test_match_is_exact_for_everything_but_errors():
    assert resp.error_texts(b"+OK\r\n$3\r\n-ER\r\n") == []  # a bulk string that looks like an error
    assert resp.match(b"$3\r\n-ER\r\n", b"$3\r\n-EX\r\n").state == "mismatch"
    assert resp.error_texts(b"not RESP") == []
    assert resp.match(b":1\r\n", b":01\r\n").state == "mismatch"


def test_hint_for_another_error_code():
    hint = hints.for_mismatch(b"-WRONGTYPE Operation against a key\r\n", b"-ERR wrong type\r\n")
    assert "should be WRONGTYPE, not ERR" in hint


def test_hint_for_bytes_decoded_as_text():
    hint = hints.for_mismatch(b"$2\r\n\xff\xfe\r\n", b"$6\r\n\xef\xbf\xbd\xef\xbf\xbd\r\n")
    assert "U+FFFD" in hint


def test_hint_for_a_long_reply_cut_short():
    expected = resp.encode(b"x" * 100_000)
    assert "sendall" in hints.for_mismatch(expected, expected[:70_000])
    assert "sendall" in hints.for_partial(expected[:70_000])


def test_hint_for_bulk_length_in_characters():
    hint = hints.for_mismatch(b"$6\r\nh\xc3\xa9llo\r\n", b"$5\r\nh\xc3\xa9llo\r\n")
    assert "6 bytes" in hint and "5 characters" in hint


def test_split_args_follows_valkey_cli_quoting():
    assert valkeycli.split_args(r'''SET k "a \"b\"\n" 'it\'s' "\x41\xc3\xa9"''') == [
        b"SET", b"k", b'a "b"\n', b"it's", b"A\xc3\xa9"]
    with pytest.raises(valkeycli.SyntaxProblem):
        valkeycli.split_args('SET "open')


def test_format_reply_like_valkey_cli():
    value = [b"a", [b"b", 1], None, resp.ErrorReply("ERR x")] + [b"x"] * 7
    text = valkeycli.format_reply(value)
    assert text.splitlines()[:6] == [
        ' 1) "a"',
        ' 2) 1) "b"',
        "    2) (integer) 1",
        " 3) (nil)",
        " 4) (error) ERR x",
        ' 5) "x"',
    ]
    assert text.splitlines()[-1] == '11) "x"'
    assert valkeycli.format_reply([]) == "(empty array)\n"
    assert valkeycli.format_reply(b"\xc3\xa9\n") == '"\\xc3\\xa9\\n"\n'


def test_payload_defaults():
    parsed = payloads.parse(b'{"language": "python", "files": {"main.py": "print(1)"}, "mode": "run"}', "standalone")
    assert parsed.valkey == "standalone" and parsed.timeout == 10 and 0 <= parsed.seed < 2**31


def test_no_length_hint_for_a_null_bulk_string():
    assert hints.for_mismatch(b"$6\r\ncherry\r\n", b"$-1\r\n") is None


def test_no_length_hint_when_only_the_value_differs():
    assert hints.for_mismatch(b"$1\r\n3\r\n", b"$3\r\n3.0\r\n") is None
    assert "number of bytes" in hints.for_mismatch(b"$1\r\n3\r\n", b"$2\r\n3\r\n")


def _pressure(path, stalled_us: int) -> None:
    path.write_text(f"some avg10=50.00 avg60=10.00 avg300=1.00 total={stalled_us}\n"
                    "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n")


def test_a_busy_machine_stretches_the_deadline_by_its_cpu_stall_up_to_the_cap(tmp_path):
    from codealong_runner.cpu_pressure import BusyClock
    pressure = tmp_path / "cpu"
    _pressure(pressure, 5_000_000)
    clock = BusyClock(started=100.0, max_credit=10.0, path=str(pressure))
    assert clock.deadline(10.0) == 110.0
    _pressure(pressure, 8_500_000)  # the run waited 3.5 s for a CPU
    assert clock.credit() == pytest.approx(3.5)
    assert clock.deadline(10.0) == pytest.approx(113.5)
    _pressure(pressure, 500_000_000)  # never more than the cap
    assert clock.deadline(10.0) == 120.0


def test_without_pressure_figures_the_limit_is_plain_wall_time(tmp_path):
    from codealong_runner.cpu_pressure import BusyClock, stalled_seconds
    assert stalled_seconds(str(tmp_path / "missing")) is None
    clock = BusyClock(started=100.0, max_credit=10.0, path=str(tmp_path / "missing"))
    assert clock.credit() == 0.0 and clock.deadline(10.0) == 110.0
    garbled = tmp_path / "garbled"
    garbled.write_text("some total=abc\n")
    assert stalled_seconds(str(garbled)) is None


def test_this_kernel_reports_cpu_stall():
    from codealong_runner.cpu_pressure import stalled_seconds
    if not __import__("os").path.exists("/proc/pressure/cpu"):
        pytest.skip("this kernel has no pressure stall information")
    assert stalled_seconds() >= 0.0


@pytest.mark.parametrize("key, slot", [
    ("foo", 12182), ("bar", 5061), ("", 0), ("123456789", 12739),
    ("{user1000}.following", 3443), ("{user1000}.followers", 3443),
    ("foo{}{bar}", 8363), ("foo{{bar}}zap", 4015), ("foo{bar}{zap}", 5061),
])
def test_key_slot_is_what_cluster_keyslot_answers(key, slot):
    # Slots from the cluster specification and CLUSTER KEYSLOT: an empty {} is no hash tag,
    # and only the first {...} counts.
    assert cluster.key_slot(key) == slot
    assert cluster.key_slot(key.encode()) == slot
