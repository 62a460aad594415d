"""Every check of the course's step tests can fail: each deliberately buggy variant of a
step's solution fails exactly the test that looks for its bug, with the hint for it.

A variant is the solution of one step with a few edits (each ``old`` text must occur in the
solution exactly once, so a changed solution breaks the variant loudly instead of silently
testing something else). It runs through the step it should fail, like the grader sends it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import MAIN_FILES, run_runner, step_files, step_payload


@dataclass
class Variant:
    """A solution with one bug, and the test that must catch it."""

    name: str
    step: str  # the solution it is made from
    language: str
    edits: list[tuple[str, str]]  # (old, new): each old occurs exactly once
    fails: tuple[str, str]  # (step, test title) of the failing test
    hint: str  # a fragment of the failing test's hint

    def files(self) -> dict[str, str]:
        files = step_files(self.step, "solution", self.language)
        main = MAIN_FILES[self.language]
        text = files[main]
        for old, new in self.edits:
            assert text.count(old) == 1, f"{self.name}: {old!r} occurs {text.count(old)} times in the solution"
            text = text.replace(old, new)
        return {**files, main: text}


VARIANTS = [
    Variant(
        "accepts once, then waits", "01-bind", "python",
        [("""while True:
    connection, address = server.accept()
    print("Client connected from", address)
    connections.append(connection)
""", """connection, address = server.accept()  # one client, then only wait
print("Client connected from", address)
time.sleep(3600)
"""), ("import socket\n", "import socket\nimport time\n")],
        ("01-bind", "keeps accepting: three connections one after another"), "accept in a loop",
    ),
    Variant(
        "a read buffer of 1 KiB that drops what does not fit", "03-multiple-commands", "javascript",
        [("  let buffer = Buffer.alloc(0); // bytes received but not handled yet: a command may arrive in pieces\n",
          "  const space = Buffer.alloc(1024); // room for the bytes not handled yet: commands are short\n"
          "  let length = 0;\n"),
         ("      buffer = Buffer.concat([buffer, data]);\n",
          "      length += data.copy(space, length); // copies what fits\n"
          "      let buffer = space.subarray(0, length);\n"),
         ("      if (replies.length > 0) connection.write(Buffer.concat(replies));\n",
          "      length = buffer.copy(space); // the rest moves to the front\n"
          "      if (replies.length > 0) connection.write(Buffer.concat(replies));\n")],
        ("03-multiple-commands", "answers 1,000 PINGs sent in one write, every one of them"), "fixed size",
    ),
    Variant(
        "drops an unfinished command longer than 1 KiB", "05-echo", "python",
        [("""                # One write for all the replies of this read, rather than many small ones.
                connection.sendall(b"".join(replies))
""", """                if len(buffer) > 1024:  # no command is that long: drop the garbage
                    buffer = b""
                # One write for all the replies of this read, rather than many small ones.
                connection.sendall(b"".join(replies))
