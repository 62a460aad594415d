"""RESP (the Valkey wire protocol): encoding, incremental parsing, and showing bytes to people.

Parsed values map to Python as follows:

=================  ===============================  =====================
RESP               Python                           example on the wire
=================  ===============================  =====================
simple string      ``SimpleString`` (a ``str``)     ``+OK\\r\\n``
error              ``ErrorReply`` (a ``str``)       ``-ERR oops\\r\\n``
integer            ``int``                          ``:1\\r\\n``
bulk string        ``bytes``                        ``$3\\r\\nfoo\\r\\n``
null (bulk/array)  ``None``                         ``$-1\\r\\n``
array              ``list``                         ``*1\\r\\n:1\\r\\n``
RESP3 map/set/...  ``dict`` / ``RespSet`` / ...     ``%1\\r\\n...``
=================  ===============================  =====================
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

CRLF = b"\r\n"


class SimpleString(str):
    """A RESP simple string (``+OK``), kept apart from bulk strings (``bytes``)."""

    def __repr__(self) -> str:
        return f"SimpleString({str.__repr__(self)})"


class ErrorReply(str):
    """A RESP error reply (``-ERR ...``); the text without the leading ``-``."""

    @property
    def code(self) -> str:
        """The first word, e.g. ``ERR`` or ``WRONGTYPE``."""
        return self.split(" ", 1)[0]

    def __repr__(self) -> str:
        return f"ErrorReply({str.__repr__(self)})"


class Double(float):
    """A RESP3 double; keeps the server's spelling for faithful display."""

    raw: str

    def __new__(cls, raw: str) -> "Double":
        value = super().__new__(cls, float(raw))
        value.raw = raw
        return value


class RespSet(list):
    """A RESP3 set (``~``), kept in the order the server sent it."""


class RespPush(list):
    """A RESP3 push message (``>``)."""


class Verbatim(bytes):
    """A RESP3 verbatim string (``=``); ``format`` is e.g. ``txt``."""

    format: str

    def __new__(cls, data: bytes, fmt: str) -> "Verbatim":
        value = super().__new__(cls, data)
        value.format = fmt
        return value


class ProtocolError(Exception):
    """Bytes that are not valid RESP. ``hint`` says which common mistake they look like."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class Incomplete(Exception):
    """The buffer ends before the value does: read more bytes and try again."""


# --- encoding ----------------------------------------------------------------------------


def to_bytes(value: object) -> bytes:
    """Command arguments as bytes: ``str`` is UTF-8 encoded, numbers are written in decimal."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value).encode() if isinstance(value, float) else str(value).encode()
    raise TypeError(f"cannot send {type(value).__name__} {value!r} as a command argument")


def encode_command(*args: object) -> bytes:
    """A command as real clients send it: an array of bulk strings."""
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = to_bytes(arg)
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


def encode(value: object) -> bytes:
    """The RESP2 encoding of a value (see the module docstring for the mapping).

    A plain ``str`` is encoded as a bulk string (UTF-8); wrap it in ``SimpleString`` or
    ``ErrorReply`` for the other string types.
    """
    if value is None:
        return b"$-1\r\n"
    if isinstance(value, SimpleString):
        return b"+" + value.encode() + CRLF
    if isinstance(value, ErrorReply):
        return b"-" + value.encode() + CRLF
    if isinstance(value, bool):
        raise TypeError("RESP2 has no booleans: use 1/0 (integers)")
    if isinstance(value, int):
        return b":%d\r\n" % value
    if isinstance(value, (str, bytes, bytearray)):
        data = to_bytes(value)
        return b"$%d\r\n%s\r\n" % (len(data), data)
    if isinstance(value, (list, tuple)):
        return b"*%d\r\n" % len(value) + b"".join(encode(item) for item in value)
    raise TypeError(f"cannot encode {type(value).__name__} as RESP")


# --- parsing -----------------------------------------------------------------------------

_TYPE_NAMES = {
    "+": "simple string",
    "-": "error",
    ":": "integer",
    "$": "bulk string",
    "*": "array",
    "_": "null",
    "#": "boolean",
    ",": "double",
    "(": "big number",
    "=": "verbatim string",
    "%": "map",
    "~": "set",
    ">": "push",
    "|": "attribute",
}


def type_name(first_byte: bytes) -> str | None:
    """'simple string' for ``b"+"`` etc.; None when the byte starts no RESP type."""
    return _TYPE_NAMES.get(first_byte[:1].decode("latin-1"))


_CRLF_HINT = (
    "Every RESP line ends with \\r\\n (carriage return + line feed, bytes 13 and 10); "
    "this line ends with \\n only."
)


