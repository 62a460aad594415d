# Build your own Valkey, step 5: parse commands and answer ECHO.
import socket
import threading


class ProtocolError(Exception):
    """The client sent bytes that are not a RESP command."""


def parse_command(buffer):
    r"""Parse one command from the start of ``buffer``.

    Clients send every command as a RESP array of bulk strings:
    ``*<count>\r\n`` followed, for each argument, by ``$<length>\r\n<bytes>\r\n``.
    Returns ``(arguments, bytes_used)``, or ``(None, 0)`` while the command is incomplete.
    """
    line_end = buffer.find(b"\r\n")
    if line_end < 0:
        return None, 0
    if buffer[:1] != b"*":
        raise ProtocolError(f"expected '*', got {buffer[:1].decode('latin-1')!r}")
    count = parse_number(buffer[1:line_end])
    position = line_end + 2
    arguments = []
    for _ in range(count):
        line_end = buffer.find(b"\r\n", position)
        if line_end < 0:
            return None, 0
        if buffer[position:position + 1] != b"$":
            raise ProtocolError(f"expected '$', got {buffer[position:position + 1].decode('latin-1')!r}")
        length = parse_number(buffer[position + 1:line_end])
        start = line_end + 2
        end = start + length
        if len(buffer) < end + 2:  # the data and its \r\n have not all arrived yet
            return None, 0
        arguments.append(buffer[start:end])
        position = end + 2
    return arguments, position


def parse_number(text):
    if not text.isdigit():
        raise ProtocolError(f"invalid length {text.decode('latin-1')!r}")
    return int(text)


def serve(connection):
    """Read commands from one client and answer each of them, until it hangs up."""
    buffer = b""  # bytes received but not handled yet: a command may arrive in pieces
    with connection:
        try:
            while data := connection.recv(65536):  # b"" means the client closed the connection
                buffer += data
                # One read can hold several commands (pipelining), or only part of one:
                # answer every complete command and keep the rest for the next read.
                replies = []
                while True:
                    command, used = parse_command(buffer)
                    if command is None:
                        break
                    buffer = buffer[used:]
                    # TODO: `command` is the list of arguments, e.g. [b"ECHO", b"hey"]. Look at
                    # the name (case-insensitive) and answer ECHO with its argument as a bulk
                    # string, $<length in bytes>\r\n<bytes>\r\n; unknown commands and a wrong
                    # number of arguments get Valkey's error replies (see the instructions).
                    replies.append(b"+PONG\r\n")
                # One write for all the replies of this read, rather than many small ones.
                connection.sendall(b"".join(replies))
        except ProtocolError as error:  # not RESP: say so and hang up
            connection.sendall(f"-ERR Protocol error: {error}\r\n".encode())
        except ConnectionError:  # the client vanished without closing properly
            pass


server = socket.create_server(("127.0.0.1", 6379))
print("Listening on 127.0.0.1:6379")

while True:
    connection, address = server.accept()
    # serve() returns only when this client hangs up. Calling it here directly would keep
    # every other client waiting until then; a thread per client lets this loop go straight
    # back to accept(). (daemon=True: these threads never keep the program alive.)
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
