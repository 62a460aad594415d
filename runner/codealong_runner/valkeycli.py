"""The ``valkey`` language: a file of commands, run against the sandbox's server and shown
the way an interactive ``valkey-cli`` session shows them::

    127.0.0.1:6379> SET greeting "hello world"
    OK
    127.0.0.1:6379> LRANGE list 0 -1
    1) "a"
    2) "b"

Each non-empty line that does not start with ``#`` is one command, split into arguments
like valkey-cli does (quotes, backslash escapes). In a cluster, MOVED/ASK redirects are
followed like ``valkey-cli -c`` follows them.
"""

from __future__ import annotations

from typing import Callable

from codealong import resp
from .client import Client, ServerError


class SyntaxProblem(ValueError):
    """A line valkey-cli would refuse (unbalanced quotes)."""


_DOUBLE_QUOTE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "a": "\a", '"': '"', "\\": "\\"}


def split_args(line: str) -> list[bytes]:
    """Split a command line into arguments with valkey-cli's quoting rules.

    Inside double quotes, ``\\xHH`` is one raw byte (so ``"\\xc3\\xa9"`` is UTF-8 é) and
    ``\\n``, ``\\r``, ``\\t``, ``\\b``, ``\\a`` are control characters; inside single
    quotes only ``\\'`` is special.
    """
    args: list[bytes] = []
    i, n = 0, len(line)
    while True:
        while i < n and line[i].isspace():
            i += 1
        if i >= n:
            return args
        current = bytearray()
        quote = None
        while True:
            if quote is None:
                if i >= n or line[i].isspace():
                    break
                if line[i] in "\"'":
                    quote = line[i]
                else:
                    current += line[i].encode()
                i += 1
                continue
            if i >= n:
                raise SyntaxProblem("unbalanced quotes")
            ch = line[i]
            if quote == '"' and ch == "\\" and line[i + 1:i + 2] == "x" and _is_hex(line[i + 2:i + 4]):
                current.append(int(line[i + 2:i + 4], 16))
                i += 4
            elif quote == '"' and ch == "\\" and i + 1 < n:
                current += _DOUBLE_QUOTE_ESCAPES.get(line[i + 1], line[i + 1]).encode()
                i += 2
            elif quote == "'" and ch == "\\" and line[i + 1:i + 2] == "'":
                current += b"'"
                i += 2
            elif ch == quote:
                if i + 1 < n and not line[i + 1].isspace():
                    raise SyntaxProblem("closing quote must be followed by a space")
                i += 1
                break
            else:
                current += ch.encode()
                i += 1
        args.append(bytes(current))


def _is_hex(text: str) -> bool:
    return len(text) == 2 and all(c in "0123456789abcdefABCDEF" for c in text)


def _quoted(data: bytes) -> str:
    """valkey-cli's repr of a bulk string: quoted, C escapes, other bytes as \\xNN."""
    out = ['"']
    for byte in data:
        ch = chr(byte)
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\a":
            out.append("\\a")
        elif ch == "\b":
            out.append("\\b")
        elif 32 <= byte < 127:
            out.append(ch)
        else:
            out.append(f"\\x{byte:02x}")
    out.append('"')
    return "".join(out)


def format_reply(value: object, prefix: str = "") -> str:
    """One reply as valkey-cli prints it on a terminal, ending with a newline."""
    if isinstance(value, resp.ErrorReply):
        return f"(error) {value}\n"
    if isinstance(value, resp.SimpleString):
        return f"{value}\n"
    if isinstance(value, bool):
        return "(true)\n" if value else "(false)\n"
    if isinstance(value, resp.Double):
        return f"(double) {value.raw}\n"
    if isinstance(value, int):
        return f"(integer) {value}\n"
    if isinstance(value, resp.Verbatim):
        return bytes(value).decode("utf-8", "replace") + "\n"
    if isinstance(value, bytes):
        return _quoted(value) + "\n"
    if value is None:
        return "(nil)\n"
    if isinstance(value, dict):
        if not value:
            return "(empty hash)\n"
        return _format_items([(k, v) for k, v in value.items()], prefix, "#")
    if isinstance(value, list):
        if not value:
            kind = "set" if isinstance(value, resp.RespSet) else "push" if isinstance(value, resp.RespPush) else "array"
            return f"({'empty ' + kind})\n"
        marker = "~" if isinstance(value, resp.RespSet) else ")"
        return _format_items([(None, v) for v in value], prefix, marker)
    return f"{value}\n"


