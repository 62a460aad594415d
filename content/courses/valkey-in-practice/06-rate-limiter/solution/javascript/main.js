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
  const key = `rate:${user}`;
  const now = Date.now() / 1000;
  // Forget what left the window and count the rest, in one transaction.
  const [, count] = await client.multi().zRemRangeByScore(key, "-inf", now - WINDOW).zCard(key).exec();
  if (count >= LIMIT) return false;
  await client
    .multi()
    .zAdd(key, { score: now, value: `${now}-${randomUUID().slice(0, 8)}` }) // a unique member per request
    .expire(key, WINDOW) // an idle user's set goes away by itself
    .exec();
  return true;
}

async function main() {
  await client.connect();
  for (let i = 0; i < 8; i++) {
    console.log((await allow("ada")) ? "allowed" : "limited");
  }
  await client.quit();
}

main();
