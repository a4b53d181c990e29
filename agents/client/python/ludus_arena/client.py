"""``LudusClient``: one authenticated connection to a Ludus arena's ``/bot`` endpoint (docs/protocol.md).

The client is synchronous, as Gymnasium environments are. A reader thread owns the socket's input
(so WebSocket pings are answered even while your code is busy) and hands parsed frames to a queue;
every public call runs on your thread and processes frames from that queue until what it waits
for has arrived. One connection plays any number of matches at once; each is a ``Match`` handle.

Matches come from ``seek`` (matchmaking), ``challenge`` (a named agent; built-in agents play at
once) and ``accept`` (an offer from ``next_challenge``), or from the server (a match created through
the API or a league, listed in ``unclaimed``). ``play`` runs a policy function over many matches.

Reconnection: when the connection drops, the next call reconnects with exponential backoff
(250 ms × 2ⁿ, capped at 10 s, ±25 % jitter, as docs/protocol.md advises) and authenticates again;
the server gives every seat back and re-sends the pending turns, and pending seeks are sent again.
``reconnect()`` does the same on purpose.
"""
from __future__ import annotations

import json
import queue
import random
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional
from urllib.parse import urlsplit, urlunsplit

from ._ws import Transport, open_transport

Json = Any
Policy = Callable[[Json, "TurnInfo"], Json]

DEFAULT_TIMEOUT = 120.0
"""Seconds a call waits for the server by default. A turn may legitimately wait for an opponent's
whole clock (``turnMs + bankMs``: 32 s for dilemmas, up to 475 s for VGC); pass ``timeout=`` for more."""


