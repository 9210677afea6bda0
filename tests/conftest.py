"""Shared fixtures: the app from the factory with test configuration, and its clients."""

from __future__ import annotations

import subprocess
import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
from scripts.serve import Serving, free_port


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


@pytest.fixture(scope="session")
def production_server():
    """The production setup as `make serve` runs it (scripts/serve.py: nginx in front of
    gunicorn) on free local ports, the log of both collected in memory."""
    server = Serving(f"127.0.0.1:{free_port()}", capture_log=True)
    try:
        server.wait_until_up()
        yield server
    finally:
        server.stop()


STAGE_3 = {"grade": "1", "pain": "2", "slr": "full", "toe": "yes", "side": "left"}
STAGE_2_LARGEST = {"grade": "2", "pain": "3", "slr": "limited", "toe": "no", "side": "right"}
STAGE_1 = {"grade": "2", "pain": "5", "slr": "limited", "toe": "no", "side": "left"}
REFERRAL = {"grade": "2", "pain": "8", "slr": "limited", "toe": "no", "side": "left"}
