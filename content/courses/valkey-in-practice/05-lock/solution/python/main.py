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

if not client.set("lock:report", token, nx=True, px=5000):  # None: someone else holds it
    print("busy")
else:
    print("acquired")
    time.sleep(0.5)  # the work
    # Delete only if the lock is still ours, in one atomic step (Valkey 9's DELIFEQ).
    client.execute_command("DELIFEQ", "lock:report", token)
    print("released")
