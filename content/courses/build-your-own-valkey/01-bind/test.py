"""Step 1: the server accepts TCP connections on 127.0.0.1:6379 and keeps running."""

from codealong import hint, test


@test("accepts a TCP connection on port 6379")
def accepts_a_connection(t):
    c = t.connect()
    c.close()


@test("keeps accepting: three connections one after another")
@hint("Accept clients in a loop (Python: while True: server.accept()); Node.js's server keeps accepting by itself.")
def keeps_accepting(t):
    for _ in range(3):
        c = t.connect()
        c.close()
    # Connecting succeeds even when the program never calls accept() again (the kernel queues
    # the connection), so a program that took its first client and then only waits is told here.
    t.expect_accepted()
    # A program that exits after its first client would still have let these connect while
    # exiting; watching it for a moment longer tells the two apart.
    t.expect_running(grace=0.25)
