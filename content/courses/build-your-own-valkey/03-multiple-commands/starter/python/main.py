# Build your own Valkey, step 3: answer several commands on one connection.
import socket
import threading


def serve(connection):
    """Answer every command from one client with +PONG until it hangs up."""
    with connection:
        while data := connection.recv(1024):  # b"" means the client closed the connection
            # TODO: one read is not one command. `data` may hold two commands sent together
            # (*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n) or only the first half of one.
            # Keep a buffer of received bytes, answer +PONG for every *complete* command in
            # it, and keep the leftover bytes for the next read.
            connection.sendall(b"+PONG\r\n")


server = socket.create_server(("127.0.0.1", 6379))
print("Listening on 127.0.0.1:6379")

while True:
    connection, address = server.accept()
    # One thread per client, so that a slow client cannot block the others.
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
