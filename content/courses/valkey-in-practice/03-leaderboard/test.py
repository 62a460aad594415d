"""Lesson 3: a leaderboard in a sorted set. ZINCRBY adds points; the top three, ada's rank and
her neighbours are read from the server, which other players are on too."""

from codealong import test

BOARD = "leaderboard"
GAMES = {"ada": 160, "grace": 95, "linus": 130}


def board(t):
    """The whole board from the server, best first: [(player, score), ...]."""
    flat = t.query("ZRANGE", BOARD, 0, -1, "REV", "WITHSCORES")
    return [(flat[i].decode(), int(float(flat[i + 1]))) for i in range(0, len(flat), 2)]


@test("adds up each player's points with ZINCRBY")
def adds_points(t):
    t.query("DEL", BOARD)
    t.run()
    scores = dict(board(t))
    for player, total in GAMES.items():
        assert scores.get(player) == total, (
            f"Expected {player} to have {total} points on the board after your program ran, but the score is "
            f"{scores.get(player)!r}. Add each game's points with ZINCRBY: ada played twice (120 + 40).")


@test("prints the top three, ada's rank and her neighbours, from the server")
def reads_the_board(t):
    others = {f"{t.random_word()}-{n}": score for n, score in enumerate((t.random.randint(131, 200),
                                                                         t.random.randint(96, 129),
                                                                         t.random.randint(1, 94)))}
    t.query("DEL", BOARD)
    for player, score in others.items():
        t.query("ZADD", BOARD, score, player)
    t.log("already on the board: " + ", ".join(f"{p} {s}" for p, s in others.items()))
    result = t.run()
    ranking = board(t)
    expected = [f"{n}. {player} {score}" for n, (player, score) in enumerate(ranking[:3], 1)]
    rank = [player for player, _ in ranking].index("ada")
    expected.append(f"ada: #{rank + 1} with {GAMES['ada']} points")
    above = ranking[rank - 1][0] if rank > 0 else "-"
    below = ranking[rank + 1][0] if rank + 1 < len(ranking) else "-"
    expected.append(f"around ada: {above}, ada, {below}")
    got = [line.strip() for line in result.stdout.strip().splitlines()]
    assert got == expected, (
        "Other players were on the board before your program ran, so the board must be read from Valkey. "
        f"Expected:\n" + "\n".join(expected) + f"\nbut your program printed:\n{result.stdout}")
