"""Step 14: transactions — MULTI, queued commands (+QUEUED), EXEC (all commands at once, with
no other client's command in between), DISCARD, and their errors: a command that cannot be
queued (unknown, or with the wrong number of arguments) makes EXEC answer EXECABORT."""

from codealong import ErrorReply, SimpleString, hint, test

OK = SimpleString("OK")
QUEUED = SimpleString("QUEUED")


@test("MULTI replies +OK and commands are queued with +QUEUED")
def multi_queues(t):
    c = t.connect()
    key = t.random_key("account")
    with hint("MULTI starts a transaction on this connection and replies +OK\\r\\n."):
        c.send_command("MULTI")
        c.expect_reply(OK)
    with hint("Inside a transaction, don't run commands: remember them and reply +QUEUED\\r\\n to each."):
        c.send_command("SET", key, 100)
        c.expect_reply(QUEUED)
        c.send_command("INCR", key)
        c.expect_reply(QUEUED)
    c.send_command("DISCARD")
    c.expect_reply(OK)


@test("EXEC runs the queued commands and replies with an array of their replies")
@hint("EXEC runs the queued commands in order and replies with one array holding each command's "
      "reply as it would have been sent: *4\\r\\n+OK\\r\\n:101\\r\\n...")
def exec_runs_queue(t):
    c = t.connect()
    key, other = t.random_key("account"), t.random_key("log")
    word = t.random_word()
    c.send_command("MULTI")
    c.expect_reply(OK)
    for command in (("SET", key, 100), ("INCR", key), ("GET", key), ("RPUSH", other, word),
                    ("GET", t.random_key("missing")), ("ECHO", word)):
        c.send_command(*command)
        c.expect_reply(QUEUED)
    c.send_command("EXEC")
    c.expect_reply([OK, 101, "101", 1, None, word])
    with hint("After EXEC the transaction is over: commands run at once again."):
        c.send_command("GET", key)
        c.expect_reply("101")


@test("queued writes stay invisible to other clients until EXEC")
@hint("Queued commands must not touch the data before EXEC: keep them in a per-connection list and "
      "run them all when EXEC arrives.")
def isolation(t):
    c = t.connect()
    other = t.connect()
    key = t.random_key("account")
    c.send_command("MULTI")
    c.expect_reply(OK)
    c.send_command("SET", key, "pending")
    c.expect_reply(QUEUED)
    other.send_command("GET", key)
    other.expect_reply(None)
    c.send_command("EXEC")
    c.expect_reply([OK])
    other.send_command("GET", key)
    other.expect_reply("pending")


@test("an empty transaction replies with an empty array")
def empty_exec(t):
    c = t.connect()
    c.send_command("MULTI")
    c.expect_reply(OK)
    with hint("EXEC with nothing queued replies with an empty array: *0\\r\\n."):
        c.send_command("EXEC")
        c.expect_reply([])


@test("DISCARD drops the queued commands")
def discard(t):
    c = t.connect()
    key = t.random_key("account")
    c.send_command("MULTI")
    c.expect_reply(OK)
    c.send_command("SET", key, "never")
    c.expect_reply(QUEUED)
    with hint("DISCARD forgets the queued commands, ends the transaction and replies +OK\\r\\n."):
        c.send_command("DISCARD")
        c.expect_reply(OK)
    with hint("After DISCARD the queued commands never run, and new commands run at once."):
        c.send_command("GET", key)
        c.expect_reply(None)


@test("EXEC and DISCARD without MULTI are errors")
def without_multi(t):
    c = t.connect()
    with hint("Outside a transaction, EXEC is an error, such as -ERR EXEC without MULTI\\r\\n."):
        c.send_command("EXEC")
        c.expect_reply(ErrorReply("ERR EXEC without MULTI"))
    with hint("Outside a transaction, DISCARD is an error, such as -ERR DISCARD without MULTI\\r\\n."):
        c.send_command("DISCARD")
        c.expect_reply(ErrorReply("ERR DISCARD without MULTI"))
    with hint("EXEC ends the transaction: a second EXEC has no MULTI to finish."):
        c.send_command("MULTI")
        c.expect_reply(OK)
        c.send_command("EXEC")
        c.expect_reply([])
        c.send_command("EXEC")
        c.expect_reply(ErrorReply("ERR EXEC without MULTI"))


@test("MULTI inside a transaction is an error")
@hint("Transactions don't nest: a MULTI inside one is an error, such as "
      "-ERR Command 'multi' not allowed inside a transaction\\r\\n, and the transaction stays open.")
def nested_multi(t):
    c = t.connect()
    c.send_command("MULTI")
    c.expect_reply(OK)
    c.send_command("MULTI")
    c.expect_reply(ErrorReply("ERR Command 'multi' not allowed inside a transaction"))
    c.send_command("DISCARD")
    c.expect_reply(OK)


@test("a failing command does not stop the rest of the transaction")
@hint("EXEC runs every queued command even when one of them fails: the error reply takes its place in "
      "the array and the next commands run. There is no rollback.")
