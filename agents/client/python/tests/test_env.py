"""RemoteEnv, VectorRemoteEnv and ParallelArenaEnv against a real arena: Gymnasium's signatures,
rewards that sum to the returns the server stored (read over HTTP), terminated vs truncated on a
match cut short by a forfeit (in the env and in the HTTP trajectory export), self-play, and the
gymnasium/pettingzoo checkers when those packages are importable."""
from __future__ import annotations

import importlib.util
import random
import time
import unittest

from tests.support import BASE, connect, needs_arena, stored_match

from ludus_arena import LudusError, ParallelArenaEnv, RemoteEnv, VectorRemoteEnv, http_json


@needs_arena
class RemoteEnvTest(unittest.TestCase):
    def test_sixteen_concurrent_ipd_matches_through_remote_env_sum_to_the_stored_returns(self) -> None:
        """Acceptance: 16 RemoteEnvs on one connection, their matches running at once, stepped in turn."""
        client = connect("py-sixteen")
        rng = random.Random(16)
        try:
            envs = [RemoteEnv(client, "ipd", opponent="random", config={"turns": 30}) for _ in range(16)]
            obs_info = [e.reset(seed=i) for i, e in enumerate(envs)]
            for obs, info in obs_info:
                self.assertEqual(obs["turn"], 0)
                self.assertEqual(info["action_mask"], [1, 1, 0])
                self.assertEqual(info["legal"], ["C", "D"])
            self.assertEqual(len({e.match.match_id for e in envs}), 16)
            totals = [0.0] * 16
            live = set(range(16))
            ended: dict[int, tuple] = {}
            while live:
                for i in sorted(live):
                    env = envs[i]
                    action = rng.choice([0, 1, "C", "D"])  # an index or the JSON action
                    obs, reward, terminated, truncated, info = env.step(action)
                    totals[i] += reward
                    self.assertIsInstance(reward, float)
                    if terminated or truncated:
                        live.discard(i)
                        ended[i] = (terminated, truncated, info)
            for i, env in enumerate(envs):
                terminated, truncated, info = ended[i]
                self.assertTrue(terminated)
                self.assertFalse(truncated)
                self.assertEqual(info["reason"], "turns")
                self.assertEqual(info["outcome"], "normal")
                stored = stored_match(env.match.match_id)
                self.assertEqual(stored["outcome"], "normal")
                self.assertEqual(totals[i], stored["result"]["returns"][env.match.seat], f"match {i}")
                self.assertEqual(info["returns"], stored["result"]["returns"])
                with self.assertRaises(RuntimeError):
                    env.step("C")
        finally:
            client.close()

    def test_an_illegal_action_raises_and_step_can_be_called_again(self) -> None:
        client = connect("py-env-illegal")
        try:
            env = RemoteEnv(client, "ipd", opponent="tft", config={"turns": 2})
            env.reset()
            with self.assertRaises(LudusError) as e:
                env.step({"say": "hello"})
            self.assertEqual(e.exception.code, "ILLEGAL_ACTION")
            with self.assertRaises(TypeError):
                env.step(2)  # index 2 is the dilemmas' "say": not an action by itself
            _, r, term, trunc, _ = env.step("C")
            self.assertEqual((r, term, trunc), (3.0, False, False))
            _, r, term, trunc, _ = env.step("C")
            self.assertEqual((r, term, trunc), (3.0, True, False))
        finally:
            client.close()

    def test_a_forfeit_on_time_is_truncated_not_terminated_in_the_env_and_in_the_trajectory_export(self) -> None:
        # the test arena gives stag-hunt a 1 s turn, no bank, and the forfeit rule
        client = connect("py-forfeit")
        try:
            env = RemoteEnv(client, "stag-hunt", opponent="tft", config={"turns": 10})
            obs, info = env.reset()
            self.assertEqual(env.match.start["timing"]["onTimeout"], "forfeit")
            total = 0.0
            for _ in range(2):
                obs, r, term, trunc, info = env.step("C")
                total += r
                self.assertFalse(term or trunc)
            pending_step = info["step"]
            time.sleep(1.5)  # miss the deadline of the pending turn
            m = env.match
            client.wait_result(m, 30)
            self.assertIsNotNone(m.result)
            self.assertTrue(m.truncated)
            self.assertFalse(m.terminated)
            total += m.take_reward()
            self.assertEqual(m.result["outcome"], "timeout-forfeit")
            self.assertEqual(m.result["result"]["reason"], "timeout")
            self.assertEqual(m.result["faultSeat"], m.seat)
            self.assertEqual(m.result["observation"]["turn"], pending_step, "the final view is the state the match stopped in")
            stored = stored_match(m.match_id)
            self.assertEqual(total, stored["result"]["returns"][m.seat])
            # the offline-RL export says the same, for both seats
            lines = http_json("GET", f"{BASE}/api/matches/{m.match_id}/trajectories")
            for seat in (0, 1):
                mine = [l for l in lines if l["seat"] == seat]
                self.assertEqual(len(mine), 2)
                last = mine[-1]
                self.assertEqual((last["terminated"], last["truncated"]), (False, True))
                self.assertEqual((last["reason"], last["outcome"]), ("timeout", "timeout-forfeit"))
                self.assertEqual(last["nextObs"]["turn"], 2)
                self.assertEqual(sum(l["reward"] for l in mine), stored["result"]["returns"][seat])
                self.assertNotIn("done", last)
        finally:
            client.close()

    def test_a_missed_turn_under_the_default_rule_plays_the_default_and_step_answers_the_next_turn(self) -> None:
        # the test arena gives chicken a 150 ms turn, no bank, and the default-action rule
        client = connect("py-missed-turn", ("chicken",))
        try:
            env = RemoteEnv(client, "chicken", opponent="tft", config={"turns": 12})
            obs, info = env.reset()
            self.assertEqual(env.match.start["timing"]["onTimeout"], "default")
            time.sleep(0.5)  # the turns of the first 0.5 s time out: C is played for this seat at each
            obs, reward, terminated, truncated, info = env.step("D")  # answers the turn pending now
            k = len(env.match.timeouts)
            self.assertGreaterEqual(k, 1)
            self.assertTrue(all(t["action"] == "C" for t in env.match.timeouts))
            self.assertEqual(obs["myMoves"][:k], ["C"] * k)
            total = reward
            while not (terminated or truncated):
                obs, reward, terminated, truncated, info = env.step("C")
                total += reward
            self.assertTrue(terminated)
            self.assertEqual(info["outcome"], "normal")  # a timeout under the default rule is no fault
            self.assertEqual(total, stored_match(info["match_id"])["result"]["returns"][info["seat"]])
            self.assertEqual(client.errors, [])
        finally:
            client.close()

    def test_the_forfeit_is_reported_by_step_itself(self) -> None:
        client = connect("py-forfeit-step")
        try:
            env = RemoteEnv(client, "stag-hunt", opponent="tft", config={"turns": 10})
            env.reset()
            # forfeited on time (stag-hunt's test clock): wait for the result frame itself rather than a
            # fixed sleep, so a loaded machine cannot let the step overtake the forfeit
            client.wait_result(env.match, timeout=30)
            obs, reward, terminated, truncated, info = env.step("C")
            self.assertEqual((terminated, truncated), (False, True))
            self.assertEqual((info["reason"], info["outcome"], info["fault_seat"]), ("timeout", "timeout-forfeit", env.match.seat))
            self.assertEqual(reward, 0.0)
            self.assertEqual(obs["turn"], 0)
            with self.assertRaises(RuntimeError):
                env.step("C")
            self.assertEqual(client.errors, [])  # no action was sent into the finished match
        finally:
            client.close()


