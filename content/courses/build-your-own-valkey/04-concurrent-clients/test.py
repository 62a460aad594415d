"""Step 4: the server serves several clients at the same time: no client waits for
another one to finish, each connection keeps its own state, and a client that vanishes
does not take the server down."""

from codealong import encode_command, hint, test

PING = encode_command("PING")  # *1\r\n$4\r\nPING\r\n
PONG = b"+PONG\r\n"

OWN_BUFFER_HINT = (
    "Each connection needs its own buffer: bytes from one client must never be mixed with "
    "another client's. Create the buffer inside the function that serves one connection."
)


@test("answers a second client while the first one stays connected")
def second_client(t):
    first = t.connect()
    second = t.connect()
    second.send_command("PING")  # the first client is connected but silent
    second.expect(PONG)          # the library's hint names the one-client-at-a-time mistake
    first.send_command("PING")
    first.expect(PONG)


@test("keeps a half-sent command of one client apart from another client's commands")
def separate_buffers(t):
    first = t.connect()
    second = t.connect()
    first.send(PING[:10], replies=0)  # *1\r\n$4\r\nPI
    with hint(OWN_BUFFER_HINT, replace=True):
        second.send_command("PING")
        second.expect(PONG)
        first.send(PING[10:])         # NG\r\n completes the first client's PING
        first.expect(PONG)
        second.send_command("PING")
        second.expect(PONG)


@test("serves ten clients at once, in any order")
def ten_clients(t):
    clients = [t.connect() for _ in range(10)]
    for _ in range(2):
        order = clients[:]
        t.random.shuffle(order)
        t.log("order: " + ", ".join(c.name for c in order))
        for c in order:
            c.send_command("PING")
            c.expect(PONG)


@test("keeps serving the others when a client disconnects abruptly")
@hint(
    "A client that vanishes makes reads and writes on its connection fail (ECONNRESET). "
    "Catch that error for this one connection (Python: except ConnectionError; Node.js: a "
    "try/catch around for await, or connection.on(\"error\", ...)) and keep serving the others."
)
def abrupt_disconnect(t):
    staying = t.connect()
    leaving = t.connect()
    leaving.send_command("PING")
    leaving.expect(PONG)                # the server is reading from this client now
    leaving.send(PING[:10], replies=0)  # half a command, then the client is gone:
    leaving.expect_nothing(0.1, why="the command is incomplete")  # (lets the server read it)
    leaving.reset()                     # a TCP reset, as when a client crashes
    staying.send_command("PING")
    staying.expect(PONG)
    newcomer = t.connect()
    newcomer.send_command("PING")
    newcomer.expect(PONG)
    t.expect_running(grace=0.1)
