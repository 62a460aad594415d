# Build your own Valkey, step 1: accept connections on port 6379.
#
# The tests connect to 127.0.0.1:6379 several times. Your program must:
#   1. create a TCP server socket listening on port 6379,
#   2. accept clients in a loop (one accept() per client),
#   3. keep running until it is stopped.
import socket  # noqa: F401  (you will need it)

# TODO: create the server, e.g. server = socket.create_server(("127.0.0.1", 6379))
# TODO: accept clients forever:  while True: connection, address = server.accept()

print("Nothing listens on port 6379 yet: replace the TODOs above with your server.")
