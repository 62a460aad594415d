"""Lesson 8: a consumer group on a stream. The worker claims what a crashed consumer left
pending (XAUTOCLAIM, 100 ms), then reads new tasks (XREADGROUP >), and acknowledges each
(XACK): afterwards nothing is pending."""

import time

from codealong import test


def done(result):
    return [line.split(" ", 1)[1] for line in result.stdout.strip().splitlines() if line.startswith("done ")]


def prepare(t, jobs, crashed_jobs=()):
    t.query("DEL", "tasks")
    t.query("XGROUP", "CREATE", "tasks", "workers", "$", "MKSTREAM")
    for job in crashed_jobs:
        t.query("XADD", "tasks", "*", "job", job)
    if crashed_jobs:
        # A worker took them and crashed: they stay pending for it.
        t.query("XREADGROUP", "GROUP", "workers", "crashed-worker", "COUNT", len(crashed_jobs), "STREAMS", "tasks", ">")
        time.sleep(0.15)  # pending for longer than 100 ms
    for job in jobs:
        t.query("XADD", "tasks", "*", "job", job)


def expect_nothing_pending(t):
    pending = t.query("XPENDING", "tasks", "workers")
    assert pending[0] == 0, (
        f"Expected nothing pending in the group workers once your worker ended, but {pending[0]} task(s) are "
        "(acknowledge each one with XACK once it is done).")


@test("reads the new tasks as worker-1, does each once, and acknowledges it")
def reads_and_acks(t):
    jobs = [f"{t.random_word()}:{n}" for n in range(12)]
    prepare(t, jobs)
    t.log(f"12 tasks in the stream: {jobs}")
    result = t.run()
    assert done(result) == jobs, (
        f"Expected 'done' for each of the 12 tasks, in order (more than 10: read until there are none), but your "
        f"program printed {result.stdout!r}.")
    expect_nothing_pending(t)
    consumers = {entry[1].decode(): entry for entry in t.query("XINFO", "CONSUMERS", "tasks", "workers")}
    assert "worker-1" in consumers, f"Expected a consumer named worker-1 in the group, but found {sorted(consumers)}."


@test("claims what a crashed worker left pending, and does it first")
def claims_stuck_tasks(t):
    stuck = [f"stuck:{t.random_word()}-{n}" for n in range(2)]
    fresh = [f"fresh:{t.random_word()}-{n}" for n in range(3)]
    prepare(t, fresh, crashed_jobs=stuck)
    t.log(f"pending for a crashed worker for 150 ms: {stuck}; new: {fresh}")
    result = t.run()
    assert done(result) == stuck + fresh, (
        f"A crashed worker left {stuck} pending: claim them first with XAUTOCLAIM (min idle 100 ms), then read the "
        f"new tasks. Expected 'done' for {stuck + fresh}, but your program printed {result.stdout!r}.")
    expect_nothing_pending(t)
