"""Environments over a live arena, duck-typed to Gymnasium and PettingZoo (neither is required).

- ``RemoteEnv``: one seat of one match at a time, against a named opponent (a challenge) or through
  matchmaking (a seek). Gymnasium's signatures: ``reset(seed=None, options=None) -> (obs, info)``,
  ``step(action) -> (obs, reward, terminated, truncated, info)``.
- ``VectorRemoteEnv``: ``num_envs`` matches at once over ONE connection, stepped together; a match
  that ends is replaced at once by a new one (same-step autoreset, as Gymnasium 0.29's vector envs:
  the last observation and info of the finished match are in ``infos[i]["final_observation"]`` and
  ``infos[i]["final_info"]``).
- ``ParallelArenaEnv``: PettingZoo's ``ParallelEnv`` API for self-play through the arena: two (or
  more) clients, one per agent, meet in one match by a challenge and its acceptance.

Observations are the protocol's JSON observations (dicts), or whatever ``observation_fn(obs)``
returns. ``info`` carries ``action_mask`` (the protocol's ``mask``: 1 where the action index is legal
now; ``None`` for continuous games) and ``legal`` (the legal actions as JSON). Actions are JSON
actions (``"C"``, ``{"type": "contribute", "amount": 3}``…) or, where the action space is discrete
and its labels are actions themselves (the dilemmas: ``["C", "D", "say"]``), an ``int`` index.

Rewards: a step's reward is the protocol's ``reward`` (the seat's rewards since its previous turn),
and the final step adds ``result.reward``; over a match they sum to ``result.returns[seat]``.

Termination, in Gymnasium's sense: ``terminated`` when the match reached the game's terminal state
(its own rules ended it, including its own turn or step limits, which the observation shows);
``truncated`` when it was cut before that (a forfeit on time, a disconnection under the forfeit rule,
a crash, the arena's step cap, a server shutdown). Either way ``info`` then carries ``reason``
(``result.reason``), ``outcome``, ``fault_seat``, ``returns`` and ``result``, and the observation is
the seat's view of the final state (``result.observation``), so a truncated episode can be bootstrapped.

The arena draws each match's seed itself: ``reset(seed=…)`` seeds only this object's ``np_random``
(a ``random.Random``; under gymnasium, ``gymnasium.Env``'s numpy Generator) and the action space's
sampler; it cannot choose the match. When ``gymnasium``/``pettingzoo`` are importable, ``RemoteEnv`` and
``ParallelArenaEnv`` subclass ``gymnasium.Env``/``pettingzoo.ParallelEnv`` so their checkers accept them.
"""
from __future__ import annotations

import importlib
import random
from typing import Any, Callable, Optional, Sequence

from .client import Json, LudusClient, LudusError, Match

ObsFn = Callable[[Json], Any]


# ---------------------------------------------------------------------- spaces (optional gymnasium)


def _optional_base(module: str, name: str) -> type:
    """``module.name`` when that package is importable (so ``isinstance`` checks of its own tools
    pass: gymnasium's ``check_env`` requires a ``gymnasium.Env``), else ``object``."""
    try:
        return getattr(importlib.import_module(module), name)
    except Exception:
        return object


_GymEnv = _optional_base("gymnasium", "Env")
_ParallelEnv = _optional_base("pettingzoo", "ParallelEnv")


def _gymnasium():
    try:
        import gymnasium  # type: ignore[import-not-found]
    except Exception:
        return None
    return gymnasium


class DiscreteSpace:
    """A stand-in for ``gymnasium.spaces.Discrete(n)`` when gymnasium is not installed."""

    def __init__(self, n: int, labels: Optional[list] = None, rng: Optional[random.Random] = None) -> None:
        self.n = n
        self.labels = labels
        self._rng = rng or random.Random()

    def sample(self, mask: Optional[Sequence[int]] = None) -> int:
        """A uniformly random index (among those where ``mask`` is 1, if given)."""
        choices = [i for i in range(self.n) if mask is None or mask[i]]
        return self._rng.choice(choices)

    def contains(self, x: Any) -> bool:
        return isinstance(x, int) and 0 <= x < self.n

    def seed(self, seed: Optional[int] = None) -> None:
        self._rng.seed(seed)

    def __repr__(self) -> str:
        return f"DiscreteSpace({self.n})"