class LudusError(Exception):
    """An ``error`` frame from the server, or a client-side failure with a code of the same kind.

    ``code`` is one of the arena's stable codes (``ILLEGAL_ACTION``, ``UNKNOWN_AGENT``… see
    docs/protocol.md#errors) or a client code: ``CLOSED`` (the client was closed), ``UNAVAILABLE``
    (reconnection gave up), ``DECLINED`` / ``EXPIRED`` (a challenge), ``TIMEOUT`` (nothing arrived in time).
    """

    def __init__(self, code: str, message: str, frame: Optional[dict] = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.frame = frame or {}


@dataclass
class Registration:
    """What ``POST /api/agents`` returns: the agent's id and name, and its token (shown only once)."""

    agent_id: str
    name: str
    token: str


@dataclass
class TurnInfo:
    """What a policy sees beside the observation at one turn."""

    match_id: str
    seat: int
    step: int
    legal: Optional[list]
    mask: Optional[list]
    deadline_ms: float
    bank_ms: float
    reward: Optional[float]
    start: dict


@dataclass
class Match:
    """One seat of one match, as this connection sees it.

    ``start`` is the ``match-start`` frame (``None`` until the match has begun); ``turn`` the pending
    ``turn`` frame, not yet answered; ``result`` the ``result`` frame once the match is over (it is
    sent only after the match is stored). ``reward_since_last_take`` accumulates ``turn.reward`` once
    per step plus ``result.reward``: the sum of what ``take_reward`` returns over a match is exactly
    ``result.returns[seat]`` (docs/protocol.md#rewards-and-results).
    """

    ref: Optional[str] = None
    match_id: Optional[str] = None
    seat: Optional[int] = None
    start: Optional[dict] = None
    turn: Optional[dict] = None
    result: Optional[dict] = None
    challenge_id: Optional[str] = None
    declined: Optional[str] = None
    error: Optional[dict] = None
    timeouts: list = field(default_factory=list)
    last_observation: Json = None
    reward_since_last_take: float = 0.0
    total_reward: float = 0.0
    _rewarded_steps: set = field(default_factory=set)
    _acted: Optional[dict] = None

    @property
    def started(self) -> bool:
        return self.start is not None

    @property
    def done(self) -> bool:
        return self.result is not None

    def take_reward(self) -> float:
        """The reward accumulated since the last call, and reset it to 0."""
        r = self.reward_since_last_take
        self.reward_since_last_take = 0.0
        return r

    @property
    def truncated(self) -> bool:
        """True when the match ended before the game's terminal state (a forfeit, crash, disconnect
        under the forfeit rule, the arena's step cap, a shutdown). From ``result.truncated``."""
        return bool(self.result and self.result.get("truncated"))

    @property
    def terminated(self) -> bool:
        """True when the match reached the game's terminal state (Gymnasium's ``terminated``)."""
        return self.result is not None and not self.truncated


def http_base(url: str) -> str:
    """``ws://host:port/bot`` → ``http://host:port`` (``wss`` → ``https``); HTTP URLs pass unchanged."""
    u = urlsplit(url)
    scheme = {"ws": "http", "wss": "https"}.get(u.scheme, u.scheme)
    return urlunsplit((scheme, u.netloc, "", "", "")).rstrip("/")


def http_json(method: str, url: str, body: Optional[dict] = None, token: Optional[str] = None, timeout: float = 30.0) -> Json:
    """Call the arena's HTTP API and return the decoded JSON; raises ``LudusError`` with the API's error code."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            text = res.read().decode()
    except urllib.error.HTTPError as e:
        text = e.read().decode(errors="replace")
        try:
            err = json.loads(text)
        except ValueError:
            err = {}
        raise LudusError(str(err.get("code", f"HTTP_{e.code}")), str(err.get("message", text)), err) from None
    ctype = res.headers.get("content-type", "")
    if "ndjson" in ctype:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text) if text else None


class _Bucket:
    """The server's token bucket for this connection (``welcome.limits``), mirrored so the client waits
    instead of having requests dropped (docs/protocol.md#rate-limits). Refills at 90 % of the server's
    rate, so clock differences never make the server refuse what the client let through."""

    def __init__(self, burst: int, per_second: float) -> None:
        self.configure(burst, per_second)

    def configure(self, burst: int, per_second: float) -> None:
        self.burst = max(1, int(burst))
        self.rate = max(0.1, float(per_second) * 0.9)
        self.tokens = float(self.burst)
        self.at = time.monotonic()

    def take(self) -> None:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            time.sleep((1 - self.tokens) / self.rate)
            self.tokens, self.at = 1.0, time.monotonic()
        self.tokens -= 1


class LudusClient:
    """A bot connection. ``url``: ``ws://host:port/bot``; ``token``: the agent's token.

    ``backend``: ``"auto"`` uses ``websockets`` when importable, else the standard-library client
    (``"stdlib"`` forces it). ``reconnect_attempts``: reconnections in a row before calls raise
    ``LudusError('UNAVAILABLE')``. ``timeout``: default seconds to wait for the server in every call.
    """

    def __init__(
        self,
        url: str,
        token: str,
        *,
        backend: str = "auto",
        reconnect_attempts: int = 20,
        timeout: float = DEFAULT_TIMEOUT,
        log: Optional[Callable[[str], None]] = None,
        observation: Optional[str] = None,
    ) -> None:
        if observation not in (None, "json", "text", "both"):
            raise ValueError(f"observation must be 'json', 'text' or 'both', not {observation!r}")
        self.url = url
        self.token = token
        self.observation = observation
        """Text mode (docs/protocol.md § text mode): ``'text'`` turns carry ``text``, ``legalText`` and
        ``defaultText`` instead of the JSON observation and legal list; ``'both'`` carries all."""
        self.backend = backend
        self.reconnect_attempts = reconnect_attempts
        self.timeout = timeout
        self.log = log or (lambda _line: None)
        self.welcome: Optional[dict] = None
        self.matches: dict[tuple[str, int], Match] = {}
        """Every match this connection has seen, by ``(match_id, seat)``."""
        self.unclaimed: list[Match] = []
        """Matches the server started without a request from this client (API, league), oldest first."""
        self.offers: list[dict] = []
        """Challenge offers received and not yet accepted or declined."""
        self.errors: list[dict] = []
        """``error`` frames that answered no request and no match (e.g. ``RATE_LIMITED``)."""
        self._by_ref: dict[str, Match] = {}
        self._by_challenge: dict[str, Match] = {}
        self._seeks: dict[str, dict] = {}  # ref → seek message, until its match starts
        self._ws: Optional[Transport] = None
        self._inbox: "queue.Queue[tuple[int, Optional[dict]]]" = queue.Queue()
        self._generation = 0
        self._closing = False
        self._next_ref = 0
        self._request_error: Optional[dict] = None
        self._awaiting_request = False
        self._reconnecting = False
        self._had_welcome = False
        self._bucket = _Bucket(60, 20)
        self._last_reply: Optional[dict] = None

    # ------------------------------------------------------------------ registration and the API

    @staticmethod
    def register(
        base_url: str,
        name: str,
        games: Iterable[str],
        owner: str = "python",
        description: Optional[str] = None,
    ) -> Registration:
        """Register an agent through ``POST /api/agents`` (``base_url``: ``http://host:port`` or the
        ``ws://…/bot`` URL). Returns its token, shown only this once. Raises ``LudusError`` (``CONFLICT``
        for a taken name, ``SCHEMA`` for a bad one, ``UNKNOWN_GAME``)."""
        body: dict = {"name": name, "owner": owner, "games": list(games)}
        if description is not None:
            body["description"] = description
        r = http_json("POST", http_base(base_url) + "/api/agents", body)
        return Registration(agent_id=r["agent"]["id"], name=r["agent"]["name"], token=r["token"])

    def api(self, method: str, path: str, body: Optional[dict] = None) -> Json:
        """Call the arena's HTTP API with this agent's token (``path`` starts with ``/api/``)."""
        return http_json(method, http_base(self.url) + path, body, self.token)

    @property
    def agent_name(self) -> str:
        if not self.welcome:
            raise LudusError("UNAUTHORIZED", "not connected")
        return self.welcome["agent"]["name"]

    # ------------------------------------------------------------------ connection

    def connect(self, timeout: Optional[float] = None) -> dict:
        """Open the connection and authenticate; returns the ``welcome`` frame.
        Raises ``LudusError('UNAUTHORIZED')`` for a bad token, ``OSError`` if the arena is unreachable."""
        self._closing = False
        self._open()
        return self._await_welcome(timeout)

    def reconnect(self, timeout: Optional[float] = None) -> dict:
        """Drop the connection and authenticate on a new one (the server gives every seat back and
        re-sends the pending turns; pending seeks are sent again). Returns the new ``welcome``."""
        self._drop()
        self._open()
        return self._await_welcome(timeout)

    def close(self) -> None:
        """Close the connection. Matches still running go on on the server (their clocks run)."""
        self._closing = True
        self._drop()

    def __enter__(self) -> "LudusClient":
        if self._ws is None:
            self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> None:
        self._generation += 1
        gen = self._generation
        self.welcome = None
        ws = open_transport(self.url, self.backend, timeout=min(self.timeout, 30.0))
        self._ws = ws

        def reader() -> None:
            loads, put = json.loads, self._inbox.put
            while True:
                text = ws.recv()
                if text is None:
                    put((gen, None))
                    return
                try:
                    frame = loads(text)
                except ValueError:
                    continue
                if isinstance(frame, dict):
                    put((gen, frame))

        threading.Thread(target=reader, name="ludus-reader", daemon=True).start()
        auth: dict = {"type": "auth", "token": self.token}
        if self.observation is not None:
            auth["observation"] = self.observation
        self._send(auth)

    def _drop(self) -> None:
        ws, self._ws = self._ws, None
        self._generation += 1  # frames still queued from the old connection are ignored
        if ws is not None:
            ws.close()

    def _await_welcome(self, timeout: Optional[float]) -> dict:
        self._wait(lambda: self.welcome is not None, timeout, "welcome")
        assert self.welcome is not None
        return self.welcome

    def _reconnect_with_backoff(self) -> None:
        self._reconnecting = True
        try:
            self._reconnect_loop()
        finally:
            self._reconnecting = False

    def _reconnect_loop(self) -> None:
        for attempt in range(self.reconnect_attempts):
            delay = min(10.0, 0.25 * 2**attempt) * (0.75 + random.random() * 0.5)
            self.log(f"disconnected; reconnecting in {delay * 1000:.0f} ms")
            time.sleep(delay)
            try:
                self._open()
                self._await_welcome(min(self.timeout, 30.0))
                return
            except LudusError as e:
                if e.code == "UNAUTHORIZED":
                    raise
            except OSError:
                pass
        raise LudusError("UNAVAILABLE", f"gave up after {self.reconnect_attempts} reconnection attempts")

    # ------------------------------------------------------------------ sending

    def _send(self, msg: dict) -> None:
        self._send_many([msg])

    def _send_many(self, msgs: list[dict]) -> None:
        for m in msgs:
            if m["type"] != "action":  # accepted actions are free; everything else spends the budget
                self._bucket.take()
        if self._ws is None:
            raise LudusError("CLOSED", "the client is not connected")
        try:
            self._ws.send_texts([json.dumps(m, separators=(",", ":")) for m in msgs])
        except OSError:
            pass  # the reader thread reports the close; the next wait reconnects and the server re-sends the turn

    def ping(self) -> None:
        """Send a protocol ``ping`` (optional: WebSocket pings keep the connection alive)."""
        self._send({"type": "ping"})

    # ------------------------------------------------------------------ frames

    def _wait(self, pred: Callable[[], bool], timeout: Optional[float], what: str) -> None:
        """Process frames until ``pred()`` holds; raises ``LudusError('TIMEOUT')`` after ``timeout`` seconds."""
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        while not pred():
            left = deadline - time.monotonic()
            if left <= 0:
                raise LudusError("TIMEOUT", f"no {what} within {limit:g} s")
            self.poll(left)

    def poll(self, timeout: float = 0.0) -> bool:
        """Process at most one frame, waiting up to ``timeout`` seconds for it; True if one was taken
        from the queue (a frame of a connection already replaced is taken and ignored).
        Reconnects (with backoff) if the connection dropped and the client was not closed."""
        try:
            gen, frame = self._inbox.get(timeout=timeout) if timeout > 0 else self._inbox.get_nowait()
        except queue.Empty:
            return False
        if gen != self._generation:
            return True
        if frame is None:
            if self._closing:
                raise LudusError("CLOSED", "the client was closed")
            if not self._had_welcome:
                raise LudusError("UNAVAILABLE", "the server closed the connection before welcome")
            self._ws = None
            if self._reconnecting:
                raise ConnectionError("the connection closed again during reconnection")
            self._reconnect_with_backoff()
            return True
        self._handle(frame)
        return True

    def _match_for(self, frame: dict) -> Optional[Match]:
        return self.matches.get((frame.get("matchId"), frame.get("seat")))  # type: ignore[arg-type]

    def _handle(self, f: dict) -> None:
        t = f.get("type")
        if t == "turn":
            m = self._match_for(f)
            if m is None:
                return
            step = f["step"]
            if "reward" in f and step not in m._rewarded_steps:  # a re-sent turn carries the same reward
                m._rewarded_steps.add(step)
                m.reward_since_last_take += f["reward"]
                m.total_reward += f["reward"]
            m.turn = f
            m.last_observation = f["observation"] if "observation" in f else f.get("text")  # text mode: the text view
            m.error = None
        elif t == "match-start":
            self._start(f)
        elif t == "result":
            m = self._match_for(f)
            if m is None:
                return
            r = f.get("reward", 0) or 0
            m.reward_since_last_take += r
            m.total_reward += r
            m.result = f
            m.turn = None
            if "observation" in f:
                m.last_observation = f["observation"]
            elif "text" in f:
                m.last_observation = f["text"]
        elif t == "timeout":
            m = self._match_for(f)
            if m is not None:
                m.timeouts.append(f)
                if m.turn is not None and m.turn["step"] == f["step"]:
                    m.turn = None
        elif t == "error":
            self._error(f)
        elif t == "welcome":
            self.welcome = f
            lim = f.get("limits") or {}
            self._bucket.configure(lim.get("burst", 60), lim.get("perSecond", 20))
            resent = self._had_welcome
            self._had_welcome = True
            if resent:  # seeks die with their connection: ask again for those still waiting
                self._send_many(list(self._seeks.values()))
        elif t == "challenge":
            self.offers.append(f)
        elif t in ("challenge-declined", "challenge-expired"):
            m = self._by_challenge.get(f.get("challengeId", "")) or self._by_ref.get(f.get("ref", ""))
            if m is not None:
                m.declined = t
        elif t == "challenge-sent":
            m = self._by_ref.get(f.get("ref", ""))
            if m is not None:
                m.challenge_id = f["challengeId"]
                self._by_challenge[f["challengeId"]] = m
        # seeking, pong: nothing to keep (requests check for them through _last_reply)
        self._last_reply = f

    def _start(self, f: dict) -> None:
        key = (f["matchId"], f["seat"])
        m = self.matches.get(key)
        if m is None:
            origin = f.get("origin") or {}
            m = None
            ref = origin.get("ref")
            if ref is not None and ref in self._by_ref and self._by_ref[ref].match_id is None:
                m = self._by_ref[ref]
                self._seeks.pop(ref, None)
            elif origin.get("challengeId") in self._by_challenge and self._by_challenge[origin["challengeId"]].match_id is None:
                m = self._by_challenge[origin["challengeId"]]
            if m is None:
                m = Match()
                self.unclaimed.append(m)
            m.match_id, m.seat = f["matchId"], f["seat"]
            self.matches[key] = m
        m.start = f  # a resumed match keeps its handle (and its reward bookkeeping)

    def _error(self, f: dict) -> None:
        if f.get("code") == "UNAUTHORIZED" and self.welcome is None:
            raise LudusError("UNAUTHORIZED", f.get("message", ""), f)
        self.log(f"server: {f.get('code')}: {f.get('message')} (match {f.get('matchId')}, step {f.get('step')})")
        mid = f.get("matchId")
        if mid is not None and f.get("code") in ("STALE_TURN", "GAME_OVER"):
            return  # the turn moved on without us (a timeout played the default) or the match ended: the next frame says which
        if mid is not None:
            for (k, _seat), m in self.matches.items():
                if k == mid and m.result is None and m._acted is not None and m._acted.get("step") == f.get("step"):
                    # the action for this step was refused: the turn is pending again
                    m.error = f
                    m.turn = m._acted
                    m._acted = None
            return
        if self._awaiting_request:
            self._request_error = f
        else:
            self.errors.append(f)

    # ------------------------------------------------------------------ requests

    def _ref(self) -> str:
        self._next_ref += 1
        return f"py-{self._next_ref}"

    def _request(self, msg: dict, done: Callable[[], bool], timeout: Optional[float], what: str) -> None:
        """Send a request and process frames until ``done()`` or an error without ``matchId`` answers it.
        ``RATE_LIMITED`` is waited out (``details.retryAfterMs``, frames processed meanwhile) and retried."""
        for _ in range(20):
            self._request_error = None
            self._awaiting_request = True
            try:
                self._send(msg)
                self._wait(lambda: done() or self._request_error is not None, timeout, what)
            finally:
                self._awaiting_request = False
            e = self._request_error
            if e is None:
                return
            if e.get("code") != "RATE_LIMITED":
                raise LudusError(e.get("code", "INTERNAL"), e.get("message", ""), e)
            # the server sends at most one notice per 250 ms and drops the rest silently: wait past that
            wait_s = max(0.3, float((e.get("details") or {}).get("retryAfterMs", 100)) / 1000)
            self.log(f"rate limited; retrying {msg.get('type')} in {wait_s * 1000:.0f} ms")
            deadline = time.monotonic() + wait_s
            while (left := deadline - time.monotonic()) > 0:
                self.poll(left)
        raise LudusError("RATE_LIMITED", f"{msg.get('type')} refused 20 times in a row: too many messages")

    def seek(
        self,
        game: str,
        config: Optional[dict] = None,
        *,
        wait: bool = True,
        timeout: Optional[float] = None,
        observation: Optional[str] = None,
    ) -> Match:
        """Join the matchmaking queue. With ``wait`` (default) returns once the match has started
        (a filler joins after the server's ``fillerAfterMs``); otherwise once the seek is queued
        (``Match.started`` turns true later, as frames are processed). Raises ``LudusError``
        (``UNKNOWN_GAME``, ``BAD_CONFIG``, ``SCHEMA``).

        The server keeps one seek per game per connection (a new one replaces the old), so a seek for a
        game that already has one waiting first waits for that one's match to start."""
        earlier = [self._by_ref[r] for r, msg in self._seeks.items() if msg["game"] == game]
        if earlier:
            self._wait(lambda: all(m.started for m in earlier), timeout, "the match of an earlier seek")
        ref = self._ref()
        m = Match(ref=ref)
        self._by_ref[ref] = m
        msg: dict = {"type": "seek", "game": game, "ref": ref}
        if config is not None:
            msg["config"] = config
        if observation is not None:
            msg["observation"] = observation  # this match's mode, over the connection's
        seen = {"queued": False}

        def queued() -> bool:
            last = self._last_reply or {}
            if last.get("type") == "seeking" and last.get("ref") == ref:
                seen["queued"] = True
            return seen["queued"] or m.started

        self._seeks[ref] = msg
        try:
            self._request(msg, queued, timeout, "seeking")
        except LudusError:
            self._seeks.pop(ref, None)
            raise
        if wait:
            self._wait(lambda: m.started, timeout, "match-start")
        return m

    def cancel_seek(self, game: Optional[str] = None) -> None:
        """Leave the queue for ``game`` (or every game)."""
        self._send({"type": "cancel-seek"} if game is None else {"type": "cancel-seek", "game": game})
        for ref, msg in list(self._seeks.items()):
            if game is None or msg["game"] == game:
                del self._seeks[ref]

    def challenge(
        self,
        opponent: str,
        game: str,
        config: Optional[dict] = None,
        *,
        wait: bool = True,
        timeout: Optional[float] = None,
        observation: Optional[str] = None,
    ) -> Match:
        """Challenge an agent by name. A built-in agent plays at once; a connected bot gets an offer.
        With ``wait`` (default) returns once the match has started; raises ``LudusError('DECLINED')``
        or ``('EXPIRED')`` if the offer is refused or lapses, ``UNKNOWN_AGENT``/``UNAVAILABLE`` if the
        opponent does not exist or is not connected. Without ``wait``, returns once the server acknowledged."""
        ref = self._ref()
        m = Match(ref=ref)
        self._by_ref[ref] = m
        msg: dict = {"type": "challenge", "opponent": opponent, "game": game, "ref": ref}
        if config is not None:
            msg["config"] = config
        if observation is not None:
            msg["observation"] = observation
        self._request(msg, lambda: m.started or m.challenge_id is not None, timeout, "challenge-sent")
        if wait:
            self.wait_started(m, timeout)
        return m

    def wait_started(self, m: Match, timeout: Optional[float] = None) -> Match:
        """Wait until ``m`` has started; raises ``LudusError('DECLINED'|'EXPIRED')`` for a refused challenge."""
        self._wait(lambda: m.started or m.declined is not None, timeout, "match-start")
        if not m.started:
            raise LudusError("DECLINED" if m.declined == "challenge-declined" else "EXPIRED", "the challenge was not accepted")
        return m

    def next_challenge(self, timeout: Optional[float] = None) -> dict:
        """The oldest challenge offer not yet answered (waiting for one if needed)."""
        self._wait(lambda: bool(self.offers), timeout, "challenge offer")
        return self.offers.pop(0)

    def accept(
        self, challenge_id: str, timeout: Optional[float] = None, *, observation: Optional[str] = None
    ) -> Match:
        """Accept an offer; returns the started match. ``observation`` (``'json'``, ``'text'`` or
        ``'both'``) is this match's mode, over the connection's. Raises ``LudusError('UNKNOWN_CHALLENGE')``."""
        if observation not in (None, "json", "text", "both"):
            raise ValueError(f"observation must be 'json', 'text' or 'both', not {observation!r}")
        m = Match(challenge_id=challenge_id)
        self._by_challenge[challenge_id] = m
        self.offers = [o for o in self.offers if o.get("challengeId") != challenge_id]
        msg: dict = {"type": "accept", "challengeId": challenge_id}
        if observation is not None:
            msg["observation"] = observation  # this match's mode, over the connection's
        self._request(msg, lambda: m.started, timeout, "match-start")
        return m

    def decline(self, challenge_id: str) -> None:
        """Decline an offer (the challenger gets ``challenge-declined``)."""
        self.offers = [o for o in self.offers if o.get("challengeId") != challenge_id]
        self._send({"type": "decline", "challengeId": challenge_id})

    # ------------------------------------------------------------------ turns

    def act(self, m: Match, action: Json) -> None:
        """Answer ``m``'s pending turn. A refusal arrives later: ``m.error`` is set and ``m.turn`` is
        pending again (``wait_turn`` raises it). Raises ``LudusError('NOT_YOUR_TURN')`` if no turn is pending."""
        self.act_many([(m, action)])

    def act_text(self, m: Match, text: str, transcript: Optional[dict] = None) -> None:
        """Answer ``m``'s pending turn in the game's text form (``action.text``; docs/protocol.md § text
        mode), optionally with a language-model ``transcript`` to store with the match. A text the game
        cannot read comes back as ``LudusError('PARSE')`` from ``wait_turn``; its ``details.legal`` lists
        legal actions as text."""
        t = m.turn
        if t is None:
            raise LudusError("NOT_YOUR_TURN", f"match {m.match_id} has no pending turn")
        msg: dict = {"type": "action", "matchId": t["matchId"], "step": t["step"], "seat": t["seat"], "text": text}
        if transcript is not None:
            msg["transcript"] = transcript
        m._acted, m.turn, m.error = t, None, None
        self._send_many([msg])

    def act_many(self, pairs: list[tuple[Match, Json]]) -> None:
        """Answer several pending turns in one write (the vectorised environments use this)."""
        msgs = []
        for m, action in pairs:
            t = m.turn
            if t is None:
                raise LudusError("NOT_YOUR_TURN", f"match {m.match_id} has no pending turn")
            msgs.append({"type": "action", "matchId": t["matchId"], "step": t["step"], "seat": t["seat"], "action": action})
            m._acted, m.turn, m.error = t, None, None
        self._send_many(msgs)

    def wait_turn(self, m: Match, timeout: Optional[float] = None) -> Match:
        """Wait until ``m`` has a pending turn or a result. Raises the ``LudusError`` of a refused action
        (``ILLEGAL_ACTION``…; the turn is pending again, answer it once more)."""
        self._wait(lambda: m.turn is not None or m.result is not None or m.error is not None, timeout, "turn or result")
        if m.error is not None and m.result is None:
            e = m.error
            m.error = None
            raise LudusError(e.get("code", "INTERNAL"), e.get("message", ""), e)
        return m

    def wait_result(self, m: Match, timeout: Optional[float] = None) -> dict:
        """Wait until ``m`` is over (without answering its turns) and return its ``result`` frame."""
        self._wait(lambda: m.result is not None, timeout, "result")
        assert m.result is not None
        return m.result

    def drain(self) -> int:
        """Process every frame already received, without waiting; returns how many."""
        n = 0
        while self.poll(0):
            n += 1
        return n

    def wait_all(self, ms: Iterable[Match], timeout: Optional[float] = None) -> None:
        """Wait until every match in ``ms`` has a pending turn, a result or a refused action."""
        ms = list(ms)
        self._wait(lambda: all(m.turn is not None or m.result is not None or m.error is not None for m in ms), timeout, "turns")

    def info(self, m: Match) -> TurnInfo:
        t = m.turn
        if t is None or m.start is None:
            raise LudusError("NOT_YOUR_TURN", "no pending turn")
        return TurnInfo(t["matchId"], t["seat"], t["step"], t.get("legal"), t.get("mask"), t["deadlineMs"], t["bankMs"], t.get("reward"), m.start)

    def play(
        self,
        policy: Policy,
        game: str,
        *,
        opponent: Optional[str] = None,
        config: Optional[dict] = None,
        matches: int = 1,
        concurrency: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> list[dict]:
        """Play ``matches`` matches with ``policy(observation, info) -> action``, up to ``concurrency``
        at a time (default: all), against ``opponent`` (a challenge) or through matchmaking (a seek).
        Returns the ``result`` frames in the order the matches were started. A refused action is
        answered once more with ``legal[0]``; a policy that raises is answered with ``legal[0]`` too."""
        width = concurrency or matches
        results: list[dict] = []
        running: list[Match] = []
        started = 0

        def start() -> Match:
            if opponent is not None:
                return self.challenge(opponent, game, config, timeout=timeout)
            return self.seek(game, config, timeout=timeout)

        while started < matches or running:
            while started < matches and len(running) < width:
                running.append(start())
                started += 1
            self._wait(lambda: any(m.turn is not None or m.result is not None or m.error is not None for m in running), timeout, "turn")
            answers = []
            for m in list(running):
                if m.result is not None:
                    running.remove(m)
                    results.append(m.result)
                    continue
                if m.error is not None:
                    self.log(f"server: {m.error.get('code')}: {m.error.get('message')}")
                    m.error = None
                    if m.turn is not None and m.turn.get("legal"):
                        answers.append((m, m.turn["legal"][0]))
                    continue
                if m.turn is None:
                    continue
                try:
                    action = policy(m.last_observation, self.info(m))
                except Exception as e:  # noqa: BLE001 - a failing policy must not lose the match
                    self.log(f"policy failed: {e!r}; playing legal[0]")
                    action = (m.turn.get("legal") or [None])[0]
                answers.append((m, action))
            if answers:
                self.act_many(answers)
        return results
