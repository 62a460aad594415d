# Build your own Valkey, step 16: persistence with an append-only file.
import math
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
# of bytes (a list), a dict of bytes to bytes (a hash) or a SortedSet; expires_at is the
# moment the key expires, in milliseconds since 1970 (as Valkey keeps it), or None.
store = {}

# Every client runs on its own thread, but they share `store`. Valkey runs one command at a
# time; holding this lock while a command runs gives us the same guarantee.
lock = threading.Lock()

# Clients blocked in BLPOP: key -> the clients waiting on it, longest waiting first.
blocked = {}
# Lists that received elements during the current command, while clients wait on them.
ready_keys = []

# Pub/sub: channel -> the clients subscribed to it.
subscribers = {}


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
    if isinstance(value, SortedSet):
        return "zset"
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
    return array(list(items)[index_range(start, stop, len(items))])


def index_range(start, stop, length):
    """LRANGE's and ZRANGE's start and stop as a Python slice. Negative indexes count from the
    end (-1 is the last element); then both are clamped to the sequence, and the stop index is
    included, hence stop + 1. The slice is empty when start > stop."""
    if start < 0:
        start += length
    if stop < 0:
        stop += length
    return slice(max(start, 0), min(stop, length - 1) + 1)


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


# --- sorted sets ------------------------------------------------------------------------


class SortedSet:
    """Members (bytes) with a score (a float) each, ordered by score, then by member."""

    def __init__(self):
        self.scores = {}  # member -> score

    def ranked(self):
        """The members in order. Sorting on each call keeps this simple; Valkey keeps a skip
        list instead, which stays sorted as members come and go."""
        return sorted(self.scores, key=lambda member: (self.scores[member], member))


def parse_score(data):
    """A score as Valkey reads it (like C's strtod: also inf, -inf), or None if it is none."""
    try:
        score = float(data)
    except ValueError:
        return None
    if math.isnan(score) or data != data.strip() or b"_" in data:  # Python accepts "1_0" and " 1"
        return None
    return score


def format_score(score):
    """A score as Valkey writes it: 3 (not 3.0), 1.5, inf, -inf. (For very large and very
    small numbers Valkey's exponent notation differs a little from Python's repr.)"""
    if math.isinf(score):
        return b"inf" if score > 0 else b"-inf"
    if score.is_integer() and abs(score) <= 2**62:  # whole numbers Valkey writes as integers
        return b"%d" % score
    return repr(score).encode()  # the shortest text that reads back as the same number


def zadd(args):
    """ZADD key score member [score member ...]: answers how many members are new."""
    if len(args) % 2 != 0:
        return error("ERR syntax error")
    pairs = [(parse_score(args[i]), args[i + 1]) for i in range(2, len(args), 2)]
    if any(score is None for score, member in pairs):  # check every score before adding any
        return error("ERR value is not a valid float")
    zset = lookup_as(args[1], "zset")
    if zset is None:
        zset = SortedSet()
        store[args[1]] = (zset, None)
    added = 0
    for score, member in pairs:
        if member not in zset.scores:
            added += 1
        zset.scores[member] = score  # a member that exists gets its new score
    return integer(added)


def zrange(args):
    """ZRANGE key start stop [WITHSCORES]"""
    start, stop = parse_integer(args[2]), parse_integer(args[3])
    if start is None or stop is None:
        return error("ERR value is not an integer or out of range")
    options = [option.upper() for option in args[4:]]
    if options not in ([], [b"WITHSCORES"]):
        return error("ERR syntax error")
    zset = lookup_as(args[1], "zset") or SortedSet()
    reply = []
    members = zset.ranked()
    for member in members[index_range(start, stop, len(members))]:
        reply.append(member)
        if options:
            reply.append(format_score(zset.scores[member]))
    return array(reply)


def zrank(args):
    zset = lookup_as(args[1], "zset")
    if zset is None or args[2] not in zset.scores:
        return bulk(None)
    return integer(zset.ranked().index(args[2]))


