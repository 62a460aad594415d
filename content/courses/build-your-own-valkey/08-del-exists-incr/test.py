"""Step 8: DEL and EXISTS count keys (integer replies), INCR and DECR do arithmetic on
string values (a missing key counts from 0) with Valkey's error for a non-integer, and
all of them treat expired keys as missing."""

import time

from codealong import ErrorReply, SimpleString, hint, test

OK = SimpleString("OK")
NOT_AN_INTEGER = ErrorReply("ERR value is not an integer or out of range")
INTEGER_HINT = "Counts are sent as integer replies: a colon, the number, \\r\\n (e.g. :2\\r\\n)."


def set_keys(c, *pairs):
    for key, value in pairs:
        c.send_command("SET", key, value)
        c.expect_reply(OK)


@test("answers DEL with the number of keys it removed")
@hint(INTEGER_HINT)
def delete(t):
    c = t.connect()
    first, second, missing = t.random_key(), t.random_key(), t.random_key("missing")
    set_keys(c, (first, t.random_word()), (second, t.random_word()))
    with hint("DEL counts only the keys that existed: two of the three here."):
        c.send_command("DEL", first, second, missing)
        c.expect_reply(2)  # :2\r\n
    with hint("A deleted key is gone: GET answers $-1\\r\\n."):
        c.send_command("GET", first)
        c.expect_reply(None)
    with hint("Deleting a key that does not exist removes nothing: :0\\r\\n."):
        c.send_command("DEL", first)
        c.expect_reply(0)


@test("answers EXISTS with the number of named keys that exist, repeats included")
@hint(INTEGER_HINT)
def exists(t):
    c = t.connect()
    key, other, missing = t.random_key(), t.random_key(), t.random_key("missing")
    set_keys(c, (key, t.random_word()), (other, t.random_word()))
    c.send_command("EXISTS", key)
    c.expect_reply(1)
    c.send_command("EXISTS", missing)
    c.expect_reply(0)
    with hint("EXISTS counts every key it is given, so a key named twice counts twice: "
              f"EXISTS {key} {key} {missing} {other} answers :3\\r\\n."):
        c.send_command("EXISTS", key, key, missing, other)
        c.expect_reply(3)


@test("counts from 0 with INCR and DECR on a missing key")
@hint(INTEGER_HINT)
def incr_decr_missing(t):
    c = t.connect()
    up, down = t.random_key("up"), t.random_key("down")
    for expected in (1, 2, 3):
        c.send_command("INCR", up)
        c.expect_reply(expected)
    c.send_command("DECR", up)
    c.expect_reply(2)
    c.send_command("DECR", down)
    c.expect_reply(-1)  # :-1\r\n
    with hint("INCR stores the new number as a string value: GET answers it as a bulk string."):
        c.send_command("GET", up)
        c.expect_reply("2")


@test("increments and decrements numbers stored with SET")
@hint(INTEGER_HINT)
def incr_decr_values(t):
    c = t.connect()
    key = t.random_key()
    start = t.random.randint(10, 99999)
    set_keys(c, (key, str(start)))
    c.send_command("INCR", key)
    c.expect_reply(start + 1)
    c.send_command("DECR", key)
    c.send_command("DECR", key)
    c.expect_reply(start)
    c.expect_reply(start - 1)
    set_keys(c, (key, "-5"))
    c.send_command("INCR", key)
    c.expect_reply(-4)


@test("answers INCR and DECR of a non-integer with Valkey's error")
@hint("When the value is not a whole number, INCR and DECR answer "
      "-ERR value is not an integer or out of range\\r\\n and leave the value as it was.")
def not_an_integer(t):
    c = t.connect()
    key = t.random_key()
    for value in (t.random_word(), "3.14", ""):
        set_keys(c, (key, value))
        c.send_command("INCR", key)
        c.expect_reply(NOT_AN_INTEGER)
        c.send_command("DECR", key)
        c.expect_reply(NOT_AN_INTEGER)
        c.send_command("GET", key)
        c.expect_reply(value)


@test("treats expired keys as missing in DEL, EXISTS and INCR")
@hint("Check the expiry in every command that reads a key, not only in GET: after its time an "
      "expired key does not exist for DEL, EXISTS or INCR either.")
def expired_keys(t):
    c = t.connect()
    gone, counter, kept = t.random_key("gone"), t.random_key("counter"), t.random_key("kept")
    for key in (gone, counter):
        c.send_command("SET", key, "41", "PX", 100)
        c.expect_reply(OK)
    set_keys(c, (kept, t.random_word()))
    t.log("waiting 350 ms")
    time.sleep(0.35)
    c.send_command("EXISTS", gone, kept)
    c.expect_reply(1)
    c.send_command("DEL", gone)
    c.expect_reply(0)
    c.send_command("INCR", counter)  # the old 41 expired: counting starts again from 0
    c.expect_reply(1)
