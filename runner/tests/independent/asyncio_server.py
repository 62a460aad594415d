"""A Valkey-compatible server written with asyncio streams: one coroutine per client.

An independent learner's take on "Build your own Valkey" (all 16 steps), written from the
step instructions and from how the real valkey-server answers. Style:

* ``asyncio.start_server`` hands every connection to ``serve``, which reads commands with
  ``readline()`` / ``readexactly()`` and writes each reply as soon as it is computed.
* Every command is a plain function ``(server, client, args) -> bytes`` registered in a table
  with its arity; the reply is already RESP-encoded, so EXEC can simply collect them.
* The event loop runs one coroutine at a time, so no locks: a command is atomic as long as it
  does not ``await``, and EXEC runs its whole queue without awaiting.
* BLPOP parks the client on an ``asyncio.Future`` per waiting client; a push resolves it.
* Writes are logged to ``appendonly.aof`` (effects, not requests: relative expiries become
  PXAT, a served BLPOP becomes LPOP, a key found expired becomes DEL) and replayed at start.

Error messages use this server's own wording; their first word (ERR, WRONGTYPE, EXECABORT)
is what clients depend on and matches Valkey.
"""

from __future__ import annotations

import asyncio
import math
import os
import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

PORT = 6379
AOF_PATH = "appendonly.aof"
MAX_BULK = 512 * 1024 * 1024
MAX_ARGS = 1024 * 1024


# ---------------------------------------------------------------- RESP encoding

def simple(text: str) -> bytes:
    return b"+" + text.encode() + b"\r\n"


def error(text: str) -> bytes:
    """An error reply; line breaks (say, from a binary command name) would break the framing."""
    return b"-" + " ".join(text.splitlines()).encode() + b"\r\n"


def integer(number: int) -> bytes:
    return b":%d\r\n" % number


def bulk(data: bytes | None) -> bytes:
    if data is None:
        return b"$-1\r\n"
    return b"$%d\r\n%s\r\n" % (len(data), data)


def array(encoded_items: list[bytes] | None) -> bytes:
    """An array of already-encoded replies; None is the null array."""
    if encoded_items is None:
        return b"*-1\r\n"
    return b"*%d\r\n" % len(encoded_items) + b"".join(encoded_items)


def bulk_array(items) -> bytes:
    return array([bulk(item) for item in items])


def encode_command(*args: bytes) -> bytes:
    """A command as a client sends it: what the append-only file holds."""
    return bulk_array(args)


OK = simple("OK")
QUEUED = simple("QUEUED")
NULL_ARRAY = b"*-1\r\n"


class CommandError(Exception):
    """Raised by a command to answer with an error; the text starts with the error code."""


WRONGTYPE = "WRONGTYPE this key holds a different kind of value"
NOT_INTEGER = "ERR value is not an integer or out of range"
NOT_FLOAT = "ERR value is not a valid float"
SYNTAX = "ERR syntax error"


# ---------------------------------------------------------------- number parsing

INTEGER_TEXT = re.compile(rb"0|-?[1-9][0-9]*")
FLOAT_TEXT = re.compile(rb"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity)", re.IGNORECASE)
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1


def parse_int(text: bytes) -> int:
    """Valkey's strict integer reading: no sign but '-', no leading zeros, no spaces, 64 bits."""
    if len(text) > 20 or not INTEGER_TEXT.fullmatch(text):
        raise CommandError(NOT_INTEGER)
    number = int(text)
    if not INT64_MIN <= number <= INT64_MAX:
        raise CommandError(NOT_INTEGER)
    return number


def parse_float(text: bytes, message: str = NOT_FLOAT) -> float:
    """What C's strtod reads as a whole number (inf included, nan and overflow not)."""
    if not FLOAT_TEXT.fullmatch(text):
        raise CommandError(message)
    number = float(text)
    if math.isinf(number) and b"inf" not in text.lower():
        raise CommandError(message)  # 1e400: out of range
    return number


def format_score(score: float) -> bytes:
    """The shortest text that reads back as the same double: 3, 1.5, -inf."""
    if math.isinf(score):
        return b"inf" if score > 0 else b"-inf"
    if score == int(score) and abs(score) < 1e17:
        return b"%d" % int(score)
    return repr(score).encode()


