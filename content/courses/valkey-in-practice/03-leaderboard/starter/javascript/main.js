const { createClient } = require("redis");

const GAMES = [["ada", 120], ["grace", 95], ["linus", 130], ["ada", 40]];

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  // Add each game's points to the player's total in the sorted set "leaderboard", then print the
  // top three, ada's rank and the players around her (see the instructions for the format).

  await client.quit();
}

main();
