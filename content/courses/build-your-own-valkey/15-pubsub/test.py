"""Step 15: pub/sub — SUBSCRIBE, PUBLISH, message delivery, UNSUBSCRIBE, subscribed mode, and
wrong numbers of arguments."""

import time

from codealong import ErrorReply, hint, show, test

CHANNELS = ["news", "sports", "weather", "alerts", "music", "chat"]


def subscribed(channel, count):
    return ["subscribe", channel, count]


def unsubscribed(channel, count):
    return ["unsubscribe", channel, count]


def message(channel, text):
    return ["message", channel, text]


def channels(t, count):
    """``count`` channel names no other test of the run uses, e.g. news:4821."""
    return [t.random_key(name) for name in t.random.sample(CHANNELS, count)]


@test("SUBSCRIBE confirms each channel with the number of subscriptions")
@hint("For each channel, SUBSCRIBE replies with an array of three elements: the bulk string subscribe, the "
      "channel, and the number of channels this client is now subscribed to (an integer).")
def subscribe_confirms(t):
    c = t.connect()
    first, second, third = channels(t, 3)
    c.send_command("SUBSCRIBE", first)
    c.expect_reply(subscribed(first, 1))
    with hint("SUBSCRIBE with several channels sends one confirmation per channel, counting up."):
        c.send_command("SUBSCRIBE", second, third, replies=2)
        c.expect_reply(subscribed(second, 2))
        c.expect_reply(subscribed(third, 3))
    with hint("Subscribing again to a channel keeps the count: a client is subscribed to a channel once."):
        c.send_command("SUBSCRIBE", first)
        c.expect_reply(subscribed(first, 3))


@test("PUBLISH delivers a message to a subscriber")
def publish_delivers(t):
    subscriber = t.connect()
    publisher = t.connect()
    channel = channels(t, 1)[0]
    text = t.random_word()
    subscriber.send_command("SUBSCRIBE", channel)
    subscriber.expect_reply(subscribed(channel, 1))
    with hint("PUBLISH channel message replies with an integer: how many clients received the message."):
        publisher.send_command("PUBLISH", channel, text)
        publisher.expect_reply(1)
    with hint("Each subscriber gets the array message, channel, text: "
              f"*3\\r\\n$7\\r\\nmessage\\r\\n${len(channel)}\\r\\n{channel}\\r\\n${len(text)}\\r\\n{text}\\r\\n"):
        subscriber.expect_pushed(message(channel, text), after=f"{publisher.name} sent PUBLISH {channel} {text}")


@test("PUBLISH to a channel nobody listens to replies 0")
def publish_to_nobody(t):
    c = t.connect()
    with hint("With no subscribers, PUBLISH delivers nothing and replies :0\\r\\n."):
        c.send_command("PUBLISH", channels(t, 1)[0], t.random_word())
        c.expect_reply(0)


@test("every subscriber of the channel gets the message, and only they do")
def several_subscribers(t):
    first = t.connect()
    second = t.connect()
    elsewhere = t.connect()
    publisher = t.connect()
    channel, other = channels(t, 2)
    text = t.random_word()
    for c in (first, second):
        c.send_command("SUBSCRIBE", channel)
        c.expect_reply(subscribed(channel, 1))
    elsewhere.send_command("SUBSCRIBE", other)
    elsewhere.expect_reply(subscribed(other, 1))
    with hint("Keep, for each channel, the connections subscribed to it; PUBLISH counts and writes to each."):
        publisher.send_command("PUBLISH", channel, text)
        publisher.expect_reply(2)
    sent = f"{publisher.name} sent PUBLISH {channel} {text}"
    first.expect_pushed(message(channel, text), after=sent)
    second.expect_pushed(message(channel, text), after=sent)
    elsewhere.expect_nothing(0.3, why=f"it is subscribed to {other}, not {channel}",
                             hint="Deliver a message only to the subscribers of its channel.")


@test("messages arrive in the order they were published")
@hint("Write each message to the subscriber as PUBLISH runs; don't hold messages back or reorder them.")
def message_order(t):
    subscriber = t.connect()
    publisher = t.connect()
    channel = channels(t, 1)[0]
    texts = [f"{t.random_word()}-{n}" for n in range(1, 6)]
    subscriber.send_command("SUBSCRIBE", channel)
    subscriber.expect_reply(subscribed(channel, 1))
    for text in texts:
        publisher.send_command("PUBLISH", channel, text)
        publisher.expect_reply(1)
    for text in texts:
        subscriber.expect_pushed(message(channel, text), after=f"{publisher.name} published {len(texts)} messages")


