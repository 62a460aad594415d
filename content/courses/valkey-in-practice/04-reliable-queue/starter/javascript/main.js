const { createClient } = require("redis");

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  await client.rPush("jobs", ["email:ada", "resize:photo-1", "report:7"]);

  // A simple queue: take jobs from the head until there are none. If this worker crashed while
  // working, the job it took would be lost. Make it reliable (see the instructions).
  let job;
  while ((job = await client.lPop("jobs")) !== null) {
    console.log(`done ${job}`);
  }

  await client.quit();
}

main();
