import re
import socket
import threading
import time
from collections import deque


class ProtocolError(Exception):
    """The client sent bytes that are not a RESP command."""


class WrongType(Exception):
    """A command found a key holding another type of value than it works on."""


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


def array(items):
    r"""An array of bulk strings: *<count>\r\n, then each element; None is the null array *-1\r\n."""
    if items is None:
        return b"*-1\r\n"
    return b"*%d\r\n" % len(items) + b"".join(bulk(item) for item in items)


def bulk(data):
    r"""A bulk string: $<length in bytes>\r\n<bytes>\r\n; None is the null bulk string $-1\r\n."""
    if data is None:
        return b"$-1\r\n"
    return b"$%d\r\n%s\r\n" % (len(data), data)


# --- the data ---------------------------------------------------------------------------

# The whole database: key -> (value, expires_at). The value is bytes (a string), a deque
# of bytes (a list) or a dict of bytes to bytes (a hash); expires_at is the moment the key
# expires, in milliseconds since 1970 (as Valkey keeps it), or None.
store = {}

# Every client runs on its own thread, but they share `store`. Valkey runs one command at a
# time; holding this lock while a command runs gives us the same guarantee.
lock = threading.Lock()

# Clients blocked in BLPOP: key -> the clients waiting on it, longest waiting first.
blocked = {}
# Lists that received elements during the current command, while clients wait on them.
ready_keys = []


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


def type_of(value):
    """The name TYPE answers for a value."""
    if isinstance(value, bytes):
        return "string"
    if isinstance(value, deque):
        return "list"
    if isinstance(value, dict):
        return "hash"
    return "none"


def lookup_as(key, kind):
    """The value of ``key`` if it is of type ``kind`` ("string", "list", ...), None if the key does
    not exist. Any other type raises WrongType: a key holds one type of value."""
    value = lookup(key)
    if value is not None and type_of(value) != kind:
        raise WrongType
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
    return bulk(lookup_as(args[1], "string"))  # None for a missing or expired key: $-1\r\n


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
    value = lookup_as(key, "string")
    number = 0 if value is None else parse_integer(value)
    if number is None:
        return error("ERR value is not an integer or out of range")
    number += delta
    if not MIN_INTEGER <= number <= MAX_INTEGER:
        return error("ERR increment or decrement would overflow")
    expires_at = None if value is None else store[key][1]  # INCR keeps the key's expiry
    store[key] = (str(number).encode(), expires_at)
    return integer(number)


def type_(args):
    return simple(type_of(lookup(args[1])))


def keys(args):
    pattern = glob_to_regex(args[1])
    # list(store): lookup() may delete expired keys, which a dict must not do while we loop over it.
    return array([key for key in list(store) if pattern.fullmatch(key) and lookup(key) is not None])


def glob_to_regex(pattern):
    r"""Translate a glob-style pattern, as Valkey reads it, into a regular expression:
    * any run of bytes (also none), ? exactly one byte, [abc] one of a, b, c ([a-z] a range,
    [^abc] anything else), and \x the character x itself. Everything else matches itself."""
    regex = b""
    i = 0
    while i < len(pattern):
        char = pattern[i:i + 1]
        if char == b"*":
            regex += b".*"
        elif char == b"?":
            regex += b"."
        elif char == b"\\" and i + 1 < len(pattern):
            i += 1
            regex += re.escape(pattern[i:i + 1])
        elif char == b"[":
            i, char_class = parse_class(pattern, i + 1)
            regex += char_class
        else:
            regex += re.escape(char)
        i += 1
    return re.compile(regex, re.DOTALL)  # DOTALL: "." also matches \n


