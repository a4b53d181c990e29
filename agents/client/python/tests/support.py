"""Shared set-up of the Python suite: the arena under test (``LUDUS_URL``, its HTTP base URL, set by
test/python/python.test.ts, which boots a real arena on loopback) and agents registered for each test."""
from __future__ import annotations

import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from ludus_arena import LudusClient, Registration, http_json  # noqa: E402

BASE = os.environ.get("LUDUS_URL", "").rstrip("/")
WS = BASE.replace("http", "ws", 1) + "/bot" if BASE else ""
needs_arena = unittest.skipUnless(BASE, "LUDUS_URL is not set: run through `npm test -- test/python` (it boots an arena)")


def register(prefix: str, games: tuple[str, ...] = ("ipd", "stag-hunt")) -> Registration:
    return LudusClient.register(BASE, f"{prefix}-{uuid.uuid4().hex[:10]}", games, owner="python-tests")


def connect(prefix: str, games: tuple[str, ...] = ("ipd", "stag-hunt"), **kw) -> LudusClient:
    reg = register(prefix, games)
    c = LudusClient(WS, reg.token, timeout=60, **kw)
    c.connect()
    return c


def stored_match(match_id: str) -> dict:
    return http_json("GET", f"{BASE}/api/matches/{match_id}")
