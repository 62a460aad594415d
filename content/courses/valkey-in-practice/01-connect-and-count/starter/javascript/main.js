const { createClient } = require("redis");

async function main() {
  const client = createClient({
    socket: {
      host: process.env.VALKEY_HOST ?? "127.0.0.1",
      port: Number(process.env.VALKEY_PORT ?? 6379),
    },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  // Store a name under user:name, count three visits with INCR, then print "visits = N".

  await client.quit();
}

main();