""")],
        ("05-echo", "reads arguments of 64 KiB and 1 MiB that arrive in many pieces, also in a pipeline"),
        "Keep every byte of an unfinished command",
    ),
    Variant(
        "decodes what it reads as UTF-8 text", "05-echo", "javascript",
        [("  return command(args);\n",
          "  return command(args.map((arg) => arg.toString())); // strings are easier to work with\n")],
        ("05-echo", "echoes any bytes, also bytes that are not UTF-8 text"), "U+FFFD",
    ),
    Variant(
        "does not check the number of arguments", "05-echo", "python",
        [('    b"echo": (echo, 2),\n', '    b"echo": (echo, -1),\n')],
        ("05-echo", "answers ECHO and PING with the wrong number of arguments with an error"),
        "Check the number of arguments",
    ),
    Variant(
        "turns keys into text", "06-set-get", "python",
        [("    store[args[1]] = args[2]\n", "    store[args[1].decode(errors=\"replace\")] = args[2]  # str keys\n"),
         ("    return bulk(store.get(args[1]))", "    return bulk(store.get(args[1].decode(errors=\"replace\")))")],
        ("06-set-get", "keys and values hold any bytes, also bytes that are not UTF-8 text"),
        "different keys equal",
    ),
    Variant(
        "writes with send on a non-blocking socket", "06-set-get", "python",
        [("import socket\n", "import select\nimport socket\n"),
         ("""    with connection:
        try:
            while data := connection.recv(65536):""", """    connection.setblocking(False)  # recv never waits: select says when there is data
    with connection:
        try:
            while select.select([connection], [], [])[0] and (data := connection.recv(65536)):"""),
         ("                connection.sendall(b\"\".join(replies))\n",
          "                connection.send(b\"\".join(replies))\n")],
        ("06-set-get", "sends whole replies to a client that reads them late: 8 GETs of a 1 MiB value"),
        "use sendall, not send",
    ),
    Variant(
        "does not check the number of arguments of SET and GET", "06-set-get", "python",
        [('    b"set": (set_, -3),\n    b"get": (get, 2),\n', '    b"set": (set_, -1),\n    b"get": (get, -1),\n')],
        ("06-set-get", "answers SET and GET with the wrong number of arguments with an error"),
        "Check the number of arguments",
    ),
    Variant(
        "rounds PX up to whole seconds", "07-expiry", "python",
        [("        expires_at = now_ms() + milliseconds\n",
          "        expires_at = now_ms() + -(-milliseconds // 1000) * 1000  # to the second is precise enough\n")],
        ("07-expiry", "expires keys on time: PX counts milliseconds, EX seconds"), "400 ms have passed",
    ),
    Variant(
        "ignores EX", "07-expiry", "javascript",
        [("    expiresAt = Number(when);\n", "    if (unit === \"PX\") expiresAt = Number(when);\n")],
        ("07-expiry", "expires keys on time: PX counts milliseconds, EX seconds"), "1.15 s have passed",
    ),
    Variant(
        "reads integers with int()", "08-del-exists-incr", "python",
        [("""    if not INTEGER.fullmatch(data):
        return None
    number = int(data)
    return number if MIN_INTEGER <= number <= MAX_INTEGER else None
""", """    try:
        return int(data)
    except ValueError:
        return None
""")],
        ("08-del-exists-incr", "INCR and DECR count only integers written as Valkey writes them, within 64 bits"),
        "Valkey's strict form",
    ),
    Variant(
        "INCR drops the key's expiry", "08-del-exists-incr", "javascript",
        [("  const expiresAt = entry === undefined ? null : entry.expiresAt; // INCR keeps the key's expiry\n",
          "  const expiresAt = null; // a new value\n")],
        ("08-del-exists-incr", "treats expired keys as missing in DEL, EXISTS and INCR; INCR keeps a key's expiry"),
        "INCR keeps the key's expiry",
    ),
    Variant(
        "does not check the number of arguments of DEL", "08-del-exists-incr", "python",
        [('    b"del": (delete, -2),\n', '    b"del": (delete, -1),\n')],
        ("08-del-exists-incr", "answers DEL, EXISTS, INCR and DECR with the wrong number of arguments with an error"),
        "Check the number of arguments",
    ),
    Variant(
        "does not check the number of arguments of TYPE", "09-type-keys", "python",
        [('    b"type": (type_, 2),\n', '    b"type": (type_, -1),\n')],
        ("09-type-keys", "answers TYPE and KEYS with the wrong number of arguments with an error"),
        "Check the number of arguments",
    ),
    Variant(
        "checks a key's type before its expiry", "10-lists", "python",
        [("""    items = lookup_as(key, "list")
    if items is None:
        items = deque()""", """    if key in store and not isinstance(store[key][0], deque):  # only lists can take a push
        raise WrongType
    items = lookup_as(key, "list")
    if items is None:
        items = deque()""")],
        ("10-lists", "RPUSH and LPUSH onto an expired string key create a list"), "check the expiry before the type",
    ),
    Variant(
        "does not check the number of arguments of RPUSH", "10-lists", "python",
        [('    b"rpush": (rpush, -3),\n', '    b"rpush": (rpush, -2),\n')],
        ("10-lists", "answers the list commands with the wrong number of arguments with an error"),
        "Check the number of arguments",
    ),
    Variant(
        "rounds the BLPOP timeout up to whole seconds", "11-blpop", "javascript",
        [("setTimeout(() => this.finish(array(null)), timeout * 1000)",
          "setTimeout(() => this.finish(array(null)), Math.ceil(timeout) * 1000)")],
        ("11-blpop", "BLPOP replies with a null array when the timeout passes, on time"), "don't round",
    ),
    Variant(
        "leaves a timed-out waiter in the queues", "11-blpop", "python",
        [("""            if self.reply is None:  # timed out: stop waiting (a push may not serve us any more)
                self.unblock()