class JsonSpace:
    """The space of the protocol's JSON observations (any JSON value); ``contains`` is always true.
    Under gymnasium a subclass of ``gymnasium.spaces.Space`` is built instead (see ``_json_space``)."""

    def contains(self, x: Any) -> bool:  # noqa: ARG002
        return True

    def sample(self) -> Any:
        raise NotImplementedError("JSON observations cannot be sampled: play a match to see one")


def _json_space():
    g = _gymnasium()
    if g is None:
        return JsonSpace()

    class GymJsonSpace(g.spaces.Space):  # type: ignore[misc, name-defined]
        """Any JSON value: the protocol's observations."""

        def __init__(self) -> None:
            super().__init__(shape=None, dtype=None)

        def contains(self, x: Any) -> bool:  # noqa: ARG002
            return True

        def sample(self, mask: Any = None, probability: Any = None) -> Any:  # noqa: ARG002
            return {}

        @property
        def is_np_flattenable(self) -> bool:
            return False

        def __eq__(self, other: object) -> bool:
            return isinstance(other, GymJsonSpace)

    return GymJsonSpace()


def action_space_of(space: dict, rng: random.Random) -> Any:
    """A space for the protocol's ``actionSpace``: ``gymnasium.spaces.Discrete``/``Box`` when gymnasium
    is importable, else ``DiscreteSpace`` (discrete) or the raw dict (a box)."""
    g = _gymnasium()
    if space.get("kind") == "discrete":
        if g is not None:
            return g.spaces.Discrete(space["n"])
        return DiscreteSpace(space["n"], space.get("labels"), rng)
    if g is not None:
        import numpy as np  # gymnasium depends on numpy

        return g.spaces.Box(np.array(space["low"], dtype=np.float32), np.array(space["high"], dtype=np.float32), dtype=np.float32)
    return space


def to_action(action: Any, start: dict, turn: Optional[dict]) -> Json:
    """Map an ``int`` index to the JSON action where the discrete space's labels are actions themselves
    (the dilemmas' ``C``/``D``); pass JSON actions through. Raises ``TypeError`` for an index that
    names no action (e.g. the dilemmas' ``say``, or games whose actions are not labels)."""
    if isinstance(action, bool) or not isinstance(action, int):
        if hasattr(action, "item") and callable(action.item) and getattr(action, "shape", None) == ():
            action = action.item()  # a numpy scalar
            if isinstance(action, int):
                return to_action(action, start, turn)
        if hasattr(action, "tolist"):
            return action.tolist()  # a numpy array (a box action)
        return action
    space = start.get("actionSpace") or {}
    labels = space.get("labels")
    legal = (turn or {}).get("legal")
    if labels is None or not 0 <= action < len(labels):
        raise TypeError(f"index {action} names no action in this game: send the JSON action (see info['legal'])")
    label = labels[action]
    enum = _enum_of(start.get("actionSchema"))
    if label in enum or (legal is not None and label in legal):
        return label
    raise TypeError(f"index {action} ({label!r}) is not an action by itself: send the JSON action")


def _enum_of(schema: Any) -> list:
    out: list = []
    if isinstance(schema, dict):
        out += schema.get("enum", [])
        for k in ("anyOf", "oneOf"):
            for s in schema.get(k, []):
                out += _enum_of(s)
    return out


def _turn_info(m: Match) -> dict:
    t = m.turn or {}
    return {
        "action_mask": t.get("mask"),
        "legal": t.get("legal"),
        "match_id": m.match_id,
        "seat": m.seat,
        "step": t.get("step"),
        "deadline_ms": t.get("deadlineMs"),
        "bank_ms": t.get("bankMs"),
    }


def _final_info(m: Match) -> dict:
    r = m.result or {}
    res = r.get("result", {})
    return {
        "action_mask": None,
        "legal": None,
        "match_id": m.match_id,
        "seat": m.seat,
        "step": r.get("steps"),
        "reason": res.get("reason"),
        "outcome": r.get("outcome"),
        "fault_seat": r.get("faultSeat"),
        "returns": res.get("returns"),
        "episode_return": m.total_reward,
        "result": r,
    }


