"""A Valkey-compatible server with a thread per client and a hand-rolled byte buffer.

An independent learner's take on "Build your own Valkey" (all 16 steps), written from the
step instructions and from how the real valkey-server answers. Style:

* ``accept()`` in a loop, one daemon thread per connection; each connection keeps its unread
  input in a ``bytearray`` and parses as many complete commands as it holds before sending
  all their replies in one ``sendall``.
* Commands are methods ``cmd_<name>`` of the connection's ``Session``, found with getattr;
  they *write* their reply into the session's output buffer. EXEC writes ``*<n>`` and then
  simply runs the queued commands, whose replies follow one after another.
* One ``threading.RLock`` guards all data. A command runs holding it; EXEC holds it for the
  whole queue, so no other client runs anything in between.
* A blocked BLPOP waits on a ``threading.Event`` without the lock; while waiting it keeps
  reading the socket (without blocking) so that a client that hangs up stops waiting.
* Sorted sets keep a list of (score, member) sorted with ``bisect``.
* Writes are appended to ``appendonly.aof`` and flushed, under the lock, in the order they
  ran; the file is replayed at start-up through the same sessions, with nothing sent.

Error messages use this server's own wording; their first word (ERR, WRONGTYPE, EXECABORT)
is what clients depend on and matches Valkey.
"""

import bisect
import math
import os
import re
import socket
import threading
import time
from collections import deque

PORT = 6379
AOF_PATH = "appendonly.aof"

# Valkey's arity convention: n = exactly n words (the name included), -n = at least n.
ARITY = {
    "ping": -1, "echo": 2, "quit": -1,
    "set": -3, "get": 2, "del": -2, "exists": -2, "incr": 2, "decr": 2, "incrby": 3, "decrby": 3,
    "type": 2, "keys": 2, "flushall": -1,
    "rpush": -3, "lpush": -3, "lrange": 4, "llen": 2, "lpop": -2, "rpop": -2, "blpop": -3,
    "hset": -4, "hget": 3, "hgetall": 2, "hdel": -3, "hlen": 2,
    "zadd": -4, "zrange": -4, "zrank": -3, "zscore": 3, "zcard": 2, "zrem": -3,
    "multi": 1, "exec": 1, "discard": 1,
    "subscribe": -2, "unsubscribe": -1, "publish": 3,
}
ALLOWED_WHILE_SUBSCRIBED = {"subscribe", "unsubscribe", "ping", "quit"}
NOT_QUEUED = {"multi", "exec", "discard", "quit"}

WRONGTYPE = "WRONGTYPE key holds a value of another type"
NOT_AN_INTEGER = "ERR expected an integer"
NOT_A_FLOAT = "ERR expected a floating point number"


class Refused(Exception):
    """A command's error reply; the message starts with the error code."""


class Hangup(Exception):
    """The client is gone."""


def now_ms():
    return int(time.time() * 1000)


def to_int(raw, message=NOT_AN_INTEGER):
    """Strict, like Valkey: -?digits without leading zeros, within 64 bits."""
    if not re.fullmatch(rb"0|-?[1-9][0-9]{0,18}", raw):
        raise Refused(message)
    value = int(raw)
    if not -2 ** 63 <= value < 2 ** 63:
        raise Refused(message)
    return value


def to_float(raw, message=NOT_A_FLOAT):
    word = raw.lower().lstrip(b"+-")
    if word in (b"inf", b"infinity"):
        return -math.inf if raw.startswith(b"-") else math.inf
    if not re.fullmatch(rb"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", raw):
        raise Refused(message)
    value = float(raw)
    if math.isinf(value):
        raise Refused(message)
    return value


def score_text(score):
    if math.isinf(score):
        return b"inf" if score > 0 else b"-inf"
    if score.is_integer() and abs(score) < 2 ** 53:
        return str(int(score)).encode()
    return repr(score).encode()


