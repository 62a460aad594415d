const { createClient } = require("redis");

const client = createClient({
  socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
});
client.on("error", (error) => console.error("Valkey client error:", error.message));

// The slow source: a database or a service far away.
async function slowLookup(city) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { lisbon: "sunny", oslo: "snow" }[city] ?? "cloudy";
}

// Returns [forecast, "hit" or "miss"]: Valkey first, the slow lookup on a miss.
async function getWeather(city) {
  return [await slowLookup(city), "miss"]; // no cache yet
}

async function main() {
  await client.connect();
  for (let i = 0; i < 2; i++) {
    const [forecast, how] = await getWeather("lisbon");
    console.log(`lisbon: ${how} ${forecast}`);
  }
  await client.quit();
}

main();
