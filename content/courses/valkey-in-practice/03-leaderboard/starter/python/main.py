import os

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)

GAMES = [("ada", 120), ("grace", 95), ("linus", 130), ("ada", 40)]

# Add each game's points to the player's total in the sorted set "leaderboard", then print the
# top three, ada's rank and the players around her (see the instructions for the format).
