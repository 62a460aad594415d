"""Step 7: SET with an expiry: PX in milliseconds, EX in seconds (options in any letter
case); GET treats an expired key as missing; a plain SET removes the expiry; invalid
times and options are errors. Timing has wide margins: a PX 250 key must be there at once
and gone 400 ms later, an EX 1 key there after 0.4 s and gone after 1.15 s, and the keys
that must survive have 10 s or more left."""

import time

from codealong import ErrorReply, SimpleString, hint, test

OK = SimpleString("OK")


def wait_until(t, started, seconds):
    """Sleep until ``seconds`` have passed since ``started`` (a time.monotonic() reading).

    A "gone by now" check times from the +OK of the key's SET (the server set the key before
    it answered); a "still there" check from before the SET was sent. So a busy machine that
    delays replies can only make the checks easier, never fail a correct server."""
    t.log(f"waiting until {seconds * 1000:g} ms have passed")
    time.sleep(max(0.0, started + seconds - time.monotonic()))
OPTIONS_HINT = (
    "SET takes options after the value: PX <milliseconds> or EX <seconds>, in any letter "
    "case (px, Ex). Store the value and remember when it expires, then answer +OK\\r\\n."
)


@test("accepts SET with PX or EX and stores the value")
def set_with_options(t):
    c = t.connect()
    for option, amount in (("PX", 10000), ("px", 60000), ("EX", 100), ("Ex", 3600)):
        key, value = t.random_key(), t.random_word()
        with hint(OPTIONS_HINT, replace=True):
            c.send_command("SET", key, value, option, amount)
            c.expect_reply(OK)
        with hint(f"The key was set with {option} {amount}: it must still be there right away."):
            c.send_command("GET", key)
            c.expect_reply(value)


@test("expires keys on time: PX counts milliseconds, EX seconds")
def expires(t):
    c = t.connect()
    short, long, hundred, one = t.random_key("short"), t.random_key("long"), t.random_key("hundred"), t.random_key("one")
    value = t.random_word()
    answered = {}
    for key, option, amount in ((short, "PX", 250), (long, "PX", 10000), (hundred, "EX", 100), (one, "EX", 1)):
        c.send_command("SET", key, value, option, amount)
        c.expect_reply(OK)
        answered[key] = time.monotonic()
        if key == short:  # at once, before the other SETs take any of its 250 ms
            with hint(f"{short} was set with PX 250 a moment ago: it has 250 milliseconds to live, so GET must "
                      "still find it. Keep expiry times in milliseconds; whole seconds are too coarse for PX."):
                c.send_command("GET", short)
                c.expect_reply(value)
    wait_until(t, answered[short], 0.4)
    with hint(f"{short} was set with PX 250 and 400 ms have passed: GET must answer $-1\\r\\n. "
              "Compare the expiry time with the current time whenever a key is read."):
        c.send_command("GET", short)
        c.expect_reply(None)
    with hint(f"{long} was set with PX 10000 (10 seconds) and must still exist. PX counts milliseconds."):
        c.send_command("GET", long)
        c.expect_reply(value)
    with hint(f"{hundred} was set with EX 100 and {one} with EX 1: after 400 ms both must still exist. "
              "EX counts seconds: multiply by 1000 for milliseconds."):
        for key in (hundred, one):
            c.send_command("GET", key)
            c.expect_reply(value)
    wait_until(t, answered[one], 1.15)
    with hint(f"{one} was set with EX 1 and 1.15 s have passed: GET must answer $-1\\r\\n. EX gives the key "
              "a time to live in seconds, as PX does in milliseconds: remember when it expires "
              "(now + seconds × 1000 ms)."):
        c.send_command("GET", one)
        c.expect_reply(None)
    with hint(f"{hundred} was set with EX 100 and must still exist."):
        c.send_command("GET", hundred)
        c.expect_reply(value)


@test("removes the expiry when a key is SET again without one")
@hint("A plain SET replaces the value and drops the key's old expiry time: the key then lives "
      "until it is deleted or overwritten.")
def plain_set_clears_expiry(t):
    c = t.connect()
    key, first, second = t.random_key(), t.random_word(), t.random_key("kept")
    c.send_command("SET", key, first, "PX", 50)
    c.expect_reply(OK)
    started = time.monotonic()
    c.send_command("SET", key, second)
    c.expect_reply(OK)
    wait_until(t, started, 0.2)  # the PX 50 would have ended 150 ms ago
    c.send_command("GET", key)
    c.expect_reply(second)


@test("rejects invalid expire times and options with errors")
def invalid_times(t):
    c = t.connect()
    key = t.random_key("never")
    with hint("A time of zero or less is an error, such as -ERR invalid expire time in 'set' command\\r\\n "
              "(and nothing is stored)."):
        for option, amount in (("PX", 0), ("EX", -5), ("px", -100)):
            c.send_command("SET", key, t.random_word(), option, amount)
            c.expect_reply(ErrorReply("ERR invalid expire time in 'set' command"))
    with hint("A time that is not a whole number is answered with an error, such as "
              "-ERR value is not an integer or out of range\\r\\n."):
        for amount in ("soon", "1.5"):
            c.send_command("SET", key, t.random_word(), "PX", amount)
            c.expect_reply(ErrorReply("ERR value is not an integer or out of range"))
    with hint("An option without its time, an unknown option or both PX and EX make a syntax error, "
              "such as -ERR syntax error\\r\\n."):
        for options in (("PX",), ("EX", 10, "PX", 100), ("KEEP", 10)):
            c.send_command("SET", key, t.random_word(), *options)
            c.expect_reply(ErrorReply("ERR syntax error"))
    with hint("A SET that answers with an error stores nothing: GET must still answer $-1\\r\\n."):
        c.send_command("GET", key)
        c.expect_reply(None)
