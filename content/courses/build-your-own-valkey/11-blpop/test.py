"""Step 11: BLPOP — pop at once when a list has data, otherwise block until another client
pushes or the timeout passes (then reply with a null array, on time). A waiter is served
once, and one that timed out or disconnected takes nothing from a later push."""

import time

from codealong import hint, test

WAKE_UP = ("The blocked client never got its reply. When RPUSH or LPUSH adds to a list that clients are "
           "waiting on, hand the new elements to the waiting clients (the first one to wait is served "
           "first) and write each one its [key, value] reply.")


@test("BLPOP pops at once when the list has elements")
@hint("When the list is not empty, BLPOP behaves like LPOP but replies with a two-element array: "
      "the key, then the value (*2\\r\\n$<len>\\r\\n<key>\\r\\n$<len>\\r\\n<value>\\r\\n).")
def blpop_immediate(t):
    c = t.connect()
    key = t.random_key("queue")
    first, second = t.random.sample(["apple", "mango", "otter", "panda", "zebra"], 2)
    c.send_command("RPUSH", key, first, second)
    c.expect_reply(2)
    c.send_command("BLPOP", key, 1)
    c.expect_reply([key, first])
    c.send_command("LLEN", key)
    c.expect_reply(1)


@test("BLPOP takes the first non-empty list among its keys")
@hint("BLPOP key1 key2 ... timeout checks the keys in order and pops from the first one that holds "
      "a non-empty list; the reply names that key. The last argument is always the timeout.")
def blpop_several_keys(t):
    c = t.connect()
    empty, full = t.random_key("empty"), t.random_key("jobs")
    value = t.random_word()
    c.send_command("RPUSH", full, value)
    c.expect_reply(1)
    c.send_command("BLPOP", empty, full, 1)
    c.expect_reply([full, value])


@test("BLPOP on an empty list waits until another client pushes")
def blpop_blocks_until_push(t):
    waiter = t.connect()
    pusher = t.connect()
    key = t.random_key("queue")
    value = t.random_word()
    waiter.send_command("BLPOP", key, 5)
    waiter.expect_nothing(0.3, why="the list is empty, so BLPOP waits",
                          hint="Don't reply while the list is empty: remember the waiting client and answer "
                               "it later, when a value arrives or the timeout passes.")
    with hint("RPUSH replies with the length of the list right after the push (:1\\r\\n), before the "
              "waiting client takes the value."):
        pusher.send_command("RPUSH", key, value)
        pusher.expect_reply(1)
    waiter.expect_reply([key, value], timeout=3, silence_hint=WAKE_UP)
    with hint("The value handed to the waiting client is removed from the list."):
        pusher.send_command("LLEN", key)
        pusher.expect_reply(0)
    with hint("After BLPOP replied, the client is back to normal: answer its next command."):
        waiter.send_command("PING")
        waiter.expect(b"+PONG\r\n")


@test("BLPOP wakes up for LPUSH too")
def blpop_wakes_for_lpush(t):
    waiter = t.connect()
    pusher = t.connect()
    key = t.random_key("queue")
    first, second = t.random.sample(["apple", "mango", "otter", "panda", "zebra"], 2)
    waiter.send_command("BLPOP", key, 5)
    waiter.expect_nothing(0.3, why="the list is empty, so BLPOP waits")
    pusher.send_command("LPUSH", key, first, second)
    pusher.expect_reply(2)
    with hint(f"LPUSH {key} {first} {second} leaves {second} at the head: that is what BLPOP pops."):
        waiter.expect_reply([key, second], timeout=3, silence_hint=WAKE_UP)
    pusher.send_command("LRANGE", key, 0, -1)
    pusher.expect_reply([first])


@test("BLPOP replies with a null array when the timeout passes, on time")
@hint("When no value arrives within the timeout (in seconds, and it may have a fraction such as 0.5), "
      "reply with a null array: *-1\\r\\n.")
def blpop_timeout(t):
    c = t.connect()
    key = t.random_key("queue")
    started = time.monotonic()
    c.send_command("BLPOP", key, "0.5")
    c.expect_nothing(0.2, why="BLPOP waits up to 0.5 s for a value",
                     hint="The timeout is in seconds: 0.5 means half a second, not 0 and not 500 seconds.")
    c.expect(b"*-1\r\n", timeout=3,
             silence_hint="The timeout passed without a reply. The timeout is a decimal number of seconds "
                          "(parse 0.5 as a float, not an integer); remember when each waiting client gives "
                          "up and send it *-1\\r\\n then (a timer, or a timed wait).")
    waited = time.monotonic() - started
    t.log(f"BLPOP replied after {waited:.2f} s")
    t.check(0.4 <= waited <= 0.9, f"BLPOP {key} 0.5 replied *-1 after {waited:.2f} s; it should reply after "
            "0.5 s (the test accepts 0.4 to 0.9 s).",
            "Wait exactly the timeout, with its fraction: 0.5 is half a second, not 0 and not 1 (don't round "
            "it to whole seconds, and don't check for timeouts only once a second).")
    with hint("After the timeout the client is back to normal: answer its next command."):
        c.send_command("PING")
        c.expect(b"+PONG\r\n")


