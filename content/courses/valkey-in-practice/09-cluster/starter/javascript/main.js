const { createCluster } = require("redis");

async function main() {
  const nodes = (process.env.VALKEY_CLUSTER_NODES ?? "127.0.0.1:7000").split(",");
  const cluster = createCluster({ rootNodes: nodes.map((node) => ({ url: `redis://${node}` })) });
  cluster.on("error", (error) => console.error("Valkey cluster error:", error.message));
  await cluster.connect();

  // 1. print "slot user:ada = N"
  // 2. MSET {user:ada}:name Ada {user:ada}:city Lisbon, then print "mset ok"
  // 3. INCR visits 300 times, 5 ms apart, then print "visits = N"

  await cluster.quit();
}

main();