def now_ms() -> int:
    return time.time_ns() // 1_000_000


# ---------------------------------------------------------------- glob matching

def glob_match(pattern: bytes, text: bytes) -> bool:
    """Valkey's KEYS patterns: * ? [abc] [a-z] [^abc] and \\ escapes, over bytes."""
    p = t = 0
    star_p = star_t = -1  # where to resume when the text does not match after a *
    while t < len(text):
        if p < len(pattern):
            token = pattern[p]
            if token == ord("*"):
                while p < len(pattern) and pattern[p] == ord("*"):
                    p += 1
                if p == len(pattern):
                    return True
                star_p, star_t = p, t
                continue
            if token == ord("?"):
                p, t = p + 1, t + 1
                continue
            if token == ord("["):
                matched, after = match_class(pattern, p, text[t])
                if matched:
                    p, t = after, t + 1
                    continue
            else:
                if token == ord("\\") and p + 1 < len(pattern):
                    p += 1
                if pattern[p] == text[t]:
                    p, t = p + 1, t + 1
                    continue
        if star_p < 0:
            return False
        star_t += 1  # let the last * swallow one more byte and try again
        p, t = star_p, star_t
    while p < len(pattern) and pattern[p] == ord("*"):
        p += 1
    return p == len(pattern)


def match_class(pattern: bytes, p: int, byte: int) -> tuple[bool, int]:
    """Match one byte against the class that starts at pattern[p] == '['."""
    p += 1
    negate = p < len(pattern) and pattern[p] == ord("^")
    if negate:
        p += 1
    matched = False
    while p < len(pattern) and pattern[p] != ord("]"):
        if pattern[p] == ord("\\") and p + 1 < len(pattern):
            p += 1
            matched |= pattern[p] == byte
        elif p + 2 < len(pattern) and pattern[p + 1] == ord("-") and pattern[p + 2] != ord("]"):
            low, high = sorted((pattern[p], pattern[p + 2]))
            matched |= low <= byte <= high
            p += 2
        else:
            matched |= pattern[p] == byte
        p += 1
    return matched != negate, p + 1


# ---------------------------------------------------------------- the keyspace

class Database:
    """Keys to values: bytes (string), deque (list), dict (hash), SortedSet (zset)."""

    def __init__(self, server: "Server"):
        self.server = server
        self.values: dict[bytes, object] = {}
        self.expires: dict[bytes, int] = {}  # key -> unix time in ms

    def lookup(self, key: bytes):
        """The key's value, or None; a key whose time is up is deleted on the way."""
        expires_at = self.expires.get(key)
        if expires_at is not None and not self.server.loading and now_ms() >= expires_at:
            self.delete(key)
            self.server.log(b"DEL", key)  # so that a replay forgets it at the same point
            return None
        return self.values.get(key)

    def get_typed(self, key: bytes, kind: type):
        value = self.lookup(key)
        if value is not None and type(value) is not kind:  # a SortedSet is a dict, but not a hash
            raise CommandError(WRONGTYPE)
        return value

    def put(self, key: bytes, value, expires_at: int | None = None, keep_ttl: bool = False) -> None:
        self.values[key] = value
        if expires_at is not None:
            self.expires[key] = expires_at
        elif not keep_ttl:
            self.expires.pop(key, None)

    def delete(self, key: bytes) -> bool:
        self.expires.pop(key, None)
        return self.values.pop(key, None) is not None

    def delete_if_empty(self, key: bytes, container) -> None:
        if not container:
            self.delete(key)

    def live_keys(self) -> list[bytes]:
        return [key for key in list(self.values) if self.lookup(key) is not None]


class SortedSet(dict):
    """member -> score; ordered by (score, member) whenever the order is needed."""

    def ordered(self) -> list[tuple[bytes, float]]:
        return sorted(self.items(), key=lambda item: (item[1], item[0]))


# ---------------------------------------------------------------- clients and blocking

class ClientGone(Exception):
    """The client hung up."""


class ProtocolError(Exception):
    pass


