"""Driver of bench/python.bench.ts: env steps per second of ludus_arena.VectorRemoteEnv over one
connection, ``n`` ipd matches at once against the built-in ``tft`` (200 turns, autoreset).

    python3 bench/python_env_driver.py URL TOKEN N WARMUP_S MEASURE_S  → one JSON line {steps, seconds, backend}
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "agents", "client", "python"))
from ludus_arena import LudusClient, VectorRemoteEnv  # noqa: E402

url, token, n, warmup, measure = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
client = LudusClient(url, token)
client.connect()
env = VectorRemoteEnv(client, "ipd", n, opponent="tft", config={"turns": 200})
env.reset()
actions = ["C"] * n
end_warmup = time.perf_counter() + warmup
while time.perf_counter() < end_warmup:
    env.step(actions)
steps = 0
t0 = time.perf_counter()
while (now := time.perf_counter()) - t0 < measure:
    env.step(actions)
    steps += n
print(json.dumps({"steps": steps, "seconds": now - t0, "backend": client._ws.name if client._ws else "?"}))
client.close()
