import re
import socket
import threading
import time


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


def integer(number):
    r"""An integer: :<number>\r\n."""
    return b":%d\r\n" % number


def bulk(data):
    r"""A bulk string: $<length in bytes>\r\n<bytes>\r\n; None is the null bulk string $-1\r\n."""
    if data is None:
        return b"$-1\r\n"
    return b"$%d\r\n%s\r\n" % (len(data), data)


# --- the data ---------------------------------------------------------------------------

# The whole database: key -> (value, expires_at). The value is bytes; expires_at is the
# moment the key expires, in milliseconds since 1970 (as Valkey keeps it), or None.
store = {}

# Every client runs on its own thread, but they share `store`. Valkey runs one command at a
# time; holding this lock while a command runs gives us the same guarantee.
lock = threading.Lock()


def now_ms():
    return time.time_ns() // 1_000_000


def lookup(key):
    """The value of ``key``, or None if it does not exist. A key whose time is up is deleted
    here, when someone asks for it: like Valkey, we expire keys lazily."""
    entry = store.get(key)
    if entry is None:
        return None
    value, expires_at = entry
    if expires_at is not None and now_ms() > expires_at:
        del store[key]
        return None
    return value


# --- numbers ----------------------------------------------------------------------------

INTEGER = re.compile(rb"0|-?[1-9][0-9]*")  # Valkey's integers: no "+", no spaces, no leading 0
MIN_INTEGER, MAX_INTEGER = -(2**63), 2**63 - 1  # a signed 64-bit integer


def parse_integer(data):
    """The integer written in ``data``, or None if it is not one (in Valkey's strict sense)."""
    if not INTEGER.fullmatch(data):
        return None
    number = int(data)
    return number if MIN_INTEGER <= number <= MAX_INTEGER else None


# --- commands ---------------------------------------------------------------------------


def ping(args):
    if len(args) == 1:
        return simple("PONG")
    if len(args) == 2:
        return bulk(args[1])  # PING with a message answers with the message
    return wrong_arity(b"ping")


def echo(args):
    return bulk(args[1])


def set_(args):
    """SET key value [EX seconds | PX milliseconds]"""
    key, value, options = args[1], args[2], args[3:]
    unit = amount = None
    i = 0
    while i < len(options):  # first check the words, as Valkey does, then the number
        option = options[i].upper()
        if option in (b"EX", b"PX") and unit in (None, option) and i + 1 < len(options):
            unit, amount = option, options[i + 1]
            i += 2
        else:
            return error("ERR syntax error")
    expires_at = None
    if unit is not None:
        milliseconds = parse_integer(amount)
        if milliseconds is None:
            return error("ERR value is not an integer or out of range")
        if unit == b"EX":
            milliseconds *= 1000
        expires_at = now_ms() + milliseconds
        if milliseconds <= 0 or expires_at > MAX_INTEGER:
            return error("ERR invalid expire time in 'set' command")
    store[key] = (value, expires_at)  # a plain SET also removes an earlier expiry
    return simple("OK")


def get(args):
    return bulk(lookup(args[1]))  # None for a missing or expired key: $-1\r\n


def delete(args):
    deleted = 0
    for key in args[1:]:
        if lookup(key) is not None:  # an expired key does not count (lookup removes it)
            del store[key]
            deleted += 1
    return integer(deleted)


def exists(args):
    # Every key named counts, so EXISTS k k answers 2 when k exists.
    return integer(sum(1 for key in args[1:] if lookup(key) is not None))


def incr(args):
    return add(args[1], 1)


def decr(args):
    return add(args[1], -1)


def add(key, delta):
    """INCR and DECR: a missing key counts from 0; the result is stored as text again."""
    value = lookup(key)
    number = 0 if value is None else parse_integer(value)
    if number is None:
        return error("ERR value is not an integer or out of range")
    number += delta
    if not MIN_INTEGER <= number <= MAX_INTEGER:
        return error("ERR increment or decrement would overflow")
    expires_at = None if value is None else store[key][1]  # INCR keeps the key's expiry
    store[key] = (str(number).encode(), expires_at)
    return integer(number)


# name -> (function, arity). Like Valkey: a positive arity is the exact number of words
# (command name included), a negative one the minimum.
COMMANDS = {
    b"ping": (ping, -1),
    b"echo": (echo, 2),
    b"set": (set_, -3),
    b"get": (get, 2),
    b"del": (delete, -2),
    b"exists": (exists, -2),
    b"incr": (incr, 2),
    b"decr": (decr, 2),
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
    with lock:
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