@needs_arena
class EveryGameTest(unittest.TestCase):
    FILLERS = {
        "ipd": "tft",
        "stag-hunt": "tft",
        "chicken": "tft",
        "matrix": "tft",
        "public-goods": "conditional-cooperator",
        "sequential-public-goods": "conditional-cooperator",
        "sumo": "rusher",
        "vgc": "heuristic",
    }

    def test_remote_env_plays_every_game_and_its_rewards_sum_to_the_stored_return(self) -> None:
        client = connect("py-every-game", tuple(self.FILLERS))
        rng = random.Random(8)
        try:
            for game, opponent in self.FILLERS.items():
                if game == "stag-hunt":
                    continue  # the test arena gives stag hunt a 1 s forfeit clock (see the forfeit tests)
                with self.subTest(game=game):
                    env = RemoteEnv(client, game, opponent=opponent)
                    obs, info = env.reset()
                    space = env.match.start["actionSpace"]
                    total, done = 0.0, False
                    while not done:
                        if info["legal"]:
                            action = rng.choice(info["legal"])
                        else:  # continuous (sumo): a point of the box
                            action = [rng.uniform(lo, hi) for lo, hi in zip(space["low"], space["high"])]
                        obs, reward, terminated, truncated, info = env.step(action)
                        total += reward
                        done = terminated or truncated
                    self.assertTrue(terminated, info["reason"])
                    stored = stored_match(info["match_id"])
                    self.assertEqual(stored["outcome"], "normal")
                    self.assertAlmostEqual(total, stored["result"]["returns"][info["seat"]], places=9)
        finally:
            client.close()


