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
    key, now = f"rate:{user}", time.time()
    # Forget what left the window and count the rest, in one transaction.
    pipe = client.pipeline(transaction=True)
    pipe.zremrangebyscore(key, "-inf", now - WINDOW)
    pipe.zcard(key)
    _, count = pipe.execute()
    if count >= LIMIT:
        return False
    pipe = client.pipeline(transaction=True)
    pipe.zadd(key, {f"{now}-{uuid.uuid4().hex[:8]}": now})  # a unique member per request
    pipe.expire(key, WINDOW)  # an idle user's set goes away by itself
    pipe.execute()
    return True


for _ in range(8):
    print("allowed" if allow("ada") else "limited")
