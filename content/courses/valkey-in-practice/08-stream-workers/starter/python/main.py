import os

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)

# As consumer "worker-1" of the group "workers" on the stream "tasks":
# 1. claim the tasks pending for more than 100 ms (XAUTOCLAIM) and do them first;
# 2. read the new tasks (XREADGROUP ... >), 10 at a time, until there are none;
# 3. for each: print "done <job>", then XACK it.
