"""Step 5: commands are parsed as RESP arrays of bulk strings: ECHO answers with a bulk
string, names are case-insensitive, and unknown commands and wrong arities get Valkey's
exact error replies."""

from codealong import ErrorReply, SimpleString, encode_command, hint, test


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


@test("answers pipelined commands in order")
def pipelined(t):
    c = t.connect()
    first, second = t.random_word(), t.random_key()
    c.send(encode_command("ECHO", first) + encode_command("PING") + encode_command("ECHO", second), replies=3)
    c.expect_reply(first)
    c.expect_reply(SimpleString("PONG"))
    c.expect_reply(second)


@test("answers an unknown command with Valkey's error")
@hint("The error is -ERR unknown command '<name>', with args beginning with: then each argument "
      "in single quotes followed by one space, then \\r\\n. Without arguments the text ends with "
      "\"with: \" (a space) before the \\r\\n.")
def unknown_command(t):
    c = t.connect()
    name = t.random_word()  # fruit and animals: no Valkey command is called like that
    c.send_command(name)
    c.expect_reply(ErrorReply(f"ERR unknown command '{name}', with args beginning with: "))
    first, second = t.random_word(), t.random_word()
    c.send_command(name.upper(), first, second)
    c.expect_reply(ErrorReply(f"ERR unknown command '{name.upper()}', with args beginning with: '{first}' '{second}' "))
    with hint("An error reply does not end the connection: keep answering the next commands."):
        c.send_command("PING")
        c.expect_reply(SimpleString("PONG"))


@test("answers ECHO with the wrong number of arguments with Valkey's error")
@hint("Check the number of arguments before running a command: ECHO takes exactly one. The error "
      "names the command in lower case: -ERR wrong number of arguments for 'echo' command\\r\\n.")
def echo_arity(t):
    c = t.connect()
    c.send_command("ECHO")
    c.expect_reply(ErrorReply("ERR wrong number of arguments for 'echo' command"))
    c.send_command("Echo", t.random_word(), t.random_word())
    c.expect_reply(ErrorReply("ERR wrong number of arguments for 'echo' command"))