def zscore(args):
    zset = lookup_as(args[1], "zset")
    if zset is None or args[2] not in zset.scores:
        return bulk(None)
    return bulk(format_score(zset.scores[args[2]]))


def zcard(args):
    zset = lookup_as(args[1], "zset")
    return integer(0 if zset is None else len(zset.scores))


def zrem(args):
    zset = lookup_as(args[1], "zset")
    if zset is None:
        return integer(0)
    removed = 0
    for member in args[2:]:
        if member in zset.scores:
            del zset.scores[member]
            removed += 1
    if not zset.scores:
        del store[args[1]]  # Valkey never keeps an empty sorted set
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


# --- transactions -----------------------------------------------------------------------


class Client:
    """What the server keeps about one connection, between its commands."""

    def __init__(self, connection):
        self.connection = connection
        self.transaction = None  # between MULTI and EXEC: the queued commands
        self.transaction_failed = False  # a command could not be queued: EXEC will refuse
        self.channels = set()  # the pub/sub channels it is subscribed to
        # Replies come from this client's thread, messages from the publishers' threads:
        # one write at a time, or their bytes could interleave.
        self.write_lock = threading.Lock()

    def send(self, data):
        with self.write_lock:
            self.connection.sendall(data)


def multi(client, args):
    if client.transaction is not None:
        client.transaction_failed = True  # like any command that cannot be queued
        return error("ERR Command 'multi' not allowed inside a transaction")
    client.transaction = []
    return simple("OK")


def exec_(client, args):
    if client.transaction is None:
        return error("ERR EXEC without MULTI")
    queued, failed = client.transaction, client.transaction_failed
    client.transaction, client.transaction_failed = None, False
    if failed:
        return error("EXECABORT Transaction discarded because of previous errors.")
    replies = []
    with lock:  # all of them at once: no other client's command runs in between
        for args in queued:
            reply = run(args)
            if isinstance(reply, Waiter):  # BLPOP does not wait inside a transaction
                reply.unblock()
                reply = array(None)
            replies.append(reply)  # an error is just one more reply: the others still run
        serve_blocked_clients()
    return b"*%d\r\n" % len(replies) + b"".join(replies)


def discard(client, args):
    if client.transaction is None:
        return error("ERR DISCARD without MULTI")
    client.transaction, client.transaction_failed = None, False
    return simple("OK")


# --- pub/sub ------------------------------------------------------------------------------


def subscribe(client, args):
    """SUBSCRIBE channel [channel ...]: one confirmation per channel, with the new count."""
    replies = []
    with lock:
        for channel in args[1:]:
            client.channels.add(channel)
            subscribers.setdefault(channel, set()).add(client)
            replies.append(push_message(b"subscribe", channel, len(client.channels)))
    return b"".join(replies)


def unsubscribe(client, args):
    """UNSUBSCRIBE [channel ...]: leave the channels (all without arguments), confirming each."""
    with lock:
        channels = args[1:] or list(client.channels)
        if not channels:  # subscribed to nothing: one confirmation with a null channel
            return push_message(b"unsubscribe", None, 0)
        replies = []
        for channel in channels:
            leave(client, channel)
            replies.append(push_message(b"unsubscribe", channel, len(client.channels)))
        return b"".join(replies)


def leave(client, channel):
    client.channels.discard(channel)
    listeners = subscribers.get(channel)
    if listeners is not None:
        listeners.discard(client)
        if not listeners:
            del subscribers[channel]


def push_message(kind, channel, count):
    r"""*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n and the like."""
    return b"*3\r\n" + bulk(kind) + bulk(channel) + integer(count)


def publish(args):
    """PUBLISH channel message: write it to every subscriber; answer how many there were."""
    channel, message = args[1], args[2]
    listeners = list(subscribers.get(channel, ()))
    for listener in listeners:
        try:
            listener.send(array([b"message", channel, message]))
        except OSError:
            pass  # that client is going away; its own thread cleans up
    return integer(len(listeners))


