"""Programs and a step test for the cluster profile, shared by the host tests
(test_cluster.py) and the sandbox tests (test_docker.py)."""

# Writes through valkey-py's cluster client, which follows MOVED, while a test fails over.
COUNTING_PROGRAM = """
import os, time
from valkey.cluster import ValkeyCluster
client = ValkeyCluster(host="127.0.0.1", port=int(os.environ["VALKEY_PORT"]))
for i in range(1, 301):
    client.incr("counter")
    time.sleep(0.005)
print("wrote", client.get("counter").decode())
client.close()
"""

# Fails the primary of "counter" (slot 7638: 7001, its replica 7004) over while the program writes.
FAILOVER_TEST = """
from codealong import test
from codealong.cluster import role

@test("carries on through a failover")
def carries_on(t):
    program = t.start()
    t.wait_until(lambda: int(t.query("GET", "counter", key="counter") or 0) >= 20, what="the first writes")
    assert program.running
    new = t.failover("counter")
    assert new == 7004 and role(new) == "master" and role(7001) == "slave"
    result = program.wait(20)
    assert result.lines == ["wrote 300"], result.stdout + result.stderr
    assert t.valkey_for("counter").command("GET", "counter") == b"300"
"""

# Run mode: the program fails 7002 over itself, then writes on; the keyspace must come from
# the primaries of now, each key once.
SELF_FAILOVER_PROGRAM = """
import time
from valkey import Valkey
from valkey.cluster import ValkeyCluster
client = ValkeyCluster(host="127.0.0.1", port=7000)
for key in ("a", "b", "c", "foo"):
    client.set(key, key.upper())
Valkey(port=7005).execute_command("CLUSTER", "FAILOVER")
while Valkey(port=7005).execute_command("ROLE")[0] != b"master" or Valkey(port=7002).execute_command("ROLE")[0] != b"slave":
    time.sleep(0.02)
client.set("foo", "after")
"""
SELF_FAILOVER_KEYSPACE = [("a", "A"), ("b", "B"), ("c", "C"), ("foo", "after")]
