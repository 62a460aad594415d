import os

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)

# 1. Publish "too early" on "news" and print "delivered to N".
# 2. Subscribe to "news" on a second connection: client.pubsub().
# 3. Publish hello-1, hello-2, hello-3, printing "delivered to N" after each.
# 4. Print "got <message>" for each message the subscriber receives.