class Input:
    """The client's byte stream: the StreamReader, plus bytes read early while it was blocked."""

    def __init__(self, reader: asyncio.StreamReader):
        self.reader = reader
        self.early = b""

    async def readline(self) -> bytes:
        if self.early:
            end = self.early.find(b"\n")
            if end >= 0:
                line, self.early = self.early[:end + 1], self.early[end + 1:]
                return line
            start, self.early = self.early, b""
            return start + await self.reader.readline()
        return await self.reader.readline()

    async def readexactly(self, count: int) -> bytes:
        taken, self.early = self.early[:count], self.early[count:]
        if len(taken) < count:
            taken += await self.reader.readexactly(count - len(taken))
        return taken

    async def read_ahead(self) -> None:
        """While the client waits in BLPOP: keep its next commands, notice if it hangs up."""
        data = await self.reader.read(65536)
        if not data:
            raise ClientGone()
        self.early += data


@dataclass(eq=False)
class Client:
    writer: asyncio.StreamWriter | None  # None for the client that replays the file
    input: Input | None = None
    queued: list[list[bytes]] | None = None  # inside MULTI: the commands to run at EXEC
    queue_failed: bool = False
    channels: set[bytes] = field(default_factory=set)
    in_exec: bool = False

    def send(self, data: bytes) -> None:
        if self.writer is not None and not self.writer.is_closing():
            self.writer.write(data)

    def hung_up(self) -> bool:
        return self.writer is None or self.writer.is_closing() or self.input.reader.at_eof()


@dataclass(eq=False)
class Waiter:
    """A client blocked in BLPOP: resolved with (key, value) by the push that serves it."""

    client: Client
    keys: list[bytes]
    future: asyncio.Future


@dataclass
class Block:
    """Returned by BLPOP when every list is empty: the connection waits, then replies."""

    keys: list[bytes]
    timeout: float  # seconds; 0 means no limit


@dataclass
class Command:
    name: str
    arity: int  # Valkey's convention: n means exactly n words, -n means at least n
    run: Callable
    in_subscribed_mode: bool = False

    def arity_ok(self, count: int) -> bool:
        return count == self.arity if self.arity > 0 else count >= -self.arity


COMMANDS: dict[bytes, Command] = {}


def command(name: str, arity: int, in_subscribed_mode: bool = False):
    def register(function):
        COMMANDS[name.encode()] = Command(name, arity, function, in_subscribed_mode)
        return function
    return register


# ---------------------------------------------------------------- the server

