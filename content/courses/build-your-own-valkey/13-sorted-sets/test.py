"""Step 13: sorted sets — ZADD (all or nothing: a bad score or a missing one changes
nothing), ZRANGE [WITHSCORES], ZRANK, ZSCORE, ZCARD, ZREM, and wrong numbers of arguments."""

from codealong import ErrorReply, SimpleString, hint, test

WRONGTYPE = ErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value")
PLAYERS = ["ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jo"]
ORDER = ("Order members by score, lowest first; members with the same score are ordered by their "
         "bytes, like a dictionary (\"apple\" before \"banana\").")


def score_text(score):
    """How Valkey writes these scores: 3 (not 3.0), 1.5, -2.25."""
    return str(int(score)) if score == int(score) else repr(score)


def ranked(members):
    """Members of {member: score} in ZRANGE order."""
    return sorted(members, key=lambda m: (members[m], m.encode()))


def random_board(t, size):
    """{member: score} with distinct integer and half-integer scores."""
    scores = t.random.sample(range(-40, 60), size)
    return {m: s / 2 for m, s in zip(t.random.sample(PLAYERS, size), scores)}


def zadd_args(members):
    return [part for m, s in members.items() for part in (score_text(s), m)]


@test("ZADD adds members and replies with how many are new")
def zadd_counts_new(t):
    c = t.connect()
    key = t.random_key("board")
    with hint("ZADD key score member [score member ...] replies with an integer: how many members "
              "were not in the set before."):
        c.send_command("ZADD", key, 10, "ada", 20, "bob")
        c.expect_reply(2)
    with hint("A member that is already in the set does not count again."):
        c.send_command("ZADD", key, 30, "cy", 10, "ada")
        c.expect_reply(1)


@test("ZRANGE returns members ordered by score")
@hint(ORDER)
def zrange_by_score(t):
    c = t.connect()
    key = t.random_key("board")
    board = random_board(t, 5)
    c.send_command("ZADD", key, *zadd_args(board))
    c.expect_reply(5)
    c.send_command("ZRANGE", key, 0, -1)
    c.expect_reply(ranked(board))


@test("members with equal scores are ordered by name")
@hint(ORDER)
def zrange_ties(t):
    c = t.connect()
    key = t.random_key("board")
    c.send_command("ZADD", key, 5, "pear", 5, "apple", 1, "zebra", 5, "mango")
    c.expect_reply(4)
    c.send_command("ZRANGE", key, 0, -1)
    c.expect_reply(["zebra", "apple", "mango", "pear"])


@test("ZADD updates the score of an existing member")
def zadd_updates(t):
    c = t.connect()
    key = t.random_key("board")
    c.send_command("ZADD", key, 1, "ada", 2, "bob", 3, "cy")
    c.expect_reply(3)
    with hint("A member appears once: ZADD with a new score moves it (and replies :0\\r\\n, nothing was added)."):
        c.send_command("ZADD", key, 10, "ada")
        c.expect_reply(0)
        c.send_command("ZRANGE", key, 0, -1)
        c.expect_reply(["bob", "cy", "ada"])


@test("ZRANGE takes negative indexes and WITHSCORES")
def zrange_indexes_and_scores(t):
    c = t.connect()
    key = t.random_key("board")
    board = random_board(t, 6)
    order = ranked(board)
    c.send_command("ZADD", key, *zadd_args(board))
    c.expect_reply(6)
    with hint("ZRANGE's start and stop work like LRANGE's: inclusive, -1 is the last member, "
              "out-of-range indexes are clamped."):
        c.send_command("ZRANGE", key, -2, -1)
        c.expect_reply(order[-2:])
        c.send_command("ZRANGE", key, 1, 100)
        c.expect_reply(order[1:])
        c.send_command("ZRANGE", key, 4, 2)
        c.expect_reply([])
    with hint("With WITHSCORES, each member is followed by its score as a bulk string, written the "
              "way Valkey writes numbers: 3 (not 3.0), 1.5, -2.5."):
        c.send_command("ZRANGE", key, 0, 2, "WITHSCORES")
        c.expect_reply([part for m in order[:3] for part in (m, score_text(board[m]))])
    with hint("A missing key is an empty sorted set: ZRANGE replies *0\\r\\n."):
        c.send_command("ZRANGE", t.random_key("missing"), 0, -1)
        c.expect_reply([])


@test("ZSCORE returns the score as a bulk string")
def zscore(t):
    c = t.connect()
    key = t.random_key("board")
    c.send_command("ZADD", key, "1.5", "ada", "3", "bob", "-2.25", "cy", "100", "dee")
    c.expect_reply(4)
    with hint("The score is sent back as a bulk string, formatted like Valkey: whole numbers without "
              "a decimal point (3, 100), others as short as possible (1.5, -2.25)."):
        for member, text in (("ada", "1.5"), ("bob", "3"), ("cy", "-2.25"), ("dee", "100")):
            c.send_command("ZSCORE", key, member)
            c.expect_reply(text)
    with hint("A missing member or key gets the null bulk string $-1\\r\\n."):
        c.send_command("ZSCORE", key, "nobody")
        c.expect_reply(None)
        c.send_command("ZSCORE", t.random_key("missing"), "ada")
        c.expect_reply(None)


@test("scores can be -inf and +inf")
@hint("Scores are floating-point numbers and may be infinite: accept -inf, +inf and inf (any case) and "
      "write them back as -inf and inf. In JavaScript, Number(\"inf\") is NaN, so handle these words yourself.")
