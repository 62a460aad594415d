import socket

server = socket.create_server(("127.0.0.1", 6379))
print("Listening on 127.0.0.1:6379")

connections = []  # kept open: the next step talks to these clients
while True:
    connection, address = server.accept()
    print("Client connected from", address)
    connections.append(connection)
