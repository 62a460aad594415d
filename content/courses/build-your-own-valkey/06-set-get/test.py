"""Step 6: SET stores a value under a key, GET reads it back (a null bulk string for a
missing key); keys and values are any bytes, values up to 1 MiB and more, all clients share
the same keys, and wrong numbers of arguments are errors."""

import time

from codealong import SimpleString, hint, test

OK = SimpleString("OK")
MiB = 1024 * 1024


def long_value(t, size):
    """``size`` bytes of readable text with numbered words ("mango 0000001 mango 0000002 ..."),
    so a message can show where a reply went wrong."""
    word = t.random_word()
    return "".join(f"{word} {n:07d} " for n in range(size // (len(word) + 9) + 1))[:size]


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


@test("keys and values hold any bytes, also bytes that are not UTF-8 text")
@hint("Keys and values are bytes, not text: any byte value from 0 to 255 may appear, and two keys "
      "that differ in a single byte are different keys. Keep them as bytes (Python) or Buffers "
      "(Node.js); decoding them as UTF-8 changes the invalid bytes and makes different keys equal. "
      "(In Node.js a Map compares Buffers by identity: use buffer.toString(\"latin1\") as the Map key, "
      "which maps each byte to one character.)")
def any_bytes(t):
    c = t.connect()
    prefix = t.random_key().encode()
    every = bytes(t.random.sample(range(256), 256))
    pairs = [
        (prefix + every, bytes(range(256))),        # every byte value, in the key and in the value
        (prefix + b"\xff", every),                   # two keys that are not UTF-8 and differ in one byte
        (prefix + b"\xfe", every[::-1]),
        (prefix + b" \r\n\x00", b"\x80" + t.random_word().encode()),
    ]
    for key, value in pairs:
        c.send_command("SET", key, value)
        c.expect_reply(OK)
    for key, value in pairs:
        c.send_command("GET", key)
        c.expect_reply(value)


@test("stores values of 64 KiB and 1 MiB that arrive in many pieces, also in a pipeline")
@hint("A long value arrives over many reads: keep every byte of an unfinished command, however many "
      "(a value may hold up to 512 MB), and parse again after each read. Store the value as it came "
      "and send all of it back.")
def long_values(t):
    c = t.connect()
    key, other = t.random_key(), t.random_key()
    medium, large = long_value(t, 64 * 1024), long_value(t, MiB)
    c.send_command("SET", key, large, pieces=32)
    c.expect_reply(OK)
    c.send_command("GET", key)
    c.expect_reply(large)
    c.send_pipeline([("SET", other, medium), ("GET", other), ("SET", key, medium + large), ("GET", key),
                     ("GET", t.random_key("missing"))], pieces=32)
    c.expect_replies([OK, medium, OK, medium + large, None])


@test("sends whole replies to a client that reads them late: 8 GETs of a 1 MiB value")
@hint("Write every byte of every reply, even when the client is slow to read them. A single write may "
      "take only part of a long reply: in Python use sendall, not send; with a non-blocking socket keep "
      "what was not written yet and write it when the socket is writable again.")
def slow_reader(t):
    c = t.connect()
    key = t.random_key()
    value = long_value(t, MiB)
    c.send_command("SET", key, value, pieces=16)
    c.expect_reply(OK)
    c.send_pipeline([("GET", key)] * 8)
    t.log("the client waits 0.1 s before it reads the replies")
    time.sleep(0.1)  # meanwhile 8 MiB of replies pile up, more than the sockets can hold
    c.expect_replies([value] * 8)


@test("answers SET and GET with the wrong number of arguments with an error")
def set_get_arity(t):
    c = t.connect()
    key = t.random_key()
    c.expect_wrong_arity(("SET", key), ("SET",), ("GET",), ("GET", key, t.random_word()))
    with hint("A command that was answered with an error does not change anything."):
        c.send_command("GET", key)
        c.expect_reply(None)