def errors_inside_exec(t):
    c = t.connect()
    key, other = t.random_key("name"), t.random_key("count")
    word = t.random_word()
    c.send_command("MULTI")
    c.expect_reply(OK)
    for command in (("SET", key, word), ("INCR", key), ("LPUSH", key, "x"), ("INCR", other)):
        c.send_command(*command)
        c.expect_reply(QUEUED)
    c.send_command("EXEC")
    c.expect_reply([OK, ErrorReply("ERR value is not an integer or out of range"),
                    ErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value"), 1])


@test("an unknown command aborts the transaction at EXEC")
@hint("A command that can't even be queued (an unknown command) gets its error at once, and marks the "
      "transaction as failed: EXEC then runs nothing and replies with an EXECABORT error, such as "
      "-EXECABORT Transaction discarded because of previous errors.\\r\\n")
def unknown_command_aborts(t):
    c = t.connect()
    key = t.random_key("account")
    c.send_command("MULTI")
    c.expect_reply(OK)
    c.send_command("SET", key, "never")
    c.expect_reply(QUEUED)
    c.send_command("NOSUCHCOMMAND", key)
    c.expect_reply(ErrorReply(f"ERR unknown command 'NOSUCHCOMMAND', with args beginning with: '{key}' "))
    c.send_command("EXEC")
    c.expect_reply(ErrorReply("EXECABORT Transaction discarded because of previous errors."))
    c.send_command("GET", key)
    c.expect_reply(None)


@test("a command with the wrong number of arguments aborts the transaction at EXEC")
@hint("A command with the wrong number of arguments can't be queued either: answer its error at once, "
      "mark the transaction as failed, and let EXEC reply with an EXECABORT error and run nothing.",
      replace=True)
def arity_error_aborts(t):
    c = t.connect()
    key = t.random_key("account")
    c.send_command("MULTI")
    c.expect_reply(OK)
    c.send_command("SET", key, "never")
    c.expect_reply(QUEUED)
    c.send_command("GET")
    c.expect_reply(ErrorReply("ERR wrong number of arguments for 'get' command"))
    c.send_command("EXEC")
    c.expect_reply(ErrorReply("EXECABORT Transaction discarded because of previous errors."))
    c.send_command("GET", key)
    c.expect_reply(None)


@test("EXEC runs all its commands with no other client's command in between")
@hint("EXEC must run the queued commands as one block: no command of another client may run between "
      "them, and a client blocked in BLPOP is served only after the whole transaction. Run them all "
      "under one hold of your data lock (Python) or in one go, with no await between them (Node.js), "
      "and serve the blocked clients once, at the end.", replace=True)
def exec_is_atomic(t):
    c = t.connect()
    waiter = t.connect()
    other = t.connect()
    queue, log = t.random_key("queue"), t.random_key("log")
    waiter.send_command("BLPOP", queue, 0)
    waiter.expect_nothing(0.1, why="the list is empty, so BLPOP waits")
    c.send_command("MULTI")
    c.expect_reply(OK)
    for command in (("RPUSH", queue, "first"), ("LLEN", queue), ("RPUSH", queue, "second"), ("LLEN", queue)):
        c.send_command(*command)
        c.expect_reply(QUEUED)
    c.send_command("EXEC")
    c.expect_reply([1, 1, 2, 2])  # the waiter takes "first" after EXEC, not in the middle of it
    waiter.expect_reply([queue, "first"], timeout=3)
    # Another client's commands, sent while a long transaction runs, don't land in the middle.
    count = 200
    c.send_command("MULTI")
    c.expect_reply(OK)
    c.send_pipeline([("RPUSH", log, "exec")] * count)
    c.expect_replies([QUEUED] * count)
    other.send_pipeline([("RPUSH", log, "other")] * count)
    c.send_command("EXEC")
    lengths = c.read_reply()
    t.check(isinstance(lengths, list) and len(lengths) == count and all(isinstance(n, int) for n in lengths),
            f"After EXEC, expected an array of {count} integers (the list's length after each RPUSH), "
            f"but received {lengths!r:.200}.")
    for before, after in zip(lengths, lengths[1:]):
        t.check(after == before + 1,
                f"EXEC's RPUSH replies jump from {before} to {after}: {after - before - 1} RPUSH commands of "
                "another client ran in the middle of the transaction.")
    for _ in range(count):
        t.check(isinstance(other.read_reply(), int), "The other client's RPUSH should answer with an integer.")


@test("answers MULTI and DISCARD with the wrong number of arguments with an error")
def arity(t):
    c = t.connect()
    c.expect_wrong_arity(("MULTI", "now"), ("DISCARD", "all"))


@test("answers EXEC with the wrong number of arguments with an error, and runs nothing")
@hint("EXEC takes no arguments: EXEC now is an error, and the commands queued since MULTI must not run. "
      "Check the number of arguments before running the queue (and treat the transaction as failed).")
def exec_arity(t):
    c = t.connect()
    key = t.random_key("never")
    c.send_command("MULTI")
    c.expect_reply(SimpleString("OK"))
    c.send_command("SET", key, t.random_word())
    c.expect_reply(SimpleString("QUEUED"))
    c.send_command("EXEC", "now")
    reply = c.read_reply()
    # Valkey answers -EXECABORT and drops the transaction at once; older servers answer -ERR and
    # abort at the next EXEC. Either way it is an error, and nothing runs.
    t.check(isinstance(reply, ErrorReply),
            f"After EXEC now, expected an error (such as -EXECABORT Transaction discarded because of: wrong "
            f"number of arguments for 'exec' command), but received {reply!r:.200}.")
    c.send_command("EXEC")
    reply = c.read_reply()
    t.check(isinstance(reply, ErrorReply),
            f"After a failed EXEC now, EXEC must be an error too (the transaction is over or aborted), but "
            f"received {reply!r:.200}.")
    c.send_command("GET", key)
    c.expect_reply(None)
