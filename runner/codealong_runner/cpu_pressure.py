"""How long the machine was too busy to give the run a CPU, so that a busy host never turns a
working program into a timeout.

The time limit is a limit on the learner's program, not on the machine: when many runs share
two cores, a server that answers in 50 ms on a quiet machine can take seconds of wall time
only because it waited for a CPU. Linux counts that wait (pressure stall information): the
"some" line of /proc/pressure/cpu totals the microseconds during which at least one runnable
task waited for a CPU. That is the machine's figure, not the container's (cgroup v1 has none
per container), so a program that spins many threads earns some credit too; the credit is
capped (``busyMachineCredit`` in submission-rules.json, a factor of the limit); the runner
reports the credit as it grows and the grader moves its own deadline by as much (main.py).
"""

from __future__ import annotations

PRESSURE_FILE = "/proc/pressure/cpu"


def stalled_seconds(path: str = PRESSURE_FILE) -> float | None:
    """The machine's total CPU stall time so far, or None where the kernel does not report it."""
    try:
        with open(path) as file:
            for line in file:
                if line.startswith("some "):
                    fields = dict(part.split("=", 1) for part in line.split()[1:])
                    return int(fields["total"]) / 1_000_000
    except (OSError, KeyError, ValueError):
        return None
    return None


class BusyClock:
    """Seconds of a run that count against its limit: wall time minus the machine's CPU stall
    time since the run began, the stall credited at most ``max_credit`` seconds."""

    def __init__(self, started: float, max_credit: float, path: str = PRESSURE_FILE):
        self._path = path
        self._started = started
        self._max_credit = max_credit
        self._stall_at_start = stalled_seconds(path)

    def credit(self) -> float:
        """Seconds of waiting for a CPU not counted (0 where the kernel does not tell)."""
        if self._stall_at_start is None:
            return 0.0
        now = stalled_seconds(self._path)
        if now is None:
            return 0.0
        return max(0.0, min(now - self._stall_at_start, self._max_credit))

    def deadline(self, limit: float) -> float:
        """The monotonic time at which the limit is reached, with the credit earned so far."""
        return self._started + limit + self.credit()
