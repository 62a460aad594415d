import os

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)

client.rpush("jobs", "email:ada", "resize:photo-1", "report:7")

# A simple queue: take jobs from the head until there are none. If this worker crashed while
# working, the job it took would be lost. Make it reliable (see the instructions).
while (job := client.lpop("jobs")) is not None:
    print(f"done {job}")