@test("UNSUBSCRIBE leaves one channel")
def unsubscribe_one(t):
    subscriber = t.connect()
    publisher = t.connect()
    kept, left = channels(t, 2)
    subscriber.send_command("SUBSCRIBE", kept, left, replies=2)
    subscriber.expect_reply(subscribed(kept, 1))
    subscriber.expect_reply(subscribed(left, 2))
    with hint("UNSUBSCRIBE channel replies with the array unsubscribe, channel, and the number of channels "
              "the client is still subscribed to."):
        subscriber.send_command("UNSUBSCRIBE", left)
        subscriber.expect_reply(unsubscribed(left, 1))
    with hint("After UNSUBSCRIBE the client no longer counts as a subscriber of that channel."):
        publisher.send_command("PUBLISH", left, "gone")
        publisher.expect_reply(0)
    publisher.send_command("PUBLISH", kept, "still here")
    publisher.expect_reply(1)
    subscriber.expect_pushed(message(kept, "still here"), after=f"{publisher.name} sent PUBLISH {kept} \"still here\"")


@test("UNSUBSCRIBE without arguments leaves every channel")
def unsubscribe_all(t):
    c = t.connect()
    names = channels(t, 2)
    c.send_command("SUBSCRIBE", *names, replies=2)
    c.expect_reply(subscribed(names[0], 1))
    c.expect_reply(subscribed(names[1], 2))
    c.send_command("UNSUBSCRIBE", replies=2)
    replies = [c.read_reply(), c.read_reply()]
    got = [(r[1], r[2]) if isinstance(r, list) and len(r) == 3 and r[0] == b"unsubscribe" else r for r in replies]
    expected_channels = {n.encode() for n in names}
    if not (all(isinstance(g, tuple) for g in got) and {g[0] for g in got} == expected_channels
            and [g[1] for g in got] == [1, 0]):
        t.fail(f"After UNSUBSCRIBE, expected one confirmation per channel ({', '.join(show(n) for n in names)}, "
               f"in any order) with the counts 1 then 0, but received {replies!r}.",
               "UNSUBSCRIBE without channels leaves every channel the client is subscribed to, and sends "
               "unsubscribe, channel, remaining count for each.")
    with hint("With no channel left, UNSUBSCRIBE still replies once, with a null channel: "
              "*3\\r\\n$11\\r\\nunsubscribe\\r\\n$-1\\r\\n:0\\r\\n."):
        c.send_command("UNSUBSCRIBE")
        c.expect_reply(unsubscribed(None, 0))
    with hint("With no subscriptions left, the client is back to normal: every command works again."):
        c.send_command("ECHO", "back")
        c.expect_reply("back")


@test("a subscribed client may only use the subscribe commands and PING")
def subscribed_mode(t):
    c = t.connect()
    channel = channels(t, 1)[0]
    c.send_command("SUBSCRIBE", channel)
    c.expect_reply(subscribed(channel, 1))
    with hint("While subscribed, other commands get an error, such as Valkey's -ERR Can't execute 'get': "
              "only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\\r\\n"):
        for command in (("GET", "key"), ("Set", "key", "value")):
            c.send_command(*command)
            c.expect_reply(ErrorReply(
                f"ERR Can't execute '{command[0].lower()}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / "
                "QUIT / RESET are allowed in this context"))
    with hint("While subscribed, PING replies with an array: the bulk string pong and an empty bulk string, "
              "*2\\r\\n$4\\r\\npong\\r\\n$0\\r\\n\\r\\n."):
        c.send_command("PING")
        c.expect_reply(["pong", ""])


@test("a client that disconnects stops being a subscriber")
@hint("When a subscriber's connection closes, remove it from every channel it was subscribed to; "
      "otherwise PUBLISH keeps counting it (and writes to a closed connection).")
def disconnect_unsubscribes(t):
    subscriber = t.connect()
    publisher = t.connect()
    channel = channels(t, 1)[0]
    subscriber.send_command("SUBSCRIBE", channel)
    subscriber.expect_reply(subscribed(channel, 1))
    subscriber.close()
    deadline = time.monotonic() + 2
    while True:  # give the server a moment to notice the closed connection
        time.sleep(0.1)
        publisher.send_command("PUBLISH", channel, "anyone?")
        reply = publisher.read_reply()
        if reply == 0 or time.monotonic() > deadline:
            break
    t.check(reply == 0,
            f"After the subscriber closed its connection, PUBLISH {channel} still replied {reply!r} after 2 s, "
            "expected 0.")


@test("answers SUBSCRIBE and PUBLISH with the wrong number of arguments with an error")
def arity(t):
    c = t.connect()
    channel = channels(t, 1)[0]
    c.expect_wrong_arity(("SUBSCRIBE",), ("PUBLISH", channel), ("PUBLISH", channel, "a", "b"))
