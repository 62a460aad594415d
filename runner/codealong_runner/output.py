"""Capped capture of a program's stdout or stderr, streamed as output events as it arrives."""

from __future__ import annotations

import codecs
import threading
from typing import Callable

LIMIT = 64 * 1024  # bytes kept and streamed per stream; the protocol promises this cap


class StreamCapture:
    """Keeps the first ``LIMIT`` bytes of one stream and reports each new line to listeners.

    Listeners get ``(stream, text)`` once per complete line (the last one when the stream
    ends); concatenating the texts of one stream gives back the captured output. Bytes past the cap are read (so the program never blocks on a full
    pipe) but dropped, and ``truncated`` becomes true.
    """

    def __init__(self, stream: str, listeners: list[Callable[[str, str], None]]):
        self.stream = stream
        self.truncated = False
        self._data = bytearray()
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._listeners = listeners
        self._lock = threading.Lock()
        self._partial = ""  # text after the last newline, held back until its line is complete

    def feed(self, chunk: bytes) -> None:
        with self._lock:
            room = LIMIT - len(self._data)
            if len(chunk) > room:
                chunk = chunk[:max(room, 0)]
                self.truncated = True
            if not chunk:
                return
            self._data += chunk
            text = self._partial + self._decoder.decode(chunk)
            lines = text.splitlines(keepends=True)
            # Programs often write a line in pieces (print writes text, then "\n"); report
            # whole lines, except that very long partial lines are not held back forever.
            if lines and not lines[-1].endswith(("\n", "\r")) and len(lines[-1]) < 4096:
                self._partial = lines.pop()
            else:
                self._partial = ""
        self._notify(lines)

    def _notify(self, lines: list[str]) -> None:
        for line in lines:
            for listener in self._listeners:
                listener(self.stream, line)

    def feed_text(self, text: str) -> None:
        self.feed(text.encode())

    def finish(self) -> None:
        """Report the last, unterminated line (the stream has ended)."""
        with self._lock:
            tail = self._partial + self._decoder.decode(b"", final=True)
            self._partial = ""
        if tail:
            self._notify([tail])

    def text(self) -> str:
        with self._lock:
            return self._data.decode("utf-8", "replace")

    def tail(self, max_lines: int = 15, max_chars: int = 2000) -> str:
        """The last lines, for error messages (a traceback's end says what went wrong)."""
        lines = self.text().rstrip("\n").splitlines()[-max_lines:]
        return "\n".join(lines)[-max_chars:]