@test("BLPOP with timeout 0 waits as long as it takes")
def blpop_timeout_zero(t):
    waiter = t.connect()
    pusher = t.connect()
    key = t.random_key("queue")
    value = t.random_word()
    waiter.send_command("BLPOP", key, 0)
    waiter.expect_nothing(0.4, why="a timeout of 0 means: wait without a time limit",
                          hint="A timeout of 0 means no time limit: keep the client waiting until a value arrives.")
    pusher.send_command("RPUSH", key, value)
    pusher.expect_reply(1)
    waiter.expect_reply([key, value], timeout=3, silence_hint=WAKE_UP)


@test("blocked clients are served in the order they started waiting")
def blpop_fifo(t):
    first = t.connect()
    second = t.connect()
    pusher = t.connect()
    key = t.random_key("queue")
    a, b = t.random.sample(["apple", "mango", "otter", "panda", "zebra"], 2)
    first.send_command("BLPOP", key, 5)
    first.expect_nothing(0.3, why="the list is empty, so BLPOP waits")
    second.send_command("BLPOP", key, 5)
    second.expect_nothing(0.3, why="the list is empty, so BLPOP waits")
    pusher.send_command("RPUSH", key, a, b)
    pusher.expect_reply(2)
    with hint("Keep the waiting clients of each key in a queue: the client that has waited longest gets "
              "the first value, the next one the second value."):
        first.expect_reply([key, a], timeout=3, silence_hint=WAKE_UP)
        second.expect_reply([key, b], timeout=3, silence_hint=WAKE_UP)
    pusher.send_command("EXISTS", key)
    pusher.expect_reply(0)


@test("a client whose BLPOP timed out takes nothing from a later push")
@hint("When a waiting client's timeout passes, remove it from the queue of every key it waited on. "
      "Otherwise the next push hands the value to a client that stopped waiting, and the value is lost.")
def timed_out_waiter(t):
    waiter = t.connect()
    pusher = t.connect()
    key = t.random_key("queue")
    value = t.random_word()
    waiter.send_command("BLPOP", key, "0.2")
    waiter.expect(b"*-1\r\n", timeout=3)
    pusher.send_command("RPUSH", key, value)
    pusher.expect_reply(1)
    pusher.send_command("LRANGE", key, 0, -1)
    pusher.expect_reply([value])
    waiter.send_command("PING")  # and no late second reply to the BLPOP before it
    waiter.expect(b"+PONG\r\n")


@test("a client that disconnects while blocked takes nothing from a later push")
@hint("A client that closes its connection while BLPOP waits must leave the queues of its keys, or the "
      "next push hands the value to nobody and it is lost. Notice the closed connection: in Python, "
      "before handing a value to a waiter, check its socket (recv(1, socket.MSG_PEEK | "
      "socket.MSG_DONTWAIT) returns b\"\" once the client has gone); in Node.js, keep reading the "
      "connection while its client waits, and remove the waiter when the connection closes.")
def disconnected_waiter(t):
    waiter = t.connect()
    pusher = t.connect()
    key = t.random_key("queue")
    value = t.random_word()
    waiter.send_command("BLPOP", key, 0)
    waiter.expect_nothing(0.1, why="the list is empty, so BLPOP waits")
    waiter.close()
    time.sleep(0.05)  # the client has gone a moment before the push
    pusher.send_command("RPUSH", key, value)
    pusher.expect_reply(1)
    pusher.send_command("LRANGE", key, 0, -1)
    pusher.expect_reply([value])


@test("a client blocked on several keys is served once")
@hint("A client waits in the queue of each of its keys; when one key serves it, remove it from the "
      "queues of all the others, or the next push to another key serves it a second time (and that "
      "value is lost).")
def several_keys_served_once(t):
    waiter = t.connect()
    pusher = t.connect()
    first, second = t.random_key("queue"), t.random_key("queue")
    a, b = t.random.sample(["apple", "mango", "otter", "panda", "zebra"], 2)
    waiter.send_command("BLPOP", first, second, 0)
    waiter.expect_nothing(0.1, why="both lists are empty, so BLPOP waits")
    pusher.send_pipeline([("RPUSH", second, b), ("RPUSH", first, a)])  # both arrive together
    pusher.expect_replies([1, 1])
    waiter.expect_reply([second, b], timeout=3, silence_hint=WAKE_UP)
    pusher.send_command("LRANGE", first, 0, -1)
    pusher.expect_reply([a])
    waiter.send_command("PING")
    waiter.expect(b"+PONG\r\n")


@test("answers BLPOP with the wrong number of arguments with an error")
def arity(t):
    c = t.connect()
    c.expect_wrong_arity(("BLPOP",), ("BLPOP", t.random_key("queue")))