""", """            if self.reply is None:  # timed out
""")],
        ("11-blpop", "a client whose BLPOP timed out takes nothing from a later push"), "timeout passes",
    ),
    Variant(
        "leaves the waiter of a client that hung up in the queues", "11-blpop", "python",
        [("""            if hung_up(waiter.connection):  # it waits no more; the value stays for the next
                waiter.event.set()
                continue
""", "")],
        ("11-blpop", "a client that disconnects while blocked takes nothing from a later push"),
        "Notice the closed connection",
    ),
    Variant(
        "leaves the waiter of a client that hung up in the queues", "16-persistence", "javascript",
        [("    client.waiter?.finish(null); // gone while waiting: it leaves the queues and takes nothing\n", "")],
        ("11-blpop", "a client that disconnects while blocked takes nothing from a later push"),
        "Notice the closed connection",
    ),
    Variant(
        "removes a served waiter from one queue only", "11-blpop", "python",
        [("            waiter.unblock()  # from this key's queue and from those of its other keys\n",
          "            queue.popleft()  # served: it leaves the queue\n")],
        ("11-blpop", "a client blocked on several keys is served once"), "a second time",
    ),
    Variant(
        "does not check the number of arguments of BLPOP, and waits for ever without a timeout", "11-blpop", "python",
        [('    b"blpop": (blpop, -3),\n', '    b"blpop": (blpop, -2),\n'),
         ("""    except ValueError:
        return error("ERR timeout is not a float or out of range")""", """    except ValueError:
        timeout = 0  # no timeout given: wait for ever""")],
        ("11-blpop", "answers BLPOP with the wrong number of arguments with an error"), "Check the number of arguments",
    ),
    Variant(
        "does not check the number of arguments of HSET", "12-hashes", "python",
        [('    b"hset": (hset, -4),\n', '    b"hset": (hset, -2),\n')],
        ("12-hashes", "answers the hash commands with the wrong number of arguments with an error"),
        "Check the number of arguments",
    ),
    Variant(
        "ZADD adds the pairs before a bad score", "13-sorted-sets", "python",
        [("""    if any(score is None for score, member in pairs):  # check every score before adding any
        return error("ERR value is not a valid float")
""", ""), ("""    for score, member in pairs:
        if member not in zset.scores:""", """    for score, member in pairs:
        if score is None:
            return error("ERR value is not a valid float")
        if member not in zset.scores:""")],
        ("13-sorted-sets", "ZADD rejects a bad score or a missing one, and then changes nothing"),
        "Check every score before changing anything",
    ),
    Variant(
        "ZADD takes nan for a score", "13-sorted-sets", "python",
        [("    if math.isnan(score) or data != data.strip()", "    if data != data.strip()")],
        ("13-sorted-sets", "ZADD rejects a bad score or a missing one, and then changes nothing"),
        "nan is not one",
    ),
    Variant(
        "does not check the number of arguments of ZADD", "13-sorted-sets", "python",
        [('    b"zadd": (zadd, -4),\n', '    b"zadd": (zadd, -2),\n')],
        ("13-sorted-sets", "answers the sorted set commands with the wrong number of arguments with an error"),
        "Check the number of arguments",
    ),
    Variant(
        "EXEC runs each queued command the way it runs any command", "14-transactions", "python",
        [("""    with lock:  # all of them at once: no other client's command runs in between
        for args in queued:
            reply = run(args)
            if isinstance(reply, Waiter):  # BLPOP does not wait inside a transaction
                reply.unblock()
                reply = array(None)
            replies.append(reply)  # an error is just one more reply: the others still run
        serve_blocked_clients()
""", """    for args in queued:
        with lock:  # one command at a time, like any other
            reply = run(args)
            if isinstance(reply, Waiter):  # BLPOP does not wait inside a transaction
                reply.unblock()
                reply = array(None)
            replies.append(reply)  # an error is just one more reply: the others still run
            serve_blocked_clients()
""")],
        ("14-transactions", "EXEC runs all its commands with no other client's command in between"),
        "one hold of your data lock",
    ),
    Variant(
        "queues a command with the wrong number of arguments", "14-transactions", "python",
        [("""    if problem is not None:
        if client.transaction is not None:
            client.transaction_failed = True  # a command that cannot even be queued spoils EXEC
        return problem
""", """    if problem is not None:
        if client.transaction is not None and problem.startswith(b"-ERR unknown"):
            client.transaction_failed = True  # an unknown command spoils EXEC
        return problem
""")],
        ("14-transactions", "a command with the wrong number of arguments aborts the transaction at EXEC"),
        "can't be queued either",
    ),
    Variant(
        "does not check the number of arguments of MULTI", "14-transactions", "python",
        [('    b"multi": (multi, 1),\n', '    b"multi": (multi, -1),\n')],
        ("14-transactions", "answers MULTI and DISCARD with the wrong number of arguments with an error"),
        "Check the number of arguments",
    ),
    Variant(
        "does not check the number of arguments of EXEC", "14-transactions", "python",
        [('    b"exec": (exec_, 1),\n', '    b"exec": (exec_, -1),\n')],
        ("14-transactions", "answers EXEC with the wrong number of arguments with an error, and runs nothing"),
        "EXEC takes no arguments",
    ),
    Variant(
        "does not check the number of arguments of SUBSCRIBE", "15-pubsub", "python",
        [('    b"subscribe": (subscribe, -2),\n', '    b"subscribe": (subscribe, -1),\n')],
        ("15-pubsub", "answers SUBSCRIBE and PUBLISH with the wrong number of arguments with an error"),
        "Check the number of arguments",
    ),
    Variant(
        "does not persist ZADD and ZREM", "16-persistence", "python",
        [('b"hset", b"hdel",\n                  b"zadd", b"zrem"}', 'b"hset", b"hdel"}')],
        ("16-persistence", "data written before a restart is there after it"), "ZADD and ZREM",
    ),
    Variant(
        "does not persist HDEL", "16-persistence", "python",
        [('b"hset", b"hdel",\n', 'b"hset",\n')],
        ("16-persistence", "data written before a restart is there after it"), "HSET and HDEL",
    ),
    Variant(
        "does not persist what a waiting BLPOP took", "16-persistence", "javascript",
        [("      const waiter = blocked.get(key)[0]; // it leaves this key's queue and those of its other keys\n"
          "      appendToFile([\"LPOP\", key]);\n",
          "      const waiter = blocked.get(key)[0]; // it leaves this key's queue and those of its other keys\n")],
        ("16-persistence", "data written before a restart is there after it"), "BLPOP that waited",
    ),
]


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_buggy_variant_fails_its_test(variant):
    step, title = variant.fails
    run = run_runner(step_payload(step, variant.language, variant.files()))
    failed = run.failed()
    assert run.result["status"] == "fail", run.result
    assert (failed["step"], failed["name"]) == (step, title), failed
    assert variant.hint in (failed["hint"] or ""), failed


