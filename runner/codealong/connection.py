"""A test's TCP connection to a server, speaking RESP and explaining every failure.

All reads wait at most ``timeout`` seconds (2 s by default) for the server; what was sent
and received is written to the test's transcript, which learners see as the test output.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import time
from collections import deque
from typing import TYPE_CHECKING

from . import hints, resp
from .failures import TestFailure

if TYPE_CHECKING:
    from .testing import TestContext

DEFAULT_TIMEOUT = 2.0
_GATHER_AFTER_MISMATCH = 0.2  # collect the rest of a wrong reply so the message shows all of it
_PIECE_PAUSE = 0.001  # between the writes of a split command, so the server reads each on its own
_LONG_ARGUMENT = 40  # bytes; a longer argument is shortened in messages ("..." (1048536 more bytes))
_LONG_REPLY = 300  # bytes; past this, a wrong reply's message points at the first difference


def command_text(args: tuple) -> str:
    """``SET "a key" 1`` — a command as a person would type it."""
    words = []
    for arg in args:
        data = resp.to_bytes(arg)
        if len(data) > _LONG_ARGUMENT:
            words.append(resp.show(data, limit=_LONG_ARGUMENT // 2))
            continue
        text = data.decode("utf-8", "surrogateescape")
        plain = text and text.isprintable() and not any(c.isspace() or c in "\"'\\" for c in text)
        words.append(text if plain else resp.show(data))
    return " ".join(words)


def _pipeline_text(labels: list[str]) -> str:
    """``3 commands in one go: ECHO a, ECHO b, ECHO c`` (long pipelines shortened)."""
    shown = labels if len(labels) <= 5 else [*labels[:3], "...", labels[-1]]
    return f"{len(labels)} commands in one go: {', '.join(shown)}"


def _first_difference(expected: bytes, got: bytes) -> str:
    """Where a long reply first differs from the expected one, for the failure message."""
    at = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    if at == len(got) < len(expected):
        return f" Only {len(got)} of its {len(expected)} bytes arrived."
    start = max(at - 10, 0)
    return (f" They first differ at byte {at}: expected {resp.show(expected[start:at + 20])}, "
            f"received {resp.show(got[start:at + 20])}.")


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
        # What each of those replies answers ("GET mango:4821"), oldest first: in a pipeline,
        # a failure names the command whose reply was wrong, not the last one sent.
        self._labels: deque[str] = deque()
        self._last_sent: bytes | None = None
        self._last_label = "connecting"
        self._pushing: str | None = None  # what caused the message being read that the server pushed
        self._quiet = False  # reading many replies: one transcript line for all of them
        self.closed = False

    # --- sending ----------------------------------------------------------------------

    def send(self, data: bytes, *, replies: int = 1, pieces: int = 1) -> None:
        """Send raw bytes. ``replies`` is how many replies they should produce (for the
        "extra bytes after the reply" check); ``pieces`` splits them into that many writes."""
        self._send(bytes(data), resp.show(data), replies, pieces=pieces)

    def send_command(self, *args: object, replies: int = 1, pieces: int = 1) -> None:
        """Send a command the way real clients do: a RESP array of bulk strings.

        ``replies`` is how many replies the command produces (``SUBSCRIBE a b`` sends two).
        ``pieces`` splits it into that many writes at random places, a moment apart, as a big
        value arrives over a real network: the server must keep what it read until the
        command is complete.
        """
        if not args:
            raise ValueError("send_command needs at least the command name")
        self._send(resp.encode_command(*args), command_text(args), replies, pieces=pieces)

    def send_pipeline(self, commands: list[tuple], *, pieces: int = 1) -> None:
        """Send many commands in one write (or ``pieces`` writes), as a client's pipeline does.

        Each command should get one reply; read them in order (``expect_replies`` reads many
        with one transcript line). A failure names the command whose reply was wrong.
        """
        if not commands:
            raise ValueError("send_pipeline needs at least one command")
        labels = [command_text(tuple(args)) for args in commands]
        data = b"".join(resp.encode_command(*args) for args in commands)
        count = len(commands)
        self._send(data, _pipeline_text(labels), count, pieces=pieces, show_bytes=False,
                   labels=[f"{label} (command {n} of {count} sent in one go)" for n, label in enumerate(labels, 1)])

    def send_inline(self, line: str) -> None:
        """Send an inline command (``PING\\r\\n``), as typed into telnet."""
        self._send(line.encode() + b"\r\n", resp.show(line.encode() + b"\r\n"), 1)

    def _send(self, data: bytes, label: str, replies: int, *, pieces: int = 1, show_bytes: bool = True,
              labels: list[str] | None = None) -> None:
        parts = self._split(data, pieces)
        raw = resp.show(data) if show_bytes and len(data) <= _LONG_REPLY else label  # long: the label says enough
        self._t.log(f"{self.name} sent {label}" + (f"  {raw}" if label != raw else "")
                    + (f" in {len(parts)} writes" if len(parts) > 1 else ""))
        # A big write blocks until the server has read most of it: give it the usual time.
        self._sock.settimeout(DEFAULT_TIMEOUT)
        try:
            for number, part in enumerate(parts):
                if number:
                    time.sleep(_PIECE_PAUSE)
                self._sock.sendall(part)
        except socket.timeout:
            raise TestFailure(
                f"{self.name} could not send {label}: your server did not read it within {DEFAULT_TIMEOUT:g} s.",
                hints.NOT_READING,
            ) from None
        except OSError as exc:
            raise TestFailure(
                f"Could not send {label} on {self.name}: {exc.strerror or exc}.", hints.CLOSED
            ) from None
        self._last_sent, self._last_label = data, label
        self._outstanding += replies
        self._labels.extend(labels or [label] * replies)

    def _split(self, data: bytes, pieces: int) -> list[bytes]:
        """``data`` cut at ``pieces - 1`` random places (never into empty pieces)."""
        pieces = max(1, min(pieces, len(data)))
        if pieces == 1:
            return [data]
        cuts = [0, *sorted(self._t.random.sample(range(1, len(data)), pieces - 1)), len(data)]
        return [data[a:b] for a, b in zip(cuts, cuts[1:])]

    def _reply_label(self) -> str:
        """What the reply being read answers, for messages: "GET mango:4821"."""
        if self._pushing is not None:
            return self._pushing
        return self._labels[0] if self._labels else self._last_label

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
        """Read the reply ``expected`` and compare it byte for byte: its type, framing and
        value. Of an error only the code is compared (the first word: ``ERR``, ``WRONGTYPE``),
        which is what clients act on; when the words after it differ from Valkey's (those in
        ``expected``), the test passes with a note that shows both.

        ``silence_hint`` replaces the library's general hint when nothing arrives in time
        (e.g. "BLPOP must answer when another client pushes").
        """
        spans = resp.error_texts(expected)
        deadline = time.monotonic() + timeout
        status = "data"
        while (found := resp.match(expected, self._buf, spans)).state == "incomplete":
            status = self._recv(deadline)
            if status != "data":
                break
        if found.state == "mismatch" and status == "data":
            self._gather(_GATHER_AFTER_MISMATCH)
        if found.state != "match":
            self._fail_reply(resp.show(expected), expected, status, timeout, silence_hint)
        for valkey, yours in found.wordings:
            self._note_wording(valkey, yours)
        self._consume(found.length)

    def expect_reply(self, value: object, *, timeout: float = DEFAULT_TIMEOUT, silence_hint: str | None = None) -> None:
        """Expect the RESP encoding of ``value`` (see ``codealong.resp.encode``), compared as
        ``expect`` does: an ``ErrorReply`` holds Valkey's wording, and only its code must match."""
        self.expect(resp.encode(value), timeout=timeout, silence_hint=silence_hint)

    def expect_replies(self, values: list, *, timeout: float = DEFAULT_TIMEOUT, silence_hint: str | None = None) -> None:
        """``expect_reply`` for each of ``values`` in order (the replies to ``send_pipeline``),
        with one transcript line for all of them; a failure says how many were right."""
        self._quiet = True
        try:
            for number, value in enumerate(values):
                try:
                    self.expect_reply(value, timeout=timeout, silence_hint=silence_hint)
                except TestFailure as failure:
                    if number:
                        before = "The reply before it was" if number == 1 else f"The {number} replies before it were"
                        failure.message += f" {before} right."
                    raise
        finally:
            self._quiet = False
        self._t.log(f"{self.name} received {len(values)} replies, as expected")

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
                    f"After {self._reply_label()}, {self.name} received {resp.show(self._buf)}, which is not "
                    f"valid RESP: {exc.message}.",
                    exc.hint,
                ) from None
            self._consume(used)
            return value

    def command(self, *args: object, timeout: float = DEFAULT_TIMEOUT) -> object:
        """``send_command`` then ``read_reply``: the reply, parsed."""
        self.send_command(*args)
        return self.read_reply(timeout=timeout)

    def expect_error(self, code: str = "ERR", *, timeout: float = DEFAULT_TIMEOUT) -> resp.ErrorReply:
        """Expect an error reply whose code (first word) is the first word of ``code``; returns it.

        ``code`` may be Valkey's whole error (``"ERR wrong number of arguments for 'get'
        command"``): only its first word is checked, and different words are noted.
        """
        label = self._reply_label()
        wanted = resp.ErrorReply(code)
        reply = self.read_reply(timeout=timeout)
        if not isinstance(reply, resp.ErrorReply):
            raise TestFailure(
                f"After {label}, expected an error reply with the code {wanted.code} "
                f"({resp.show('-' + code)}), but received {resp.describe(reply)}.",
                "Errors are sent as -ERR message\\r\\n (a minus sign, the error code, a space, the message, \\r\\n).",
            )
        if reply.code != wanted.code:
            raise TestFailure(
                f"After {label}, expected an error with the code {wanted.code} ({resp.show('-' + code)}), "
                f"but received {resp.show('-' + reply)}.",
                hints.error_code(wanted.code, reply.code),
            )
        if code != wanted.code and reply != code:
            self._note_wording(code.encode(), reply.encode())
        return reply

    def expect_wrong_arity(self, *commands: tuple, hint: str | None = None) -> None:
        """Send each command (a tuple of arguments, with too few or too many of them) and
        expect an ``ERR`` error for each; Valkey's wording, ``ERR wrong number of arguments
        for 'get' command``, is only noted when the server's differs. Then ``PING`` must still
        get ``+PONG``: an error ends the command, not the connection.

        ``hint`` replaces the library's hint, which says to check the number of arguments.
        """
        for args in commands:
            name = resp.to_bytes(args[0]).decode("utf-8", "replace").lower()
            valkey = resp.ErrorReply(f"ERR wrong number of arguments for '{name}' command")
            try:
                self.send_command(*args)
                self.expect_reply(valkey)
            except TestFailure as failure:
                failure.hint = hint or hints.wrong_arity(name)
                raise
        try:
            self.send_command("PING")
            self.expect_reply(resp.SimpleString("PONG"))
        except TestFailure as failure:
            failure.hint = hints.AFTER_ERROR
            raise

    def expect_unordered(self, values: list, *, timeout: float = DEFAULT_TIMEOUT, hint: str | None = None) -> list:
        """Expect an array reply holding exactly ``values`` in any order (KEYS, SMEMBERS,
        HKEYS...); elements are given as for ``expect_reply`` (``str``/``bytes`` = bulk
        string). Repeats count. Returns the reply as parsed."""
        label = self._reply_label()
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
        self._pushing = after or f"waiting for a pushed message on {self.name}"
        self._outstanding += 1
        try:
            yield
        finally:
            self._pushing = None

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
        label = self._reply_label()
        data, self._buf = self._buf[:length], self._buf[length:]
        if not self._quiet:
            self._t.log(f"{self.name} received {resp.show(data)}")
        self._outstanding -= 1
        if self._pushing is None and self._labels:
            self._labels.popleft()
        if self._buf and self._outstanding <= 0 and self._pushing is None:
            raise TestFailure(
                f"After {label}, {self.name} received the expected reply followed by "
                f"extra bytes {resp.show(self._buf)}.",
                "Send exactly one reply per command; the extra bytes would be read as the reply "
                "to the next command.",
            )

    def _note_wording(self, valkey: bytes, yours: bytes) -> None:
        """A passing error reply worded differently from Valkey: say so, without failing."""
        code = resp.ErrorReply(valkey.decode("utf-8", "replace")).code
        self._t.note(
            f"Your server answered {resp.show(b'-' + yours)} where Valkey answers {resp.show(b'-' + valkey)}. "
            f"Only the error code, {code}, is checked: clients act on it, and the words after it are for people."
        )

    def _fail_reply(self, wanted: str, expected: bytes | None, status: str, timeout: float,
                    silence_hint: str | None = None) -> None:
        got = self._buf
        after = f"After {self._reply_label()}"
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
        where = ""
        if expected is not None and max(len(expected), len(got)) > _LONG_REPLY:
            where = _first_difference(expected, got)
        self._t.log(f"{self.name} received {resp.show(got)}")
        raise TestFailure(f"{after}, expected {wanted} but received {resp.show(got)}{ending}.{where}", hint)

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
