# Build your own Valkey, step 2: respond to PING with +PONG\r\n.
import socket

server = socket.create_server(("127.0.0.1", 6379))
print("Listening on 127.0.0.1:6379")

connections = []  # kept open: the next step talks to these clients
while True:
    connection, address = server.accept()
    print("Client connected from", address)
    connections.append(connection)
    # TODO: read the command (connection.recv) and reply with b"+PONG\r\n" (connection.sendall).
    # Hint: serve each client in its own thread so that one client cannot block the others.
