const { createClient } = require("redis");

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  // As consumer "worker-1" of the group "workers" on the stream "tasks":
  // 1. claim the tasks pending for more than 100 ms (XAUTOCLAIM) and do them first;
  // 2. read the new tasks (XREADGROUP ... >), 10 at a time, until there are none;
  // 3. for each: print "done <job>", then XACK it.

  await client.quit();
}

main();
