import socket
import threading


class ProtocolError(Exception):
    """The client sent bytes that are not a RESP command."""


# --- reading commands -------------------------------------------------------------------


def parse_command(buffer):
    r"""Parse one command from the start of ``buffer``.

    Clients send every command as a RESP array of bulk strings:
    ``*<count>\r\n`` followed, for each argument, by ``$<length>\r\n<bytes>\r\n``.
    Returns ``(arguments, bytes_used)``, or ``(None, 0)`` while the command is incomplete.
    """
    line_end = buffer.find(b"\r\n")
    if line_end < 0:
        return None, 0
    if buffer[:1] != b"*":
        raise ProtocolError(f"expected '*', got {buffer[:1].decode('latin-1')!r}")
    count = parse_number(buffer[1:line_end])
    position = line_end + 2
    arguments = []
    for _ in range(count):
        line_end = buffer.find(b"\r\n", position)
        if line_end < 0:
            return None, 0
        if buffer[position:position + 1] != b"$":
            raise ProtocolError(f"expected '$', got {buffer[position:position + 1].decode('latin-1')!r}")
        length = parse_number(buffer[position + 1:line_end])
        start = line_end + 2
        end = start + length
        if len(buffer) < end + 2:  # the data and its \r\n have not all arrived yet
            return None, 0
        arguments.append(buffer[start:end])  # exactly `length` bytes, whatever they contain
        position = end + 2
    return arguments, position


def parse_number(text):
    if not text.isdigit():
        raise ProtocolError(f"invalid length {text.decode('latin-1')!r}")
    return int(text)


# --- writing replies --------------------------------------------------------------------


def simple(text):
    r"""A simple string: +OK\r\n."""
    return b"+" + text.encode() + b"\r\n"


def error(message):
    r"""An error: -ERR message\r\n. A line break would end the reply early, so none may appear."""
    if isinstance(message, str):
        message = message.encode()
    return b"-" + message.replace(b"\r", b" ").replace(b"\n", b" ") + b"\r\n"


def bulk(data):
    r"""A bulk string: $<length in bytes>\r\n<bytes>\r\n."""
    return b"$%d\r\n%s\r\n" % (len(data), data)


# --- commands ---------------------------------------------------------------------------


def ping(args):
    if len(args) == 1:
        return simple("PONG")
    if len(args) == 2:
        return bulk(args[1])  # PING with a message answers with the message
    return wrong_arity(b"ping")


def echo(args):
    return bulk(args[1])


# name -> (function, arity). Like Valkey: a positive arity is the exact number of words
# (command name included), a negative one the minimum.
COMMANDS = {
    b"ping": (ping, -1),
    b"echo": (echo, 2),
}


def wrong_arity(name):
    return error(b"ERR wrong number of arguments for '" + name + b"' command")


def unknown_command(args):
    # Valkey quotes the name as sent, then each argument in '' followed by a space, and stops
    # listing arguments once about 128 bytes have been written.
    listed = b""
    for arg in args[1:]:
        if len(listed) >= 128:
            break
        listed += b"'" + arg[:128 - len(listed)] + b"' "
    return error(b"ERR unknown command '" + args[0][:128] + b"', with args beginning with: " + listed)


def execute(args):
    """Run one command and return its reply (bytes)."""
    name = args[0].lower()  # command names are case-insensitive
    if name not in COMMANDS:
        return unknown_command(args)
    function, arity = COMMANDS[name]
    if (arity > 0 and len(args) != arity) or len(args) < -arity:
        return wrong_arity(name)
    return function(args)


# --- connections ------------------------------------------------------------------------


def serve(connection):
    """Read commands from one client and answer each of them, until it hangs up."""
    buffer = b""  # bytes received but not handled yet: a command may arrive in pieces
    with connection:
        try:
            while data := connection.recv(65536):  # b"" means the client closed the connection
                buffer += data
                # One read can hold several commands (pipelining), or only part of one:
                # answer every complete command and keep the rest for the next read.
                replies = []
                while True:
                    command, used = parse_command(buffer)
                    if command is None:
                        break
                    buffer = buffer[used:]
                    if command:  # an empty array (*0\r\n) is ignored, as Valkey does
                        replies.append(execute(command))
                # One write for all the replies of this read, rather than many small ones.
                connection.sendall(b"".join(replies))
        except ProtocolError as problem:  # not RESP: say so and hang up
            connection.sendall(error(f"ERR Protocol error: {problem}"))
        except ConnectionError:  # the client vanished without closing properly
            pass


server = socket.create_server(("127.0.0.1", 6379))
print("Listening on 127.0.0.1:6379")

while True:
    connection, address = server.accept()
    # serve() returns only when this client hangs up: a thread per client lets this loop go
    # straight back to accept(). (daemon=True: these threads never keep the program alive.)
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
