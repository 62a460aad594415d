"""Step 10: lists — RPUSH, LPUSH, LRANGE (negative indexes, clamping), LLEN, LPOP, WRONGTYPE
(an expired key of another type is no longer in the way), and wrong numbers of arguments."""

import time

from codealong import ErrorReply, SimpleString, hint, test

WRONGTYPE = ErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value")


def words(t, count):
    """``count`` different random values, e.g. ["mango", "otter", ...]."""
    return t.random.sample(["apple", "banana", "cherry", "grape", "lemon", "mango", "otter",
                            "panda", "tiger", "zebra", "koala", "heron"], count)


@test("RPUSH appends values and replies with the new length")
def rpush_replies_with_the_length(t):
    c = t.connect()
    key = t.random_key("list")
    first, second, third = words(t, 3)
    with hint("RPUSH replies with an integer: the length of the list after the push (:1\\r\\n, then :3\\r\\n)."):
        c.send_command("RPUSH", key, first)
        c.expect_reply(1)
    with hint("RPUSH takes any number of values after the key; push them all and reply with the new length."):
        c.send_command("RPUSH", key, second, third)
        c.expect_reply(3)


@test("LRANGE 0 -1 returns the whole list, first to last")
def lrange_whole_list(t):
    c = t.connect()
    key = t.random_key("list")
    values = words(t, 4)
    c.send_command("RPUSH", key, *values)
    c.expect_reply(4)
    with hint("LRANGE replies with an array of bulk strings: *4\\r\\n$5\\r\\napple\\r\\n... in list order; "
              "-1 means the last element."):
        c.send_command("LRANGE", key, 0, -1)
        c.expect_reply(values)
    with hint("The stop index of LRANGE is inclusive: LRANGE key 0 1 returns two elements."):
        c.send_command("LRANGE", key, 0, 1)
        c.expect_reply(values[:2])
        c.send_command("LRANGE", key, 1, 2)
        c.expect_reply(values[1:3])


@test("LPUSH inserts each value at the head, one after another")
def lpush_prepends(t):
    c = t.connect()
    key = t.random_key("list")
    a, b, c_, d = words(t, 4)
    c.send_command("LPUSH", key, a, b, c_)
    c.expect_reply(3)
    with hint(f"LPUSH key {a} {b} {c_} pushes {a} first, then {b} in front of it, then {c_}: "
              f"the list reads {c_} {b} {a}."):
        c.send_command("LRANGE", key, 0, -1)
        c.expect_reply([c_, b, a])
    c.send_command("RPUSH", key, d)
    c.expect_reply(4)
    c.send_command("LRANGE", key, 0, -1)
    c.expect_reply([c_, b, a, d])


@test("LRANGE counts negative indexes from the end")
@hint("A negative index counts from the end: -1 is the last element, -2 the one before. "
      "Add the list's length to turn it into a normal index.")
def lrange_negative_indexes(t):
    c = t.connect()
    key = t.random_key("list")
    values = words(t, 5)
    c.send_command("RPUSH", key, *values)
    c.expect_reply(5)
    c.send_command("LRANGE", key, -2, -1)
    c.expect_reply(values[-2:])
    c.send_command("LRANGE", key, 0, -3)
    c.expect_reply(values[:3])
    c.send_command("LRANGE", key, -4, 2)
    c.expect_reply(values[1:3])


@test("LRANGE clamps indexes that are out of range")
@hint("Clamp instead of failing: a start below 0 becomes 0, a stop past the end becomes the last index, "
      "and when start > stop (or start is past the end) the reply is an empty array *0\\r\\n.")
def lrange_clamps(t):
    c = t.connect()
    key = t.random_key("list")
    values = words(t, 3)
    c.send_command("RPUSH", key, *values)
    c.expect_reply(3)
    c.send_command("LRANGE", key, 1, 100)
    c.expect_reply(values[1:])
    c.send_command("LRANGE", key, -100, 0)
    c.expect_reply(values[:1])
    c.send_command("LRANGE", key, 5, 10)
    c.expect_reply([])
    c.send_command("LRANGE", key, 2, 1)
    c.expect_reply([])
    with hint("A key that does not exist is an empty list: LRANGE replies *0\\r\\n."):
        c.send_command("LRANGE", t.random_key("missing"), 0, -1)
        c.expect_reply([])