def parse_class(pattern, i):
    r"""The [...] set starting at ``pattern[i]`` (just after the "["): returns the index of its
    "]" and the equivalent regular expression. Follows Valkey: a "\" makes the next byte
    literal, a-z is a range (z-a too), and a set without "]" runs to the end of the pattern."""
    negate = pattern[i:i + 1] == b"^"
    if negate:
        i += 1
    parts = []
    while i < len(pattern) and pattern[i:i + 1] != b"]":
        if pattern[i:i + 1] == b"\\" and i + 1 < len(pattern):
            parts.append(re.escape(pattern[i + 1:i + 2]))
            i += 2
        elif i + 2 < len(pattern) and pattern[i + 1:i + 2] == b"-":
            low, high = sorted((pattern[i:i + 1], pattern[i + 2:i + 3]))
            parts.append(re.escape(low) + b"-" + re.escape(high))
            i += 3
        else:
            parts.append(re.escape(pattern[i:i + 1]))
            i += 1
    if not parts:  # [] matches nothing, [^] any one byte
        return i, b"." if negate else b"(?!)"
    return i, b"[" + (b"^" if negate else b"") + b"".join(parts) + b"]"


# --- lists ------------------------------------------------------------------------------


def rpush(args):
    return push(args[1], args[2:], left=False)


def lpush(args):
    return push(args[1], args[2:], left=True)


def push(key, values, left):
    """RPUSH and LPUSH: create the list if needed, add the values one by one, answer the length."""
    items = lookup_as(key, "list")
    if items is None:
        items = deque()
        store[key] = (items, None)
    for value in values:
        if left:
            items.appendleft(value)  # one by one: LPUSH k a b c gives c b a
        else:
            items.append(value)
    if key in blocked:
        ready_keys.append(key)  # served after this command, once its reply is decided
    return integer(len(items))


def lrange(args):
    start, stop = parse_integer(args[2]), parse_integer(args[3])
    if start is None or stop is None:
        return error("ERR value is not an integer or out of range")
    items = lookup_as(args[1], "list") or deque()
    # Negative indexes count from the end (-1 is the last element). Then clamp to the list;
    # the stop index is included, hence stop + 1 for Python's slice.
    if start < 0:
        start += len(items)
    if stop < 0:
        stop += len(items)
    start, stop = max(start, 0), min(stop, len(items) - 1)
    return array(list(items)[start:stop + 1])  # an empty slice when start > stop


def llen(args):
    items = lookup_as(args[1], "list")
    return integer(0 if items is None else len(items))


def lpop(args):
    """LPOP key [count]: without a count a bulk string, with a count an array."""
    if len(args) > 3:
        return error("ERR syntax error")
    count = None
    if len(args) == 3:
        count = parse_integer(args[2])
        if count is None or count < 0:
            return error("ERR value is out of range, must be positive")
    items = lookup_as(args[1], "list")
    if items is None:
        return bulk(None) if count is None else array(None)  # $-1\r\n or *-1\r\n
    popped = [items.popleft() for _ in range(min(1 if count is None else count, len(items)))]
    if not items:
        del store[args[1]]  # Valkey never keeps an empty list
    return bulk(popped[0]) if count is None else array(popped)


# --- hashes -----------------------------------------------------------------------------


def hset(args):
    """HSET key field value [field value ...]: answers how many fields are new."""
    if len(args) % 2 != 0:  # a field without its value: reject the whole command
        return wrong_arity(b"hset")
    fields = lookup_as(args[1], "hash")
    if fields is None:
        fields = {}
        store[args[1]] = (fields, None)
    added = 0
    for i in range(2, len(args), 2):
        if args[i] not in fields:
            added += 1
        fields[args[i]] = args[i + 1]
    return integer(added)


def hget(args):
    fields = lookup_as(args[1], "hash") or {}
    return bulk(fields.get(args[2]))  # None for a missing field or key: $-1\r\n


def hgetall(args):
    fields = lookup_as(args[1], "hash") or {}
    return array([part for pair in fields.items() for part in pair])  # field, value, field, ...


def hdel(args):
    fields = lookup_as(args[1], "hash")
    if fields is None:
        return integer(0)
    removed = 0
    for field in args[2:]:
        if field in fields:
            del fields[field]
            removed += 1
    if not fields:
        del store[args[1]]  # Valkey never keeps an empty hash
    return integer(removed)


# --- blocking -----------------------------------------------------------------------------


