"""The runner's stdout: NDJSON events, one object per line, flushed as they happen.

Only this module writes to the protocol stream; ``main`` points file descriptor 1 at
stderr so that nothing else (a library's print, a test author's debug print) can corrupt it.
Once the payload has given the run's key, every event carries it: the grader drops any
line without it (docs/SECURITY.md).

The learner's output is coalesced: consecutive output lines of one stream go out as one
event when 8 KiB have gathered, another event is due, or 50 ms have passed. A program
that prints a line at a time costs the grader a few events a second, not one per line.
"""

from __future__ import annotations

import json
import threading
from typing import IO

OUTPUT_FLUSH_SECONDS = 0.05
OUTPUT_FLUSH_BYTES = 8 * 1024


class Emitter:
    """Writes events until the final result; after it, further events are dropped."""

    def __init__(self, stream: IO[str]):
        self._stream = stream
        self._lock = threading.Lock()
        self.finished = False
        self.key: str | None = None  # the run's key, once the payload has been read
        self._pending_stream: str | None = None
        self._pending: list[str] = []
        self._pending_bytes = 0
        self._timer: threading.Timer | None = None

    def emit(self, event: dict) -> bool:
        with self._lock:
            if self.finished:
                return False
            if event.get("event") == "output":
                self._gather(event["stream"], event["text"])
            else:
                self._flush_output()
                self._write(event)
            return True

    def finish(self, result: dict) -> None:
        """Write the result event; it is the last line the runner writes."""
        with self._lock:
            if self.finished:
                return
            self._flush_output()
            self._write({"event": "result", **result})
            self.finished = True

    def _gather(self, stream: str, text: str) -> None:
        if self._pending and stream != self._pending_stream:
            self._flush_output()
        self._pending_stream = stream
        self._pending.append(text)
        self._pending_bytes += len(text)
        if self._pending_bytes >= OUTPUT_FLUSH_BYTES:
            self._flush_output()
        elif self._timer is None:
            self._timer = threading.Timer(OUTPUT_FLUSH_SECONDS, self._flush_later)
            self._timer.daemon = True
            self._timer.start()

    def _flush_later(self) -> None:
        with self._lock:
            self._timer = None
            if not self.finished:
                self._flush_output()

    def _flush_output(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._pending:
            self._write(output(self._pending_stream or "stdout", "".join(self._pending)))
            self._pending, self._pending_bytes = [], 0

    def _write(self, event: dict) -> None:
        if self.key is not None:
            event = {**event, "key": self.key}
        # ensure_ascii keeps the stream plain ASCII, whatever bytes learners print.
        self._stream.write(json.dumps(event, ensure_ascii=True, separators=(",", ":")) + "\n")
        self._stream.flush()


def test_start(step: str, name: str) -> dict:
    return {"event": "test", "phase": "start", "step": step, "name": name}


def test_end(summary: dict) -> dict:
    return {"event": "test", "phase": "end", **summary}


def output(stream: str, text: str) -> dict:
    return {"event": "output", "stream": stream, "text": text}


def deadline_credit(seconds: float) -> dict:
    """The busy-machine credit earned so far (cpu_pressure.py): the grader's deadline moves too."""
    return {"event": "deadline", "creditMs": round(seconds * 1000)}


def stages(started: float, learner_start: float | None, tests_ended: float | None, now: float) -> dict:
    """Where a run's time went, for the grader's log and metrics (never shown to the learner):
    the learner's program starting until it listened, the tests (or the program, in run mode)
    apart from that, and the result after the last test (stopping the program, gathering)."""
    ms = lambda seconds: round(seconds * 1000)
    work_ended = tests_ended if tests_ended is not None else now
    return {
        "event": "stages",
        "learnerStartMs": None if learner_start is None else ms(learner_start),
        "testsMs": ms(max(0.0, work_ended - started - (learner_start or 0.0))),
        "resultMs": ms(max(0.0, now - work_ended)),
    }
