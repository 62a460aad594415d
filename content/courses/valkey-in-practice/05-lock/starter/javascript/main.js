const { createClient } = require("redis");
const { randomUUID } = require("crypto");

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  const token = randomUUID(); // only this worker knows it

  // Take lock:report with the token and a 5 s expiry; if someone else holds it, print "busy".
  console.log("acquired");
  await new Promise((resolve) => setTimeout(resolve, 500)); // the work
  // Release the lock only if it still holds the token, atomically; then print "released".
  console.log("released");

  await client.quit();
}

main();
