"""A cluster spreads keys over its primaries by hash slot; the cluster client routes each command for you."""

import os

from valkey.cluster import ValkeyCluster

# Any one node is enough to start: the client asks it for the whole slot map (CLUSTER SLOTS).
first_node = os.environ.get("VALKEY_CLUSTER_NODES", "127.0.0.1:7000").split(",")[0]
host, port = first_node.rsplit(":", 1)
cluster = ValkeyCluster(host=host, port=int(port), decode_responses=True)

for user in ["ada", "grace", "linus", "ken"]:
    key = f"user:{user}"
    cluster.set(key, user.capitalize())
    slot = cluster.keyslot(key)
    node = cluster.get_node_from_key(key)
    print(f"{key:<11} slot {slot:>5} on {node.host}:{node.port}")

# Keys that share a {hash tag} share a slot, so multi-key commands on them are allowed.
cluster.mset({"{cart:7}:items": "3", "{cart:7}:total": "42.50"})
print("cart 7:", cluster.mget("{cart:7}:items", "{cart:7}:total"))

print("nodes:", sorted(f"{n.host}:{n.port}" for n in cluster.get_primaries()))
