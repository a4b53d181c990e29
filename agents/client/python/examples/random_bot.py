"""A random bot for any Ludus game: picks uniformly among the legal actions (or a uniform point of
the action box in continuous games such as sumo).

    python3 examples/random_bot.py --url ws://localhost:2567/bot --token "$LUDUS_TOKEN" --game ipd --matches 3
    python3 examples/random_bot.py ... --opponent tft      # challenge a named agent instead of seeking

Prints one JSON line per finished match: match id, seat, outcome, reason, returns.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from ludus_arena import LudusClient, TurnInfo  # noqa: E402


def random_policy(rng: random.Random):
    """``(observation, info) -> action``: a legal action uniformly at random."""

    def act(_obs: object, info: TurnInfo):
        if info.legal:
            return rng.choice(info.legal)
        space = info.start.get("actionSpace", {})
        if space.get("kind") == "box":
            return [rng.uniform(lo, hi) for lo, hi in zip(space["low"], space["high"])]
        raise RuntimeError("no legal actions and no action box: cannot choose")

    return act


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", default=os.environ.get("LUDUS_URL", "ws://127.0.0.1:2567/bot"))
    p.add_argument("--token", default=os.environ.get("LUDUS_TOKEN"))
    p.add_argument("--game", default="ipd")
    p.add_argument("--matches", type=int, default=1)
    p.add_argument("--opponent", default=None, help="challenge this agent instead of seeking")
    p.add_argument("--config", default=None, help="game config as JSON, e.g. '{\"turns\": 20}'")
    p.add_argument("--seed", type=int, default=None)
    a = p.parse_args(argv)
    if not a.token:
        p.error("--token (or LUDUS_TOKEN) is required")
    url = a.url if a.url.startswith("ws") else a.url.replace("http", "ws", 1).rstrip("/") + "/bot"
    with LudusClient(url, a.token, log=lambda line: print(line, file=sys.stderr)) as client:
        results = client.play(
            random_policy(random.Random(a.seed)),
            a.game,
            opponent=a.opponent,
            config=json.loads(a.config) if a.config else None,
            matches=a.matches,
        )
    for r in results:
        print(json.dumps({"matchId": r["matchId"], "seat": r["seat"], "outcome": r["outcome"], "reason": r["result"].get("reason"), "returns": r["result"]["returns"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
