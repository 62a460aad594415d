// node-redis 4 speaks to Valkey as it does to Redis: every command is an async method.
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

  await client.set("greeting", "hello from node-redis", { EX: 60 });
  console.log(await client.get("greeting"), "- expires in", await client.ttl("greeting"), "s");

  await client.hSet("user:1", { name: "Grace", language: "COBOL" });
  console.log("user:1 =", { ...(await client.hGetAll("user:1")) });

  // A tiny job queue: producers push on the right, a worker pops from the left.
  await client.rPush("jobs", ["resize:1.png", "resize:2.png", "email:ada"]);
  let job;
  while ((job = await client.lPop("jobs")) !== null) {
    console.log("working on", job);
  }

  // Commands without a helper method go through sendCommand.
  console.log("PING ->", await client.sendCommand(["PING"]));
  await client.quit();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
