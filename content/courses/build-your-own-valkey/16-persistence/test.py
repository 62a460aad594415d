"""Step 16: persistence — every write (SET, DEL, INCR, DECR, RPUSH, LPUSH, LPOP, BLPOP, HSET,
HDEL, ZADD, ZREM, and those of a transaction) is appended to appendonly.aof and replayed at
start-up, so the data survives a restart (SIGTERM, then start the program again)."""

from codealong import SimpleString, hint, show, test

OK = SimpleString("OK")
LOST = ("After the restart the data was gone or different. Append every command that changes data "
        "(SET, DEL, INCR, RPUSH, HSET, ...) to appendonly.aof as it runs, flush the file each time, and "
        "replay the file's commands when the program starts, before accepting clients.")


TWICE = ("After two restarts the data was different. Replaying the file at start-up must not append the "
         "replayed commands to it again (each restart would repeat them: a counter doubles, a list grows), "
         "and must not empty it either: open it for appending, not for writing.")


def expect_hash(t, c, key, expected, lost):
    """HGETALL key must return exactly the fields of ``expected``, in any order."""
    c.send_command("HGETALL", key)
    reply = c.read_reply()
    pairs = {}
    if isinstance(reply, list) and len(reply) % 2 == 0:
        pairs = {reply[i]: reply[i + 1] for i in range(0, len(reply), 2)}
    want = {f.encode(): v.encode() for f, v in expected.items()}
    if pairs != want or len(reply) != 2 * len(want):
        t.fail(f"After the restart, HGETALL {key} should return "
               f"{', '.join(f'{show(f)}: {show(v)}' for f, v in expected.items())} (in any order), "
               f"but it returned {reply!r}.", lost)


def write_sample(t, c):
    """Change data with every write command of the course (BLPOP too, at once and after a wait)
    and return what to check after a restart."""
    s = {
        "text": t.random_key("greeting"), "counter": t.random_key("visits"), "list": t.random_key("queue"),
        "jobs": t.random_key("jobs"), "hash": t.random_key("user"), "board": t.random_key("board"),
        "gone": t.random_key("temp"), "word": t.random_word(),
        "items": t.random.sample(["apple", "mango", "otter", "panda", "zebra"], 4),
        "count": t.random.randint(3, 6),
    }
    c.send_command("SET", s["text"], s["word"])
    c.expect_reply(OK)
    for n in range(1, s["count"] + 1):
        c.send_command("INCR", s["counter"])
        c.expect_reply(n)
    c.send_command("DECR", s["counter"])
    c.expect_reply(s["count"] - 1)
    c.send_command("RPUSH", s["list"], *s["items"])
    c.expect_reply(4)
    c.send_command("LPOP", s["list"])
    c.expect_reply(s["items"][0])
    c.send_command("LPUSH", s["list"], "front")
    c.expect_reply(4)
    c.send_command("BLPOP", s["list"], 1)  # pops "front" at once
    c.expect_reply([s["list"], "front"])
    waiter = t.connect()
    waiter.send_command("BLPOP", s["jobs"], 0)
    waiter.expect_nothing(0.05, why="the list is empty, so BLPOP waits")
    c.send_command("RPUSH", s["jobs"], "first", "second")
    c.expect_reply(2)
    waiter.expect_reply([s["jobs"], "first"], timeout=3)  # the waiter took "first": "second" stays
    c.send_command("HSET", s["hash"], "name", "Ada", "city", "Lima", "plan", "pro")
    c.expect_reply(3)
    c.send_command("HSET", s["hash"], "city", "Oslo")
    c.expect_reply(0)
    c.send_command("HDEL", s["hash"], "plan")
    c.expect_reply(1)
    c.send_command("ZADD", s["board"], 1, "ada", 2, "bob", 3, "cy")
    c.expect_reply(3)
    c.send_command("ZADD", s["board"], 5, "ada")
    c.expect_reply(0)
    c.send_command("ZREM", s["board"], "bob")
    c.expect_reply(1)
    c.send_command("SET", s["gone"], "soon deleted")
    c.expect_reply(OK)
    c.send_command("DEL", s["gone"])
    c.expect_reply(1)
    return s


def check_sample(t, c, s, lost=None):
    """Read back what write_sample wrote. ``lost`` is the hint when something differs; without
    it each check names the commands whose writes it needs."""
    with hint(lost or LOST):
        c.send_command("GET", s["text"])
        c.expect_reply(s["word"])
    with hint(lost or "INCR and DECR change data too: append each of them to the file."):
        c.send_command("GET", s["counter"])
        c.expect_reply(str(s["count"] - 1))
    with hint(lost or "LPUSH, LPOP and BLPOP change lists too: append each of them to the file (BLPOP as the "
                      "LPOP it did, since replaying a BLPOP could wait or pop something else)."):
        c.send_command("LRANGE", s["list"], 0, -1)
        c.expect_reply(s["items"][1:])
    with hint(lost or "A BLPOP that waited and then took a pushed value changed the list too: when a push "
                      "serves a waiting client, append the LPOP it did."):
        c.send_command("LRANGE", s["jobs"], 0, -1)
        c.expect_reply(["second"])
    expect_hash(t, c, s["hash"], {"name": "Ada", "city": "Oslo"},
                lost or "HSET and HDEL change hashes: append each of them to the file.")
    with hint(lost or "ZADD and ZREM change sorted sets: append each of them to the file."):
        c.send_command("ZRANGE", s["board"], 0, -1, "WITHSCORES")
        c.expect_reply(["cy", "3", "ada", "5"])
    with hint(lost or "Deleting is a write too: append DEL to the file, or the key comes back after a restart."):
        c.send_command("EXISTS", s["gone"])
        c.expect_reply(0)


@test("data written before a restart is there after it")
def survives_restart(t):
    c = t.connect()
    sample = write_sample(t, c)
    t.restart_program()
    c = t.connect()
    check_sample(t, c, sample)


@test("a transaction's writes survive a restart")
@hint("Commands run by EXEC change data too: append each of them to the file (or the whole MULTI ... EXEC).")
def transaction_survives(t):
    c = t.connect()
    key, log = t.random_key("balance"), t.random_key("log")
    c.send_command("MULTI")
    c.expect_reply(OK)
    for command in (("SET", key, 10), ("INCR", key), ("RPUSH", log, "deposit")):
        c.send_command(*command)
        c.expect_reply(SimpleString("QUEUED"))
    c.send_command("EXEC")
    c.expect_reply([OK, 11, 1])
    t.restart_program()
    c = t.connect()
    c.send_command("GET", key)
    c.expect_reply("11")
    c.send_command("LRANGE", log, 0, -1)
    c.expect_reply(["deposit"])


@test("restarting twice neither loses nor repeats writes", hint=TWICE)
def restart_twice(t):
    c = t.connect()
    sample = write_sample(t, c)
    t.restart_program()
    t.restart_program()
    c = t.connect()
    check_sample(t, c, sample, TWICE)
    with hint("After a restart, new writes are appended after the replayed ones."):
        c.send_command("RPUSH", sample["list"], "late")
        c.expect_reply(len(sample["items"]))
    t.restart_program()
    c = t.connect()
    c.send_command("LRANGE", sample["list"], 0, -1)
    c.expect_reply([*sample["items"][1:], "late"])
