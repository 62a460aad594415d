import os

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)

# Recover what a crashed worker left: back to the head of the queue, in the same order.
while client.lmove("processing", "jobs", "RIGHT", "LEFT") is not None:
    pass

client.rpush("jobs", "email:ada", "resize:photo-1", "report:7")

# Take each job into processing in one atomic step; forget it only once it is done.
while (job := client.lmove("jobs", "processing", "LEFT", "RIGHT")) is not None:
    print(f"done {job}")
    client.lrem("processing", 1, job)