def _line(buf: bytes, pos: int) -> tuple[bytes, int]:
    """The line starting at pos (without its CRLF) and the position after it."""
    end = buf.find(b"\n", pos)
    if end < 0:
        if len(buf) - pos > 64 * 1024:
            raise ProtocolError(f"a RESP line longer than 64 KiB without \\r\\n: {show(buf[pos:pos + 40])}...")
        raise Incomplete
    if end == pos or buf[end - 1:end] != b"\r":
        raise ProtocolError(f"line {show(buf[pos:end + 1])} does not end with \\r\\n", _CRLF_HINT)
    return buf[pos:end - 1], end + 1


def _int(text: bytes, what: str) -> int:
    try:
        return int(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise ProtocolError(f"{what} {show(text)} is not a whole number") from None


def parse(buf: bytes, pos: int = 0) -> tuple[object, int]:
    """Parse one RESP value starting at ``pos``; return it and the position after it.

    Raises ``Incomplete`` when more bytes are needed and ``ProtocolError`` when the bytes
    are not RESP (with a hint when they look like a common mistake).
    """
    if pos >= len(buf):
        raise Incomplete
    kind = chr(buf[pos])
    if kind not in _TYPE_NAMES:
        line_end = buf.find(b"\n", pos)
        sample = buf[pos:line_end + 1] if line_end >= 0 else buf[pos:pos + 40]
        raise ProtocolError(
            f"{show(sample)} is not a RESP value: it should start with a type byte",
            "RESP values start with a type byte: + simple string, - error, : integer, "
            "$ bulk string, * array. For example PONG is sent as +PONG\\r\\n.",
        )
    line, after = _line(buf, pos + 1)
    if kind == "+":
        return SimpleString(line.decode("utf-8", "replace")), after
    if kind == "-":
        return ErrorReply(line.decode("utf-8", "replace")), after
    if kind in ":(":
        return _int(line, "integer"), after
    if kind == "_":
        return None, after
    if kind == "#":
        if line not in (b"t", b"f"):
            raise ProtocolError(f"boolean {show(line)} is neither t nor f")
        return line == b"t", after
    if kind == ",":
        try:
            return Double(line.decode("ascii")), after
        except ValueError:
            raise ProtocolError(f"double {show(line)} is not a number") from None
    if kind in "$=":
        length = _int(line, "bulk string length")
        if length < 0:
            return None, after
        end = after + length
        if len(buf) < end + 2:
            # A length larger than the data also lands here; the reader's timeout message
            # recognises that case (see hints.py).
            raise Incomplete
        if buf[end:end + 2] != CRLF:
            actual = buf.find(CRLF, after)
            detail = ""
            if actual >= 0:
                detail = f" (the data before the next \\r\\n is {actual - after} bytes)"
            raise ProtocolError(
                f"bulk string announced {length} bytes but is not followed by \\r\\n after {length} bytes{detail}",
                "The number after $ is the length in bytes, not characters: non-ASCII text is longer in "
                "UTF-8 (len(s.encode()) in Python, Buffer.byteLength(s) in JavaScript).",
            )
        data = buf[after:end]
        if kind == "=":
            return Verbatim(data[4:], data[:3].decode("ascii", "replace")), end + 2
        return data, end + 2
    # aggregates
    count = _int(line, f"{_TYPE_NAMES[kind]} length")
    if count < 0:
        return None, after
    if kind in "%|":
        pairs = []
        for _ in range(count):
            key, after = parse(buf, after)
            value, after = parse(buf, after)
            pairs.append((_hashable(key), value))
        if kind == "|":  # attributes annotate the next value; tests only care about the value
            return parse(buf, after)
        return dict(pairs), after
    items = []
    for _ in range(count):
        item, after = parse(buf, after)
        items.append(item)
    if kind == "~":
        return RespSet(items), after
    if kind == ">":
        return RespPush(items), after
    return items, after


def _hashable(value: object) -> object:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(value.items())
    return value


# --- comparing a reply with the expected one ------------------------------------------------


def error_texts(data: bytes) -> list[tuple[int, int]]:
    """Where the wording of each error reply in ``data`` lies, as ``(start, end)`` positions:
    from just after the error's code (its first word: ``ERR``, ``WRONGTYPE``...) to the
    ``\\r\\n`` that ends it. Errors nested in arrays count too (an EXEC reply).

    Clients act on an error's code; the words after it are for people. So a reply is compared
    byte for byte except within these spans (see ``match``). Bytes that are not a sequence of
    complete RESP values have no spans: they are compared exactly.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    try:
        while pos < len(data):
            pos = _error_spans(data, pos, spans)
    except (Incomplete, ProtocolError):
        return []
    return spans


def _error_spans(buf: bytes, pos: int, spans: list[tuple[int, int]]) -> int:
    """Skip the value at ``pos``, noting the spans of its errors; return the position after it."""
    kind = chr(buf[pos])
    if kind == "-":
        line, after = _line(buf, pos + 1)
        space = line.find(b" ")
        spans.append((pos + 1 + (space if space >= 0 else len(line)), after - 2))
        return after
    if kind in "*~>%|":
        line, after = _line(buf, pos + 1)
        count = _int(line, "length")
        for _ in range(max(count, 0) * (2 if kind in "%|" else 1)):
            after = _error_spans(buf, after, spans)
        if kind == "|":  # attributes annotate the value that follows them
            after = _error_spans(buf, after, spans)
        return after
    return parse(buf, pos)[1]


_LONGEST_ERROR = 64 * 1024  # an error line longer than this without \r\n is not one


@dataclass
class Match:
    """How received bytes compare with an expected reply (see ``match``)."""

    state: str  # "match", "incomplete" (a prefix: read more) or "mismatch"
    length: int = 0  # with "match": how many received bytes the reply took
    # With "match": each error whose words differ after the code: (expected, received), each
    # without its "-" and "\r\n", e.g. (b"ERR unknown command 'x', with args ...", b"ERR no such command")
    wordings: list[tuple[bytes, bytes]] = field(default_factory=list)


def match(expected: bytes, received: bytes, spans: list[tuple[int, int]] | None = None) -> Match:
    """Compare ``received`` with ``expected``: type, framing and value byte for byte, and of an
    error only its code. ``spans`` are ``error_texts(expected)`` (computed when None); within
    them the received error may say anything, or nothing, on one line: after the code comes
    either ``\\r\\n`` or a space and the text. Bytes after the reply are not looked at."""
    if spans is None:
        spans = error_texts(expected)
    at_expected = at = 0  # where the next literal part starts in expected / in received
    wordings = []
    for start, end in spans:
        literal = expected[at_expected:start]
        if received[at:at + len(literal)] != literal:
            return _short_or_wrong(literal, received[at:at + len(literal)])
        at += len(literal)
        newline = received.find(b"\n", at)
        if newline < 0:
            rest = received[at:]
            wrong = b"\r" in rest[:-1] or len(rest) > _LONGEST_ERROR
            return Match("mismatch" if wrong else "incomplete")
        text = received[at:newline - 1]
        if (newline == at or received[newline - 1] != 0x0D or b"\r" in text
                or (text and not text.startswith(b" "))):
            return Match("mismatch")  # a lone \n, a \r inside, or a longer code ("ERRx")
        if text != expected[start:end]:
            code = expected[expected.rfind(b"-", 0, start) + 1:start]
            wordings.append((code + expected[start:end], code + text))
        at, at_expected = newline - 1, end  # both continue with the error's \r\n
    literal = expected[at_expected:]
    if received[at:at + len(literal)] != literal:
        return _short_or_wrong(literal, received[at:at + len(literal)])
    return Match("match", at + len(literal), wordings)


def _short_or_wrong(literal: bytes, got: bytes) -> Match:
    return Match("incomplete" if literal.startswith(got) else "mismatch")


# --- showing bytes -----------------------------------------------------------------------

_ESCAPES = {"\r": "\\r", "\n": "\\n", "\t": "\\t", "\\": "\\\\", '"': '\\"', "\0": "\\0"}


def show(data: bytes | str, limit: int = 300) -> str:
    """Bytes as a double-quoted string with invisible characters escaped.

    ``b"+PONG\\r\\n"`` becomes ``"+PONG\\r\\n"`` so a missing ``\\r`` is visible. Valid UTF-8
    text is shown as text; other bytes as ``\\xNN``. Long data is cut at ``limit`` bytes.
    """
    if isinstance(data, str):
        data = data.encode()
    cut = len(data) > limit
    # surrogateescape maps each undecodable byte to one lone surrogate, shown below as \xNN.
    text = data[:limit].decode("utf-8", "surrogateescape")
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif 0xDC80 <= ord(ch) <= 0xDCFF:
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif ch == "\ufffd":  # the replacement character: a sign that bytes were decoded as text
            out.append("\\ufffd")
        elif ch.isprintable() or unicodedata.category(ch) == "Zs":
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
    suffix = f"... ({len(data) - limit} more bytes)" if cut else ""
    return '"' + "".join(out) + '"' + suffix


def describe(value: object) -> str:
    """A short human description of a parsed value, e.g. ``simple string "OK"``."""
    if value is None:
        return "null"
    if isinstance(value, SimpleString):
        return f"simple string {show(value)}"
    if isinstance(value, ErrorReply):
        return f"error {show(value)}"
    if isinstance(value, bool):
        return f"boolean {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"integer {value}"
    if isinstance(value, float):
        return f"double {value}"
    if isinstance(value, (bytes, bytearray)):
        return f"bulk string {show(value)}"
    if isinstance(value, dict):
        return f"map of {len(value)} entries"
    if isinstance(value, list):
        return f"array of {len(value)} element{'s' if len(value) != 1 else ''}"
    return repr(value)
