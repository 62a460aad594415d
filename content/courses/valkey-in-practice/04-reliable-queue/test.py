"""Lesson 4: a reliable queue. Jobs are taken with LMOVE into a processing list and removed
from it once done; jobs a crashed worker left in processing are recovered first, in order."""

from codealong import test

NEW = ["email:ada", "resize:photo-1", "report:7"]


def done(result):
    return [line.split(" ", 1)[1] for line in result.stdout.strip().splitlines() if line.startswith("done ")]


def expect_both_lists_empty(t):
    for name in ("jobs", "processing"):
        length = t.query("LLEN", name)
        assert length == 0, (
            f"Expected the list {name} to be empty once your worker ended, but it holds {length} "
            f"job{'s' if length != 1 else ''}: {t.query('LRANGE', name, 0, -1)!r}."
            + (" Remove each job from processing with LREM once it is done." if name == "processing" else ""))


@test("works through the queue in order and leaves both lists empty")
def works_in_order(t):
    t.query("DEL", "jobs", "processing")
    result = t.run()
    assert done(result) == NEW, f"Expected 'done' for {NEW} in that order, but your program printed {result.stdout!r}."
    expect_both_lists_empty(t)


@test("takes each job with LMOVE, never with a pop that would lose it")
def takes_with_lmove(t):
    t.query("DEL", "jobs", "processing")
    t.query("CONFIG", "RESETSTAT")
    t.run()
    calls = t.command_calls()
    popped = {name: count for name, count in calls.items() if name in ("lpop", "rpop", "blpop", "brpop")}
    assert not popped, (
        f"Your worker took jobs with {', '.join(name.upper() for name in popped)}: a job popped is gone from "
        "Valkey, and lost if the worker crashes before it is done. Take it with LMOVE jobs processing LEFT RIGHT.")
    moves = sum(calls.get(name, 0) for name in ("lmove", "blmove", "rpoplpush", "brpoplpush"))
    assert moves >= len(NEW), f"Expected at least {len(NEW)} LMOVE calls (one per job), but Valkey counted {moves}."
    assert calls.get("lrem", 0) >= len(NEW), (
        f"Expected an LREM for each job done ({len(NEW)}), but Valkey counted {calls.get('lrem', 0)}.")


@test("recovers the jobs a crashed worker left in processing, and does them first")
def recovers(t):
    crashed = [f"crashed:{t.random_word()}-{n}" for n in range(2)]
    waiting = f"waiting:{t.random_word()}"
    t.query("DEL", "jobs", "processing")
    t.query("RPUSH", "processing", *crashed)
    t.query("RPUSH", "jobs", waiting)
    t.log(f"left behind by a crashed worker: processing = {crashed}, jobs = [{waiting!r}]")
    result = t.run()
    expected = crashed + [waiting] + NEW
    assert done(result) == expected, (
        f"A crashed worker left {crashed} in processing: they must be done first, then the queue in order. "
        f"Expected 'done' for {expected}, but your program printed {result.stdout!r}. Move the jobs of "
        "processing back to the head of jobs with LMOVE processing jobs RIGHT LEFT before taking any.")
    expect_both_lists_empty(t)
