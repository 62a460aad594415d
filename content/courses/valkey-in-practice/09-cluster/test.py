"""Lesson 9: a cluster client. The slot of a key, MSET of two hash-tagged keys (one slot), and
300 INCRs that carry on through a failover of the primary serving the counter."""

from codealong import test


def lines(result):
    return [line.strip() for line in result.stdout.strip().splitlines()]


@test("finds a key's slot and writes hash-tagged keys with one MSET")
def slots_and_tags(t):
    t.query("DEL", "visits", key="visits")
    result = t.run()
    slot = t.query("CLUSTER", "KEYSLOT", "user:ada")
    got = lines(result)
    assert f"slot user:ada = {slot}" in got, (
        f"Expected your program to print 'slot user:ada = {slot}' (CLUSTER KEYSLOT user:ada), but it printed "
        f"{result.stdout!r}.")
    assert "mset ok" in got, f"Expected 'mset ok' after the MSET, but your program printed {result.stdout!r}."
    for key, value in (("{user:ada}:name", b"Ada"), ("{user:ada}:city", b"Lisbon")):
        stored = t.query("GET", key, key=key)
        assert stored == value, f"Expected {key} to hold {value.decode()!r} after your program ran, but it holds {stored!r}."
    assert "visits = 300" in got, f"Expected 'visits = 300' at the end, but your program printed {result.stdout!r}."


@test("carries on counting through a failover of the counter's primary")
def carries_on_through_a_failover(t):
    t.query("DEL", "visits", key="visits")
    program = t.start()
    t.wait_until(lambda: int(t.query("GET", "visits", key="visits") or 0) >= 20 or not program.running,
                 timeout=20, what="your program to count its first 20 visits")
    assert program.running, "Your program ended before it had counted to 20: it should count to 300, 5 ms apart."
    t.failover("visits")
    result = program.wait(30)
    got = lines(result)
    assert "visits = 300" in got, (
        "The primary serving visits failed over while your program counted; a cluster client follows the MOVED "
        f"that follows and carries on. Expected 'visits = 300', but your program printed {result.stdout!r}.")
    stored = t.valkey_for("visits").command("GET", "visits")
    assert stored == b"300", f"Expected visits to hold 300 on its new primary, but it holds {stored!r}."
