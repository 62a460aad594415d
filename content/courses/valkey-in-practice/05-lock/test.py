"""Lesson 5: a lock. SET NX PX with a token of the worker's own; a held lock is left alone; the
release deletes the key only if it still holds the token, atomically (DELIFEQ or a script)."""

from codealong import SimpleString, test

LOCK = "lock:report"


def holder(t):
    value = t.query("GET", LOCK)
    return value.decode() if value is not None else None


def wait_for_the_lock(t, program):
    """The token once the running program holds the lock; fails at once if it ended without."""
    token = t.wait_until(lambda: holder(t) or (not program.running and EXITED), timeout=5,
                         what=f"your program to take {LOCK}")
    if token is EXITED:
        result = program.wait(check=False)
        t.fail(f"Your program ended without taking {LOCK}: it printed {result.stdout!r}. Take it with "
               "SET lock:report <token> NX PX 5000.")
    return token


EXITED = object()


@test("takes the lock with a token and an expiry, and releases it when done")
def takes_and_releases(t):
    t.query("DEL", LOCK)
    program = t.start()
    token = wait_for_the_lock(t, program)
    ttl = t.query("PTTL", LOCK)
    assert 0 < ttl <= 5000, (
        f"Expected {LOCK} to expire by itself within 5 s (SET … NX PX 5000), but its PTTL is {ttl}"
        + (": no expiry, so a worker that crashes would block everybody for ever." if ttl == -1 else "."))
    t.log(f"your program holds {LOCK} with the token {token!r}, expiring in {ttl} ms")
    result = program.wait()
    lines = result.stdout.split()
    assert lines[:2] == ["acquired", "released"], (
        f"Expected your program to print 'acquired' then 'released', but it printed {result.stdout!r}.")
    assert holder(t) is None, f"Expected {LOCK} to be gone after your program released it, but it holds {holder(t)!r}."


@test("leaves a lock someone else holds alone")
def leaves_a_held_lock(t):
    valkey = t.valkey()
    other = f"other-worker-{t.random_word()}"
    valkey.send_command("SET", LOCK, other, "PX", 10000)
    valkey.expect_reply(SimpleString("OK"))
    result = t.run()
    assert result.stdout.split()[:1] == ["busy"], (
        f"{LOCK} was held by another worker, so your program should print 'busy', but it printed {result.stdout!r}. "
        "SET with NX answers null when the key exists.")
    assert holder(t) == other, (
        f"Another worker held {LOCK} with {other!r}, but after your program ran it holds {holder(t)!r}: "
        "a lock you did not take is not yours to change or delete.")


@test("releases only its own lock: one that expired and passed to another worker is left alone")
def releases_only_its_own(t):
    t.query("DEL", LOCK)
    program = t.start()
    token = wait_for_the_lock(t, program)
    other = f"next-worker-{t.random_word()}"
    # As if your lock had expired while you worked and another worker had taken it.
    t.query("SET", LOCK, other, "PX", 10000)
    t.log(f"while your program worked, its lock ({token!r}) expired and another worker took it: {other!r}")
    program.wait()
    assert holder(t) == other, (
        f"Your lock had expired and {LOCK} belonged to another worker ({other!r}), but after your program "
        f"released 'its' lock the key holds {holder(t)!r}: the release deleted someone else's lock. Delete only "
        "if the key still holds your token, in one atomic step: DELIFEQ, or a script.")
