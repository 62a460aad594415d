"""Step 5: commands are parsed as RESP arrays of bulk strings: ECHO answers with a bulk
string of any bytes and any length, names are case-insensitive, a pipeline of 1,000
commands is answered in order, and unknown commands and wrong arities get error replies
(only the error code, ERR, is checked; Valkey's wording is shown as a note)."""

from codealong import ErrorReply, SimpleString, encode_command, hint, test

LONG_HINT = (
    "A long argument arrives over many reads. Keep every byte of an unfinished command, however "
    "many (a bulk string may hold up to 512 MB), and try to parse again after each read; "
    "don't cap or empty the buffer while a command is incomplete."
)


def long_text(t, size):
    """``size`` bytes of readable text with numbered words, so a message can show where a
    reply went wrong: "mango 0000001 mango 0000002 ..."."""
    word = t.random_word()
    words = (f"{word} {n:07d} " for n in range(size // (len(word) + 9) + 1))
    return "".join(words)[:size]


@test("answers ECHO with its argument as a bulk string")
@hint("ECHO answers with a bulk string: $, the length in bytes, \\r\\n, the bytes, \\r\\n.")
def echo(t):
    c = t.connect()
    word = t.random_word()
    c.send_command("ECHO", word)
    c.expect_reply(word)  # $5\r\nmango\r\n
    message = f"{t.random_word()} and {t.random_word()}"
    c.send_command("ECHO", message)
    c.expect_reply(message)


@test("counts the length of a bulk string in bytes, not characters")
@hint("The number after $ counts bytes: é, ü and ✓ take 2 or 3 bytes each in UTF-8. "
      "Work with bytes (Python) or Buffers (Node.js) rather than decoded text.")
def utf8(t):
    c = t.connect()
    message = f"{t.random_word()} café ✓ naïve"
    c.send_command("ECHO", message)
    c.expect_reply(message)


@test("reads arguments by their length: spaces, \\r\\n and empty strings included")
@hint("Take exactly <length> bytes after $<length>\\r\\n, whatever they contain: "
      "do not split the request on \\r\\n or on spaces.")
def binary_safe(t):
    c = t.connect()
    for message in (f"{t.random_word()} {t.random_word()}", f"line one\r\nline two {t.random_word()}", ""):
        c.send_command("ECHO", message)
        c.expect_reply(message)


@test("echoes any bytes, also bytes that are not UTF-8 text")
@hint("An argument is bytes, not text: every byte value from 0 to 255 may appear, in any order, "
      "and most such sequences are not valid UTF-8. Keep arguments as bytes (Python) or Buffers "
      "(Node.js) from the socket to the reply; never decode them.")
def any_bytes(t):
    c = t.connect()
    for value in (bytes(t.random.sample(range(256), 256)), b"\xff\xfe" + t.random_word().encode() + b"\x80",
                  bytes(range(256))):
        c.send_command("ECHO", value)
        c.expect_reply(value)


@test("accepts command names in any letter case")
@hint("Compare command names case-insensitively: lower-case the name before looking it up.")
def any_case(t):
    c = t.connect()
    word = t.random_word()
    for name in ("echo", "EcHo"):
        c.send_command(name, word)
        c.expect_reply(word)
    for name in ("ping", "Ping"):
        c.send_command(name)
        c.expect_reply(SimpleString("PONG"))


@test("answers 1,000 pipelined commands in order")
@hint("Answer the commands of one read in the order they arrived, each exactly once.")
def pipelined(t):
    c = t.connect()
    first, second = t.random_word(), t.random_key()
    c.send(encode_command("ECHO", first) + encode_command("PING") + encode_command("ECHO", second), replies=3)
    c.expect_reply(first)
    c.expect_reply(SimpleString("PONG"))
    c.expect_reply(second)
    words = [f"{t.random_word()}-{n}" for n in range(1, 1001)]
    c.send_pipeline([("ECHO", word) for word in words])
    c.expect_replies(words)


@test("reads arguments of 64 KiB and 1 MiB that arrive in many pieces, also in a pipeline")
@hint(LONG_HINT, replace=True)  # whatever goes wrong here (silence, garbage), it is about length
def long_arguments(t):
    c = t.connect()
    small, medium, large = t.random_word(), long_text(t, 64 * 1024), long_text(t, 1024 * 1024)
    c.send_command("ECHO", medium, pieces=8)
    c.expect_reply(medium)
    c.send_command("ECHO", large, pieces=32)
    c.expect_reply(large)
    c.send_pipeline([("ECHO", small), ("ECHO", medium), ("PING",), ("ECHO", large), ("ECHO", small)], pieces=32)
    c.expect_replies([small, medium, SimpleString("PONG"), large, small])


@test("answers an unknown command with an error")
@hint("Answer a command you don't know with an error reply: -ERR, a space, a message, \\r\\n. Valkey's "
      "message is unknown command '<name>', with args beginning with: and then each argument in quotes.")
def unknown_command(t):
    c = t.connect()
    name = t.random_word()  # fruit and animals: no Valkey command is called like that
    # Valkey's wording; only the code (ERR) is checked, a different wording is shown as a note.
    c.send_command(name)
    c.expect_reply(ErrorReply(f"ERR unknown command '{name}', with args beginning with: "))
    first, second = t.random_word(), t.random_word()
    c.send_command(name.upper(), first, second)
    c.expect_reply(ErrorReply(f"ERR unknown command '{name.upper()}', with args beginning with: '{first}' '{second}' "))
    with hint("An error reply does not end the connection: keep answering the next commands."):
        c.send_command("PING")
        c.expect_reply(SimpleString("PONG"))


@test("answers ECHO and PING with the wrong number of arguments with an error")
def echo_arity(t):
    c = t.connect()
    c.expect_wrong_arity(("ECHO",), ("Echo", t.random_word(), t.random_word()),
                         ("PING", t.random_word(), t.random_word()))