# The last solution with every error worded its own way, the code kept: "-ERR that did not work".
OWN_WORDS = {
    "python": ('    return b"-" + message.replace(b"\\r", b" ").replace(b"\\n", b" ") + b"\\r\\n"\n',
               '    return b"-" + message.split(b" ", 1)[0] + b" that did not work\\r\\n"\n'),
    "javascript": ('const error = (message) => Buffer.from(`-${message.replace(/[\\r\\n]/g, " ")}\\r\\n`, "latin1");\n',
                   'const error = (message) => Buffer.from(`-${message.split(" ")[0]} that did not work\\r\\n`, "latin1");\n'),
}


@pytest.mark.parametrize("language", sorted(OWN_WORDS))
def test_errors_in_other_words_pass_every_step_with_notes(language):
    """Only an error's code is checked: the wording may be the learner's own, and the result
    shows Valkey's as a note."""
    last = "16-persistence"
    variant = Variant("its own error wording", last, language, [OWN_WORDS[language]], (last, ""), "")
    run = run_runner(step_payload(last, language, variant.files()))
    assert run.result["status"] == "pass", run.result
    notes = {t["name"]: t["note"] for t in run.tests() if t["note"]}
    unknown = notes["answers an unknown command with an error"]
    assert "Your server answered \"-ERR that did not work\" where Valkey answers \"-ERR unknown command" in unknown
    assert "Only the error code, ERR, is checked" in unknown
    assert "\"-WRONGTYPE Operation against a key holding the wrong kind of value\"" in notes[
        "TYPE says list, and other types are rejected with WRONGTYPE"]
    assert "\"-EXECABORT Transaction discarded because of previous errors.\"" in notes[
        "an unknown command aborts the transaction at EXEC"]
