const { createClient } = require("redis");

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  console.log(`delivered to ${await client.publish("news", "too early")}`); // nobody listens: 0, and it is gone

  // A connection of its own: a subscribed connection only receives.
  const subscriber = client.duplicate();
  await subscriber.connect();
  let received = 0;
  let allReceived;
  const done = new Promise((resolve) => (allReceived = resolve));
  await subscriber.subscribe("news", (message) => {
    console.log(`got ${message}`);
    if (++received === 3) allReceived();
  }); // resolves once the subscription is confirmed

  for (let n = 1; n <= 3; n++) {
    console.log(`delivered to ${await client.publish("news", `hello-${n}`)}`);
  }
  let timer;
  await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
  clearTimeout(timer); // a pending timer would keep the program alive

  await subscriber.quit();
  await client.quit();
}

main();