# ---------------------------------------------------------------------- RemoteEnv


class RemoteEnv(_GymEnv):  # type: ignore[misc, valid-type]
    """One seat of one match at a time, Gymnasium-style. ``client`` must be connected.

    ``opponent``: an agent name to challenge (built-in agents such as ``"tft"`` or ``"random"`` start at
    once); ``None`` seeks through matchmaking. ``config``: the game's config (``None``: defaults).
    ``observation_fn``: maps the JSON observation to what ``reset``/``step`` return (with
    ``observation_space`` its space). ``timeout``: seconds to wait for the server per call.
    """

    metadata: dict = {"render_modes": []}
    render_mode = None
    spec = None

    def __init__(
        self,
        client: LudusClient,
        game: str,
        *,
        opponent: Optional[str] = None,
        config: Optional[dict] = None,
        observation_fn: Optional[ObsFn] = None,
        observation_space: Any = None,
        timeout: Optional[float] = None,
    ) -> None:
        self.client = client
        self.game = game
        self.opponent = opponent
        self.config = config
        self.observation_fn = observation_fn
        self.timeout = timeout
        self._rng = random.Random()
        if _GymEnv is object:
            self.np_random = self._rng
        self.observation_space = observation_space if observation_space is not None else _json_space()
        self.action_space: Any = None
        self.match: Optional[Match] = None
        self.results: list[dict] = []
        """Every finished match's ``result`` frame, oldest first."""

    def _obs(self, raw: Json) -> Any:
        return self.observation_fn(raw) if self.observation_fn else raw

    def _start(self) -> Match:
        if self.opponent is not None:
            return self.client.challenge(self.opponent, self.game, self.config, timeout=self.timeout)
        return self.client.seek(self.game, self.config, timeout=self.timeout)

    def _finish_abandoned(self) -> None:
        """A reset in mid-match plays the old match out with ``legal[0]`` (it cannot be dropped without
        a fault): its result is kept in ``results`` like any other."""
        m = self.match
        while m is not None and m.result is None:
            self.client.wait_turn(m, self.timeout)
            if m.turn is not None:
                self.client.act(m, (m.turn.get("legal") or [None])[0])
        if m is not None and m.result is not None and (not self.results or self.results[-1] is not m.result):
            self.results.append(m.result)

    def reset(self, *, seed: Optional[int] = None, options: Optional[dict] = None) -> tuple[Any, dict]:
        """Start a new match and wait for this seat's first turn. Returns ``(observation, info)``.
        ``options`` may override ``opponent`` and ``config`` for this match. Raises ``LudusError``."""
        if _GymEnv is not object:
            super().reset(seed=seed)  # gymnasium.Env seeds its own np_random (a numpy Generator)
        if seed is not None:
            self._rng.seed(seed)
            if self.action_space is not None and hasattr(self.action_space, "seed"):
                self.action_space.seed(seed)
        if options:
            self.opponent = options.get("opponent", self.opponent)
            self.config = options.get("config", self.config)
        self._finish_abandoned()
        m = self.match = self._start()
        self.action_space = action_space_of(m.start["actionSpace"], self._rng)  # type: ignore[index]
        if seed is not None and hasattr(self.action_space, "seed"):
            self.action_space.seed(seed)
        self.client.wait_turn(m, self.timeout)
        m.take_reward()
        if m.result is not None:  # ended before this seat ever acted
            return self._obs(m.last_observation), _final_info(m)
        return self._obs(m.last_observation), _turn_info(m)  # type: ignore[index]

    def step(self, action: Any) -> tuple[Any, float, bool, bool, dict]:
        """Play ``action`` for the pending turn and wait for the next one (or the end).
        Returns ``(observation, reward, terminated, truncated, info)``. If the pending turn timed out
        meanwhile (the game's default action was played for it, ``match.timeouts`` lists it), ``action``
        answers the next turn. Raises ``LudusError`` for a refused
        action (``ILLEGAL_ACTION``…: the turn stays pending, call ``step`` again), ``RuntimeError`` if the
        episode is over (call ``reset``)."""
        m = self.match
        if m is None or (m.result is not None and self.results and self.results[-1] is m.result):
            raise RuntimeError("the episode is over: call reset()")
        self.client.drain()  # the match may have ended meanwhile (e.g. forfeited on time)
        if m.result is None and m.turn is None:
            # the pending turn timed out (the default action was played for it): act on the next one
            self.client.wait_turn(m, self.timeout)
        if m.result is None:
            self.client.act(m, to_action(action, m.start or {}, m.turn))
            self.client.wait_turn(m, self.timeout)
        reward = m.take_reward()
        if m.result is not None:
            self.results.append(m.result)
            return self._obs(m.last_observation), reward, m.terminated, m.truncated, _final_info(m)
        return self._obs(m.last_observation), reward, False, False, _turn_info(m)  # type: ignore[index]

    def action_masks(self) -> Optional[list]:
        """The current action mask (sb3-contrib's MaskablePPO convention)."""
        return (self.match.turn or {}).get("mask") if self.match else None

    def render(self) -> None:
        return None

    def close(self) -> None:
        """Play out a match still running (see ``reset``); the client stays open (close it yourself)."""
        try:
            self._finish_abandoned()
        except LudusError:
            pass

    @property
    def unwrapped(self) -> "RemoteEnv":
        return self

    def __enter__(self) -> "RemoteEnv":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------- VectorRemoteEnv


