"""Lesson 7: pub/sub. A message published before anyone subscribes reaches nobody; after
SUBSCRIBE on a second connection, each of three messages reaches one subscriber."""

from codealong import test


@test("a message nobody listens for reaches nobody")
def too_early(t):
    result = t.run()
    lines = result.stdout.strip().splitlines()
    assert lines[:1] == ["delivered to 0"], (
        f"Before anybody subscribed, PUBLISH reaches 0 subscribers: the first line should be 'delivered to 0', "
        f"but your program printed {result.stdout!r}.")


@test("a subscriber on its own connection receives each message published after it subscribed")
def subscriber_receives(t):
    t.query("CONFIG", "RESETSTAT")
    result = t.run()
    lines = [line.strip() for line in result.stdout.strip().splitlines()]
    delivered = [line for line in lines if line.startswith("delivered to ")]
    assert delivered == ["delivered to 0"] + ["delivered to 1"] * 3, (
        "Expected 'delivered to 0' for the message published too early, then 'delivered to 1' for each of the "
        f"three published after your subscriber subscribed, but your program printed {result.stdout!r}. Wait for "
        "the subscription to be confirmed before publishing.")
    got = [line for line in lines if line.startswith("got ")]
    assert got == ["got hello-1", "got hello-2", "got hello-3"], (
        f"Expected your subscriber to print 'got hello-1', 'got hello-2', 'got hello-3' in order, but your program "
        f"printed {result.stdout!r}. 'too early' was published before the subscription: it is not received.")
    calls = t.command_calls()
    assert calls.get("publish", 0) == 4 and calls.get("subscribe", 0) >= 1, (
        f"Valkey counted {calls.get('publish', 0)} PUBLISH and {calls.get('subscribe', 0)} SUBSCRIBE commands; "
        "expected 4 and at least 1.")
