"""ludus_arena: a Python client for a Ludus arena (docs/python.md).

``LudusClient`` speaks the ``/bot`` WebSocket protocol (docs/protocol.md) with the standard library
alone (or ``websockets`` when it is installed); ``RemoteEnv``, ``VectorRemoteEnv`` and
``ParallelArenaEnv`` wrap live matches in Gymnasium's and PettingZoo's APIs, duck-typed so that
neither package is required.
"""
from .client import DEFAULT_TIMEOUT, LudusClient, LudusError, Match, Registration, TurnInfo, http_base, http_json
from .env import DiscreteSpace, JsonSpace, ParallelArenaEnv, RemoteEnv, VectorRemoteEnv, to_action

__all__ = [
    "DEFAULT_TIMEOUT",
    "DiscreteSpace",
    "JsonSpace",
    "LudusClient",
    "LudusError",
    "Match",
    "ParallelArenaEnv",
    "Registration",
    "RemoteEnv",
    "TurnInfo",
    "VectorRemoteEnv",
    "http_base",
    "http_json",
    "to_action",
]
__version__ = "0.1.0"
