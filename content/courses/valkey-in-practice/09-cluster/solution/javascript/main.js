const { createCluster } = require("redis");

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const nodes = (process.env.VALKEY_CLUSTER_NODES ?? "127.0.0.1:7000").split(",");
  const cluster = createCluster({ rootNodes: nodes.map((node) => ({ url: `redis://${node}` })) });
  cluster.on("error", (error) => console.error("Valkey cluster error:", error.message));
  await cluster.connect();

  const slot = await cluster.sendCommand("user:ada", false, ["CLUSTER", "KEYSLOT", "user:ada"]);
  console.log(`slot user:ada = ${slot}`);

  // Only "user:ada" is hashed in both keys: one slot, so one MSET can write them together.
  await cluster.mSet({ "{user:ada}:name": "Ada", "{user:ada}:city": "Lisbon" });
  console.log("mset ok");

  let visits;
  for (let i = 0; i < 300; i++) {
    visits = await cluster.incr("visits"); // after a failover, the client follows MOVED to the new primary
    await pause(5);
  }
  console.log(`visits = ${visits}`);

  await cluster.quit();
}

main();
