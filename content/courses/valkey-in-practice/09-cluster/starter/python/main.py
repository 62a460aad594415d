import os

from valkey.cluster import ValkeyCluster

client = ValkeyCluster(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "7000")),
    decode_responses=True,
)

# 1. print "slot user:ada = N"
# 2. MSET {user:ada}:name Ada {user:ada}:city Lisbon, then print "mset ok"
# 3. INCR visits 300 times, 5 ms apart, then print "visits = N"

client.close()
