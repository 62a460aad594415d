"""Step 12: hashes — HSET (several pairs, counts new fields), HGET, HGETALL, HDEL, and wrong
numbers of arguments."""

from codealong import ErrorReply, SimpleString, hint, show, test

WRONGTYPE = ErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value")
FIELDS = ["name", "city", "email", "color", "plan", "lang", "team", "role"]
VALUES = ["Ada", "Lima", "Oslo", "teal", "pro", "basic", "red", "admin", "héllo"]


def random_hash(t, size):
    """{field: value} with ``size`` different fields."""
    return {field: t.random.choice(VALUES) for field in t.random.sample(FIELDS, size)}


def hset_args(fields):
    return [part for pair in fields.items() for part in pair]


def expect_fields(t, c, key, expected):
    """HGETALL key must return exactly ``expected``: field/value pairs in any order."""
    c.send_command("HGETALL", key)
    reply = c.read_reply()
    want = " ".join(f"{show(f)}: {show(v)}" for f, v in sorted(expected.items())) or "no fields"
    if not isinstance(reply, list) or len(reply) % 2 or not all(isinstance(x, bytes) for x in reply):
        t.fail(f"After HGETALL {key}, expected an array of field and value bulk strings ({want}), "
               f"got {reply!r}.",
               "HGETALL replies with one flat array: field1, value1, field2, value2, ... all bulk strings.")
    got = {reply[i].decode("utf-8", "replace"): reply[i + 1].decode("utf-8", "replace")
           for i in range(0, len(reply), 2)}
    if got != expected or len(reply) != 2 * len(expected):
        have = " ".join(f"{show(f)}: {show(v)}" for f, v in sorted(got.items())) or "no fields"
        t.fail(f"After HGETALL {key}, expected the fields {want} (in any order), got {have}.",
               "List every field of the hash once, each followed by its value.")


@test("HSET sets fields and replies with the number of new fields")
def hset_counts_new_fields(t):
    c = t.connect()
    key = t.random_key("user")
    fields = random_hash(t, 3)
    with hint("HSET key field value [field value ...] replies with an integer: how many of the fields "
              "were not in the hash before."):
        c.send_command("HSET", key, *hset_args(fields))
        c.expect_reply(3)
    changed, added = next(iter(fields)), "zipcode"
    with hint("Overwriting a field that exists does not count; only new fields do."):
        c.send_command("HSET", key, changed, "updated", added, "1000")
        c.expect_reply(1)


@test("HGET returns a field's value, or a null bulk string")
def hget(t):
    c = t.connect()
    key = t.random_key("user")
    fields = random_hash(t, 4)
    c.send_command("HSET", key, *hset_args(fields))
    c.expect_reply(4)
    for field, value in fields.items():
        c.send_command("HGET", key, field)
        c.expect_reply(value)
    with hint("The latest HSET of a field wins."):
        field = next(iter(fields))
        c.send_command("HSET", key, field, "changed")
        c.expect_reply(0)
        c.send_command("HGET", key, field)
        c.expect_reply("changed")
    with hint("A missing field, or a missing key, gets the null bulk string $-1\\r\\n."):
        c.send_command("HGET", key, "nosuchfield")
        c.expect_reply(None)
        c.send_command("HGET", t.random_key("missing"), "name")
        c.expect_reply(None)


@test("HGETALL returns every field with its value")
def hgetall(t):
    c = t.connect()
    key = t.random_key("user")
    fields = random_hash(t, t.random.randint(2, 5))
    c.send_command("HSET", key, *hset_args(fields))
    c.expect_reply(len(fields))
    expect_fields(t, c, key, fields)
    with hint("A missing key is an empty hash: HGETALL replies with the empty array *0\\r\\n."):
        c.send_command("HGETALL", t.random_key("missing"))
        c.expect_reply([])


@test("HDEL removes fields and replies with how many it removed")
def hdel(t):
    c = t.connect()
    key = t.random_key("user")
    fields = random_hash(t, 3)
    c.send_command("HSET", key, *hset_args(fields))
    c.expect_reply(3)
    first, second, third = fields
    with hint("HDEL key field [field ...] replies with the number of fields that existed and were removed."):
        c.send_command("HDEL", key, first, "nosuchfield")
        c.expect_reply(1)
    c.send_command("HGET", key, first)
    c.expect_reply(None)
    expect_fields(t, c, key, {second: fields[second], third: fields[third]})
    c.send_command("HDEL", key, second, third)
    c.expect_reply(2)
    with hint("A hash whose last field is removed is deleted: the key no longer exists."):
        c.send_command("EXISTS", key)
        c.expect_reply(0)
    c.send_command("HDEL", key, first)
    c.expect_reply(0)


@test("HSET with a field but no value is an error")
@hint("HSET needs field/value pairs. With an odd number of arguments after the key, reply with an error, "
      "such as -ERR wrong number of arguments for 'hset' command\\r\\n, and change nothing.")
def hset_odd_arguments(t):
    c = t.connect()
    key = t.random_key("user")
    c.send_command("HSET", key, "name", "Ada", "city")
    c.expect_reply(ErrorReply("ERR wrong number of arguments for 'hset' command"))
    c.send_command("EXISTS", key)
    c.expect_reply(0)


@test("TYPE says hash, and other types are rejected with WRONGTYPE")
@hint("A hash key answers only hash commands: GET on it, or HSET on a string or a list, gets "
      "a WRONGTYPE error, such as -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n.")
def wrongtype(t):
    c = t.connect()
    hash_key, text_key, list_key = t.random_key("user"), t.random_key("text"), t.random_key("list")
    c.send_command("HSET", hash_key, "name", "Ada")
    c.expect_reply(1)
    c.send_command("SET", text_key, "hello")
    c.expect_reply(SimpleString("OK"))
    c.send_command("RPUSH", list_key, "a")
    c.expect_reply(1)
    with hint("TYPE replies +hash\\r\\n for a hash."):
        c.send_command("TYPE", hash_key)
        c.expect_reply(SimpleString("hash"))
    for command in (("GET", hash_key), ("LPUSH", hash_key, "x"), ("HSET", text_key, "f", "v"),
                    ("HGET", text_key, "f"), ("HGETALL", list_key), ("HDEL", list_key, "f")):
        c.send_command(*command)
        c.expect_reply(WRONGTYPE)


@test("answers the hash commands with the wrong number of arguments with an error")
def arity(t):
    c = t.connect()
    key = t.random_key("user")
    c.expect_wrong_arity(("HSET", key), ("HSET", key, "name"), ("HGET", key), ("HGET", key, "name", "city"),
                         ("HGETALL",), ("HGETALL", key, key), ("HDEL", key))
