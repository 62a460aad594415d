"""The runner's stdout: NDJSON events, one object per line, flushed as they happen.

Only this module writes to the protocol stream; ``main`` points file descriptor 1 at
stderr so that nothing else (a library's print, a test author's debug print) can corrupt it.
"""

from __future__ import annotations

import json
import threading
from typing import IO


class Emitter:
    """Writes events until the final result; after it, further events are dropped."""

    def __init__(self, stream: IO[str]):
        self._stream = stream
        self._lock = threading.Lock()
        self.finished = False

    def emit(self, event: dict) -> bool:
        with self._lock:
            if self.finished:
                return False
            self._write(event)
            return True

    def finish(self, result: dict) -> None:
        """Write the result event; it is the last line the runner writes."""
        with self._lock:
            if self.finished:
                return
            self._write({"event": "result", **result})
            self.finished = True

    def _write(self, event: dict) -> None:
        # ensure_ascii keeps the stream plain ASCII, whatever bytes learners print.
        self._stream.write(json.dumps(event, ensure_ascii=True, separators=(",", ":")) + "\n")
        self._stream.flush()


def test_start(step: str, name: str) -> dict:
    return {"event": "test", "phase": "start", "step": step, "name": name}


def test_end(summary: dict) -> dict:
    return {"event": "test", "phase": "end", **summary}


def output(stream: str, text: str) -> dict:
    return {"event": "output", "stream": stream, "text": text}