def infinite_scores(t):
    c = t.connect()
    key = t.random_key("board")
    c.send_command("ZADD", key, "+inf", "top", 0, "mid", "-inf", "bottom")
    c.expect_reply(3)
    c.send_command("ZRANGE", key, 0, -1, "WITHSCORES")
    c.expect_reply(["bottom", "-inf", "mid", "0", "top", "inf"])
    c.send_command("ZSCORE", key, "top")
    c.expect_reply("inf")


@test("ZADD rejects a bad score or a missing one, and then changes nothing")
@hint("Check every score before changing anything: when one of them is not a number (nan is not one "
      "either), reply with an error, such as -ERR value is not a valid float\\r\\n, and add nothing, "
      "not even the members before it. A score without its member is an error too (-ERR syntax "
      "error\\r\\n).", replace=True)
def zadd_invalid_score(t):
    c = t.connect()
    key, board = t.random_key("board"), t.random_key("board")
    for pairs, valkey in ((("high", "ada"), "ERR value is not a valid float"),
                          ((1, "ada", "nope", "bob"), "ERR value is not a valid float"),
                          (("nan", "ada"), "ERR value is not a valid float"),
                          ((1, "ada", 2), "ERR syntax error")):
        c.send_command("ZADD", key, *pairs)
        c.expect_reply(ErrorReply(valkey))
        c.send_command("EXISTS", key)
        c.expect_reply(0)
    c.send_command("ZADD", board, 5, "ada")
    c.expect_reply(1)
    for pairs in ((10, "ada", 3, "bob", "x", "cy"), (7, "bob", "NaN", "ada"), (8, "cy", 9)):
        c.send_command("ZADD", board, *pairs)
        c.expect_error("ERR")
    c.send_command("ZRANGE", board, 0, -1, "WITHSCORES")
    c.expect_reply(["ada", "5"])


@test("ZRANK returns a member's 0-based position")
def zrank(t):
    c = t.connect()
    key = t.random_key("board")
    board = random_board(t, 5)
    order = ranked(board)
    c.send_command("ZADD", key, *zadd_args(board))
    c.expect_reply(5)
    with hint("ZRANK replies with an integer: the member's index in ZRANGE's order, 0 for the lowest score."):
        for member in t.random.sample(order, 3):
            c.send_command("ZRANK", key, member)
            c.expect_reply(order.index(member))
    with hint("A missing member or key gets the null bulk string $-1\\r\\n."):
        c.send_command("ZRANK", key, "nobody")
        c.expect_reply(None)
        c.send_command("ZRANK", t.random_key("missing"), "ada")
        c.expect_reply(None)


@test("ZCARD counts members and ZREM removes them")
def zcard_zrem(t):
    c = t.connect()
    key = t.random_key("board")
    board = random_board(t, 4)
    order = ranked(board)
    c.send_command("ZADD", key, *zadd_args(board))
    c.expect_reply(4)
    with hint("ZCARD replies with the number of members as an integer, :0\\r\\n for a missing key."):
        c.send_command("ZCARD", key)
        c.expect_reply(4)
        c.send_command("ZCARD", t.random_key("missing"))
        c.expect_reply(0)
    with hint("ZREM key member [member ...] replies with the number of members it removed."):
        c.send_command("ZREM", key, order[0], "nobody")
        c.expect_reply(1)
    c.send_command("ZCARD", key)
    c.expect_reply(3)
    c.send_command("ZRANGE", key, 0, -1)
    c.expect_reply(order[1:])
    c.send_command("ZREM", key, *order[1:])
    c.expect_reply(3)
    with hint("A sorted set whose last member is removed is deleted: the key no longer exists."):
        c.send_command("EXISTS", key)
        c.expect_reply(0)


@test("TYPE says zset, and other types are rejected with WRONGTYPE")
@hint("A sorted set answers only sorted set commands: GET or LPUSH on it, or ZADD on a string, gets "
      "a WRONGTYPE error, such as -WRONGTYPE Operation against a key holding the wrong kind of value\\r\\n.")
def wrongtype(t):
    c = t.connect()
    board, text = t.random_key("board"), t.random_key("text")
    c.send_command("ZADD", board, 1, "ada")
    c.expect_reply(1)
    c.send_command("SET", text, "hello")
    c.expect_reply(SimpleString("OK"))
    with hint("TYPE replies +zset\\r\\n for a sorted set."):
        c.send_command("TYPE", board)
        c.expect_reply(SimpleString("zset"))
    for command in (("GET", board), ("LPUSH", board, "x"), ("HGET", board, "f"), ("ZADD", text, 1, "ada"),
                    ("ZRANGE", text, 0, -1), ("ZSCORE", text, "ada"), ("ZRANK", text, "ada"),
                    ("ZCARD", text), ("ZREM", text, "ada")):
        c.send_command(*command)
        c.expect_reply(WRONGTYPE)


@test("answers the sorted set commands with the wrong number of arguments with an error")
def arity(t):
    c = t.connect()
    key = t.random_key("board")
    c.expect_wrong_arity(("ZADD", key), ("ZADD", key, 1), ("ZRANGE", key, 0), ("ZRANK", key),
                         ("ZSCORE", key), ("ZSCORE", key, "ada", "bob"), ("ZCARD",), ("ZREM", key))