class Waiter:
    """A client blocked in BLPOP. Its thread waits on ``event``; whoever pushes to one of its
    keys puts the reply in ``reply`` and sets the event."""

    def __init__(self, keys, timeout):
        self.keys = keys
        self.timeout = timeout  # seconds; 0 means no limit
        self.event = threading.Event()
        self.reply = None
        self.connection = None  # the client's socket: a push checks that it is still there

    def wait(self):
        """Block this client's thread (without holding the lock) until served or timed out."""
        self.event.wait(self.timeout or None)
        with lock:
            if self.reply is None:  # timed out: stop waiting (a push may not serve us any more)
                self.unblock()
                self.reply = array(None)  # *-1\r\n
            return self.reply

    def unblock(self):
        for key in self.keys:
            queue = blocked.get(key)
            if queue is not None and self in queue:
                queue.remove(self)
                if not queue:
                    del blocked[key]


def hung_up(connection):
    """Whether the client has closed its connection: a read would find the end (b"") or fail.
    MSG_PEEK leaves any bytes where they are, for the client's own thread; MSG_DONTWAIT
    returns at once instead of waiting for bytes."""
    try:
        return connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False  # nothing to read yet: the client is still there
    except OSError:
        return True  # e.g. the connection was reset


def blpop(args):
    """BLPOP key [key ...] timeout: pop from the first non-empty list, or wait for one."""
    keys = args[1:-1]
    try:
        timeout = float(args[-1])
    except ValueError:
        return error("ERR timeout is not a float or out of range")
    if timeout < 0:
        return error("ERR timeout is negative")
    for key in keys:
        items = lookup_as(key, "list")
        if items:
            return array([key, pop_first(key, items)])
    waiter = Waiter(keys, timeout)
    for key in keys:
        blocked.setdefault(key, deque()).append(waiter)
    return waiter  # serve() waits for it, outside the lock


def pop_first(key, items):
    value = items.popleft()
    if not items:
        del store[key]  # Valkey never keeps an empty list
    return value


def serve_blocked_clients():
    """Hand the new elements of the ready lists to the clients waiting on them, longest waiting
    first, one element each. Runs after each command, with the lock held."""
    while ready_keys:
        key = ready_keys.pop(0)
        queue = blocked.get(key)
        items = lookup(key)
        while queue and isinstance(items, deque) and items:
            waiter = queue[0]
            waiter.unblock()  # from this key's queue and from those of its other keys
            if hung_up(waiter.connection):  # it waits no more; the value stays for the next
                waiter.event.set()
                continue
            waiter.reply = array([key, pop_first(key, items)])
            waiter.event.set()


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
    b"type": (type_, 2),
    b"keys": (keys, 2),
    b"rpush": (rpush, -3),
    b"lpush": (lpush, -3),
    b"lrange": (lrange, 4),
    b"llen": (llen, 2),
    b"lpop": (lpop, -2),
    b"blpop": (blpop, -3),
    b"hset": (hset, -4),
    b"hget": (hget, 3),
    b"hgetall": (hgetall, 2),
    b"hdel": (hdel, -3),
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


def execute(args, connection):
    """Run one command and return its reply (bytes), or a Waiter for a blocked BLPOP."""
    name = args[0].lower()  # command names are case-insensitive
    if name not in COMMANDS:
        return unknown_command(args)
    function, arity = COMMANDS[name]
    if (arity > 0 and len(args) != arity) or len(args) < -arity:
        return wrong_arity(name)
    with lock:
        try:
            reply = function(args)
        except WrongType:
            reply = error("WRONGTYPE Operation against a key holding the wrong kind of value")
        if isinstance(reply, Waiter):
            reply.connection = connection  # so that a push can tell whether the client is still there
        serve_blocked_clients()
        return reply


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
                    if not command:  # an empty array (*0\r\n) is ignored, as Valkey does
                        continue
                    reply = execute(command, connection)
                    if isinstance(reply, Waiter):  # BLPOP blocks: send what is ready, then wait
                        connection.sendall(b"".join(replies))
                        replies = []
                        reply = reply.wait()
                    replies.append(reply)
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
