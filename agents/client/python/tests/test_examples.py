"""The examples against a real arena: the random bot plays to the end, and the tabular Q-learner
beats the built-in ``random`` agent with a 95 % interval that excludes ½ (Acceptance, issue 18)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import unittest

from tests.support import BASE, WS, connect, needs_arena, register, stored_match

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import q_learning_ipd as ql  # noqa: E402

from ludus_arena import VectorRemoteEnv  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


@needs_arena
class ExamplesTest(unittest.TestCase):
    def test_random_bot_plays_matches_to_their_stored_results(self) -> None:
        reg = register("py-random-bot")
        out = subprocess.run(
            [sys.executable, os.path.join(HERE, "..", "examples", "random_bot.py"), "--url", WS, "--token", reg.token, "--game", "ipd", "--opponent", "tft", "--matches", "3", "--config", '{"turns": 8}', "--seed", "1"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = [json.loads(l) for l in out.stdout.splitlines()]
        self.assertEqual(len(lines), 3)
        for l in lines:
            self.assertEqual(l["outcome"], "normal")
            self.assertEqual(stored_match(l["matchId"])["result"]["returns"], l["returns"])

    def test_tabular_q_learning_beats_random_with_an_interval_excluding_one_half(self) -> None:
        client = connect("py-qlearner", ("ipd",))
        try:
            learner = ql.QLearner(seed=5)
            env = VectorRemoteEnv(client, "ipd", 16, opponent="random", config={"turns": 100})
            ql.run(learner, env, 64, train=True)
            results = ql.run(learner, env, 32, train=False)
            env.close()
        finally:
            client.close()
        pts, n = ql.score_rate(results)
        lo, hi = ql.wilson(pts, n)
        print(f"\nq-learning vs random: score rate {pts / n:.3f} over {n} matches, 95% interval [{lo:.3f}, {hi:.3f}]", file=sys.stderr)
        self.assertEqual(n, 32)
        self.assertGreater(lo, 0.5, f"interval [{lo:.3f}, {hi:.3f}] does not exclude 0.5")

    def test_wilson_interval_matches_a_known_value(self) -> None:
        lo, hi = ql.wilson(40, 50)  # 0.8 with n = 50: [0.6696, 0.8876] (Newcombe 1998, method 3)
        self.assertAlmostEqual(lo, 0.6696, places=3)
        self.assertAlmostEqual(hi, 0.8876, places=3)
