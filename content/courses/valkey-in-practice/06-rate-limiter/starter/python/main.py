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

LIMIT, WINDOW = 5, 10  # requests, seconds


def allow(user):
    """Whether this request of ``user`` is allowed: at most LIMIT in any WINDOW seconds."""
    return True  # no limit yet


for _ in range(8):
    print("allowed" if allow("ada") else "limited")
