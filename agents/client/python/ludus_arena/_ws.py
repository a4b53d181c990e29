"""A minimal WebSocket client (RFC 6455) over ``socket``/``ssl``, and an adapter for ``websockets``.

Why hand-written: the Python client must run where nothing can be installed from PyPI (CI has
``python3`` and its standard library only), and the standard library has no WebSocket client. This
file implements exactly what the Ludus ``/bot`` protocol needs from RFC 6455: the opening handshake
(section 4.1, with the ``Sec-WebSocket-Accept`` check), masked client text frames (5.3), reading
unmasked server frames of any length with fragmentation (5.4), answering pings with pongs (5.5.2)
and the closing handshake (5.5.1). No extensions (no permessage-deflate), no subprotocols.

When the ``websockets`` package (>= 12, its ``websockets.sync.client``) is importable it is used
instead, unless ``backend="stdlib"`` is asked for. Both expose the same three calls:
``send_texts(list[str])``, ``recv() -> str | None`` (``None`` once the connection is closed) and
``close()``. ``recv`` blocks and is meant to be called from one reader thread; ``send_texts`` may
be called from any thread.
"""
from __future__ import annotations

import base64
import hashlib
import os
import socket
import ssl
import struct
import threading
from typing import Optional, Protocol
from urllib.parse import urlsplit

_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 section 1.3


class Transport(Protocol):
    """What the client needs from a WebSocket connection."""

    name: str

    def send_texts(self, texts: list[str]) -> None: ...

    def recv(self) -> Optional[str]: ...

    def close(self) -> None: ...


class WebSocketError(ConnectionError):
    """The handshake failed or the peer broke the framing rules."""


