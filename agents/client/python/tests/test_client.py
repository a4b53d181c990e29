"""LudusClient against a real arena: registration, authentication, seek, challenge, accept/decline,
refused actions, reconnection, and play()."""
from __future__ import annotations

import random
import unittest

from tests.support import BASE, WS, connect, http_json, needs_arena, register, stored_match

from ludus_arena import LudusClient, LudusError


def finish(client: LudusClient, m, action="C") -> dict:
    while m.result is None:
        client.wait_turn(m)
        if m.turn is not None:
            client.act(m, action)
    return m.result


@needs_arena
class ClientTest(unittest.TestCase):
    def test_register_then_connect_gives_the_agent_in_welcome(self) -> None:
        reg = register("py-reg", ("ipd",))
        with LudusClient(WS, reg.token, backend="stdlib") as c:
            self.assertEqual(c.welcome["agent"]["name"], reg.name)
            self.assertEqual(c.welcome["resumed"], [])

    def test_a_bad_token_is_unauthorized(self) -> None:
        c = LudusClient(WS, "tok_nope", timeout=20)
        with self.assertRaises(LudusError) as e:
            c.connect()
        self.assertEqual(e.exception.code, "UNAUTHORIZED")
        c.close()

    def test_register_refuses_a_taken_name(self) -> None:
        reg = register("py-dup")
        with self.assertRaises(LudusError) as e:
            LudusClient.register(BASE, reg.name, ["ipd"])
        self.assertEqual(e.exception.code, "CONFLICT")

    def test_seek_is_filled_and_the_rewards_sum_to_the_stored_return(self) -> None:
        c = connect("py-seek")
        try:
            m = c.seek("ipd", {"turns": 5})
            self.assertEqual(m.start["seats"][1 - m.seat]["label"], "tft")  # the filler
            r = finish(c, m, "D")
            self.assertEqual(r["outcome"], "normal")
            self.assertFalse(r["truncated"])
            self.assertEqual(m.total_reward, r["result"]["returns"][m.seat])
            self.assertEqual(stored_match(m.match_id)["result"]["returns"], r["result"]["returns"])
        finally:
            c.close()

    def test_unknown_game_and_agent_raise_typed_errors(self) -> None:
        c = connect("py-errors")
        try:
            with self.assertRaises(LudusError) as e:
                c.seek("chess")
            self.assertEqual(e.exception.code, "UNKNOWN_GAME")
            with self.assertRaises(LudusError) as e:
                c.challenge("nobody-by-that-name", "ipd")
            self.assertEqual(e.exception.code, "UNKNOWN_AGENT")
            with self.assertRaises(LudusError) as e:
                c.challenge("tft", "ipd", {"turns": -3})
            self.assertIn(e.exception.code, ("BAD_CONFIG", "SCHEMA"))
        finally:
            c.close()

    def test_an_illegal_action_raises_and_the_turn_can_be_answered_again(self) -> None:
        c = connect("py-illegal")
        try:
            m = c.challenge("tft", "ipd", {"turns": 3})
            c.wait_turn(m)
            c.act(m, {"say": "cheap talk is off"})
            with self.assertRaises(LudusError) as e:
                c.wait_turn(m)
            self.assertEqual(e.exception.code, "ILLEGAL_ACTION")
            self.assertEqual(m.turn["step"], 0)  # pending again
            r = finish(c, m)
            self.assertEqual(r["result"]["returns"], [9, 9])
        finally:
            c.close()

    def test_challenge_accept_and_decline_between_two_python_bots(self) -> None:
        a, b = connect("py-a"), connect("py-b")
        try:
            m_a = a.challenge(b.agent_name, "ipd", {"turns": 4}, wait=False)
            offer = b.next_challenge()
            self.assertEqual(offer["from"]["name"], a.agent_name)
            m_b = b.accept(offer["challengeId"], observation="text")  # text for this match only
            a.wait_started(m_a)
            self.assertEqual(m_a.match_id, m_b.match_id)
            self.assertNotEqual(m_a.seat, m_b.seat)
            b_turns = []
            while m_a.result is None or m_b.result is None:
                for c, m, act in ((a, m_a, "C"), (b, m_b, "D")):
                    if m.result is None:
                        c.wait_turn(m)
                        if m.turn is not None:
                            if c is b:
                                b_turns.append(m.turn)
                            c.act(m, act)
            self.assertTrue(b_turns and all("text" in t and "observation" not in t for t in b_turns))
            self.assertEqual(m_a.total_reward, 0)
            self.assertEqual(m_b.total_reward, 20)
            # a declined challenge raises DECLINED on the challenger's side
            m2 = a.challenge(b.agent_name, "ipd", wait=False)
            b.decline(b.next_challenge()["challengeId"])
            with self.assertRaises(LudusError) as e:
                a.wait_started(m2)
            self.assertEqual(e.exception.code, "DECLINED")
        finally:
            a.close()
            b.close()

    def test_reconnect_in_mid_match_resumes_the_seat_and_counts_each_reward_once(self) -> None:
        c = connect("py-reconnect")
        try:
            m = c.challenge("tft", "ipd", {"turns": 6})
            for _ in range(3):
                c.wait_turn(m)
                c.act(m, "C")
            c.wait_turn(m)
            welcome = c.reconnect()
            self.assertEqual(welcome["resumed"], [m.match_id])
            r = finish(c, m)  # the re-sent turn carries the same reward: counted once
            self.assertEqual(r["result"]["returns"], [18, 18])
            self.assertEqual(m.total_reward, 18)
        finally:
            c.close()

    def test_a_dropped_connection_is_reconnected_by_the_next_call(self) -> None:
        c = connect("py-drop")
        try:
            m = c.challenge("tft", "ipd", {"turns": 4})
            c.wait_turn(m)
            c._ws.close()  # the socket dies under the client, as a network failure would
            r = finish(c, m)
            self.assertEqual(r["outcome"], "normal")
            self.assertEqual(m.total_reward, r["result"]["returns"][m.seat])
        finally:
            c.close()

    def test_play_runs_a_policy_over_concurrent_matches(self) -> None:
        c = connect("py-play")
        rng = random.Random(3)
        try:
            results = c.play(lambda obs, info: rng.choice(info.legal), "ipd", opponent="alld", config={"turns": 10}, matches=6, concurrency=3)
            self.assertEqual(len(results), 6)
            self.assertEqual(len({r["matchId"] for r in results}), 6)
            for r in results:
                self.assertEqual(stored_match(r["matchId"])["result"]["returns"], r["result"]["returns"])
        finally:
            c.close()

    def test_text_mode_turns_carry_the_text_view_and_text_answers_play(self) -> None:
        c = connect("py-text", observation="text")
        try:
            m = c.challenge("tft", "ipd", {"turns": 2})
            c.wait_turn(m)
            self.assertNotIn("observation", m.turn)
            self.assertEqual(m.turn["legalText"], ["C", "D"])
            self.assertIn("Prisoner", m.turn["text"])
            c.act_text(m, "betray")
            with self.assertRaises(LudusError) as e:
                c.wait_turn(m)
            self.assertEqual(e.exception.code, "PARSE")
            while m.result is None:
                c.wait_turn(m)
                if m.turn is not None:
                    c.act_text(m, "defect", {"prompt": [{"role": "user", "content": m.turn["text"]}], "completion": "D"})
            self.assertEqual(m.result["outcome"], "normal")
            turns = http_json("GET", f"{BASE}/api/matches/{m.match_id}/transcript")["turns"]
            self.assertEqual([t["step"] for t in turns], [0, 1])
            self.assertEqual({t["text"] for t in turns}, {"defect"})
        finally:
            c.close()
