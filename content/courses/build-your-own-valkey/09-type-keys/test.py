"""Step 9: TYPE names the type of a key (+string, +none); KEYS returns the keys that match
a glob-style pattern (* ? [abc]), in any order, leaving out expired keys; wrong numbers of
arguments are errors."""

import time

from codealong import SimpleString, hint, test

OK = SimpleString("OK")
GLOB_HINT = (
    "In a KEYS pattern, * matches any run of characters (also none), ? exactly one character, "
    "and [abc] one of the characters listed; every other character matches only itself. The "
    "whole key must match, and the reply lists each matching key once, in any order."
)


def prefix(t):
    """A namespace for this test's keys, so that keys from other tests never match."""
    return f"keys{t.random.randint(100000, 999999)}"


def set_keys(c, keys):
    for key in keys:
        c.send_command("SET", key, "1")
        c.expect_reply(OK)


@test("answers TYPE with +string for a string and +none for a missing key")
def type_(t):
    c = t.connect()
    key = t.random_key()
    c.send_command("SET", key, t.random_word())
    c.expect_reply(OK)
    with hint("TYPE answers with a simple string: +string\\r\\n for a key that holds a string."):
        c.send_command("TYPE", key)
        c.expect_reply(SimpleString("string"))
    with hint("For a key that does not exist, TYPE answers +none\\r\\n (not an error, not a null)."):
        c.send_command("TYPE", t.random_key("missing"))
        c.expect_reply(SimpleString("none"))


@test("answers KEYS with an array of the keys that match *")
@hint(GLOB_HINT)
def keys_star(t):
    c = t.connect()
    p = prefix(t)
    names = [f"{p}:apple", f"{p}:apricot", f"{p}:banana", f"{p}:avocado:ripe"]
    set_keys(c, names)
    c.send_command("KEYS", f"{p}:*")
    c.expect_unordered(names)
    c.send_command("KEYS", f"{p}:a*")
    c.expect_unordered([n for n in names if n.startswith(f"{p}:a")])
    c.send_command("KEYS", f"{p}:*a")
    c.expect_unordered([f"{p}:banana"])
    c.send_command("KEYS", f"{p}:*o*")
    c.expect_unordered([f"{p}:apricot", f"{p}:avocado:ripe"])
    with hint("KEYS * lists every key on the server: all the keys of this test must be among them."):
        c.send_command("KEYS", "*")
        everything = c.read_reply()
        t.check(isinstance(everything, list), "KEYS * should answer with an array.")
        missing = [n for n in names if n.encode() not in everything]
        t.check(not missing, f"KEYS * did not list {', '.join(missing)}.")


@test("answers KEYS with an empty array when nothing matches")
@hint("No matching key is an empty array, *0\\r\\n, not a null.")
def keys_none(t):
    c = t.connect()
    c.send_command("KEYS", f"{prefix(t)}:*")
    c.expect_reply([])  # *0\r\n


@test("matches ? and [abc] in KEYS patterns; other characters match only themselves")
@hint(GLOB_HINT)
def keys_glob(t):
    c = t.connect()
    p = prefix(t)
    names = [f"{p}:cat", f"{p}:bat", f"{p}:rat", f"{p}:boat", f"{p}:at", f"{p}:v1.0", f"{p}:v100"]
    set_keys(c, names)
    c.send_command("KEYS", f"{p}:?at")
    c.expect_unordered([f"{p}:cat", f"{p}:bat", f"{p}:rat"])
    c.send_command("KEYS", f"{p}:[bc]at")
    c.expect_unordered([f"{p}:cat", f"{p}:bat"])
    c.send_command("KEYS", f"{p}:b?at")
    c.expect_unordered([f"{p}:boat"])
    c.send_command("KEYS", f"{p}:*at")
    c.expect_unordered([f"{p}:cat", f"{p}:bat", f"{p}:rat", f"{p}:boat", f"{p}:at"])
    with hint("A . in a pattern is just a dot: only *, ? and [...] are special. If you turn the "
              "pattern into a regular expression, escape every other character."):
        c.send_command("KEYS", f"{p}:v1.0")
        c.expect_unordered([f"{p}:v1.0"])


@test("leaves expired keys out of KEYS and TYPE")
@hint("Expired keys do not exist: check the expiry of each key before listing it in KEYS, and in TYPE.")
def keys_expired(t):
    c = t.connect()
    p = prefix(t)
    c.send_command("SET", f"{p}:gone", "1", "PX", 100)
    c.expect_reply(OK)
    set_keys(c, [f"{p}:here"])
    t.log("waiting 250 ms")
    time.sleep(0.25)  # the PX 100 key expired 150 ms ago
    c.send_command("KEYS", f"{p}:*")
    c.expect_unordered([f"{p}:here"])
    c.send_command("TYPE", f"{p}:gone")
    c.expect_reply(SimpleString("none"))


@test("answers TYPE and KEYS with the wrong number of arguments with an error")
def arity(t):
    c = t.connect()
    c.expect_wrong_arity(("TYPE",), ("TYPE", t.random_key(), t.random_key()), ("KEYS",), ("KEYS", "*", "*"))
