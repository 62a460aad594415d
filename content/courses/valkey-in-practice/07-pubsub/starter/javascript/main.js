const { createClient } = require("redis");

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  // 1. Publish "too early" on "news" and print "delivered to N".
  // 2. Subscribe to "news" on a second connection: client.duplicate().
  // 3. Publish hello-1, hello-2, hello-3, printing "delivered to N" after each.
  // 4. Print "got <message>" for each message the subscriber receives.

  await client.quit();
}

main();
