"""Step 2: the server answers a PING command (sent as a RESP array) with +PONG\r\n."""

from codealong import hint, test


@test("responds to PING with +PONG")
def responds_to_ping(t):
    c = t.connect()
    c.send_command("PING")  # *1\r\n$4\r\nPING\r\n, exactly what valkey-cli sends
    c.expect(b"+PONG\r\n")


@test("responds to PING on a second connection")
@hint("Answer every client: after one connection ends, go back to accepting the next one.")
def responds_on_a_new_connection(t):
    for _ in range(2):
        c = t.connect()
        c.send_command("PING")
        c.expect(b"+PONG\r\n")
        c.close()