class VectorRemoteEnv:
    """``num_envs`` matches at once over one connection, stepped together (same-step autoreset).

    ``reset(seed=None) -> (observations, infos)`` and ``step(actions) -> (observations, rewards,
    terminateds, truncateds, infos)``, each a list of ``num_envs`` entries (``infos`` a list of dicts).
    When match ``i`` ends, ``terminateds[i]``/``truncateds[i]`` say how, ``rewards[i]`` includes its
    final reward, ``infos[i]["final_observation"]``/``["final_info"]`` describe the end, and
    ``observations[i]`` is already the first observation of the next match.
    For simultaneous-move games and sequential ones alike: each match waits only for its own seat.
    """

    def __init__(
        self,
        client: LudusClient,
        game: str,
        num_envs: int,
        *,
        opponent: Optional[str] = None,
        config: Optional[dict] = None,
        observation_fn: Optional[ObsFn] = None,
        timeout: Optional[float] = None,
    ) -> None:
        if num_envs < 1:
            raise ValueError("num_envs must be at least 1")
        self.client = client
        self.game = game
        self.num_envs = num_envs
        self.opponent = opponent
        self.config = config
        self.observation_fn = observation_fn
        self.timeout = timeout
        self.np_random = random.Random()
        self.matches: list[Match] = []
        self.results: list[dict] = []
        """Every finished match's ``result`` frame, in the order they ended."""
        self.single_action_space: Any = None

    def _obs(self, raw: Json) -> Any:
        return self.observation_fn(raw) if self.observation_fn else raw

    def _start(self, wait: bool = True) -> Match:
        if self.opponent is not None:
            return self.client.challenge(self.opponent, self.game, self.config, wait=wait, timeout=self.timeout)
        return self.client.seek(self.game, self.config, wait=wait, timeout=self.timeout)

    def _first_turn(self, m: Match) -> tuple[Any, dict]:
        self.client.wait_turn(m, self.timeout)
        m.take_reward()
        if m.result is not None:
            return self._obs(m.last_observation), _final_info(m)
        return self._obs(m.last_observation), _turn_info(m)  # type: ignore[index]

    def reset(self, *, seed: Optional[int] = None, options: Optional[dict] = None) -> tuple[list, list[dict]]:  # noqa: ARG002
        """Start ``num_envs`` matches (requests sent back to back; matches start as the server pairs
        them) and wait for each first turn. Matches of an earlier reset still running are played out
        with ``legal[0]``."""
        if seed is not None:
            self.np_random.seed(seed)
        self._play_out()
        self.matches = [self._start(wait=False) for _ in range(self.num_envs)]
        for m in self.matches:
            self.client.wait_started(m, self.timeout)
        self.single_action_space = action_space_of(self.matches[0].start["actionSpace"], self.np_random)  # type: ignore[index]
        self.client.wait_all(self.matches, self.timeout)
        obs, infos = [], []
        for m in self.matches:
            o, i = self._first_turn(m)
            obs.append(o)
            infos.append(i)
        return obs, infos

    def step(self, actions: Sequence[Any]) -> tuple[list, list[float], list[bool], list[bool], list[dict]]:
        """Play one action per match (in ``matches`` order) and wait for every next turn."""
        if len(actions) != self.num_envs:
            raise ValueError(f"{len(actions)} actions for {self.num_envs} environments")
        ms = self.matches
        if not ms:
            raise RuntimeError("step() before reset()")
        self.client.drain()
        late = [m for m in ms if m.turn is None and m.result is None]
        if late:  # turns that timed out meanwhile: the actions answer the next ones
            self.client.wait_all(late, self.timeout)
        pairs = []
        for m, a in zip(ms, actions):
            if m.result is not None:
                continue  # ended meanwhile (e.g. a forfeit): reported below
            if m.turn is None:  # a refused action's error is pending: raise it
                self.client.wait_turn(m, self.timeout)
            pairs.append((m, to_action(a, m.start or {}, m.turn)))
        self.client.act_many(pairs)
        self.client.wait_all(ms, self.timeout)
        obs: list = [None] * self.num_envs
        rewards = [0.0] * self.num_envs
        terms = [False] * self.num_envs
        truncs = [False] * self.num_envs
        infos: list[dict] = [{} for _ in range(self.num_envs)]
        for i, m in enumerate(ms):
            if m.error is not None and m.result is None:
                self.client.wait_turn(m, self.timeout)  # raises the refusal
            rewards[i] = m.take_reward()
            if m.result is None:
                obs[i], infos[i] = self._obs(m.last_observation), _turn_info(m)  # type: ignore[index]
                continue
            self.results.append(m.result)
            terms[i], truncs[i] = m.terminated, m.truncated
            final_obs, final_info = self._obs(m.last_observation), _final_info(m)
            nm = self.matches[i] = self._start()
            obs[i], infos[i] = self._first_turn(nm)
            infos[i]["final_observation"] = final_obs
            infos[i]["final_info"] = final_info
        return obs, rewards, terms, truncs, infos

    def _play_out(self) -> None:
        live = [m for m in self.matches if m.result is None]
        while live:
            self.client.wait_all(live, self.timeout)
            pairs = [(m, (m.turn.get("legal") or [None])[0]) for m in live if m.turn is not None and m.result is None]
            for m in live:
                if m.result is not None:
                    self.results.append(m.result)
            live = [m for m in live if m.result is None]
            if pairs:
                self.client.act_many(pairs)

    def close(self) -> None:
        """Play out the matches still running; the client stays open."""
        try:
            self._play_out()
        except LudusError:
            pass


