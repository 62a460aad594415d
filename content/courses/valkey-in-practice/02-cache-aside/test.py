"""Lesson 2: cache-aside. GET first; on a miss, the slow lookup, then SET with EX 30; on a hit,
the cached value as it is. Checked against the server: the key, its value and its TTL."""

import time

from codealong import SimpleString, test

KEY = "weather:lisbon"


def lines(result):
    return [line.strip() for line in result.stdout.strip().splitlines()]


@test("misses on an empty cache, stores the answer with a 30 s expiry, then hits")
def miss_then_hit(t):
    t.query("DEL", KEY)
    result = t.run()
    got = lines(result)
    assert len(got) == 2 and got[0].startswith("lisbon: miss") and got[1].startswith("lisbon: hit"), (
        f"Expected two lines, 'lisbon: miss …' then 'lisbon: hit …', but your program printed {result.stdout!r}. "
        "The first call finds nothing in Valkey; the second finds what the first stored.")
    cached = t.query("GET", KEY)
    assert cached, f"Expected the forecast cached under {KEY} after your program ran, but the key is missing."
    assert got[0].endswith(cached.decode()), (
        f"The first line should show the forecast, {cached.decode()!r}, which is what your program cached.")
    ttl = t.query("TTL", KEY)
    assert 25 <= ttl <= 30, (
        f"Expected {KEY} to expire in about 30 s (SET … EX 30), but its TTL is {ttl}"
        + (" (no expiry: the cache would serve this answer for ever)." if ttl == -1 else "."))


@test("serves a cached answer as it is, without asking the slow source")
def hit_serves_the_cache(t):
    valkey = t.valkey()
    forecast = f"{t.random_word()} skies"
    valkey.send_command("SET", KEY, forecast, "EX", 30)
    valkey.expect_reply(SimpleString("OK"))
    result = t.run()
    got = lines(result)
    assert got[:2] == [f"lisbon: hit {forecast}"] * 2, (
        f"The cache held {forecast!r} for lisbon, so both calls should print 'lisbon: hit {forecast}', but your "
        f"program printed {result.stdout!r}. On a hit, return what Valkey holds, without the slow lookup.")


@test("misses again once the cached answer has expired")
def expiry_means_a_miss(t):
    valkey = t.valkey()
    valkey.send_command("SET", KEY, "stale forecast", "PX", 50)
    valkey.expect_reply(SimpleString("OK"))
    time.sleep(0.15)  # the answer expired 100 ms ago
    result = t.run()
    got = lines(result)
    assert got and got[0].startswith("lisbon: miss") and "stale forecast" not in result.stdout, (
        f"The cached answer had expired, so the first call should be a miss with a fresh forecast, but your "
        f"program printed {result.stdout!r}.")
