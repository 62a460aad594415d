const { createClient } = require("redis");

const GAMES = [["ada", 120], ["grace", 95], ["linus", 130], ["ada", 40]];

async function main() {
  const client = createClient({
    socket: { host: process.env.VALKEY_HOST ?? "127.0.0.1", port: Number(process.env.VALKEY_PORT ?? 6379) },
  });
  client.on("error", (error) => console.error("Valkey client error:", error.message));
  await client.connect();

  for (const [player, points] of GAMES) {
    await client.zIncrBy("leaderboard", points, player); // adds to the total; a new player starts at 0
  }

  const top = await client.zRangeWithScores("leaderboard", 0, 2, { REV: true });
  top.forEach(({ value, score }, index) => console.log(`${index + 1}. ${value} ${score}`));

  const rank = await client.zRevRank("leaderboard", "ada"); // 0 for the best
  console.log(`ada: #${rank + 1} with ${await client.zScore("leaderboard", "ada")} points`);

  const around = await client.zRange("leaderboard", Math.max(rank - 1, 0), rank + 1, { REV: true });
  const above = rank > 0 ? around[0] : "-";
  const below = around[around.length - 1] !== "ada" ? around[around.length - 1] : "-";
  console.log(`around ada: ${above}, ada, ${below}`);

  await client.quit();
}

main();