# ---------------------------------------------------------------------- ParallelArenaEnv


class ParallelArenaEnv(_ParallelEnv):  # type: ignore[misc, valid-type]
    """PettingZoo's ``ParallelEnv`` API over the arena, for self-play: ``clients[k]`` plays agent
    ``possible_agents[k]`` (``"player_k"``, seat k). ``clients[0]`` challenges ``clients[1]`` (a two-seat
    game), which accepts; every client must be connected and belong to a different agent.

    ``reset(seed=None, options=None) -> (observations, infos)``; ``step(actions) -> (observations,
    rewards, terminations, truncations, infos)``, each a dict keyed by agent; agents leave ``agents``
    once their match is over. For simultaneous-move games (every game but ``sequential-public-goods``,
    whose seats do not all act at every step).
    """

    metadata: dict = {"render_modes": [], "name": "ludus_arena_parallel_v0", "is_parallelizable": True}
    render_mode = None

    def __init__(self, clients: Sequence[LudusClient], game: str, *, config: Optional[dict] = None, observation_fn: Optional[ObsFn] = None, timeout: Optional[float] = None) -> None:
        if len(clients) != 2:
            raise ValueError("self-play through a challenge takes exactly two clients (one per seat)")
        self.clients = list(clients)
        self.game = game
        self.config = config
        self.observation_fn = observation_fn
        self.timeout = timeout
        self.possible_agents = [f"player_{k}" for k in range(len(clients))]
        self.agents: list[str] = []
        self.np_random = random.Random()
        self._matches: dict[str, Match] = {}
        self._obs_space = _json_space()
        self._act_space: Any = None
        self.results: list[dict] = []

    def observation_space(self, agent: str) -> Any:  # noqa: ARG002
        return self._obs_space

    def action_space(self, agent: str) -> Any:  # noqa: ARG002
        if self._act_space is None:
            raise RuntimeError("the action space is known once a match has started: call reset() first")
        return self._act_space

    def _obs(self, raw: Json) -> Any:
        return self.observation_fn(raw) if self.observation_fn else raw

    def reset(self, *, seed: Optional[int] = None, options: Optional[dict] = None) -> tuple[dict, dict]:  # noqa: ARG002
        if seed is not None:
            self.np_random.seed(seed)
        self._play_out()
        c0, c1 = self.clients
        m0 = c0.challenge(c1.agent_name, self.game, self.config, wait=False, timeout=self.timeout)
        offer = c1.next_challenge(self.timeout)
        while offer.get("from", {}).get("name") != c0.agent_name:
            c1.decline(offer["challengeId"])
            offer = c1.next_challenge(self.timeout)
        m1 = c1.accept(offer["challengeId"], self.timeout)
        c0.wait_started(m0, self.timeout)
        self._matches = {"player_0": m0, "player_1": m1}
        if m0.seat != 0:  # the server seats the challenger first; keep names = seats whatever it does
            self._matches = {"player_0": m1, "player_1": m0}
            self.clients = [c1, c0]
        self._act_space = action_space_of(m0.start["actionSpace"], self.np_random)  # type: ignore[index]
        self.agents = list(self.possible_agents)
        obs, infos = {}, {}
        for a, c in zip(self.possible_agents, self.clients):
            m = self._matches[a]
            c.wait_turn(m, self.timeout)
            m.take_reward()
            obs[a] = self._obs(m.turn["observation"] if m.turn else m.last_observation)
            infos[a] = _turn_info(m) if m.result is None else _final_info(m)
        return obs, infos

    def step(self, actions: dict) -> tuple[dict, dict, dict, dict, dict]:
        for a, c in zip(self.possible_agents, self.clients):
            if a in self.agents and a in actions:
                m = self._matches[a]
                c.act(m, to_action(actions[a], m.start or {}, m.turn))
        obs, rewards, terms, truncs, infos = {}, {}, {}, {}, {}
        for a, c in zip(self.possible_agents, self.clients):
            if a not in self.agents:
                continue
            m = self._matches[a]
            c.wait_turn(m, self.timeout)
            rewards[a] = m.take_reward()
            if m.result is None:
                obs[a], infos[a] = self._obs(m.last_observation), _turn_info(m)  # type: ignore[index]
                terms[a] = truncs[a] = False
            else:
                obs[a], infos[a] = self._obs(m.last_observation), _final_info(m)
                terms[a], truncs[a] = m.terminated, m.truncated
        done = [a for a in self.agents if self._matches[a].result is not None]
        if done:
            r = self._matches[done[0]].result
            if r is not None:
                self.results.append(r)
        self.agents = [a for a in self.agents if self._matches[a].result is None]
        return obs, rewards, terms, truncs, infos

    def _play_out(self) -> None:
        # both seats must answer for a simultaneous game to advance: answer each seat in turn
        while any(m.result is None for m in self._matches.values()):
            for a, c in zip(self.possible_agents, self.clients):
                m = self._matches[a]
                if m.result is None:
                    c.wait_turn(m, self.timeout)
                    if m.turn is not None:
                        c.act(m, (m.turn.get("legal") or [None])[0])
        self._matches = {}

    def render(self) -> None:
        return None

    def close(self) -> None:
        try:
            self._play_out()
        except LudusError:
            pass

    def state(self) -> Any:
        raise NotImplementedError("the arena shows each seat only its own view; there is no global state")