def subscribed_mode(name, args):
    """The reply for a command sent while subscribed: only a few commands are allowed."""
    if name == b"ping":
        return array([b"pong", args[1] if len(args) > 1 else b""])
    return error(f"ERR Can't execute '{name.decode('latin-1')}': only (P|S)SUBSCRIBE / "
                 "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context")


# TODO: persistence. Append every command that changes data (SET, DEL, INCR, RPUSH, HSET,
# ZADD, ...) to appendonly.aof, in RESP, and flush it. At start-up, before accepting clients,
# run the commands of that file again (without appending them a second time).


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
    b"zadd": (zadd, -4),
    b"zrange": (zrange, -4),
    b"zrank": (zrank, 3),
    b"zscore": (zscore, 3),
    b"zcard": (zcard, 2),
    b"zrem": (zrem, -3),
    b"publish": (publish, 3),
}

# Commands about the connection itself rather than the data: function(client, args).
CLIENT_COMMANDS = {
    b"multi": (multi, 1),
    b"exec": (exec_, 1),
    b"discard": (discard, 1),
    b"subscribe": (subscribe, -2),
    b"unsubscribe": (unsubscribe, -1),
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


def execute(client, args):
    """Run one command and return its reply (bytes), or a Waiter for a blocked BLPOP."""
    name = args[0].lower()  # command names are case-insensitive
    problem = check(name, args)
    if problem is not None:
        if client.transaction is not None:
            client.transaction_failed = True  # a command that cannot even be queued spoils EXEC
        return problem
    if client.channels and name not in (b"subscribe", b"unsubscribe"):
        return subscribed_mode(name, args)
    if name in CLIENT_COMMANDS:
        return CLIENT_COMMANDS[name][0](client, args)
    if client.transaction is not None:
        client.transaction.append(args)  # runs at EXEC
        return simple("QUEUED")
    with lock:
        reply = run(args)
        if isinstance(reply, Waiter):
            reply.connection = client.connection  # so that a push can tell whether it is still there
        serve_blocked_clients()
        return reply


def check(name, args):
    """The error reply for a command that cannot run at all, or None."""
    entry = COMMANDS.get(name) or CLIENT_COMMANDS.get(name)
    if entry is None:
        return unknown_command(args)
    arity = entry[1]
    if (arity > 0 and len(args) != arity) or len(args) < -arity:
        return wrong_arity(name)
    return None


def run(args):
    """Run a command on the data (the caller holds the lock) and return its reply."""
    try:
        return COMMANDS[args[0].lower()][0](args)
    except WrongType:
        return error("WRONGTYPE Operation against a key holding the wrong kind of value")


# --- connections ------------------------------------------------------------------------


def serve(connection):
    """Read commands from one client and answer each of them, until it hangs up."""
    buffer = b""  # bytes received but not handled yet: a command may arrive in pieces
    client = Client(connection)
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
                    reply = execute(client, command)
                    if isinstance(reply, Waiter):  # BLPOP blocks: send what is ready, then wait
                        client.send(b"".join(replies))
                        replies = []
                        reply = reply.wait()
                    replies.append(reply)
                # One write for all the replies of this read, rather than many small ones.
                client.send(b"".join(replies))
        except ProtocolError as problem:  # not RESP: say so and hang up
            client.send(error(f"ERR Protocol error: {problem}"))
        except ConnectionError:  # the client vanished without closing properly
            pass
        finally:
            with lock:  # a client that is gone listens to nothing
                for channel in list(client.channels):
                    leave(client, channel)


server = socket.create_server(("127.0.0.1", 6379))
print("Listening on 127.0.0.1:6379")

while True:
    connection, address = server.accept()
    # serve() returns only when this client hangs up: a thread per client lets this loop go
    # straight back to accept(). (daemon=True: these threads never keep the program alive.)
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
