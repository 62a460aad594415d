"""Step 3: one connection carries many commands: one after another, several in one
write (pipelining), and commands split across writes."""

from codealong import SimpleString, encode_command, hint, test

PING = encode_command("PING")  # *1\r\n$4\r\nPING\r\n
PONG = b"+PONG\r\n"

PIPELINE_HINT = (
    "Several commands arrived in one read and your server answered only the first. Keep the "
    "received bytes in a buffer and answer every complete command in it before reading again."
)
SPLIT_HINT = (
    "Your server answered before the command was complete. TCP delivers a byte stream, not "
    "messages: a read can hold part of a command. Keep the bytes in a buffer and answer only "
    "once a whole command (*1\\r\\n$4\\r\\nPING\\r\\n) is there."
)
LOST_HINT = (
    "Your server stopped answering part-way through commands that arrived together. Keep every "
    "byte you read until its command has been answered: a buffer of fixed size, or one that drops "
    "what does not fit, loses commands (1,000 PINGs are 14,000 bytes, and a read may hold them all)."
)
REST_HINT = (
    "The command arrived in two pieces. Keep the first piece in a buffer (one per connection) and "
    "add the next read to it: together they make a complete command to answer."
)


@test("answers three PINGs sent one after another on one connection")
@hint("Keep reading after each reply: loop until the client closes the connection.")
def one_after_another(t):
    c = t.connect()
    for _ in range(3):
        c.send_command("PING")
        c.expect(PONG)


@test("answers pipelined PINGs that arrive in one read")
def pipelined(t):
    c = t.connect()
    for count in (2, 5):
        c.send(PING * count, replies=count)  # one write: the commands usually arrive together
        for _ in range(count):
            c.expect(PONG, silence_hint=PIPELINE_HINT)


@test("answers 1,000 PINGs sent in one write, every one of them")
def many_pipelined(t):
    c = t.connect()
    c.send_pipeline([("PING",)] * 1000)  # as a client's pipeline sends them: one write
    c.expect_replies([SimpleString("PONG")] * 1000, silence_hint=LOST_HINT)


@test("waits for the rest of a command that arrives in two pieces")
def split_command(t):
    c = t.connect()
    c.send(PING[:10], replies=0)  # *1\r\n$4\r\nPI
    c.expect_nothing(0.3, why="only part of the command has arrived", hint=SPLIT_HINT)
    c.send(PING[10:])  # NG\r\n
    c.expect(PONG, silence_hint=REST_HINT)


@test("keeps the bytes after a complete command for the next read")
def leftover(t):
    c = t.connect()
    c.send(PING + PING[:6], replies=1)  # a PING and the start of the next one: *1\r\n$4
    c.expect(PONG, silence_hint=PIPELINE_HINT)
    c.send(PING[6:])  # \r\nPING\r\n completes the second PING
    c.expect(PONG, silence_hint=REST_HINT)
    c.send_command("PING")
    c.expect(PONG)