@test("LLEN returns the length of a list, 0 for a missing key")
def llen(t):
    c = t.connect()
    key = t.random_key("list")
    values = words(t, t.random.randint(2, 6))
    c.send_command("RPUSH", key, *values)
    c.expect_reply(len(values))
    with hint("LLEN replies with an integer: :<length>\\r\\n."):
        c.send_command("LLEN", key)
        c.expect_reply(len(values))
    with hint("A missing key counts as an empty list: LLEN replies :0\\r\\n."):
        c.send_command("LLEN", t.random_key("missing"))
        c.expect_reply(0)


@test("LPOP removes and returns the first element")
def lpop(t):
    c = t.connect()
    key = t.random_key("list")
    first, second = words(t, 2)
    c.send_command("RPUSH", key, first, second)
    c.expect_reply(2)
    with hint("LPOP replies with the removed element as a bulk string."):
        c.send_command("LPOP", key)
        c.expect_reply(first)
        c.send_command("LPOP", key)
        c.expect_reply(second)
    with hint("A list that becomes empty is deleted: the key no longer exists."):
        c.send_command("EXISTS", key)
        c.expect_reply(0)
    with hint("LPOP on a missing key replies with a null bulk string, $-1\\r\\n."):
        c.send_command("LPOP", key)
        c.expect_reply(None)


@test("LPOP with a count returns an array of up to count elements")
def lpop_count(t):
    c = t.connect()
    key = t.random_key("list")
    values = words(t, 5)
    c.send_command("RPUSH", key, *values)
    c.expect_reply(5)
    with hint("With a count, LPOP replies with an array (even for one element), like LRANGE."):
        c.send_command("LPOP", key, 2)
        c.expect_reply(values[:2])
        c.send_command("LPOP", key, 1)
        c.expect_reply(values[2:3])
    with hint("A count larger than the list pops the whole list."):
        c.send_command("LPOP", key, 10)
        c.expect_reply(values[3:])
    with hint("LPOP with a count on a missing key replies with a null array, *-1\\r\\n "
              "(not the null bulk string $-1\\r\\n)."):
        c.send_command("LPOP", key, 2)
        c.expect(b"*-1\r\n")


@test("TYPE says list, and other types are rejected with WRONGTYPE")
@hint("Each key holds one type of value. Before running a list command, check the type: a string key "
      "gets an error with the code WRONGTYPE, such as -WRONGTYPE Operation against a key holding the wrong "
      "kind of value\\r\\n, and so does GET on a list.")
def wrongtype(t):
    c = t.connect()
    text_key, list_key = t.random_key("text"), t.random_key("list")
    value, item = words(t, 2)
    c.send_command("SET", text_key, value)
    c.expect_reply(SimpleString("OK"))
    c.send_command("RPUSH", list_key, item)
    c.expect_reply(1)
    with hint("TYPE replies +list\\r\\n for a list."):
        c.send_command("TYPE", list_key)
        c.expect_reply(SimpleString("list"))
    for command in (("RPUSH", text_key, item), ("LPUSH", text_key, item), ("LRANGE", text_key, 0, -1),
                    ("LLEN", text_key), ("LPOP", text_key)):
        c.send_command(*command)
        c.expect_reply(WRONGTYPE)
    c.send_command("GET", list_key)
    c.expect_reply(WRONGTYPE)
    with hint("A command rejected with WRONGTYPE must not change the key."):
        c.send_command("GET", text_key)
        c.expect_reply(value)


@test("RPUSH and LPUSH onto an expired string key create a list")
@hint("An expired key no longer exists, whatever type it held: check the expiry before the type, so "
      "that RPUSH or LPUSH finds no key and creates a new list instead of answering WRONGTYPE.", replace=True)
def push_onto_expired_key(t):
    c = t.connect()
    right, left = t.random_key("old"), t.random_key("old")
    value, item = words(t, 2)
    for key in (right, left):
        c.send_command("SET", key, value, "PX", 50)
        c.expect_reply(SimpleString("OK"))
    # Timed from the last +OK, not from the first SET: on a busy machine the replies can come
    # late, and a key set late expires late.
    t.log("waiting 150 ms: the strings expired 100 ms ago")
    time.sleep(0.15)
    for command, key in (("RPUSH", right), ("LPUSH", left)):
        c.send_command(command, key, item)
        c.expect_reply(1)
        c.send_command("LRANGE", key, 0, -1)
        c.expect_reply([item])


@test("answers the list commands with the wrong number of arguments with an error")
def arity(t):
    c = t.connect()
    key = t.random_key("list")
    c.expect_wrong_arity(("RPUSH", key), ("LPUSH", key), ("LRANGE", key, 0), ("LRANGE", key, 0, -1, 5),
                         ("LLEN",), ("LLEN", key, key), ("LPOP",))
