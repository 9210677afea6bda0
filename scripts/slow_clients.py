"""Slow clients against the production setup, with figures (not a test: the README's
figures come from it; tests/test_serving.py uses its `SlowClients` and `time_gets`).

    python scripts/slow_clients.py [--clients 200] [--seconds 15]

Starts the production setup (scripts/serve.py: nginx in front of gunicorn) on free ports
of 127.0.0.1. Then, for nginx and for gunicorn alone (its own port, as if it were exposed
without the proxy), in the same run: times GET / for 2 s with no other traffic, then
opens --clients connections that hold a request open (most send their request headers a
byte every 2 s, some a form body, some nothing) and, while they are open, times GET /
for --seconds, one request after another, each given 5 s. Every request goes to
127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import socket
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.serve import Serving, free_port


def _trickle(kind: str, host: str) -> Iterator[bytes]:
    """What one slow client sends: a piece at once, then a byte at a time, forever."""
    if kind == "headers":  # a request whose headers never end
        yield f"GET / HTTP/1.1\r\nHost: {host}\r\nX-Slow: ".encode()
    elif kind == "body":  # complete headers, then a body that never ends
        yield (
            f"POST /program HTTP/1.1\r\nHost: {host}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 30000\r\n\r\n"
        ).encode()
    else:  # "silent": connects, sends nothing
        return
    yield from itertools.repeat(b"a")


class SlowClients:
    """``count`` connections to ``url`` that each hold a request open: three in four send
    headers a byte every ``interval`` seconds, one in eight a form body, the rest nothing.
    One thread feeds them all; a connection the server closes is opened again at once
    (`reopened` counts them), so ``count`` stay open while the clients run."""

    def __init__(self, url: str, count: int = 200, interval: float = 2.0) -> None:
        parts = urlsplit(url)
        self.address = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.host = parts.netloc
        self.kinds = [
            "headers" if n % 8 < 6 else "body" if n % 8 == 6 else "silent" for n in range(count)
        ]
        self.interval = interval
        self.reopened = 0
        self._clients: list[tuple[socket.socket, Iterator[bytes]]] = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._feed, daemon=True)

    def __enter__(self) -> SlowClients:
        self._clients = [self._open(kind) for kind in self.kinds]
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._done.set()
        self._thread.join()
        for sock, _ in self._clients:
            sock.close()

    def _open(self, kind: str) -> tuple[socket.socket, Iterator[bytes]]:
        sock = socket.create_connection(self.address, timeout=5)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        trickle = _trickle(kind, self.host)
        sock.sendall(next(trickle, b""))
        sock.setblocking(False)
        return sock, trickle

    def _feed(self) -> None:
        while not self._done.wait(self.interval):
            for number, (sock, trickle) in enumerate(self._clients):
                if self._done.is_set():
                    return
                try:
                    sock.send(next(trickle, b""))
                    if not _is_open(sock):
                        raise ConnectionResetError
                except OSError:
                    sock.close()
                    self.reopened += 1
                    self._clients[number] = self._open(self.kinds[number])

    def open_count(self) -> int:
        """How many of the connections the server still holds open right now."""
        return sum(_is_open(sock) for sock, _ in self._clients)


def _is_open(sock: socket.socket) -> bool:
    """Not closed by the server: nothing to read yet (an answer or the end means the
    server is done with the request)."""
    try:
        sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


def time_gets(url: str, seconds: float, timeout: float) -> list[tuple[int, float]]:
    """GET ``url`` + "/" one request after another for ``seconds``, each on a new
    connection given ``timeout`` seconds: (status, seconds) for each, status 0 when it
    timed out or failed."""
    parts = urlsplit(url)
    results = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        try:
            connection.request("GET", "/")
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            connection.close()
        results.append((status, time.monotonic() - start))
        time.sleep(0.1)
    return results


def summary(results: list[tuple[int, float]]) -> str:
    times = [seconds for _, seconds in results]
    failed = sum(status != 200 for status, _ in results)
    return (
        f"{len(results)} GET /, median {statistics.median(times) * 1000:.0f} ms, worst "
        f"{max(times) * 1000:.0f} ms, {failed} not answered 200 within 5 s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    serving = Serving(f"127.0.0.1:{free_port()}", capture_log=True)
    try:
        serving.wait_until_up()
        for name, url in (("nginx", serving.url), ("gunicorn alone", serving.upstream_url)):
            print(f"{name}, no other traffic: {summary(time_gets(url, 2, timeout=5))}")
            with SlowClients(url, args.clients) as slow:
                results = time_gets(url, args.seconds, timeout=5)
                held = slow.open_count()
            print(
                f"{name}, {args.clients} slow clients: {summary(results)}; slow clients "
                f"held open at the end {held}, opened again after the server closed them "
                f"{slow.reopened}",
                flush=True,
            )
    finally:
        serving.stop()


if __name__ == "__main__":
    main()
