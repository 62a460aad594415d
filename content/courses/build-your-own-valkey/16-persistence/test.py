"""Step 16: persistence — every write is appended to appendonly.aof and replayed at start-up,
so the data survives a restart (SIGTERM, then start the program again)."""

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
    """Write a string, a counter, a list, a hash and a deleted key; return what to check."""
    s = {
        "text": t.random_key("greeting"), "counter": t.random_key("visits"), "list": t.random_key("queue"),
        "hash": t.random_key("user"), "gone": t.random_key("temp"),
        "word": t.random_word(), "items": t.random.sample(["apple", "mango", "otter", "panda", "zebra"], 4),
        "count": t.random.randint(2, 5),
    }
    c.send_command("SET", s["text"], s["word"])
    c.expect_reply(OK)
    for n in range(1, s["count"] + 1):
        c.send_command("INCR", s["counter"])
        c.expect_reply(n)
    c.send_command("RPUSH", s["list"], *s["items"])
    c.expect_reply(4)
    c.send_command("LPOP", s["list"])
    c.expect_reply(s["items"][0])
    c.send_command("HSET", s["hash"], "name", "Ada", "city", "Lima")
    c.expect_reply(2)
    c.send_command("HSET", s["hash"], "city", "Oslo")
    c.expect_reply(0)
    c.send_command("SET", s["gone"], "soon deleted")
    c.expect_reply(OK)
    c.send_command("DEL", s["gone"])
    c.expect_reply(1)
    return s


def check_sample(t, c, s, lost=LOST):
    """Read back what write_sample wrote; ``lost`` is the hint when something differs."""
    with hint(lost):
        c.send_command("GET", s["text"])
        c.expect_reply(s["word"])
        c.send_command("GET", s["counter"])
        c.expect_reply(str(s["count"]))
        c.send_command("LRANGE", s["list"], 0, -1)
        c.expect_reply(s["items"][1:])
    expect_hash(t, c, s["hash"], {"name": "Ada", "city": "Oslo"}, lost)
    with hint("Deleting is a write too: append DEL to the file, or the key comes back after a restart."):
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
        c.expect_reply(4)
    t.restart_program()
    c = t.connect()
    c.send_command("LRANGE", sample["list"], 0, -1)
    c.expect_reply([*sample["items"][1:], "late"])
