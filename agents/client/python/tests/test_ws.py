"""The standard-library WebSocket client (ludus_arena/_ws.py) against the arena's real server."""
from __future__ import annotations

import json
import os
import unittest

from tests.support import WS, needs_arena

from ludus_arena._ws import StdlibWebSocket, WebSocketError, _frame, _mask


class MaskingTest(unittest.TestCase):
    def test_mask_is_an_involution_and_matches_the_rfc_example(self) -> None:
        # RFC 6455 5.7: "Hello" masked with 37 fa 21 3d is 7f 9f 4d 51 58
        key = bytes.fromhex("37fa213d")
        self.assertEqual(_mask(key, b"Hello"), bytes.fromhex("7f9f4d5158"))
        data = os.urandom(1001)
        self.assertEqual(_mask(key, _mask(key, data)), data)

    def test_frame_lengths_use_7_16_and_64_bit_forms(self) -> None:
        self.assertEqual(_frame(1, b"x" * 125)[1], 0x80 | 125)
        self.assertEqual(_frame(1, b"x" * 126)[1], 0x80 | 126)
        self.assertEqual(_frame(1, b"x" * 65536)[1], 0x80 | 127)


@needs_arena
class StdlibAgainstArenaTest(unittest.TestCase):
    def test_handshake_ping_and_frames_of_every_length_form(self) -> None:
        ws = StdlibWebSocket(WS)
        try:
            ws.send_texts([json.dumps({"type": "ping", "id": 1})])
            self.assertEqual(json.loads(ws.recv() or "{}")["type"], "pong")
            # 16- and 64-bit payload lengths reach the server intact: it parses them and refuses the
            # unknown field by name (SCHEMA), so the frame was read whole. 65 536 bytes is the smallest
            # payload with a 64-bit length and the largest the arena accepts (docs/protocol.md, limits).
            for total in (300, 65_536):
                prefix = json.dumps({"type": "ping", "id": 2, "pad": ""})
                text = json.dumps({"type": "ping", "id": 2, "pad": "x" * (total - len(prefix))})
                self.assertEqual(len(text.encode()), total)
                ws.send_texts([text])
                err = json.loads(ws.recv() or "{}")
                self.assertEqual(err.get("code"), "SCHEMA", err)
        finally:
            ws.close()
        self.assertIsNone(ws.recv())

    def test_the_arena_refuses_an_upgrade_to_an_unknown_path(self) -> None:
        with self.assertRaises(WebSocketError) as e:
            StdlibWebSocket(WS.replace("/bot", "/no-such-endpoint"), timeout=10)
        self.assertIn("404", str(e.exception))



class RefusedUpgradeTest(unittest.TestCase):
    def test_a_refused_upgrade_raises(self) -> None:
        # a plain HTTP server on loopback (not a WebSocket server) that answers the upgrade request with 404
        import http.server
        import threading

        class NotFound(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                self.send_error(404)

            def log_message(self, *args: object) -> None:
                pass

        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotFound)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        try:
            with self.assertRaises(WebSocketError) as e:
                StdlibWebSocket(f"ws://127.0.0.1:{srv.server_address[1]}/bot", timeout=5)
            self.assertIn("404", str(e.exception))
        finally:
            srv.shutdown()
            srv.server_close()
