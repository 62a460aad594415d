"""Hints for the mistakes people make when writing a RESP server.

Each function looks at what a test expected and what the learner's server actually did,
and returns one actionable sentence, or None when no known mistake fits (a vague hint is
worse than none).
"""

from __future__ import annotations

import re

from .resp import show, type_name

_BULK_HEADER = re.compile(rb"^\$(-?\d+)\r?\n")
_BIG_REPLY = 64 * 1024  # bytes: a reply this long that stops short was cut, not miscounted
REPLACEMENT_CHARACTER = "\ufffd".encode()  # what decoding invalid UTF-8 as text leaves behind


def for_mismatch(expected: bytes, got: bytes, sent: bytes | None = None) -> str | None:
    """Why ``got`` may differ from ``expected`` (both complete replies or what arrived)."""
    if not got:
        return None
    if sent and got == sent:
        return "Your server sent the command back instead of answering it."
    if REPLACEMENT_CHARACTER in got and REPLACEMENT_CHARACTER not in expected:
        return (
            "Bytes that are not valid UTF-8 came back as \\ufffd (U+FFFD, the replacement character, "
            "bytes \\xef\\xbf\\xbd): your server decoded the data as text. Keys and values are bytes, any bytes: "
            "keep them as bytes in Python and as Buffers in Node.js from the socket to the reply, "
            "and never call decode() or toString() on them."
        )
    if expected.startswith(b"-") and got.startswith(b"-"):
        want, have = _code(expected), _code(got)
        if want != have:
            return error_code(want, have)
    if b"\r\n" in expected and got.replace(b"\r\n", b"\n") == expected.replace(b"\r\n", b"\n"):
        return (
            "RESP lines end with \\r\\n (carriage return + line feed); your reply ends some "
            "lines with \\n only. In Python write b\"+PONG\\r\\n\", in JavaScript \"+PONG\\r\\n\"."
        )
    if got.startswith(expected):
        return (
            f"The reply was right but more bytes followed it: {show(got[len(expected):])}. "
            "Send exactly one reply per command."
        )
    if expected.startswith(got):
        missing = expected[len(got):]
        if missing == b"\r\n" or missing == b"\n":
            return "Your reply is missing the final \\r\\n, so the client cannot tell where it ends."
        if len(expected) >= _BIG_REPLY:
            return _cut_short(len(expected), len(got))
        return f"Your server sent only part of the reply; {show(missing)} is missing."
    bulk = _bulk_length_hint(expected, got)
    if bulk:
        return bulk
    if got.lower() == expected.lower():
        return "The reply differs only in upper/lower case; RESP replies are compared exactly."
    if expected[1:] == got or (expected[1:].rstrip(b"\r\n") == got.rstrip(b"\r\n")):
        return (
            f"The reply is missing its type byte: a {type_name(expected) or 'RESP value'} "
            f"starts with {show(expected[:1])}, so the full reply is {show(expected)}."
        )
    if got.startswith(b"-ERR unknown command") and not expected.startswith(b"-ERR unknown command"):
        return (
            "Your server does not recognise this command: add it to the commands it handles, and "
            "look names up case-insensitively (PING, ping and Ping are the same command)."
        )
    want, have = type_name(expected), type_name(got)
    if want and have and want != have:
        return (f"The reply should be {_a(want)} (starting with {show(expected[:1])}), "
                f"not {_a(have)} (starting with {show(got[:1])}).")
    if not have:
        return (
            "RESP replies start with a type byte: + simple string, - error, : integer, "
            "$ bulk string, * array."
        )
    return None


