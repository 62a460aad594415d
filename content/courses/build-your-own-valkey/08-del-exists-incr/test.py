"""Step 8: DEL and EXISTS count keys (integer replies), INCR and DECR do arithmetic on
string values (a missing key counts from 0, only integers in Valkey's strict form and
64-bit range count, a key keeps its expiry) with an error otherwise, and all of them treat
expired keys as missing."""

import time

from codealong import ErrorReply, SimpleString, hint, show, test

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


@test("answers INCR and DECR of a non-integer with an error")
@hint("When the value is not a whole number, INCR and DECR answer with an error, such as "
      "-ERR value is not an integer or out of range\\r\\n, and leave the value as it was.")
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


STRICT = ("A value counts as an integer only in Valkey's strict form: an optional -, then digits, with no "
          "spaces, no +, no _, no leading zero, and within a signed 64-bit integer "
          "(-9223372036854775808 to 9223372036854775807). Python's int() and JavaScript's Number() and "
          "parseInt() accept more: check the text yourself.")


@test("INCR and DECR count only integers written as Valkey writes them, within 64 bits")
@hint(STRICT + " A result past the limits is an error too, and leaves the value as it was.")
def strict_integers(t):
    c = t.connect()
    key = t.random_key()
    for value in (" 7", "7 ", "+5", "1_000", "07", "-0", "0x10", "1e3", "9223372036854775808",
                  "-9223372036854775809"):
        set_keys(c, (key, value))
        with hint(f"{show(value)} is not an integer for Valkey, so INCR answers with an error and leaves the "
                  f"value as it was. {STRICT}", replace=True):
            c.send_command("INCR", key)
            c.expect_reply(NOT_AN_INTEGER)
            c.send_command("GET", key)
            c.expect_reply(value)
    for value, command, result in (("9223372036854775806", "INCR", 9223372036854775807),
                                   ("-9223372036854775807", "DECR", -9223372036854775808)):
        set_keys(c, (key, value))
        c.send_command(command, key)
        c.expect_reply(result)
        c.send_command(command, key)  # one step past the limit
        c.expect_reply(ErrorReply("ERR increment or decrement would overflow"))
        c.send_command("GET", key)
        c.expect_reply(str(result))


@test("treats expired keys as missing in DEL, EXISTS and INCR; INCR keeps a key's expiry")
@hint("Check the expiry in every command that reads a key, not only in GET: after its time an "
      "expired key does not exist for DEL, EXISTS or INCR either.")
def expired_keys(t):
    c = t.connect()
    gone, counter, kept = t.random_key("gone"), t.random_key("counter"), t.random_key("kept")
    ticking = t.random_key("ticking")
    for key in (gone, counter, ticking):
        c.send_command("SET", key, "41", "PX", 100)
        c.expect_reply(OK)
    set_keys(c, (kept, t.random_word()))
    with hint("INCR changes the value but not the key's time to live."):
        c.send_command("INCR", ticking)
        c.expect_reply(42)
    t.log("waiting 250 ms")
    time.sleep(0.25)  # the PX 100 keys expired 150 ms ago
    c.send_command("EXISTS", gone, kept)
    c.expect_reply(1)
    c.send_command("DEL", gone)
    c.expect_reply(0)
    c.send_command("INCR", counter)  # the old 41 expired: counting starts again from 0
    c.expect_reply(1)
    with hint(f"{ticking} was set with PX 100 and then incremented: INCR keeps the key's expiry, so after "
              "250 ms the key is gone. Store the new number with the old expiry time."):
        c.send_command("GET", ticking)
        c.expect_reply(None)


@test("answers DEL, EXISTS, INCR and DECR with the wrong number of arguments with an error")
def arity(t):
    c = t.connect()
    c.expect_wrong_arity(("DEL",), ("EXISTS",), ("INCR",), ("INCR", t.random_key(), t.random_key()),
                         ("DECR",), ("DECR", t.random_key(), t.random_key()))
