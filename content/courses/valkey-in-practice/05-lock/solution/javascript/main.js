const { createClient } = require("redis");
const { randomUUID } = require("crypto");

// The release before DELIFEQ existed: check and delete inside the server, in one step.
const RELEASE = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end';

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  const token = randomUUID(); // only this worker knows it

  if ((await client.set("lock:report", token, { NX: true, PX: 5000 })) === null) {
    console.log("busy"); // someone else holds it
  } else {
    console.log("acquired");
    await new Promise((resolve) => setTimeout(resolve, 500)); // the work
    await client.eval(RELEASE, { keys: ["lock:report"], arguments: [token] });
    console.log("released");
  }

  await client.quit();
}

main();
