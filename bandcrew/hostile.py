"""Hostile clients, shared by the fault suite (tests/faults) and its benchmark (bench/faults.py):
idle websockets, half-open requests, and raw HTTP requests a well-behaved client library would never
send (broken chunking, lying Content-Length). Real sockets against real servers, nothing mocked."""

from __future__ import annotations

import contextlib
import socket
import statistics
import time
from urllib.parse import urlsplit

import requests


def _addr(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def open_idle_websockets(url: str, n: int, timeout: float = 10.0) -> list[socket.socket]:
    """`n` Socket.IO clients over raw websockets that complete the handshake (engine.io open, then
    the Socket.IO connect) and then say nothing: what a crowd of idle browser tabs looks like."""
    import websocket  # websocket-client

    host, port = _addr(url)
    socks = []
    for _ in range(n):
        ws = websocket.create_connection(
            f"ws://{host}:{port}/socket.io/?EIO=4&transport=websocket", timeout=timeout
        )
        ws.recv()  # engine.io "open" packet
        ws.send("40")  # Socket.IO connect to the default namespace
        socks.append(ws)
    return socks


def open_half_requests(url: str, n: int) -> list[socket.socket]:
    """`n` connections that each send part of a request and stall: half with unfinished headers,
    half with headers promising a body that never comes (a slowloris)."""
    host, port = _addr(url)
    out = []
    for i in range(n):
        s = socket.create_connection((host, port), timeout=5)
        if i % 2:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        else:
            s.sendall(
                b"POST /api/campaigns HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 1000\r\n\r\n{"
            )
        out.append(s)
    return out


def close_all(socks: list) -> None:
    for s in socks:
        with contextlib.suppress(Exception):
            s.close()


def latencies(url: str, n: int = 60, timeout: float = 5.0) -> list[float]:
    """`n` sequential GETs of `url` on fresh connections, in seconds (timeout counts as `timeout`)."""
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        try:
            requests.get(url, timeout=timeout)
            out.append(time.perf_counter() - t0)
        except requests.RequestException:
            out.append(timeout)
    return out


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def raw_request(url: str, payload: bytes, timeout: float = 10.0) -> tuple[int, bytes, bool]:
    """Send raw bytes, read one response. Returns (status, body, closed): `closed` is True when the
    server closed the connection after answering (checked by reading on until EOF or timeout)."""
    host, port = _addr(url)
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(payload)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
        length = 0
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                length = int(v.strip())
        while len(body) < length:
            chunk = s.recv(65536)
            if not chunk:
                break
            body += chunk
        s.settimeout(2.0)
        try:
            closed = s.recv(1) == b""
        except TimeoutError:
            closed = False
        except OSError:
            closed = True
    return status, body[:length] if length else body, closed