def glob_to_regex(pattern):
    """KEYS patterns (* ? [..] [^..] [a-z] \\x) as a bytes regular expression."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i:i + 1]
        if c == b"*":
            out.append(b".*")
        elif c == b"?":
            out.append(b".")
        elif c == b"\\" and i + 1 < len(pattern):
            i += 1
            out.append(re.escape(pattern[i:i + 1]))
        elif c == b"[":
            end = i + 1
            while end < len(pattern) and pattern[end:end + 1] != b"]":
                end += 2 if pattern[end:end + 1] == b"\\" else 1
            body = pattern[i + 1:end]
            negate = body.startswith(b"^")
            if negate:
                body = body[1:]
            members, j = [], 0
            while j < len(body):
                if body[j:j + 1] == b"\\" and j + 1 < len(body):
                    members.append(re.escape(body[j + 1:j + 2]))
                    j += 2
                elif j + 2 < len(body) and body[j + 1:j + 2] == b"-":
                    low, high = sorted((body[j], body[j + 2]))
                    members.append(b"\\x%02x-\\x%02x" % (low, high))
                    j += 3
                else:
                    members.append(re.escape(body[j:j + 1]))
                    j += 1
            if members:
                out.append(b"[" + (b"^" if negate else b"") + b"".join(members) + b"]")
            else:
                out.append(b"." if negate else b"(?!)")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile(b"".join(out), re.DOTALL)


class ZSet:
    def __init__(self):
        self.scores = {}   # member -> score
        self.sorted = []   # [(score, member)], kept in order

    def add(self, member, score):
        old = self.scores.get(member)
        if old is not None:
            self.sorted.pop(bisect.bisect_left(self.sorted, (old, member)))
        self.scores[member] = score
        bisect.insort(self.sorted, (score, member))

    def remove(self, member):
        score = self.scores.pop(member, None)
        if score is None:
            return False
        self.sorted.pop(bisect.bisect_left(self.sorted, (score, member)))
        return True

    def rank(self, member):
        return bisect.bisect_left(self.sorted, (self.scores[member], member))

    def __len__(self):
        return len(self.scores)


KIND = {bytes: "string", deque: "list", dict: "hash", ZSet: "zset"}


class Waiter:
    def __init__(self, session, keys):
        self.session = session
        self.keys = keys
        self.event = threading.Event()
        self.result = None  # (key, value) once served


class Server:
    def __init__(self):
        self.lock = threading.RLock()
        self.data = {}       # key -> bytes | deque | dict | ZSet
        self.deadline = {}   # key -> unix ms
        self.waiting = {}    # key -> deque of Waiter
        self.ready = []      # keys pushed to while clients wait on them
        self.channels = {}   # channel -> set of Session
        self.replaying = False
        self.aof = None

    # --- keys

    def find(self, key, kind=None):
        if key in self.deadline and not self.replaying and now_ms() >= self.deadline[key]:
            self.forget(key)
            self.append(b"DEL", key)
        value = self.data.get(key)
        if value is not None and kind is not None and type(value) is not kind:
            raise Refused(WRONGTYPE)
        return value

    def forget(self, key):
        self.deadline.pop(key, None)
        return self.data.pop(key, None) is not None

    def store(self, key, value, deadline=None, keep_deadline=False):
        self.data[key] = value
        if deadline is not None:
            self.deadline[key] = deadline
        elif not keep_deadline:
            self.deadline.pop(key, None)

    def drop_if_empty(self, key):
        if not self.data.get(key):
            self.forget(key)

    # --- append-only file

    def append(self, *args):
        if self.aof is not None and not self.replaying:
            self.aof.write(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args))
            self.aof.flush()

    def replay(self):
        if os.path.exists(AOF_PATH):
            with open(AOF_PATH, "rb") as f:
                pending = bytearray(f.read())
            session = Session(self, None)
            self.replaying = True
            try:
                for args in session.parse(pending):  # a cut-off last command stays in pending
                    session.run(args)
                    session.out.clear()
            except ValueError:
                pass  # a damaged file: keep what came before the damage
            finally:
                self.replaying = False
                self.ready.clear()
        self.aof = open(AOF_PATH, "ab")

    # --- BLPOP

    def serve_ready(self):
        while self.ready:
            self.pushed(self.ready.pop(0))

    def pushed(self, key):
        """Serve the clients waiting on key, longest waiting first, while the list has items."""
        queue = self.waiting.get(key)
        while queue:
            items = self.find(key)
            if not isinstance(items, deque) or not items:
                return
            waiter = queue[0]
            self.stop_waiting(waiter)
            if waiter.session.hung_up():  # it would take the value with it: skip it (and wake it)
                waiter.event.set()
                queue = self.waiting.get(key)
                continue
            waiter.result = (key, items.popleft())
            self.drop_if_empty(key)
            self.append(b"LPOP", key)
            waiter.event.set()
            queue = self.waiting.get(key)

    def stop_waiting(self, waiter):
        for key in set(waiter.keys):
            queue = self.waiting.get(key)
            if queue and waiter in queue:
                queue.remove(waiter)
                if not queue:
                    del self.waiting[key]


class Session:
    """One client connection (or the file replay, with ``sock`` None)."""

    def __init__(self, server, sock):
        self.server = server
        self.sock = sock
        self.out = bytearray()
        self.send_lock = threading.Lock()
        self.inbox = bytearray()
        self.queue = None          # list of commands inside MULTI
        self.queue_broken = False
        self.executing = False
        self.subscriptions = set()
        self.closing = False

    # --- replies, written into self.out

    def simple(self, text):
        self.out += b"+" + text + b"\r\n"

    def error(self, text):
        self.out += b"-" + re.sub(r"[\r\n]+", " ", text).encode() + b"\r\n"  # one line, always

    def integer(self, n):
        self.out += b":%d\r\n" % n

    def bulk(self, data):
        self.out += b"$-1\r\n" if data is None else b"$%d\r\n%s\r\n" % (len(data), data)

    def header(self, count):
        self.out += b"*%d\r\n" % count

    def bulks(self, items):
        self.header(len(items))
        for item in items:
            self.bulk(item)

    def push_to_client(self, data):
        """Send bytes now, from any thread (pub/sub messages)."""
        if self.sock is not None:
            with self.send_lock:
                try:
                    self.sock.sendall(data)
                except OSError:
                    pass

    def flush(self):
        if self.out:
            data, self.out = bytes(self.out), bytearray()
            self.push_to_client(data)

    # --- input

    def parse(self, buf):
        """Take every complete command off the front of buf."""
        commands, pos = [], 0
        while pos < len(buf):
            if buf[pos:pos + 1] != b"*":
                end = buf.find(b"\n", pos)
                if end < 0:
                    break
                words = bytes(buf[pos:end]).split()
                pos = end + 1
                if words:
                    commands.append(words)
                continue
            end = buf.find(b"\r\n", pos)
            if end < 0:
                break
            count = int(buf[pos + 1:end])
            cursor, args = end + 2, []
            while len(args) < count:
                end = buf.find(b"\r\n", cursor)
                if end < 0:
                    break
                if buf[cursor:cursor + 1] != b"$":
                    raise ValueError("expected a bulk string")
                size = int(buf[cursor + 1:end])
                if size < 0:
                    raise ValueError("negative bulk length")
                if len(buf) < end + 2 + size + 2:
                    break
                args.append(bytes(buf[end + 2:end + 2 + size]))
                cursor = end + 2 + size + 2
            if len(args) < count:
                break
            pos = cursor
            if args:
                commands.append(args)
        del buf[:pos]
        return commands

    def serve(self):
        try:
            while not self.closing:
                try:
                    commands = self.parse(self.inbox)
                except ValueError:
                    self.error("ERR Protocol error")
                    break
                if not commands:  # nothing complete yet (commands read while blocked count too)
                    self.flush()
                    data = self.sock.recv(65536)
                    if not data:
                        break
                    self.inbox += data
                    continue
                for args in commands:
                    self.handle(args)
                    if self.closing:
                        break
        except (OSError, Hangup):
            pass
        finally:
            self.flush()
            with self.server.lock:
                for channel in list(self.subscriptions):
                    self.leave(channel)
            self.sock.close()

    # --- running commands

    def handle(self, args):
        """A command from the socket: run it, or wait if it is a BLPOP that must block."""
        with self.server.lock:
            waiter = self.run(args)
            self.server.serve_ready()
            if self.subscriptions or args[0].lower() == b"unsubscribe":
                # Published messages go straight to the socket: send what precedes them first.
                self.flush()
        if waiter is not None:
            self.wait(waiter)

    def run(self, args):
        name = args[0].decode("latin1").lower()
        arity = ARITY.get(name)
        if arity is None or (len(args) != arity if arity > 0 else len(args) < -arity):
            if self.queue is not None:
                self.queue_broken = True
            if arity is None:
                return self.error(f"ERR unknown command '{args[0].decode('utf-8', 'replace')}'")
            code = "EXECABORT" if name == "exec" else "ERR"
            return self.error(f"{code} {name.upper()}: wrong number of arguments")
        if self.subscriptions and name not in ALLOWED_WHILE_SUBSCRIBED:
            return self.error(f"ERR {name.upper()} is not allowed in subscribed mode")
        if self.queue is not None and name not in NOT_QUEUED:
            self.queue.append(args)
            return self.simple(b"QUEUED")
        mark = len(self.out)
        try:
            return getattr(self, "cmd_" + name)(*args[1:])
        except Refused as refusal:
            del self.out[mark:]  # nothing half-written
            self.error(str(refusal))

    def wait(self, waiter):
        """Block without the lock until a push serves us, the timeout passes, or we hang up."""
        deadline = None if waiter.timeout == 0 else time.monotonic() + waiter.timeout
        self.flush()
        try:
            while not waiter.event.wait(0.05):
                if deadline is not None and time.monotonic() >= deadline:
                    break
                self.read_while_blocked()
        finally:
            with self.server.lock:
                if waiter.result is None:
                    self.server.stop_waiting(waiter)
        if waiter.result is None:
            self.out += b"*-1\r\n"
        else:
            self.bulks(list(waiter.result))

    def hung_up(self):
        """Has the client closed its connection? (Looks without taking any bytes.)"""
        try:
            return self.sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True

    def read_while_blocked(self):
        """Keep the client's next commands in the inbox; notice if it hung up."""
        try:
            data = self.sock.recv(65536, socket.MSG_DONTWAIT)
        except BlockingIOError:
            return
        if not data:
            raise Hangup()
        self.inbox += data

    # --- connection

    def cmd_ping(self, *message):
        if len(message) > 1:
            raise Refused("ERR PING: wrong number of arguments")
        if self.subscriptions:
            return self.bulks([b"pong", message[0] if message else b""])
        if message:
            return self.bulk(message[0])
        self.simple(b"PONG")

    def cmd_echo(self, message):
        self.bulk(message)

    def cmd_quit(self, *ignored):
        self.simple(b"OK")
        self.closing = True

    # --- strings

    def cmd_set(self, key, value, *options):
        srv = self.server
        deadline, keep, only, give_old, seen_time = None, False, None, False, False
        words = list(options)
        while words:
            word = words.pop(0).upper()
            if word in (b"EX", b"PX", b"EXAT", b"PXAT") and not seen_time and not keep and words:
                amount = words.pop(0)
                seen_time = (word, amount)
            elif word == b"KEEPTTL" and not seen_time:
                keep = True
            elif word in (b"NX", b"XX") and only in (None, word):
                only = word
            elif word == b"GET":
                give_old = True
            else:
                raise Refused("ERR syntax error")
        if seen_time:
            word, amount = seen_time
            n = to_int(amount)
            ms = n * 1000 if word in (b"EX", b"EXAT") else n
            if word in (b"EX", b"PX"):
                ms += now_ms()
            if n <= 0 or ms >= 2 ** 63:
                raise Refused("ERR bad expire time")
            deadline = ms
        old = srv.find(key)
        if give_old and old is not None and type(old) is not bytes:
            raise Refused(WRONGTYPE)
        if (only == b"NX" and old is not None) or (only == b"XX" and old is None):
            return self.bulk(old) if give_old else self.bulk(None)
        srv.store(key, value, deadline, keep)
        if deadline is not None:
            srv.append(b"SET", key, value, b"PXAT", b"%d" % deadline)
        elif keep:
            srv.append(b"SET", key, value, b"KEEPTTL")
        else:
            srv.append(b"SET", key, value)
        if give_old:
            return self.bulk(old)
        self.simple(b"OK")

    def cmd_get(self, key):
        self.bulk(self.server.find(key, bytes))

    def cmd_del(self, *keys):
        gone = [k for k in keys if self.server.find(k) is not None and self.server.forget(k)]
        if gone:
            self.server.append(b"DEL", *gone)
        self.integer(len(gone))

    def cmd_exists(self, *keys):
        self.integer(sum(self.server.find(k) is not None for k in keys))

    def change_counter(self, key, by, command):
        srv = self.server
        current = srv.find(key, bytes)
        result = (0 if current is None else to_int(current)) + by
        if not -2 ** 63 <= result < 2 ** 63:
            raise Refused("ERR counter would overflow")
        srv.store(key, str(result).encode(), keep_deadline=True)
        srv.append(*command)
        self.integer(result)

    def cmd_incr(self, key):
        self.change_counter(key, 1, (b"INCR", key))

    def cmd_decr(self, key):
        self.change_counter(key, -1, (b"DECR", key))

    def cmd_incrby(self, key, by):
        self.change_counter(key, to_int(by), (b"INCRBY", key, by))

    def cmd_decrby(self, key, by):
        self.change_counter(key, -to_int(by), (b"DECRBY", key, by))

    def cmd_type(self, key):
        value = self.server.find(key)
        self.simple(b"none" if value is None else KIND[type(value)].encode())

    def cmd_keys(self, pattern):
        regex = glob_to_regex(pattern)
        self.bulks([k for k in list(self.server.data) if regex.fullmatch(k) and self.server.find(k) is not None])

    def cmd_flushall(self, *ignored):
        self.server.data.clear()
        self.server.deadline.clear()
        self.server.append(b"FLUSHALL")
        self.simple(b"OK")

    # --- lists

    def push(self, command, key, values, left):
        srv = self.server
        items = srv.find(key, deque)
        if items is None:
            items = deque()
            srv.store(key, items)
        if left:
            items.extendleft(values)
        else:
            items.extend(values)
        srv.append(command, key, *values)
        self.integer(len(items))
        if key in srv.waiting:
            srv.ready.append(key)  # served once the whole command (or EXEC) is done

    def cmd_rpush(self, key, *values):
        self.push(b"RPUSH", key, values, left=False)

    def cmd_lpush(self, key, *values):
        self.push(b"LPUSH", key, values, left=True)

    def cmd_lrange(self, key, start, stop):
        first, last = to_int(start), to_int(stop)
        items = self.server.find(key, deque) or ()
        n = len(items)
        first = max(first + n, 0) if first < 0 else first
        last = min(last + n if last < 0 else last, n - 1)
        self.bulks([items[i] for i in range(first, last + 1)])

    def cmd_llen(self, key):
        self.integer(len(self.server.find(key, deque) or ()))

    def pop(self, command, key, count, left):
        if len(count) > 1:
            raise Refused("ERR syntax error")
        n = None
        if count:
            try:
                n = to_int(count[0])
            except Refused:
                n = -1
            if n < 0:
                raise Refused("ERR count must be zero or more")
        srv = self.server
        items = srv.find(key, deque)
        if items is None:
            return self.bulk(None) if n is None else self.header(-1)
        taken = [items.popleft() if left else items.pop() for _ in range(min(1 if n is None else n, len(items)))]
        srv.drop_if_empty(key)
        if taken:
            srv.append(command, key, *count)
        if n is None:
            return self.bulk(taken[0])
        self.bulks(taken)

    def cmd_lpop(self, key, *count):
        self.pop(b"LPOP", key, count, left=True)

    def cmd_rpop(self, key, *count):
        self.pop(b"RPOP", key, count, left=False)

    def cmd_blpop(self, *keys_and_timeout):
        *keys, timeout = keys_and_timeout
        seconds = to_float(timeout, "ERR timeout must be a number")
        if seconds < 0 or math.isinf(seconds):
            raise Refused("ERR timeout must be zero or positive and finite")
        srv = self.server
        for key in keys:
            items = srv.find(key, deque)
            if items:
                value = items.popleft()
                srv.drop_if_empty(key)
                srv.append(b"LPOP", key)
                return self.bulks([key, value])
        if self.executing or self.sock is None:
            return self.header(-1)  # never blocks inside a transaction
        waiter = Waiter(self, keys)
        waiter.timeout = seconds
        for key in dict.fromkeys(keys):
            srv.waiting.setdefault(key, deque()).append(waiter)
        return waiter

    # --- hashes

    def cmd_hset(self, key, *pairs):
        if len(pairs) % 2:
            raise Refused("ERR HSET: wrong number of arguments")
        srv = self.server
        fields = srv.find(key, dict)
        if fields is None:
            fields = {}
            srv.store(key, fields)
        new = 0
        for i in range(0, len(pairs), 2):
            new += pairs[i] not in fields
            fields[pairs[i]] = pairs[i + 1]
        srv.append(b"HSET", key, *pairs)
        self.integer(new)

    def cmd_hget(self, key, field):
        self.bulk((self.server.find(key, dict) or {}).get(field))

    def cmd_hgetall(self, key):
        fields = self.server.find(key, dict) or {}
        self.bulks([x for pair in fields.items() for x in pair])

    def cmd_hdel(self, key, *names):
        srv = self.server
        fields = srv.find(key, dict) or {}
        removed = [n for n in dict.fromkeys(names) if fields.pop(n, None) is not None]
        srv.drop_if_empty(key)
        if removed:
            srv.append(b"HDEL", key, *names)
        self.integer(len(removed))

    def cmd_hlen(self, key):
        self.integer(len(self.server.find(key, dict) or {}))

    # --- sorted sets

    def cmd_zadd(self, key, *rest):
        flags, rest = set(), list(rest)
        while rest and rest[0].upper() in (b"NX", b"XX", b"GT", b"LT", b"CH", b"INCR"):
            flags.add(rest.pop(0).upper())
        if not rest or len(rest) % 2:
            raise Refused("ERR syntax error")
        if {b"NX", b"XX"} <= flags or len(flags & {b"NX", b"GT", b"LT"}) > 1:
            raise Refused("ERR incompatible ZADD options")
        if b"INCR" in flags and len(rest) != 2:
            raise Refused("ERR ZADD INCR takes one score and member")
        pairs = [(to_float(rest[i]), rest[i + 1]) for i in range(0, len(rest), 2)]
        srv = self.server
        zset = srv.find(key, ZSet)
        fresh = zset is None
        if fresh:
            zset = ZSet()
        added = changed = 0
        last = None
        for score, member in pairs:
            old = zset.scores.get(member)
            if b"INCR" in flags and old is not None:
                score += old
                if math.isnan(score):
                    raise Refused("ERR resulting score is NaN")
            if old is None:
                if b"XX" in flags:
                    continue
                added += 1
            elif (b"NX" in flags or (b"GT" in flags and score <= old)
                  or (b"LT" in flags and score >= old)):
                continue
            elif score != old:
                changed += 1
            zset.add(member, score)
            last = score
        if fresh and len(zset):
            srv.store(key, zset)
        if added or changed:
            srv.append(b"ZADD", key, *[f for f in (b"NX", b"XX", b"GT", b"LT", b"CH", b"INCR") if f in flags], *rest)
        if b"INCR" in flags:
            return self.bulk(None if last is None else score_text(last))
        self.integer(added + changed if b"CH" in flags else added)

    def cmd_zrange(self, key, start, stop, *options):
        first, last = to_int(start), to_int(stop)
        opts = [o.upper() for o in options]
        if any(o not in (b"WITHSCORES", b"REV") for o in opts):
            raise Refused("ERR syntax error")
        zset = self.server.find(key, ZSet) or ZSet()
        ordered = zset.sorted[::-1] if b"REV" in opts else zset.sorted
        n = len(ordered)
        first = max(first + n, 0) if first < 0 else first
        last = min(last + n if last < 0 else last, n - 1)
        out = []
        for score, member in ordered[first:last + 1] if first <= last else []:
            out.append(member)
            if b"WITHSCORES" in opts:
                out.append(score_text(score))
        self.bulks(out)

    def cmd_zrank(self, key, member, *option):
        with_score = bool(option)
        if len(option) > 1 or (option and option[0].upper() != b"WITHSCORE"):
            raise Refused("ERR syntax error")
        zset = self.server.find(key, ZSet)
        if zset is None or member not in zset.scores:
            return self.header(-1) if with_score else self.bulk(None)
        if with_score:
            self.header(2)
            self.integer(zset.rank(member))
            return self.bulk(score_text(zset.scores[member]))
        self.integer(zset.rank(member))

    def cmd_zscore(self, key, member):
        score = (self.server.find(key, ZSet) or ZSet()).scores.get(member)
        self.bulk(None if score is None else score_text(score))

    def cmd_zcard(self, key):
        self.integer(len(self.server.find(key, ZSet) or ()))

    def cmd_zrem(self, key, *members):
        srv = self.server
        zset = srv.find(key, ZSet)
        removed = 0 if zset is None else sum(zset.remove(m) for m in dict.fromkeys(members))
        if zset is not None:
            srv.drop_if_empty(key)
        if removed:
            srv.append(b"ZREM", key, *members)
        self.integer(removed)

    # --- transactions

    def cmd_multi(self):
        if self.queue is not None:
            self.queue_broken = True
            raise Refused("ERR MULTI inside MULTI")
        self.queue, self.queue_broken = [], False
        self.simple(b"OK")

    def cmd_exec(self):
        if self.queue is None:
            raise Refused("ERR EXEC needs MULTI first")
        queued, broken = self.queue, self.queue_broken
        self.queue, self.queue_broken = None, False
        if broken:
            raise Refused("EXECABORT transaction dropped: a command was refused while queueing")
        self.header(len(queued))
        self.executing = True
        try:
            for args in queued:  # the lock is held for the whole loop (an RLock: run() takes it again)
                self.run(args)
        finally:
            self.executing = False

    def cmd_discard(self):
        if self.queue is None:
            raise Refused("ERR DISCARD needs MULTI first")
        self.queue, self.queue_broken = None, False
        self.simple(b"OK")

    # --- pub/sub

    def cmd_subscribe(self, *channels):
        for channel in channels:
            self.subscriptions.add(channel)
            self.server.channels.setdefault(channel, set()).add(self)
            self.header(3)
            self.bulk(b"subscribe")
            self.bulk(channel)
            self.integer(len(self.subscriptions))

    def leave(self, channel):
        self.subscriptions.discard(channel)
        members = self.server.channels.get(channel)
        if members is not None:
            members.discard(self)
            if not members:
                del self.server.channels[channel]

    def cmd_unsubscribe(self, *channels):
        if not channels and not self.subscriptions:
            self.header(3)
            self.bulk(b"unsubscribe")
            self.bulk(None)
            return self.integer(0)
        for channel in channels or list(self.subscriptions):
            self.leave(channel)
            self.header(3)
            self.bulk(b"unsubscribe")
            self.bulk(channel)
            self.integer(len(self.subscriptions))

    def cmd_publish(self, channel, message):
        message_bytes = b"*3\r\n$7\r\nmessage\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (
            len(channel), channel, len(message), message)
        receivers = list(self.server.channels.get(channel, ()))
        for receiver in receivers:
            receiver.push_to_client(message_bytes)
        self.integer(len(receivers))


def main():
    server = Server()
    server.replay()  # before listening: no client sees half the data
    listener = socket.create_server(("0.0.0.0", PORT), reuse_port=False)
    listener.listen(128)
    while True:
        sock, _ = listener.accept()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=Session(server, sock).serve, daemon=True).start()


if __name__ == "__main__":
    main()
