"""Lesson 6: a sliding-window rate limiter in the sorted set rate:<user>: 5 requests in any
10 s, counted in Valkey (so a second program sees the first one's requests), and the key
expires."""

from codealong import test

KEY = "rate:ada"


def verdicts(result):
    return [line.strip() for line in result.stdout.strip().splitlines() if line.strip() in ("allowed", "limited")]


@test("allows 5 requests in 10 seconds, then limits")
def allows_five(t):
    t.query("DEL", KEY)
    result = t.run()
    got = verdicts(result)
    assert got == ["allowed"] * 5 + ["limited"] * 3, (
        f"Expected 5 × allowed then 3 × limited for 8 requests in a row, but your program printed {result.stdout!r}.")
    kind = t.query("TYPE", KEY)
    assert kind == "zset", f"Expected the requests in a sorted set under {KEY}, but its type is {kind!r}."
    assert t.query("ZCARD", KEY) == 5, (
        f"Expected the 5 allowed requests in {KEY}, but it holds {t.query('ZCARD', KEY)}: record a request only "
        "when it is allowed.")
    ttl = t.query("TTL", KEY)
    assert 0 < ttl <= 10, (
        f"Expected {KEY} to expire within 10 s (EXPIRE {KEY} 10), but its TTL is {ttl}"
        + (": an idle user's set would stay for ever." if ttl == -1 else "."))


@test("counts in Valkey: a second program within the window sees the first one's requests")
def shared_count(t):
    t.query("DEL", KEY)
    t.run()
    result = t.run()
    got = verdicts(result)
    assert got == ["limited"] * 8, (
        "Your program had just made 5 allowed requests, so within the same 10 s a second run must be limited "
        f"at once, but it printed {result.stdout!r}. Count in Valkey, not in your program's memory.")


@test("forgets requests older than 10 seconds: the window slides")
def window_slides(t):
    import time
    now = time.time()
    t.query("DEL", KEY)
    # Four old requests (11 to 14 s ago) and one recent one (2 s ago).
    t.query("ZADD", KEY, now - 14, "old-1", now - 13, "old-2", now - 12, "old-3", now - 11, "old-4", now - 2, "recent")
    t.log("rate:ada held 4 requests from 11 to 14 s ago and 1 from 2 s ago")
    result = t.run()
    got = verdicts(result)
    assert got == ["allowed"] * 4 + ["limited"] * 4, (
        "Only 1 request was in the last 10 s, so 4 more are allowed, then limited; but your program printed "
        f"{result.stdout!r}. Remove what is older than 10 s (ZREMRANGEBYSCORE) before counting. Timestamps are "
        "in seconds since the epoch (time.time() in Python, Date.now() / 1000 in JavaScript).")