def _format_items(items: list[tuple[object, object]], prefix: str, marker: str) -> str:
    width = len(str(len(items)))
    nested_prefix = prefix + " " * (width + 2)
    out = []
    for index, (key, value) in enumerate(items, start=1):
        # The first line continues the parent's line, which already carries the indent.
        out.append(f"{'' if index == 1 else prefix}{index:>{width}}{marker} ")
        if key is not None:
            out.append(format_reply(key, nested_prefix).rstrip("\n") + " => ")
        out.append(format_reply(value, nested_prefix))
    return "".join(out)


# Commands whose bulk reply valkey-cli prints raw (they are multi-line text reports).
_RAW_OUTPUT = {
    ("INFO",), ("LOLWUT",), ("CLUSTER", "NODES"), ("CLUSTER", "INFO"), ("CLIENT", "LIST"),
    ("CLIENT", "INFO"), ("MEMORY", "DOCTOR"), ("MEMORY", "MALLOC-STATS"), ("LATENCY", "DOCTOR"),
    ("LATENCY", "GRAPH"),
}
_SUBSCRIBE = {"SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE"}


def _raw_output(args: list[bytes]) -> bool:
    upper = tuple(a.decode("utf-8", "replace").upper() for a in args[:2])
    return upper[:1] in _RAW_OUTPUT or upper in _RAW_OUTPUT


class ScriptOutcome:
    """What running a script did: commands sent, error replies seen."""

    def __init__(self) -> None:
        self.commands = 0
        self.errors = 0
        self.failure: str | None = None  # set when the script could not run to the end


def run_script(text: str, port: int, write: Callable[[str], None], cluster: bool) -> ScriptOutcome:
    """Run each command line of ``text`` against 127.0.0.1:``port``, writing the session."""
    outcome = ScriptOutcome()
    client: Client | None = None
    number = 0
    try:
        for number, raw_line in enumerate(text.splitlines(), start=1):
            line = raw_line.strip()
            if not line or line.startswith("#"):
                continue
            write(f"127.0.0.1:{port}> {line}\n")
            try:
                args = split_args(line)
            except SyntaxProblem:
                write("Invalid argument(s)\n")
                outcome.errors += 1
                continue
            if not args:
                continue
            if client is None:
                client = Client(port, timeout=None)  # blocking commands may block; the runner's deadline ends them
            reply, client, port = _call(client, args, cluster, write)
            outcome.commands += 1
            if isinstance(reply, resp.ErrorReply):
                outcome.errors += 1
            if isinstance(reply, bytes) and _raw_output(args):
                write(reply.decode("utf-8", "replace").rstrip("\r\n").replace("\r\n", "\n") + "\n")
            else:
                write(format_reply(reply))
            name = args[0].decode("utf-8", "replace").upper()
            if name in _SUBSCRIBE:
                # One confirmation arrives per channel; read the rest so replies stay aligned.
                for _ in range(max(len(args) - 2, 0)):
                    write(format_reply(client.read()))
            if name == "QUIT":
                client.close()
                client = None
    except (OSError, ServerError) as exc:
        outcome.failure = f"lost the connection to the Valkey server on port {port} ({exc}) at line {number}"
        write(f"Error: {outcome.failure}\n")
    finally:
        if client is not None:
            client.close()
    return outcome


def _call(client: Client, args: list[bytes], cluster: bool, write: Callable[[str], None]):
    """Send one command, following cluster redirects; returns (reply, client, port)."""
    reply = client.call(*args)
    hops = 0
    while cluster and isinstance(reply, resp.ErrorReply) and reply.code in ("MOVED", "ASK") and hops < 5:
        hops += 1
        _, slot, address = reply.split(" ")
        host, _, port_text = address.rpartition(":")
        write(f"-> Redirected to slot [{slot}] located at {address}\n")
        target = Client(int(port_text), host=host or "127.0.0.1", timeout=None)
        if reply.code == "ASK":
            target.call("ASKING")
            reply = target.call(*args)
            target.close()
            continue
        client.close()
        client = target
        reply = client.call(*args)
    return reply, client, client.port
