import os
import time
import uuid

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)

token = str(uuid.uuid4())  # only this worker knows it

# Take lock:report with the token and a 5 s expiry; if someone else holds it, print "busy".
print("acquired")
time.sleep(0.5)  # the work
# Release the lock only if it still holds the token, atomically; then print "released".
print("released")