def _mask(key: bytes, data: bytes) -> bytes:
    """XOR ``data`` with the 4-byte ``key`` repeated (RFC 6455 5.3), one big-integer XOR (fast in CPython)."""
    n = len(data)
    if n == 0:
        return data
    k = (key * (n // 4 + 1))[:n]
    return (int.from_bytes(data, "little") ^ int.from_bytes(k, "little")).to_bytes(n, "little")


def _frame(opcode: int, payload: bytes) -> bytes:
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
    elif n < 1 << 16:
        head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
    key = os.urandom(4)
    return head + key + _mask(key, payload)


class StdlibWebSocket:
    """An RFC 6455 client on a blocking socket. ``url`` is ``ws://host[:port]/path`` or ``wss://…``.

    Raises ``WebSocketError`` if the server does not switch protocols, ``OSError`` if it cannot be reached.
    """

    name = "stdlib"

    def __init__(self, url: str, timeout: float = 10.0, max_size: int = 64 << 20) -> None:
        u = urlsplit(url)
        if u.scheme not in ("ws", "wss"):
            raise ValueError(f"not a WebSocket URL: {url!r}")
        host = u.hostname or "localhost"
        port = u.port or (443 if u.scheme == "wss" else 80)
        path = (u.path or "/") + (f"?{u.query}" if u.query else "")
        sock = socket.create_connection((host, port), timeout=timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if u.scheme == "wss":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        self._sock = sock
        self._max = max_size
        self._send_lock = threading.Lock()
        self._closed = False
        key = base64.b64encode(os.urandom(16)).decode()
        hostport = host if u.port is None else f"{host}:{port}"
        sock.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        self._rf = sock.makefile("rb")
        headers: dict[str, str] = {}
        try:
            status = self._rf.readline(65536).decode("latin-1")
            while True:
                line = self._rf.readline(65536).decode("latin-1")
                if line in ("\r\n", "\n", ""):
                    break
                k, _, v = line.partition(":")
                headers[k.strip().lower()] = v.strip()
        except socket.timeout:
            self._sock.close()
            raise WebSocketError(f"no answer to the handshake within {timeout:g} s") from None
        if " 101 " not in status + " ":
            self._sock.close()
            raise WebSocketError(f"handshake refused: {status.strip()!r}")
        expected = base64.b64encode(hashlib.sha1(key.encode() + _GUID).digest()).decode()
        if headers.get("sec-websocket-accept") != expected:
            self._sock.close()
            raise WebSocketError("handshake: bad Sec-WebSocket-Accept")
        sock.settimeout(None)  # the reader blocks; liveness comes from the server's pings

    def send_texts(self, texts: list[str]) -> None:
        """Send each string as one text frame, all in one write. Raises ``OSError`` on a dead socket."""
        data = b"".join(_frame(0x1, t.encode("utf-8")) for t in texts)
        with self._send_lock:
            self._sock.sendall(data)

    def _read(self, n: int) -> bytes:
        b = self._rf.read(n)
        if b is None or len(b) < n:
            raise EOFError
        return b

    def recv(self) -> Optional[str]:
        """The next text message, or ``None`` once the connection is closed (by either side)."""
        parts: list[bytes] = []
        try:
            while True:
                b0, b1 = self._read(2)
                fin, opcode, n = b0 & 0x80, b0 & 0x0F, b1 & 0x7F
                if n == 126:
                    (n,) = struct.unpack("!H", self._read(2))
                elif n == 127:
                    (n,) = struct.unpack("!Q", self._read(8))
                if n > self._max:
                    raise WebSocketError(f"frame of {n} bytes is above max_size")
                key = self._read(4) if b1 & 0x80 else None
                payload = self._read(n) if n else b""
                if key:
                    payload = _mask(key, payload)
                if opcode == 0x9:  # ping → pong with the same payload
                    with self._send_lock:
                        self._sock.sendall(_frame(0xA, payload))
                    continue
                if opcode == 0xA:
                    continue
                if opcode == 0x8:
                    self.close(echo=payload[:2])
                    return None
                parts.append(payload)
                if fin:
                    if opcode == 0x2 or (opcode == 0x0 and not parts):
                        parts = []
                        continue  # the protocol is text only; binary frames are ignored
                    return b"".join(parts).decode("utf-8")
        except (EOFError, OSError, ValueError):
            self._closed = True
            return None

    def close(self, echo: bytes = struct.pack("!H", 1000)) -> None:
        """Send a close frame (once) and shut the socket; safe to call from any thread, repeatedly."""
        if self._closed:
            return
        self._closed = True
        try:
            with self._send_lock:
                self._sock.sendall(_frame(0x8, echo))
        except OSError:
            pass
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()


class WebsocketsTransport:
    """The same interface over ``websockets.sync.client`` (used when that package is importable)."""

    name = "websockets"

    def __init__(self, url: str, timeout: float = 10.0, max_size: int = 64 << 20) -> None:
        from websockets.sync.client import connect  # type: ignore[import-not-found]

        self._ws = connect(url, open_timeout=timeout, max_size=max_size, compression=None)
        self._send_lock = threading.Lock()

    def send_texts(self, texts: list[str]) -> None:
        with self._send_lock:
            for t in texts:
                self._ws.send(t)

    def recv(self) -> Optional[str]:
        try:
            m = self._ws.recv()
        except Exception:  # websockets.exceptions.ConnectionClosed and friends
            return None
        return m if isinstance(m, str) else ""

    def close(self) -> None:
        try:
            self._ws.close()
        except Exception:
            pass


def websockets_available() -> bool:
    try:
        import websockets.sync.client  # type: ignore[import-not-found]  # noqa: F401
    except Exception:
        return False
    return True


def open_transport(url: str, backend: str = "auto", timeout: float = 10.0) -> Transport:
    """Open a connection. ``backend``: ``"auto"`` (``websockets`` if importable, else the stdlib client),
    ``"websockets"`` or ``"stdlib"``. Raises ``OSError``/``WebSocketError`` when the server is unreachable."""
    if backend not in ("auto", "websockets", "stdlib"):
        raise ValueError(f"unknown backend {backend!r}")
    if backend == "websockets" or (backend == "auto" and websockets_available()):
        return WebsocketsTransport(url, timeout)
    return StdlibWebSocket(url, timeout)
