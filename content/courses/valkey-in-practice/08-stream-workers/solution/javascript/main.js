const { createClient } = require("redis");

const STREAM = "tasks";
const GROUP = "workers";
const ME = "worker-1";

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  async function work(messages) {
    for (const { id, message } of messages) {
      if (message === null) continue; // deleted from the stream meanwhile
      console.log(`done ${message.job}`);
      await client.xAck(STREAM, GROUP, id); // done: it leaves the pending list
    }
  }

  // What a crashed worker left pending for more than 100 ms is ours now.
  let start = "0-0";
  do {
    const claimed = await client.xAutoClaim(STREAM, GROUP, ME, 100, start, { COUNT: 10 });
    await work(claimed.messages);
    start = claimed.nextId;
  } while (start !== "0-0");

  // Then the tasks nobody in the group has had yet.
  let reply;
  while ((reply = await client.xReadGroup(GROUP, ME, { key: STREAM, id: ">" }, { COUNT: 10 }))) {
    for (const stream of reply) await work(stream.messages);
  }

  await client.quit();
}

main();