def _a(noun: str) -> str:
    """'a bulk string', 'an error', 'an integer'."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _bulk_length_hint(expected: bytes, got: bytes) -> str | None:
    """Spot ``$5\\r\\nhéllo\\r\\n``: the length was counted in characters, not bytes."""
    want, have = _BULK_HEADER.match(expected), _BULK_HEADER.match(got)
    if not (want and have) or want.group(1) == have.group(1):
        return None
    if int(have.group(1)) < 0 or int(want.group(1)) < 0:
        return None  # a null where a value was expected (or the reverse) is not a length mistake
    payload = expected[want.end():want.end() + int(want.group(1))]
    try:
        chars = len(payload.decode("utf-8"))
    except UnicodeDecodeError:
        chars = None
    if chars is not None and chars != len(payload) and int(have.group(1)) == chars:
        return (
            f"The bulk string length must count bytes, not characters: {show(payload)} is "
            f"{chars} characters but {len(payload)} bytes in UTF-8. Use len(s.encode()) in "
            "Python or Buffer.byteLength(s) in JavaScript."
        )
    sent = got[have.end():]
    if sent.endswith(b"\r\n") and len(sent) - 2 == int(have.group(1)):
        return None  # the length fits what was sent: the value itself differs, not its length
    return f"The length after $ must be the number of bytes that follow ({int(want.group(1))} here)."


def _cut_short(length: int, arrived: int) -> str:
    """A long reply stopped part-way: the server did not write all of it."""
    return (
        f"Only {arrived} of the reply's {length} bytes arrived: the rest was never written. A single "
        "write may take only part of a long reply: in Python use sendall, not send (on a non-blocking "
        "socket, keep what was not written yet and write it when the socket is writable again); in "
        "Node.js, write the whole Buffer."
    )


def _code(error: bytes) -> str:
    """The code of an error reply's bytes: b"-ERR oops\\r\\n" -> "ERR"."""
    return error[1:].split(b"\r", 1)[0].split(b" ", 1)[0].decode("utf-8", "replace")


def error_code(wanted: str, got: str) -> str:
    """The server answered with an error, but not with the expected code."""
    return (
        f"The error code, the first word after the -, should be {wanted}, not {got}. Clients act on "
        "the code (WRONGTYPE: the key holds another type; ERR: the command itself is wrong), so it "
        "must be Valkey's; the words after it may be your own."
    )


def wrong_arity(name: str) -> str:
    """A command sent with too few or too many arguments was not answered with an error."""
    return (
        f"Check the number of arguments before running a command: when {name.upper()} gets too few or "
        f"too many, answer an error, such as -ERR wrong number of arguments for '{name}' command\\r\\n, "
        "and keep the connection open. A table from each command's name to the number of arguments "
        "it takes does this for every command at once."
    )


def for_partial(got: bytes) -> str | None:
    """The server started a reply but stopped sending before it was complete."""
    header = _BULK_HEADER.match(got)
    if header and not got.endswith(b"\r\n") and int(header.group(1)) < _BIG_REPLY:
        return None
    if header:
        announced = int(header.group(1))
        data = got[header.end():-2] if got.endswith(b"\r\n") else got[header.end():]
        if len(data) < announced and announced >= _BIG_REPLY:
            return _cut_short(announced, len(data))
        if len(data) < announced:
            return (
                f"Your bulk string announces {announced} bytes but carries {len(data)}. The length "
                "after $ counts bytes, not characters (len(s.encode()) in Python, "
                "Buffer.byteLength(s) in JavaScript)."
            )
    if not got.endswith(b"\n"):
        return "Your reply does not end with \\r\\n, so the client keeps waiting for the rest of it."
    if got.endswith(b"\n") and not got.endswith(b"\r\n"):
        return "RESP lines end with \\r\\n; your reply ends with \\n only, so the client keeps waiting."
    return None


def for_silence(seconds: float, other_connection_open: bool) -> str:
    """No byte arrived before the read timeout."""
    if other_connection_open:
        return (
            "Another connection from this test is still open. Your server seems to serve one "
            "client at a time: handle each connection on its own (a thread per client or asyncio "
            "in Python; in Node.js each 'connection' callback already runs independently)."
        )
    return (
        f"Nothing arrived within {seconds:g} s. Check that your server reads the command and "
        "writes its reply to the same connection (sendall in Python, socket.write in Node.js), "
        "and that it does not wait for more data (or for the connection to close) before answering."
    )


CLOSED = (
    "Your server closed the connection (or its program stopped). Keep the connection open and "
    "answer every command the client sends."
)

NOT_READING = (
    "Your server stopped reading this connection, so the client could not finish sending. Keep "
    "reading while a command is incomplete, however long it is (a bulk string may hold up to "
    "512 MB), and don't wait for the whole command in a single read."
)

AFTER_ERROR = (
    "An error reply ends the command, not the connection: after answering with an error, keep "
    "reading and answer the client's next command."
)

NO_PUSH = (
    "Nothing was pushed to this connection. The server has to write to the waiting client's "
    "connection itself when something happens elsewhere, e.g. in PUBLISH: keep the subscribed "
    "connections of each channel and write the message to every one of them."
)
