"""Step 6: SET stores a value under a key, GET reads it back (a null bulk string for a
missing key); values are binary-safe and all clients share the same keys."""

from codealong import SimpleString, hint, test

OK = SimpleString("OK")


@test("answers SET with +OK and GET with the value")
def set_then_get(t):
    c = t.connect()
    key, value = t.random_key(), t.random_word()
    c.send_command("SET", key, value)
    c.expect_reply(OK)  # +OK\r\n
    with hint("GET answers with the stored value as a bulk string: $<length>\\r\\n<value>\\r\\n."):
        c.send_command("GET", key)
        c.expect_reply(value)


@test("answers GET of a missing key with a null bulk string")
@hint("A key that does not exist is answered with the null bulk string $-1\\r\\n "
      "(not an empty string $0\\r\\n\\r\\n, and not an error).")
def get_missing(t):
    c = t.connect()
    c.send_command("GET", t.random_key("missing"))
    c.expect_reply(None)  # $-1\r\n


@test("overwrites the value when SET is called again")
@hint("SET replaces whatever value the key had.")
def overwrite(t):
    c = t.connect()
    key, first, second = t.random_key(), t.random_word(), t.random_key("new")
    for value in (first, second):
        c.send_command("SET", key, value)
        c.expect_reply(OK)
    c.send_command("GET", key)
    c.expect_reply(second)


@test("stores any bytes: \\r\\n, spaces, UTF-8 and the empty string")
@hint("Store the value exactly as the bulk string delivered it, and answer with its length in bytes.")
def binary_safe(t):
    c = t.connect()
    key = t.random_key()
    for value in (f"two\r\nlines and {t.random_word()}", f"{t.random_word()} ✓ crème brûlée", ""):
        c.send_command("SET", key, value)
        c.expect_reply(OK)
        c.send_command("GET", key)
        c.expect_reply(value)


@test("treats keys as case-sensitive")
@hint("Only command names ignore letter case; keys and values are stored exactly as sent.")
def case_sensitive_keys(t):
    c = t.connect()
    key = t.random_key()
    lower, upper = t.random_word(), t.random_key("upper")
    c.send_command("SET", key, lower)
    c.expect_reply(OK)
    c.send_command("SET", key.upper(), upper)
    c.expect_reply(OK)
    c.send_command("GET", key)
    c.expect_reply(lower)
    c.send_command("GET", key.upper())
    c.expect_reply(upper)


@test("shares keys between clients")
@hint("Keep the keys in one place for the whole server (not per connection): every client "
      "sees the same data.")
def shared(t):
    writer, reader = t.connect(), t.connect()
    key, value = t.random_key(), t.random_word()
    writer.send_command("SET", key, value)
    writer.expect_reply(OK)
    reader.send_command("GET", key)
    reader.expect_reply(value)
