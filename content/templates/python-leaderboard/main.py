"""A game leaderboard: one sorted set, member = player, score = points."""

import os

import valkey

BOARD = "leaderboard:weekly"

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
)


def record(player, points):
    # GT only raises a score, so the board keeps each player's best game.
    client.zadd(BOARD, {player: points}, gt=True)


def top(count):
    # Highest scores first: the REV order of ZRANGE.
    return client.zrange(BOARD, 0, count - 1, desc=True, withscores=True)


def rank(player):
    position = client.zrevrank(BOARD, player)  # 0 = first place, None = not on the board
    return None if position is None else position + 1


games = [("ada", 120), ("grace", 95), ("linus", 150), ("ada", 80), ("ken", 130), ("grace", 140)]
for player, points in games:
    record(player, points)

print("Top 3:")
for place, (player, score) in enumerate(top(3), start=1):
    print(f"  {place}. {player:<6} {score:>5.0f}")

print("ada is number", rank("ada"), "with", client.zscore(BOARD, "ada"), "points")
print(client.zcard(BOARD), "players on the board")
