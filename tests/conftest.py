"""Shared fixtures: the app from the factory with test configuration, and its clients."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app import create_app


@pytest.fixture
def app():
    # Render-ahead is tested on its own; elsewhere it would render in the background.
    return create_app({"TESTING": True, "PDF_RENDER_AHEAD": False})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# Browser tests: Debian's Chromium (Playwright never downloads a browser here) and the app
# on a real port.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pdf_text(pdf: bytes, *options: str) -> str:
    """The text of a PDF as poppler's pdftotext reads it (``"-layout"`` keeps columns)."""
    done = subprocess.run(["pdftotext", *options, "-", "-"], input=pdf, capture_output=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode()


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {"executable_path": "/usr/bin/chromium", "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def live_server():
    server = make_server("127.0.0.1", 0, create_app({"TESTING": True}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


class ProductionServer:
    """gunicorn as `make serve` runs it (scripts/gunicorn.conf.py) on a free local port,
    its log lines collected in memory."""

    def __init__(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        root = Path(__file__).resolve().parent.parent
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--config",
                "scripts/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.log: list[str] = []
        self._reader = threading.Thread(target=self._read_log, daemon=True)
        self._reader.start()

    def _read_log(self) -> None:
        with self.process.stdout:  # closed once gunicorn has stopped writing
            self.log.extend(self.process.stdout)

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "".join(self.log)
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5):
                    pass
                if self.workers():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError("gunicorn did not answer within 30 s:\n" + "".join(self.log))

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=10)


@pytest.fixture(scope="session")
def production_server():
    server = ProductionServer()
    try:
        server.wait_until_up()
        yield server
    finally:
        server.stop()


STAGE_3 = {"grade": "1", "pain": "2", "slr": "full", "toe": "yes", "side": "left"}
STAGE_2_LARGEST = {"grade": "2", "pain": "3", "slr": "limited", "toe": "no", "side": "right"}
STAGE_1 = {"grade": "2", "pain": "5", "slr": "limited", "toe": "no", "side": "left"}
REFERRAL = {"grade": "2", "pain": "8", "slr": "limited", "toe": "no", "side": "left"}
