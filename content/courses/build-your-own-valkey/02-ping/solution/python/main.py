import socket
import threading


def serve(connection):
    """Answer every command from one client with +PONG until it hangs up."""
    with connection:
        while connection.recv(1024):  # b"" means the client closed the connection
            connection.sendall(b"+PONG\r\n")


server = socket.create_server(("127.0.0.1", 6379))
print("Listening on 127.0.0.1:6379")

while True:
    connection, address = server.accept()
    # One thread per client, so that a slow client cannot block the others.
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
