"""A test's TCP connection to a server, speaking RESP and explaining every failure.

All reads wait at most ``timeout`` seconds (2 s by default) for the server; what was sent
and received is written to the test's transcript, which learners see as the test output.
"""

from __future__ import annotations

import socket
import time
from typing import TYPE_CHECKING

from . import hints, resp
from .failures import TestFailure

if TYPE_CHECKING:
    from .testing import TestContext

DEFAULT_TIMEOUT = 2.0
_GATHER_AFTER_MISMATCH = 0.2  # collect the rest of a wrong reply so the message shows all of it


def command_text(args: tuple) -> str:
    """``SET "a key" 1`` — a command as a person would type it."""
    words = []
    for arg in args:
        text = resp.to_bytes(arg).decode("utf-8", "backslashreplace")
        words.append(text if text and not any(c.isspace() or c in "\"'" for c in text) else resp.show(text))
    return " ".join(words)


class Connection:
    """One client connection opened by ``t.connect()`` or ``t.valkey()``."""

    def __init__(self, sock: socket.socket, name: str, context: "TestContext", port: int):
        self._sock = sock
        self.name = name
        self.port = port
        self._t = context
        self._buf = b""
        self._outstanding = 0  # replies the test still expects for what it sent
        self._last_sent: bytes | None = None
        self._last_label = "connecting"
        self.closed = False

    # --- sending ----------------------------------------------------------------------

    def send(self, data: bytes, *, replies: int = 1) -> None:
        """Send raw bytes. ``replies`` is how many replies they should produce (for the
        "extra bytes after the reply" check)."""
        self._send(bytes(data), resp.show(data), replies)

    def send_command(self, *args: object) -> None:
        """Send a command the way real clients do: a RESP array of bulk strings."""
        if not args:
            raise ValueError("send_command needs at least the command name")
        self._send(resp.encode_command(*args), command_text(args), 1)

    def send_inline(self, line: str) -> None:
        """Send an inline command (``PING\\r\\n``), as typed into telnet."""
        self._send(line.encode() + b"\r\n", resp.show(line.encode() + b"\r\n"), 1)

    def _send(self, data: bytes, label: str, replies: int) -> None:
        self._t.log(f"{self.name} sent {label}" + (f"  {resp.show(data)}" if label != resp.show(data) else ""))
        try:
            self._sock.sendall(data)
        except OSError as exc:
            raise TestFailure(
                f"Could not send {label} on {self.name}: {exc.strerror or exc}.", hints.CLOSED
            ) from None
        self._last_sent, self._last_label = data, label
        self._outstanding += replies

    # --- receiving --------------------------------------------------------------------

    def _recv(self, deadline: float) -> str:
        """Read more into the buffer: returns 'data', 'timeout' or 'eof'."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return "timeout"
        self._sock.settimeout(remaining)
        try:
            chunk = self._sock.recv(65536)
        except socket.timeout:
            return "timeout"
        except ConnectionResetError:
            return "eof"
        except OSError:
            return "eof"
        if not chunk:
            return "eof"
        self._buf += chunk
        return "data"

    def _gather(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while self._recv(deadline) == "data":
            pass

    def expect(self, expected: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Read exactly the bytes of ``expected`` and compare them byte for byte."""
        deadline = time.monotonic() + timeout
        status = "data"
        while len(self._buf) < len(expected) and expected.startswith(self._buf):
            status = self._recv(deadline)
            if status != "data":
                break
        if not expected.startswith(self._buf[:len(expected)]) and status == "data":
            self._gather(_GATHER_AFTER_MISMATCH)
        if self._buf[:len(expected)] == expected:
            self._consume(len(expected))
            return
        self._fail_reply(resp.show(expected), expected, status, timeout)

    def expect_reply(self, value: object, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Expect the RESP encoding of ``value`` (see ``codealong.resp.encode``)."""
        self.expect(resp.encode(value), timeout=timeout)

    def read_reply(self, *, timeout: float = DEFAULT_TIMEOUT) -> object:
        """Read and parse exactly one RESP value (nested arrays included)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value, used = resp.parse(self._buf)
            except resp.Incomplete:
                status = self._recv(deadline)
                if status != "data":
                    self._fail_reply("a complete RESP reply", None, status, timeout)
                continue
            except resp.ProtocolError as exc:
                self._gather(_GATHER_AFTER_MISMATCH)
                raise TestFailure(
                    f"After {self._last_label}, {self.name} received {resp.show(self._buf)}, which is not "
                    f"valid RESP: {exc.message}.",
                    exc.hint,
                ) from None
            self._consume(used)
            return value

    def command(self, *args: object, timeout: float = DEFAULT_TIMEOUT) -> object:
        """``send_command`` then ``read_reply``: the reply, parsed."""
        self.send_command(*args)
        return self.read_reply(timeout=timeout)

    def expect_error(self, prefix: str = "ERR", *, timeout: float = DEFAULT_TIMEOUT) -> resp.ErrorReply:
        """Expect an error reply whose text starts with ``prefix``; returns it."""
        reply = self.read_reply(timeout=timeout)
        if not isinstance(reply, resp.ErrorReply):
            raise TestFailure(
                f"After {self._last_label}, expected an error reply starting with "
                f"{resp.show('-' + prefix)}, but received {resp.describe(reply)}.",
                "Errors are sent as -ERR message\\r\\n (a minus sign, the error, \\r\\n).",
            )
        if not reply.startswith(prefix):
            raise TestFailure(
                f"After {self._last_label}, expected an error starting with {resp.show(prefix)}, "
                f"but received {resp.show('-' + reply)}."
            )
        return reply

    def expect_closed(self, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Expect the server to close the connection (e.g. after QUIT) without sending more."""
        deadline = time.monotonic() + timeout
        while True:
            status = self._recv(deadline)
            if status == "eof" and not self._buf:
                return
            if status == "timeout":
                raise TestFailure(f"Expected the server to close {self.name}, but it stayed open for {timeout:g} s.")
            if self._buf:
                raise TestFailure(f"Expected the server to close {self.name}, but it sent {resp.show(self._buf)}.")

    def _consume(self, length: int) -> None:
        data, self._buf = self._buf[:length], self._buf[length:]
        self._t.log(f"{self.name} received {resp.show(data)}")
        self._outstanding -= 1
        if self._buf and self._outstanding <= 0:
            raise TestFailure(
                f"After {self._last_label}, {self.name} received the expected reply followed by "
                f"extra bytes {resp.show(self._buf)}.",
                "Send exactly one reply per command; the extra bytes would be read as the reply "
                "to the next command.",
            )

    def _fail_reply(self, wanted: str, expected: bytes | None, status: str, timeout: float) -> None:
        got = self._buf
        after = f"After {self._last_label}"
        if not got and status == "timeout":
            other_open = any(c is not self and not c.closed for c in self._t.connections)
            raise TestFailure(
                f"{after}, expected {wanted} but {self.name} received nothing within {timeout:g} s.",
                hints.for_silence(timeout, other_open),
            )
        if not got:
            raise TestFailure(
                f"{after}, expected {wanted} but the server closed {self.name} without replying.",
                hints.CLOSED,
            )
        if expected is not None:
            hint = hints.for_mismatch(expected, got, self._last_sent)
        else:
            hint = None
        if hint is None and status != "data":
            hint = hints.for_partial(got)
        ending = {"timeout": f" and then nothing more for {timeout:g} s", "eof": " and then closed the connection"}.get(status, "")
        self._t.log(f"{self.name} received {resp.show(got)}")
        raise TestFailure(f"{after}, expected {wanted} but received {resp.show(got)}{ending}.", hint)

    # --- closing ----------------------------------------------------------------------

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._t.log(f"{self.name} closed")
            try:
                self._sock.close()
            except OSError:
                pass

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
