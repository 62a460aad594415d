"""Step 7: SET with an expiry: PX in milliseconds, EX in seconds (options in any letter
case); GET treats an expired key as missing; a plain SET removes the expiry; invalid
times get Valkey's errors. Timing has wide margins: 100 ms expiries are checked 350 ms
later, and the keys that must survive have 10 s or more left."""

import time

from codealong import ErrorReply, SimpleString, hint, test

OK = SimpleString("OK")
WAIT = 0.35  # seconds: well after a PX 100 key expired, long before PX 10000 does
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
    short, long, seconds = t.random_key("short"), t.random_key("long"), t.random_key("seconds")
    value = t.random_word()
    for key, option, amount in ((short, "PX", 100), (long, "PX", 10000), (seconds, "EX", 100)):
        c.send_command("SET", key, value, option, amount)
        c.expect_reply(OK)
    t.log(f"waiting {WAIT * 1000:g} ms")
    time.sleep(WAIT)
    with hint(f"{short} was set with PX 100 and {WAIT * 1000:g} ms have passed: GET must answer $-1\\r\\n. "
              "Compare the expiry time with the current time whenever a key is read."):
        c.send_command("GET", short)
        c.expect_reply(None)
    with hint(f"{long} was set with PX 10000 (10 seconds) and must still exist. PX counts milliseconds."):
        c.send_command("GET", long)
        c.expect_reply(value)
    with hint(f"{seconds} was set with EX 100 (100 seconds) and must still exist. EX counts seconds: "
              "multiply by 1000 for milliseconds."):
        c.send_command("GET", seconds)
        c.expect_reply(value)


@test("removes the expiry when a key is SET again without one")
@hint("A plain SET replaces the value and drops the key's old expiry time: the key then lives "
      "until it is deleted or overwritten.")
def plain_set_clears_expiry(t):
    c = t.connect()
    key, first, second = t.random_key(), t.random_word(), t.random_key("kept")
    c.send_command("SET", key, first, "PX", 100)
    c.expect_reply(OK)
    c.send_command("SET", key, second)
    c.expect_reply(OK)
    t.log(f"waiting {WAIT * 1000:g} ms")
    time.sleep(WAIT)
    c.send_command("GET", key)
    c.expect_reply(second)


@test("rejects invalid expire times with Valkey's errors")
def invalid_times(t):
    c = t.connect()
    key = t.random_key("never")
    with hint("A time of zero or less is an error: -ERR invalid expire time in 'set' command\\r\\n "
              "(and nothing is stored)."):
        for option, amount in (("PX", 0), ("EX", -5), ("px", -100)):
            c.send_command("SET", key, t.random_word(), option, amount)
            c.expect_reply(ErrorReply("ERR invalid expire time in 'set' command"))
    with hint("A time that is not a whole number is answered with "
              "-ERR value is not an integer or out of range\\r\\n."):
        for amount in ("soon", "1.5"):
            c.send_command("SET", key, t.random_word(), "PX", amount)
            c.expect_reply(ErrorReply("ERR value is not an integer or out of range"))
    with hint("A SET that answers with an error stores nothing: GET must still answer $-1\\r\\n."):
        c.send_command("GET", key)
        c.expect_reply(None)
