import os

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)

GAMES = [("ada", 120), ("grace", 95), ("linus", 130), ("ada", 40)]

for player, points in GAMES:
    client.zincrby("leaderboard", points, player)  # adds to the total; a new player starts at 0

for place, (player, score) in enumerate(client.zrange("leaderboard", 0, 2, desc=True, withscores=True), 1):
    print(f"{place}. {player} {int(score)}")

rank = client.zrevrank("leaderboard", "ada")  # 0 for the best
print(f"ada: #{rank + 1} with {int(client.zscore('leaderboard', 'ada'))} points")

around = client.zrange("leaderboard", max(rank - 1, 0), rank + 1, desc=True)
above = around[0] if rank > 0 else "-"
below = around[-1] if around[-1] != "ada" else "-"
print(f"around ada: {above}, ada, {below}")
