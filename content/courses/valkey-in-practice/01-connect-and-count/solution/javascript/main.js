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

  await client.set("user:name", "Ada");
  let visits;
  for (let i = 0; i < 3; i++) {
    visits = await client.incr("visits"); // the new count, computed inside the server
  }
  console.log(`visits = ${visits}`);

  await client.quit();
}

main();
