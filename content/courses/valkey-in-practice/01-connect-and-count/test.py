"""Lesson 1: a client connects to the sandbox's Valkey, stores a string, and counts with INCR
on from what the key already holds."""

from codealong import SimpleString, test


@test("counts three visits with INCR, on from what the key holds")
def counts_visits(t):
    already = t.random.randint(5, 50)
    valkey = t.valkey()
    valkey.send_command("SET", "visits", str(already))
    valkey.expect_reply(SimpleString("OK"))
    result = t.run()
    expected = already + 3
    assert f"visits = {expected}" in result.stdout, (
        f"Expected your program to print 'visits = {expected}' ({already} visits were counted already, plus "
        f"3), but it printed {result.stdout!r}. Use INCR: it counts on from what the key holds.")
    visits = t.query("GET", "visits")
    assert visits == str(expected).encode(), (
        f"Expected the key visits to hold {expected} after your program ran, but it holds {visits!r}.")


@test("stores a name under user:name, as a string")
def stores_a_name(t):
    t.query("DEL", "user:name")
    t.run()
    kind = t.query("TYPE", "user:name")
    assert kind == "string", (
        f"Expected the key user:name to hold a string after your program ran, but its type is {kind!r}"
        + (" (the key does not exist)." if kind == "none" else "."))
    name = t.query("GET", "user:name")
    assert name, "Expected a name under user:name, but the string is empty."
