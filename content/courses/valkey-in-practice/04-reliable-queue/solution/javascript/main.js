const { createClient } = require("redis");

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  // Recover what a crashed worker left: back to the head of the queue, in the same order.
  while ((await client.lMove("processing", "jobs", "RIGHT", "LEFT")) !== null) {}

  await client.rPush("jobs", ["email:ada", "resize:photo-1", "report:7"]);

  // Take each job into processing in one atomic step; forget it only once it is done.
  let job;
  while ((job = await client.lMove("jobs", "processing", "LEFT", "RIGHT")) !== null) {
    console.log(`done ${job}`);
    await client.lRem("processing", 1, job);
  }

  await client.quit();
}

main();
