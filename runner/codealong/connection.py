"""A test's TCP connection to a server, speaking RESP and explaining every failure.

All reads wait at most ``timeout`` seconds (2 s by default) for the server; what was sent
and received is written to the test's transcript, which learners see as the test output.
"""

from __future__ import annotations

import contextlib
import socket
import struct
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


def _element(encoded: bytes) -> str:
    """An array element for a message: a bulk string as its text ("apple"), else its RESP."""
    try:
        value, _ = resp.parse(encoded)
    except (resp.Incomplete, resp.ProtocolError):
        return resp.show(encoded)
    if isinstance(value, bytes):
        return resp.show(value)
    return resp.show(encoded)


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
        self._pushing = False  # reading a message the server pushed on its own
        self.closed = False

    # --- sending ----------------------------------------------------------------------

    def send(self, data: bytes, *, replies: int = 1) -> None:
        """Send raw bytes. ``replies`` is how many replies they should produce (for the
        "extra bytes after the reply" check)."""
        self._send(bytes(data), resp.show(data), replies)

    def send_command(self, *args: object, replies: int = 1) -> None:
        """Send a command the way real clients do: a RESP array of bulk strings.

        ``replies`` is how many replies the command produces (``SUBSCRIBE a b`` sends two).
        """
        if not args:
            raise ValueError("send_command needs at least the command name")
        self._send(resp.encode_command(*args), command_text(args), replies)

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

    def expect(self, expected: bytes, *, timeout: float = DEFAULT_TIMEOUT, silence_hint: str | None = None) -> None:
        """Read exactly the bytes of ``expected`` and compare them byte for byte.

        ``silence_hint`` replaces the library's general hint when nothing arrives in time
        (e.g. "BLPOP must answer when another client pushes").
        """
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
        self._fail_reply(resp.show(expected), expected, status, timeout, silence_hint)

    def expect_reply(self, value: object, *, timeout: float = DEFAULT_TIMEOUT, silence_hint: str | None = None) -> None:
        """Expect the RESP encoding of ``value`` (see ``codealong.resp.encode``)."""
        self.expect(resp.encode(value), timeout=timeout, silence_hint=silence_hint)

    def read_reply(self, *, timeout: float = DEFAULT_TIMEOUT, silence_hint: str | None = None) -> object:
        """Read and parse exactly one RESP value (nested arrays included)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value, used = resp.parse(self._buf)
            except resp.Incomplete:
                status = self._recv(deadline)
                if status != "data":
                    self._fail_reply("a complete RESP reply", None, status, timeout, silence_hint)
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

    def expect_unordered(self, values: list, *, timeout: float = DEFAULT_TIMEOUT, hint: str | None = None) -> list:
        """Expect an array reply holding exactly ``values`` in any order (KEYS, SMEMBERS,
        HKEYS...); elements are given as for ``expect_reply`` (``str``/``bytes`` = bulk
        string). Repeats count. Returns the reply as parsed."""
        label = self._last_label
        reply = self.read_reply(timeout=timeout)
        wanted = ", ".join(_element(resp.encode(v)) for v in values)
        if not isinstance(reply, list):
            raise TestFailure(
                f"After {label}, expected an array of {len(values)} element{'s' if len(values) != 1 else ''} "
                f"in any order ([{wanted}]), but received {resp.describe(reply)}.",
                hint or "The reply should be an array: *<count>\\r\\n, then each element "
                "(a bulk string $<length>\\r\\n<bytes>\\r\\n for each name).",
            )
        want = sorted(resp.encode(v) for v in values)
        got = sorted(resp.encode(v) for v in reply)
        if got == want:
            return reply
        missing, extra = [resp.encode(v) for v in values], []
        for item in (resp.encode(v) for v in reply):
            if item in missing:
                missing.remove(item)
            else:
                extra.append(item)
        received = ", ".join(_element(resp.encode(v)) for v in reply)
        details = []
        if missing:
            details.append(f"missing: {', '.join(_element(v) for v in missing)}")
        if extra:
            details.append(f"not expected: {', '.join(_element(v) for v in extra)}")
        raise TestFailure(
            f"After {label}, expected an array of [{wanted}] in any order, "
            f"but received [{received}] ({'; '.join(details)}).",
            hint,
        )

    # --- replies that no command of this connection asked for --------------------------

    def expect_pushed(self, value: object, *, timeout: float = DEFAULT_TIMEOUT, after: str | None = None,
                      silence_hint: str | None = None) -> None:
        """Expect a message the server pushes on its own (a pub/sub ``message`` array), encoded
        like ``expect_reply``. ``after`` names what should have caused it, for the failure
        message (e.g. "client 1 sent PUBLISH news hi")."""
        with self._pushed(after):
            self.expect(resp.encode(value), timeout=timeout, silence_hint=silence_hint or hints.NO_PUSH)

    def read_pushed(self, *, timeout: float = DEFAULT_TIMEOUT, after: str | None = None,
                    silence_hint: str | None = None) -> object:
        """Read and parse one message the server pushes on its own (see ``expect_pushed``)."""
        with self._pushed(after):
            return self.read_reply(timeout=timeout, silence_hint=silence_hint or hints.NO_PUSH)

    @contextlib.contextmanager
    def _pushed(self, after: str | None):
        # More pushed messages may already be buffered behind this one: they are not "extra
        # bytes after the reply", so the check in _consume is skipped.
        label, self._pushing = self._last_label, True
        self._last_label = after or f"waiting for a pushed message on {self.name}"
        self._outstanding += 1
        try:
            yield
        finally:
            self._last_label, self._pushing = label, False

    def expect_nothing(self, seconds: float = 0.5, *, why: str | None = None, hint: str | None = None) -> None:
        """Fail if anything arrives (or the connection closes) within ``seconds``: a blocked
        command such as BLPOP must not answer yet, a client that is not subscribed must not
        get a message. ``why`` is added to the failure message, e.g. "BLPOP blocks while the
        list is empty"."""
        deadline = time.monotonic() + seconds
        status = "data"
        while not self._buf and status == "data":
            status = self._recv(deadline)
        reason = f" ({why})" if why else ""
        if self._buf:
            self._gather(_GATHER_AFTER_MISMATCH)
            self._t.log(f"{self.name} received {resp.show(self._buf)}")
            raise TestFailure(
                f"After {self._last_label}, expected {self.name} to receive nothing for {seconds:g} s{reason}, "
                f"but it received {resp.show(self._buf)}.",
                hint,
            )
        if status == "eof":
            raise TestFailure(
                f"After {self._last_label}, expected {self.name} to receive nothing for {seconds:g} s{reason}, "
                "but the server closed the connection.",
                hints.CLOSED,
            )
        self._t.log(f"{self.name} received nothing for {seconds:g} s, as expected")

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
        if self._buf and self._outstanding <= 0 and not self._pushing:
            raise TestFailure(
                f"After {self._last_label}, {self.name} received the expected reply followed by "
                f"extra bytes {resp.show(self._buf)}.",
                "Send exactly one reply per command; the extra bytes would be read as the reply "
                "to the next command.",
            )

    def _fail_reply(self, wanted: str, expected: bytes | None, status: str, timeout: float,
                    silence_hint: str | None = None) -> None:
        got = self._buf
        after = f"After {self._last_label}"
        if not got and status == "timeout":
            other_open = any(c is not self and not c.closed for c in self._t.connections)
            raise TestFailure(
                f"{after}, expected {wanted} but {self.name} received nothing within {timeout:g} s.",
                silence_hint or hints.for_silence(timeout, other_open),
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

    def reset(self) -> None:
        """Close the connection abruptly with a TCP reset (RST) instead of the usual FIN, as a
        client that crashes or loses its network does: the server's next read or write on it
        fails (ECONNRESET). For tests that a server survives such a client."""
        if not self.closed:
            self.closed = True
            self._t.log(f"{self.name} reset the connection (closed it abruptly)")
            try:
                self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self._sock.close()
            except OSError:
                pass

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
