import os
import time

from valkey.cluster import ValkeyCluster

client = ValkeyCluster(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "7000")),
    decode_responses=True,
)

print(f"slot user:ada = {client.keyslot('user:ada')}")

# Only "user:ada" is hashed in both keys: one slot, so one MSET can write them together.
client.mset({"{user:ada}:name": "Ada", "{user:ada}:city": "Lisbon"})
print("mset ok")

for _ in range(300):
    visits = client.incr("visits")  # after a failover, the client follows MOVED to the new primary
    time.sleep(0.005)
print(f"visits = {visits}")

client.close()