@needs_arena
class VectorAndParallelTest(unittest.TestCase):
    def test_vector_env_runs_sixteen_matches_over_one_connection_with_autoreset(self) -> None:
        client = connect("py-vector")
        try:
            env = VectorRemoteEnv(client, "ipd", 16, opponent="tft", config={"turns": 5})
            obs, infos = env.reset(seed=0)
            self.assertEqual(len(obs), 16)
            self.assertEqual(len({m.match_id for m in env.matches}), 16)
            sums = [0.0] * 16
            finals = []
            for _ in range(7):  # 5 turns, then the first steps of the next matches
                mids = [m.match_id for m in env.matches]
                obs, rewards, terms, truncs, infos = env.step(["C"] * 16)
                for i in range(16):
                    sums[i] += rewards[i]
                    if terms[i] or truncs[i]:
                        self.assertTrue(terms[i])
                        self.assertEqual(infos[i]["final_info"]["match_id"], mids[i])
                        self.assertEqual(obs[i]["turn"], 0, "the next match already started")
                        finals.append((mids[i], sums[i]))
                        sums[i] = 0.0
            self.assertEqual(len(finals), 16)
            for mid, total in finals:
                self.assertEqual(total, stored_match(mid)["result"]["returns"][0], mid)
                self.assertEqual(total, 15)
            env.close()
            self.assertTrue(all(m.result is not None for m in env.matches))
        finally:
            client.close()

    def test_vector_env_through_matchmaking_starts_one_seek_at_a_time(self) -> None:
        # the server keeps one seek per game per connection: the client waits for each seek's match
        client = connect("py-vector-seek")
        try:
            env = VectorRemoteEnv(client, "ipd", 4, config={"turns": 3})
            env.reset()
            self.assertEqual(len({m.match_id for m in env.matches}), 4)
            for _ in range(3):
                obs, rewards, terms, truncs, infos = env.step(["D"] * 4)
            self.assertEqual(terms, [True] * 4)
            for info in infos:
                mid = info["final_info"]["match_id"]
                self.assertEqual(info["final_info"]["episode_return"], stored_match(mid)["result"]["returns"][info["final_info"]["seat"]])
            env.close()
        finally:
            client.close()

    def test_parallel_env_self_play_between_two_python_agents(self) -> None:
        a, b = connect("py-par-a"), connect("py-par-b")
        try:
            env = ParallelArenaEnv([a, b], "ipd", config={"turns": 6})
            obs, infos = env.reset(seed=1)
            self.assertEqual(env.agents, ["player_0", "player_1"])
            self.assertEqual(set(obs), {"player_0", "player_1"})
            totals = {"player_0": 0.0, "player_1": 0.0}
            while env.agents:
                actions = {ag: ("C" if ag == "player_0" else "D") for ag in env.agents}
                obs, rewards, terms, truncs, infos = env.step(actions)
                for ag, r in rewards.items():
                    totals[ag] += r
            self.assertTrue(all(terms.values()))
            self.assertFalse(any(truncs.values()))
            self.assertEqual(totals, {"player_0": 0.0, "player_1": 30.0})
            mid = infos["player_0"]["match_id"]
            self.assertEqual(stored_match(mid)["result"]["returns"], [0, 30])
        finally:
            a.close()
            b.close()


@needs_arena
@unittest.skipUnless(importlib.util.find_spec("gymnasium"), "gymnasium is not importable (optional; nothing is installed from PyPI here)")
class GymnasiumCheckerTest(unittest.TestCase):
    def test_gymnasium_env_checker_accepts_remote_env(self) -> None:
        from gymnasium.utils.env_checker import check_env  # type: ignore[import-not-found]

        client = connect("py-gym")
        try:
            env = RemoteEnv(client, "ipd", opponent="tft", config={"turns": 3})
            env.reset()
            check_env(env, skip_render_check=True)
        finally:
            client.close()


@needs_arena
@unittest.skipUnless(importlib.util.find_spec("pettingzoo"), "pettingzoo is not importable (optional; nothing is installed from PyPI here)")
class PettingZooCheckerTest(unittest.TestCase):
    def test_pettingzoo_parallel_api_test_accepts_parallel_env(self) -> None:
        from pettingzoo.test import parallel_api_test  # type: ignore[import-not-found]

        a, b = connect("py-pz-a"), connect("py-pz-b")
        try:
            env = ParallelArenaEnv([a, b], "ipd", config={"turns": 3})
            env.reset()
            parallel_api_test(env, num_cycles=10)
        finally:
            a.close()
            b.close()