class Server:
    def __init__(self):
        self.db = Database(self)
        self.waiters: dict[bytes, deque[Waiter]] = {}
        self.ready_keys: list[bytes] = []
        self.channels: dict[bytes, set[Client]] = {}
        self.loading = False
        self.log_entries: list[bytes] = []
        self.aof = None

    # -- append-only file

    def log(self, *args: bytes) -> None:
        if not self.loading:
            self.log_entries.append(encode_command(*args))

    def flush_log(self) -> None:
        if self.log_entries:
            if self.aof is not None:
                self.aof.write(b"".join(self.log_entries))  # unbuffered: straight to the OS
            self.log_entries.clear()

    def load(self) -> None:
        """Replay appendonly.aof, without replying and without logging again."""
        if os.path.exists(AOF_PATH):
            with open(AOF_PATH, "rb") as file:
                data = file.read()
            replayer = Client(writer=None)
            self.loading = True
            try:
                for args in parse_all(data):
                    self.execute(replayer, args)
            finally:
                self.loading = False
                self.log_entries.clear()
        self.aof = open(AOF_PATH, "ab", buffering=0)

    # -- running commands

    def execute(self, client: Client, args: list[bytes]) -> bytes | Block:
        """Run one command as the client sent it, with transactions and subscriptions."""
        name = args[0].lower()
        spec = COMMANDS.get(name)
        if spec is None or not spec.arity_ok(len(args)):
            if client.queued is not None:
                client.queue_failed = True
            if spec is None:
                return error(f"ERR unknown command '{args[0].decode(errors='replace')}'")
            if name == b"exec":
                return error("EXECABORT wrong number of arguments for EXEC")
            return error(f"ERR wrong number of arguments for {spec.name.upper()}")
        if client.channels and not spec.in_subscribed_mode:
            return error(f"ERR '{spec.name}' is not allowed while subscribed")
        if client.queued is not None and name not in (b"exec", b"discard", b"multi", b"quit"):
            client.queued.append(args)
            return QUEUED
        try:
            return spec.run(self, client, args)
        except CommandError as failure:
            return error(str(failure))

    def after_command(self) -> None:
        """What happens once a whole command (or EXEC) is done: serve waiters, log."""
        self.serve_ready_keys()
        self.flush_log()

    # -- BLPOP bookkeeping

    def signal_ready(self, key: bytes) -> None:
        if key in self.waiters and key not in self.ready_keys:
            self.ready_keys.append(key)

    def block(self, client: Client, keys: list[bytes]) -> Waiter:
        waiter = Waiter(client, keys, asyncio.get_running_loop().create_future())
        for key in dict.fromkeys(keys):
            self.waiters.setdefault(key, deque()).append(waiter)
        return waiter

    def unblock(self, waiter: Waiter) -> None:
        for key in dict.fromkeys(waiter.keys):
            queue = self.waiters.get(key)
            if queue is not None:
                try:
                    queue.remove(waiter)
                except ValueError:
                    pass
                if not queue:
                    del self.waiters[key]

    def serve_ready_keys(self) -> None:
        """Hand pushed elements to the clients that have waited longest, one each."""
        while self.ready_keys:
            key = self.ready_keys.pop(0)
            while key in self.waiters:
                items = self.db.lookup(key)
                if not isinstance(items, deque) or not items:
                    break
                waiter = self.waiters[key][0]
                self.unblock(waiter)
                if waiter.client.hung_up():  # gone, though its coroutine has not noticed yet
                    waiter.future.set_result(None)
                    continue
                value = items.popleft()
                self.db.delete_if_empty(key, items)
                self.log(b"LPOP", key)
                waiter.future.set_result((key, value))

    # -- pub/sub

    def subscribers(self, channel: bytes) -> set[Client]:
        return self.channels.get(channel, set())

    def unsubscribe(self, client: Client, channel: bytes) -> None:
        client.channels.discard(channel)
        members = self.channels.get(channel)
        if members is not None:
            members.discard(client)
            if not members:
                del self.channels[channel]

    # -- connections

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client = Client(writer=writer, input=Input(reader))
        try:
            while True:
                args = await read_command(client.input)
                if args is None:
                    break
                if not args:
                    continue
                reply = self.execute(client, args)
                if isinstance(reply, Block):
                    reply = await self.wait_for_push(client, reply)
                self.after_command()  # the file first: once the client sees the reply, the write is safe
                client.send(reply)
                if args[0].lower() == b"quit":
                    break
                await writer.drain()
        except ProtocolError as problem:
            client.send(error(f"ERR Protocol error: {problem}"))
        except (ClientGone, ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass  # the client hung up (or sent a line too long to be a command)
        finally:
            for channel in list(client.channels):
                self.unsubscribe(client, channel)
            writer.close()

    async def wait_for_push(self, client: Client, block: Block) -> bytes:
        waiter = self.block(client, block.keys)
        deadline = time.monotonic() + block.timeout if block.timeout else None
        try:
            while not waiter.future.done():
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    break
                reading = asyncio.ensure_future(client.input.read_ahead())
                await asyncio.wait({waiter.future, reading}, timeout=remaining,
                                   return_when=asyncio.FIRST_COMPLETED)
                if not reading.done():
                    reading.cancel()
                try:
                    await reading  # raises ClientGone if the client hung up meanwhile
                except asyncio.CancelledError:
                    pass
        finally:
            if not waiter.future.done():
                self.unblock(waiter)
        if waiter.future.done():
            if waiter.future.result() is None:
                raise ClientGone()
            key, value = waiter.future.result()
            return bulk_array([key, value])
        return NULL_ARRAY


# ---------------------------------------------------------------- reading requests

def parse_length(line: bytes, prefix: bytes, what: str) -> int:
    if not line.endswith(b"\r\n") or line[:1] != prefix:
        raise ProtocolError(f"expected '{prefix.decode()}' {what}")
    try:
        return int(line[1:-2])
    except ValueError:
        raise ProtocolError(f"invalid {what}") from None


async def read_command(source: Input) -> list[bytes] | None:
    """One command: a RESP array of bulk strings, or an inline line. None at end of input."""
    line = await source.readline()
    if not line.endswith(b"\n"):
        return None  # end of input (possibly in the middle of a line)
    if line[:1] != b"*":
        return line.split()  # an inline command, as typed into telnet
    count = parse_length(line, b"*", "array length")
    if count > MAX_ARGS:
        raise ProtocolError("too many arguments")
    args = []
    for _ in range(count):
        length = parse_length(await source.readline(), b"$", "bulk length")
        if not 0 <= length <= MAX_BULK:
            raise ProtocolError("invalid bulk length")
        data = await source.readexactly(length + 2)
        if data[-2:] != b"\r\n":
            raise ProtocolError("bulk string not followed by CRLF")
        args.append(data[:-2])
    return args


def parse_all(data: bytes) -> list[list[bytes]]:
    """Cut the append-only file into commands; a cut-off last command is ignored."""
    commands, position = [], 0
    while position < len(data):
        end = data.find(b"\r\n", position)
        if end < 0 or data[position:position + 1] != b"*":
            break
        count, position = int(data[position + 1:end]), end + 2
        args = []
        for _ in range(count):
            end = data.find(b"\r\n", position)
            if end < 0:
                return commands
            length = int(data[position + 1:end])
            start = end + 2
            if start + length + 2 > len(data):
                return commands
            args.append(data[start:start + length])
            position = start + length + 2
        commands.append(args)
    return commands


# ---------------------------------------------------------------- connection commands

@command("ping", -1, in_subscribed_mode=True)
def ping(server, client, args):
    if len(args) > 2:
        raise CommandError("ERR wrong number of arguments for PING")
    if client.channels:
        return bulk_array([b"pong", args[1] if len(args) > 1 else b""])
    return bulk(args[1]) if len(args) > 1 else simple("PONG")


@command("echo", 2)
def echo(server, client, args):
    return bulk(args[1])


@command("quit", -1, in_subscribed_mode=True)
def quit_(server, client, args):
    return OK  # the connection closes after the reply


# ---------------------------------------------------------------- strings and keys

@command("set", -3)
def set_(server, client, args):
    key, value = args[1], args[2]
    expires_at, keep_ttl, condition, want_old = None, False, None, False
    time_option = None
    i = 3
    while i < len(args):
        option = args[i].upper()
        if option in (b"EX", b"PX", b"EXAT", b"PXAT") and time_option is None and not keep_ttl \
                and i + 1 < len(args):
            time_option, amount_text = option, args[i + 1]
            i += 2
            continue
        if option == b"KEEPTTL" and time_option is None:
            keep_ttl = True
        elif option in (b"NX", b"XX") and condition in (None, option):
            condition = option
        elif option == b"GET":
            want_old = True
        else:
            raise CommandError(SYNTAX)
        i += 1
    if time_option is not None:
        amount = parse_int(amount_text)
        if amount <= 0:
            raise CommandError("ERR invalid expire time for SET")
        scale = 1000 if time_option in (b"EX", b"EXAT") else 1
        if amount > INT64_MAX // scale:
            raise CommandError("ERR invalid expire time for SET")
        expires_at = amount * scale
        if time_option in (b"EX", b"PX"):
            if expires_at > INT64_MAX - now_ms():
                raise CommandError("ERR invalid expire time for SET")
            expires_at += now_ms()
    old = server.db.lookup(key)
    if want_old and old is not None and not isinstance(old, bytes):
        raise CommandError(WRONGTYPE)
    if (condition == b"NX" and old is not None) or (condition == b"XX" and old is None):
        return bulk(old) if want_old else bulk(None)
    server.db.put(key, value, expires_at, keep_ttl)
    if expires_at is not None:
        server.log(b"SET", key, value, b"PXAT", b"%d" % expires_at)
    elif keep_ttl:
        server.log(b"SET", key, value, b"KEEPTTL")
    else:
        server.log(b"SET", key, value)
    return bulk(old) if want_old else OK


@command("get", 2)
def get(server, client, args):
    return bulk(server.db.get_typed(args[1], bytes))


@command("del", -2)
def del_(server, client, args):
    removed = [key for key in args[1:] if server.db.lookup(key) is not None and server.db.delete(key)]
    if removed:
        server.log(b"DEL", *removed)
    return integer(len(removed))


@command("exists", -2)
def exists(server, client, args):
    return integer(sum(1 for key in args[1:] if server.db.lookup(key) is not None))


def add_to_integer(server, args, amount: int) -> bytes:
    key = args[1]
    current = server.db.get_typed(key, bytes)
    number = 0 if current is None else parse_int(current)
    result = number + amount
    if not INT64_MIN <= result <= INT64_MAX:
        raise CommandError("ERR increment or decrement would overflow")
    server.db.put(key, b"%d" % result, keep_ttl=True)
    server.log(*args)
    return integer(result)


@command("incr", 2)
def incr(server, client, args):
    return add_to_integer(server, args, 1)


@command("decr", 2)
def decr(server, client, args):
    return add_to_integer(server, args, -1)


@command("incrby", 3)
def incrby(server, client, args):
    return add_to_integer(server, args, parse_int(args[2]))


@command("decrby", 3)
def decrby(server, client, args):
    amount = parse_int(args[2])
    if amount == INT64_MIN:
        raise CommandError("ERR decrement would overflow")
    return add_to_integer(server, args, -amount)


TYPE_NAMES = {bytes: "string", deque: "list", dict: "hash", SortedSet: "zset"}


@command("type", 2)
def type_(server, client, args):
    value = server.db.lookup(args[1])
    return simple("none" if value is None else TYPE_NAMES[type(value)])


@command("keys", 2)
def keys(server, client, args):
    return bulk_array([key for key in server.db.live_keys() if glob_match(args[1], key)])


@command("flushall", -1)
def flushall(server, client, args):
    server.db.values.clear()
    server.db.expires.clear()
    server.log(b"FLUSHALL")
    return OK


# ---------------------------------------------------------------- lists

def push(server, args, left: bool) -> bytes:
    key = args[1]
    items = server.db.get_typed(key, deque)
    if items is None:
        items = deque()
        server.db.put(key, items)
    for value in args[2:]:
        if left:
            items.appendleft(value)
        else:
            items.append(value)
    server.log(*args)
    server.signal_ready(key)
    return integer(len(items))


@command("rpush", -3)
def rpush(server, client, args):
    return push(server, args, left=False)


@command("lpush", -3)
def lpush(server, client, args):
    return push(server, args, left=True)


def clamp_range(start: int, stop: int, length: int) -> range:
    """Valkey's inclusive, clamped, negative-from-the-end index rules."""
    if start < 0:
        start = max(start + length, 0)
    if stop < 0:
        stop += length
    stop = min(stop, length - 1)
    return range(start, stop + 1) if start <= stop else range(0)


@command("lrange", 4)
def lrange(server, client, args):
    start, stop = parse_int(args[2]), parse_int(args[3])
    items = server.db.get_typed(args[1], deque) or deque()
    chosen = clamp_range(start, stop, len(items))
    return bulk_array([items[i] for i in chosen])


@command("llen", 2)
def llen(server, client, args):
    return integer(len(server.db.get_typed(args[1], deque) or ()))


def pop(server, args, left: bool) -> bytes:
    if len(args) > 3:
        raise CommandError(SYNTAX)
    count = None
    if len(args) == 3:
        try:
            count = parse_int(args[2])
        except CommandError:
            count = -1
        if count < 0:
            raise CommandError("ERR count must be a positive number")
    key = args[1]
    items = server.db.get_typed(key, deque)
    if items is None:
        return bulk(None) if count is None else NULL_ARRAY
    wanted = 1 if count is None else count
    taken = [items.popleft() if left else items.pop() for _ in range(min(wanted, len(items)))]
    server.db.delete_if_empty(key, items)
    if taken:
        server.log(*args)
    return bulk(taken[0]) if count is None else bulk_array(taken)


@command("lpop", -2)
def lpop(server, client, args):
    return pop(server, args, left=True)


@command("rpop", -2)
def rpop(server, client, args):
    return pop(server, args, left=False)


@command("blpop", -3)
def blpop(server, client, args):
    keys, timeout_text = args[1:-1], args[-1]
    timeout = parse_float(timeout_text, "ERR timeout must be a number of seconds")
    if timeout < 0:
        raise CommandError("ERR timeout must not be negative")
    if math.isinf(timeout):
        raise CommandError("ERR timeout is out of range")
    for key in keys:
        items = server.db.get_typed(key, deque)
        if items:
            value = items.popleft()
            server.db.delete_if_empty(key, items)
            server.log(b"LPOP", key)
            return bulk_array([key, value])
    if client.in_exec or client.writer is None:
        return NULL_ARRAY  # inside a transaction BLPOP never blocks
    return Block(keys, timeout)


# ---------------------------------------------------------------- hashes

@command("hset", -4)
def hset(server, client, args):
    if len(args) % 2:
        raise CommandError("ERR wrong number of arguments for HSET")
    key = args[1]
    fields = server.db.get_typed(key, dict)
    if fields is None:
        fields = {}
        server.db.put(key, fields)
    added = 0
    for i in range(2, len(args), 2):
        added += args[i] not in fields
        fields[args[i]] = args[i + 1]
    server.log(*args)
    return integer(added)


@command("hget", 3)
def hget(server, client, args):
    fields = server.db.get_typed(args[1], dict) or {}
    return bulk(fields.get(args[2]))


@command("hgetall", 2)
def hgetall(server, client, args):
    fields = server.db.get_typed(args[1], dict) or {}
    return bulk_array([part for pair in fields.items() for part in pair])


@command("hdel", -3)
def hdel(server, client, args):
    key = args[1]
    fields = server.db.get_typed(key, dict)
    if fields is None:
        return integer(0)
    removed = sum(1 for name in dict.fromkeys(args[2:]) if fields.pop(name, None) is not None)
    server.db.delete_if_empty(key, fields)
    if removed:
        server.log(*args)
    return integer(removed)


@command("hlen", 2)
def hlen(server, client, args):
    return integer(len(server.db.get_typed(args[1], dict) or ()))


# ---------------------------------------------------------------- sorted sets

ZADD_FLAGS = (b"NX", b"XX", b"GT", b"LT", b"CH", b"INCR")


@command("zadd", -4)
def zadd(server, client, args):
    key, i, flags = args[1], 2, set()
    while i < len(args) and args[i].upper() in ZADD_FLAGS:
        flags.add(args[i].upper())
        i += 1
    pairs = args[i:]
    if not pairs or len(pairs) % 2:
        raise CommandError(SYNTAX)
    if b"NX" in flags and b"XX" in flags:
        raise CommandError("ERR NX and XX cannot be combined")
    if len(flags & {b"NX", b"GT", b"LT"}) > 1:
        raise CommandError("ERR only one of NX, GT and LT may be given")
    if b"INCR" in flags and len(pairs) != 2:
        raise CommandError("ERR INCR takes exactly one score and member")
    scores = [parse_float(pairs[j]) for j in range(0, len(pairs), 2)]  # all of them before any change
    members = pairs[1::2]
    zset = server.db.get_typed(key, SortedSet)
    created = zset is None
    if created:
        zset = SortedSet()
    added = changed = 0
    result = None
    for score, member in zip(scores, members):
        old = zset.get(member)
        if b"INCR" in flags and old is not None:
            score += old
            if math.isnan(score):
                raise CommandError("ERR the resulting score is not a number")
        if old is None:
            if b"XX" in flags:
                continue
            zset[member] = result = score
            added += 1
        else:
            if b"NX" in flags or (b"GT" in flags and score <= old) or (b"LT" in flags and score >= old):
                continue
            result = score
            if score != old:
                zset[member] = score
                changed += 1
    if created and zset:
        server.db.put(key, zset)
    if added or changed:
        server.log(*args)
    if b"INCR" in flags:
        return bulk(None if result is None else format_score(result))
    return integer(added + changed if b"CH" in flags else added)


@command("zrange", -4)
def zrange(server, client, args):
    start, stop = parse_int(args[2]), parse_int(args[3])
    options = {option.upper() for option in args[4:]}
    if not options <= {b"WITHSCORES", b"REV"}:
        raise CommandError(SYNTAX)
    ordered = (server.db.get_typed(args[1], SortedSet) or SortedSet()).ordered()
    if b"REV" in options:
        ordered.reverse()
    reply = []
    for i in clamp_range(start, stop, len(ordered)):
        member, score = ordered[i]
        reply.append(member)
        if b"WITHSCORES" in options:
            reply.append(format_score(score))
    return bulk_array(reply)


@command("zrank", -3)
def zrank(server, client, args):
    if len(args) > 4 or (len(args) == 4 and args[3].upper() != b"WITHSCORE"):
        raise CommandError(SYNTAX)
    zset = server.db.get_typed(args[1], SortedSet) or SortedSet()
    if args[2] not in zset:
        return NULL_ARRAY if len(args) == 4 else bulk(None)
    rank = [member for member, _ in zset.ordered()].index(args[2])
    if len(args) == 4:
        return array([integer(rank), bulk(format_score(zset[args[2]]))])
    return integer(rank)


@command("zscore", 3)
def zscore(server, client, args):
    zset = server.db.get_typed(args[1], SortedSet) or SortedSet()
    score = zset.get(args[2])
    return bulk(None if score is None else format_score(score))


@command("zcard", 2)
def zcard(server, client, args):
    return integer(len(server.db.get_typed(args[1], SortedSet) or ()))


@command("zrem", -3)
def zrem(server, client, args):
    key = args[1]
    zset = server.db.get_typed(key, SortedSet)
    if zset is None:
        return integer(0)
    removed = sum(1 for member in dict.fromkeys(args[2:]) if zset.pop(member, None) is not None)
    server.db.delete_if_empty(key, zset)
    if removed:
        server.log(*args)
    return integer(removed)


# ---------------------------------------------------------------- transactions

@command("multi", 1)
def multi(server, client, args):
    if client.queued is not None:
        client.queue_failed = True
        return error("ERR MULTI cannot be nested")
    client.queued, client.queue_failed = [], False
    return OK


@command("exec", 1)
def exec_(server, client, args):
    if client.queued is None:
        return error("ERR EXEC called outside a transaction")
    queued, failed = client.queued, client.queue_failed
    client.queued, client.queue_failed = None, False
    if failed:
        return error("EXECABORT a queued command was rejected; nothing ran")
    client.in_exec = True
    try:
        # No await in here: no other client runs until every queued command has run.
        return array([server.execute(client, args) for args in queued])
    finally:
        client.in_exec = False


@command("discard", 1)
def discard(server, client, args):
    if client.queued is None:
        return error("ERR DISCARD called outside a transaction")
    client.queued, client.queue_failed = None, False
    return OK


# ---------------------------------------------------------------- pub/sub

@command("subscribe", -2, in_subscribed_mode=True)
def subscribe(server, client, args):
    replies = []
    for channel in args[1:]:
        client.channels.add(channel)
        server.channels.setdefault(channel, set()).add(client)
        replies.append(array([bulk(b"subscribe"), bulk(channel), integer(len(client.channels))]))
    return b"".join(replies)


@command("unsubscribe", -1, in_subscribed_mode=True)
def unsubscribe(server, client, args):
    channels = args[1:] or list(client.channels)
    if not channels:
        return array([bulk(b"unsubscribe"), bulk(None), integer(0)])
    replies = []
    for channel in channels:
        server.unsubscribe(client, channel)
        replies.append(array([bulk(b"unsubscribe"), bulk(channel), integer(len(client.channels))]))
    return b"".join(replies)


@command("publish", 3)
def publish(server, client, args):
    channel, message = args[1], args[2]
    receivers = list(server.subscribers(channel))
    for receiver in receivers:
        receiver.send(bulk_array([b"message", channel, message]))
    return integer(len(receivers))


# ---------------------------------------------------------------- start-up

async def main() -> None:
    server = Server()
    server.load()  # before accepting anybody: clients never see half the data
    listener = await asyncio.start_server(server.serve, "0.0.0.0", PORT, reuse_address=True)
    async with listener:
        await listener.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
