"""Shared fixtures and helpers: the app from the factory with test configuration, its
clients, the servers the browser and load tests use, and waiting without fixed sleeps."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import pytest
import weasyprint
from werkzeug.serving import make_server

from app import create_app
from generator.pdf import ORIGIN, RendererBusyError, RestrictedFetcher, parse_stylesheets
from scripts.serve import Serving, free_port
from web.handout import outcome_of
from web.pdfs import PDF_STYLESHEETS, html_maker, own_file_resolver

HTMX = {"HX-Request": "true"}  # what htmx sends with each request


def wait_until(done: Callable[[], object], timeout: float = 30, what: str = "") -> None:
    """Poll ``done`` until it is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what or done}")
        time.sleep(0.02)


@contextmanager
def renderer_busy(app) -> Iterator[None]:
    """Every PDF render slot of ``app`` taken by a render that waits, the way real
    downloads take them (through the service's public ``get``), released on exit."""
    pdfs = app.extensions["handout_pdfs"]
    slots = app.config["PDF_CONCURRENT_RENDERS"]
    release, started = threading.Event(), threading.Semaphore(0)

    def waiting_render(html: str, **options: object) -> bytes:
        started.release()
        release.wait(30)
        return b"%PDF-held"

    def hold(number: int) -> None:
        with suppress(RendererBusyError):
            pdfs.get(f"held-{number}", str)

    pdfs.render = waiting_render
    holders = [threading.Thread(target=hold, args=(n,)) for n in range(slots)]
    for holder in holders:
        holder.start()
    for _ in range(slots):
        assert started.acquire(timeout=10), "a held render did not start"
    try:
        yield
    finally:
        release.set()
        for holder in holders:
            holder.join()
        del pdfs.render
        pdfs.clear()


@pytest.fixture
def app():
    # Render-ahead is tested on its own; elsewhere it would render in the background. The
    # render time limit (10 s, a 503 past it) is tested on its own too (test_security.py);
    # here it is a minute, so a loaded CI machine does not turn a slow render into a 503.
    return create_app({"TESTING": True, "PDF_RENDER_AHEAD": False, "PDF_RENDER_TIME_LIMIT": 60})


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


def lay_out(app, values) -> weasyprint.Document:
    """The handout of form ``values`` laid out by WeasyPrint as ``app`` renders it (its
    HTML, its parsed stylesheets, its restricted fetcher), for tests that read the layout."""
    with app.test_request_context():
        outcome = outcome_of(values, personal=True)
        assert outcome.ok, outcome.errors
        html = html_maker(outcome)()
    resolve = own_file_resolver(app)
    sheets = parse_stylesheets(tuple(f"/static/css/{name}" for name in PDF_STYLESHEETS), resolve)
    return weasyprint.HTML(
        string=html, base_url=ORIGIN + "/", url_fetcher=RestrictedFetcher(resolve)
    ).render(stylesheets=sheets)


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
