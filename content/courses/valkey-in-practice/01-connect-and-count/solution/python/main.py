import os

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)

client.set("user:name", "Ada")
for _ in range(3):
    visits = client.incr("visits")  # the new count, computed inside the server
print(f"visits = {visits}")
