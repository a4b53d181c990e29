"""Tabular Q-learning for the iterated prisoner's dilemma, trained through a live arena.

State: the last joint move (mine, theirs) as the observation shows it (``myMoves[-1]``,
``oppMoves[-1]``), or ``start`` at turn 0: 5 states × 2 actions (C, D). One-step Q-learning
(Watkins 1989; Sutton & Barto 2018, eq. 6.8): Q(s,a) ← Q(s,a) + α [r + γ max_a' Q(s',a') − Q(s,a)],
with Q(s',·) = 0 after a terminal step; ε-greedy exploration. Training runs many matches at once over
one connection (``VectorRemoteEnv``); evaluation plays the greedy policy and reports the score rate
(win 1, draw ½, loss 0) with a 95 % Wilson interval.

    python3 examples/q_learning_ipd.py --url ws://localhost:2567/bot --token "$LUDUS_TOKEN" --opponent random
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
from typing import Optional

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from ludus_arena import LudusClient, VectorRemoteEnv  # noqa: E402

ACTIONS = ("C", "D")


def state_of(obs: dict) -> str:
    """``"start"`` at turn 0, else the last joint move, e.g. ``"CD"`` (I cooperated, they defected)."""
    if not obs.get("myMoves"):
        return "start"
    return obs["myMoves"][-1] + obs["oppMoves"][-1]


class QLearner:
    """Q-table over (state, action index). ``alpha``: step size; ``gamma``: discount per turn;
    ``epsilon``: exploration rate while training (high: the next state holds my own last move, so a
    greedy learner that settles early on one move overrates the states that move leads to; with 16
    matches stepped together the lock-in is stronger still)."""

    def __init__(self, alpha: float = 0.05, gamma: float = 0.5, epsilon: float = 0.5, seed: Optional[int] = None) -> None:
        self.q: dict[str, list[float]] = {}
        self.alpha, self.gamma, self.epsilon = alpha, gamma, epsilon
        self.rng = random.Random(seed)

    def values(self, s: str) -> list[float]:
        return self.q.setdefault(s, [0.0, 0.0])

    def act(self, s: str, explore: bool) -> int:
        if explore and self.rng.random() < self.epsilon:
            return self.rng.randrange(2)
        v = self.values(s)
        return 0 if v[0] > v[1] else 1 if v[1] > v[0] else self.rng.randrange(2)

    def update(self, s: str, a: int, r: float, s2: Optional[str]) -> None:
        target = r + (self.gamma * max(self.values(s2)) if s2 is not None else 0.0)
        v = self.values(s)
        v[a] += self.alpha * (target - v[a])


def wilson(successes: float, n: int, z: float = 1.959964) -> tuple[float, float]:
    """95 % Wilson score interval for a proportion (Wilson 1927)."""
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (c - h, c + h)


def run(learner: QLearner, env: VectorRemoteEnv, matches: int, train: bool) -> list[dict]:
    """Play until ``matches`` matches have ended (the env keeps ``num_envs`` running); returns their results."""
    obs, _ = env.reset()
    states = [state_of(o) for o in obs]
    first = len(env.results)
    while len(env.results) - first < matches:
        acts = [learner.act(s, explore=train) for s in states]
        obs, rewards, terms, truncs, infos = env.step([ACTIONS[a] for a in acts])
        nxt = [state_of(o) for o in obs]
        for i in range(env.num_envs):
            ended = terms[i] or truncs[i]
            if train:
                # a truncated episode bootstraps from its final view; a terminated one does not
                s2 = None if terms[i] else state_of(infos[i]["final_observation"]) if ended else nxt[i]
                learner.update(states[i], acts[i], rewards[i], s2)
        states = nxt
    return env.results[first : first + matches]


def score_rate(results: list[dict]) -> tuple[float, int]:
    """(points, n): a win counts 1, a draw ½, from the result's ranks."""
    pts = 0.0
    for r in results:
        ranks = r["result"]["ranks"]
        mine, other = ranks[r["seat"]], ranks[1 - r["seat"]]
        pts += 1.0 if mine < other else 0.5 if mine == other else 0.0
    return pts, len(results)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="tabular Q-learning for the IPD through a live arena")
    p.add_argument("--url", default=os.environ.get("LUDUS_URL", "ws://127.0.0.1:2567/bot"))
    p.add_argument("--token", default=os.environ.get("LUDUS_TOKEN"))
    p.add_argument("--opponent", default="random")
    p.add_argument("--turns", type=int, default=100)
    p.add_argument("--envs", type=int, default=16)
    p.add_argument("--train-matches", type=int, default=64)
    p.add_argument("--eval-matches", type=int, default=32)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    if not a.token:
        p.error("--token (or LUDUS_TOKEN) is required")
    url = a.url if a.url.startswith("ws") else a.url.replace("http", "ws", 1).rstrip("/") + "/bot"
    learner = QLearner(seed=a.seed)
    with LudusClient(url, a.token) as client:
        env = VectorRemoteEnv(client, "ipd", a.envs, opponent=a.opponent, config={"turns": a.turns})
        run(learner, env, a.train_matches, train=True)
        results = run(learner, env, a.eval_matches, train=False)
        env.close()
    pts, n = score_rate(results)
    lo, hi = wilson(pts, n)
    print(json.dumps({"opponent": a.opponent, "scoreRate": pts / n, "interval95": [lo, hi], "matches": n, "q": learner.q}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
