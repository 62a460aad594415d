import os

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)

STREAM, GROUP, ME = "tasks", "workers", "worker-1"


def work(entries):
    for entry_id, fields in entries:
        print(f"done {fields['job']}")
        client.xack(STREAM, GROUP, entry_id)  # done: it leaves the pending list


# What a crashed worker left pending for more than 100 ms is ours now.
start = "0-0"
while True:
    start, claimed, *_ = client.xautoclaim(STREAM, GROUP, ME, 100, start_id=start, count=10)
    work(claimed)
    if start == "0-0":  # the whole pending list was scanned
        break

# Then the tasks nobody in the group has had yet.
while reply := client.xreadgroup(GROUP, ME, {STREAM: ">"}, count=10):
    for _, entries in reply:
        work(entries)
