const { createClient } = require("redis");
const { randomUUID } = require("crypto");

const LIMIT = 5; // requests
const WINDOW = 10; // seconds

const client = createClient({
  socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
});
client.on("error", (error) => console.error("Valkey client error:", error.message));

// Whether this request of `user` is allowed: at most LIMIT in any WINDOW seconds.
async function allow(user) {
  return true; // no limit yet
}

async function main() {
  await client.connect();
  for (let i = 0; i < 8; i++) {
    console.log((await allow("ada")) ? "allowed" : "limited");
  }
  await client.quit();
}

main();
