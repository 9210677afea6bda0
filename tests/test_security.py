"""Security: headers on every kind of response, no inline script anywhere, and injection
attempts through every free-text field (markup, ``file://``, ``http://`` to a listener on
this machine, CSS ``url()``, ``<link rel="attachment">``). Whatever is typed is printed as
text: the PDF never carries a local file and the renderer never opens a connection."""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from markupsafe import escape

import generator.pdf
from app import create_app
from generator.pdf import HandoutPdfs, RendererBusyError, render_pdf
from scripts.bench import WORST_CASE
from tests.conftest import (
    HTMX,
    REFERRAL,
    STAGE_1,
    STAGE_2_LARGEST,
    STAGE_3,
    pdf_text,
    renderer_busy,
    wait_until,
)
from web.pdfs import own_file_resolver

SECRET = "HANDOUT-LOCAL-SECRET-5b8e"
LISTENER_BODY = "HANDOUT-LISTENER-BODY-c41d"


# Headers


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        if part.strip():
            name, *values = part.split()
            directives[name] = values
    return directives


def assert_security_headers(response) -> None:
    csp = csp_directives(response.headers["Content-Security-Policy"])
    script_src = csp.get("script-src", csp.get("default-src"))
    assert script_src == ["'self'"], script_src
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] in (["'none'"], ["'self'"])
    assert "'unsafe-inline'" not in csp.get("style-src", csp["default-src"])
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in (
        "no-referrer",
        "same-origin",
        "strict-origin-when-cross-origin",
    )


@pytest.fixture
def stub_renderer(monkeypatch):
    """PDF bytes without WeasyPrint, for tests about the response, not the document."""
    monkeypatch.setattr(generator.pdf, "render_pdf", lambda html, *a, **k: b"%PDF-stub")


REQUESTS = {
    "questionnaire": lambda c: c.get("/"),
    "program page": lambda c: c.get("/program?grade=1&pain=2&slr=full&toe=yes&side=left"),
    "json": lambda c: c.get("/program.json?grade=1&pain=2&slr=full&toe=yes&side=left"),
    "404": lambda c: c.get("/nowhere"),
    "htmx fragment": lambda c: c.post("/program", data=STAGE_1, headers=HTMX),
    "posted full page": lambda c: c.post("/program", data=STAGE_3),
    "422 page": lambda c: c.post("/program", data={**STAGE_3, "pain": "x"}),
    "422 json": lambda c: c.get("/program.json?pain=x"),
    "pdf": lambda c: c.post("/program.pdf", data=STAGE_1),
    "pdf with bad input": lambda c: c.post("/program.pdf", data={"grade": "9"}),
    "413": lambda c: c.post("/program", data={"notes": "x" * 40_000}),
    "405": lambda c: c.delete("/program"),
    "400 unknown host": lambda c: c.get("/", headers={"Host": "evil.example"}),
    "figure": lambda c: c.get("/figures/hip-hinge/hinge-left.svg"),
    "stylesheet": lambda c: c.get("/static/css/screen.css"),
    "htmx script": lambda c: c.get("/vendor/htmx.min.js"),
    "app script": lambda c: c.get("/static/js/app.js"),
}


@pytest.mark.parametrize("kind", REQUESTS)
def test_every_kind_of_response_carries_the_security_headers(client, stub_renderer, kind):
    response = REQUESTS[kind](client)
    response.close()  # a static file is streamed from an open file
    assert response.status_code < 500
    assert_security_headers(response)


def test_the_busy_answer_carries_the_security_headers(app, client):
    with renderer_busy(app):
        response = client.post("/program.pdf", data=STAGE_1)
    assert response.status_code == 503
    assert_security_headers(response)


class InlineCode(HTMLParser):
    """Everything in a page that a Content-Security-Policy without 'unsafe-inline' would
    block: inline scripts, event handler attributes, javascript: URLs, style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith(("on", "hx-on", "data-hx-on")) or name == "style":
                self.found.append(f"<{tag} {name}>")
            if value and value.strip().lower().startswith(("javascript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/") or src.startswith("//"):
                self.found.append(f"<script src={src!r}>")
            self._in_script = True
        if tag == "style":
            self.found.append("<style>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append("inline script")


PAGES = {
    "questionnaire": lambda c: c.get("/"),
    "prefilled": lambda c: c.get("/?" + urlencode(STAGE_2_LARGEST)),
    "program page": lambda c: c.get("/program?" + urlencode(STAGE_2_LARGEST)),
    "referral page": lambda c: c.get("/program?" + urlencode(REFERRAL)),
    "posted full page": lambda c: c.post("/program", data={**STAGE_3, "name": "Ada"}),
    "htmx fragment": lambda c: c.post("/program", data=STAGE_2_LARGEST, headers=HTMX),
    "error state": lambda c: c.post("/program", data={"grade": "2", "pain": "11"}),
    "404": lambda c: c.get("/nowhere"),
    "413": lambda c: c.post("/program", data={"notes": "x" * 40_000}),
}


@pytest.mark.parametrize("kind", PAGES)
def test_pages_hold_no_code_the_policy_would_block(client, kind):
    finder = InlineCode()
    finder.feed(PAGES[kind](client).get_data(as_text=True))
    assert finder.found == []


def test_the_inline_code_finder_sees_what_it_looks_for():
    finder = InlineCode()
    finder.feed(
        '<script>x()</script><p onclick="x()" style="color:red">'
        '<a href="javascript:x()">a</a><script src="https://cdn.example/x.js"></script>'
    )
    assert finder.found == [
        "<script src=''>",
        "inline script",
        "<p onclick>",
        "<p style>",
        "<a href=javascript:x()>",
        "<script src='https://cdn.example/x.js'>",
    ]


def test_htmx_may_not_evaluate_code(client):
    html = client.get("/").get_data(as_text=True)
    assert '"allowEval":false' in html
    csp = csp_directives(client.get("/").headers["Content-Security-Policy"])
    assert "'unsafe-eval'" not in csp["script-src"]


# Injection through every free-text field


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections and answers any request."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections: list[bytes] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.connections.append(conn.recv(4096))
                    body = LISTENER_BODY.encode()
                    conn.sendall(
                        b"HTTP/1.0 200 OK\r\nContent-Type: text/css\r\n"
                        b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
                    )
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture(scope="module")
def secret_file():
    """A local file a payload points at, on a short path so payloads fit in 80 characters."""
    folder = Path(tempfile.mkdtemp(prefix="h", dir="/tmp"))
    path = folder / "s.css"
    path.write_text(f"/* {SECRET} */ body {{ color: red }}")
    yield path
    shutil.rmtree(folder)


def payloads(listener: Listener, secret: Path) -> list[str]:
    url, local = listener.url, f"file://{secret}"
    return [
        "<script>alert(1)</script>",
        local,
        f'<img src="{local}">',
        f'<link rel="attachment" href="{local}">',
        f'<link rel="stylesheet" href="{url}/l.css">',
        f"<style>@import url({url}/i.css);</style>",
        f'<p style="background:url({url}/b.png)">x</p>',
        f"url({url}/u.png) url({local})",
        f'<a href="{url}/a">{url}/plain</a>',
        f'<iframe src="{url}/f"></iframe>',
        f'<object data="{local}"></object>',
        f'<svg><image href="{url}/s.png"/></svg>',
    ]


def free_text_form(payload: str) -> dict[str, str]:
    """Every free-text field carrying the same payload: the personal fields and the
    clinician's note on an exercise of the program (the hip hinge is in stage 1)."""
    return {
        **STAGE_1,
        "name": payload,
        "clinician": payload,
        "notes": payload,
        "edit.hip-hinge.note": payload,
    }


@pytest.fixture
def network_guard(monkeypatch):
    """Records (and refuses) any connection or name lookup made in this process."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network refused in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], str | bytes):
        _opened.append(str(args[0]))


sys.addaudithook(_audit)


@pytest.fixture
def opened_files():
    """Paths opened by Python code in this process while the test runs."""
    global _opened
    _opened = []
    yield _opened
    _opened = None


def test_every_payload_fits_every_free_text_field(client, listener, secret_file):
    for payload in payloads(listener, secret_file):
        assert len(payload) <= 80, payload
        response = client.post("/program", data=free_text_form(payload), headers=HTMX)
        assert response.status_code == 200, (payload, response.get_data(as_text=True)[:300])


def assert_shown_only_as_text(html: str, payload: str) -> None:
    """The payload is in the page escaped, never as markup, and the page has no inline
    script, handler or style."""
    if str(escape(payload)) != payload:
        assert payload not in html
    assert str(escape(payload)) in html
    finder = InlineCode()
    finder.feed(html)
    assert finder.found == []


@pytest.mark.parametrize("route", ["htmx", "full page", "error page"])
def test_payloads_in_pages_are_escaped_text(client, listener, secret_file, route):
    for payload in payloads(listener, secret_file):
        form = free_text_form(payload)
        if route == "htmx":
            html = client.post("/program", data=form, headers=HTMX).get_data(as_text=True)
        elif route == "full page":
            html = client.post("/program", data=form).get_data(as_text=True)
        else:
            html = client.post("/program", data={**form, "pain": "x"}).get_data(as_text=True)
        assert_shown_only_as_text(html, payload)


def test_the_pdf_html_holds_payloads_only_as_escaped_text(
    client, monkeypatch, listener, secret_file
):
    documents = []
    monkeypatch.setattr(
        generator.pdf, "render_pdf", lambda html, *a, **k: documents.append(html) or b"%PDF-stub"
    )
    for payload in payloads(listener, secret_file):
        assert client.post("/program.pdf", data=free_text_form(payload)).status_code == 200
    assert len(documents) == len(payloads(listener, secret_file))
    for html, payload in zip(documents, payloads(listener, secret_file), strict=True):
        assert_shown_only_as_text(html, payload)
        body = html.split("</head>")[1]
        for opening in (
            "<link",
            '<img src="file:',
            f'<img src="{listener.url}',
            "<iframe",
            "<object",
            "<svg><image",
        ):
            assert opening not in body, opening


def poppler(tool: str, pdf: Path, *args: str) -> str:
    return subprocess.run(
        [tool, *args, str(pdf)], check=True, capture_output=True, text=True
    ).stdout


def raster_images(pdf: Path) -> int:
    return len(poppler("pdfimages", pdf, "-list").splitlines()) - 2  # two header lines


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.slow
def test_payloads_in_every_free_text_field_are_printed_as_text_and_nothing_else(
    client, listener, secret_file, network_guard, opened_files, tmp_path
):
    for number, payload in enumerate(payloads(listener, secret_file)):
        response = client.post("/program.pdf", data=free_text_form(payload))
        assert response.status_code == 200, payload
        pdf = tmp_path / f"handout-{number}.pdf"
        pdf.write_bytes(response.data)
        text = pdf_text(response.data)
        assert flat(payload) in flat(text), payload  # shown as typed
        assert SECRET not in text
        assert LISTENER_BODY not in text
        assert "0 embedded files" in poppler("pdfdetach", pdf, "-list")
        assert raster_images(pdf) == 0  # the figures are vector drawings
        urls = poppler("pdfinfo", pdf, "-url").splitlines()[1:]
        assert urls == [], urls
    assert listener.connections == []
    assert network_guard == []
    assert str(secret_file) not in opened_files


@pytest.mark.slow
def test_the_pdf_checks_would_see_an_attachment_an_image_and_a_link(tmp_path, app):
    """The checks above can fail: a document that does attach, embed and link is seen."""
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
        "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    own = own_file_resolver(app)

    def resolve(path):
        return (png, "image/png") if path == "/dot.png" else own(path)

    html = (
        '<link rel="attachment" href="/static/css/print.css">'
        '<a href="https://example.org/">link</a><img src="/dot.png" alt="dot">'
    )
    pdf = tmp_path / "control.pdf"
    pdf.write_bytes(render_pdf(html, resolve))
    assert "1 embedded files" in poppler("pdfdetach", pdf, "-list")
    assert raster_images(pdf) > 0
    assert "https://example.org/" in poppler("pdfinfo", pdf, "-url")


@pytest.mark.slow
def test_a_newcomer_typing_markup_and_a_file_link_in_the_notes_sees_them_as_text(
    page, live_server, listener, secret_file
):
    requests: list[str] = []
    dialogs: list[str] = []
    blocked: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server + "/?" + urlencode(STAGE_3))
    page.locator("summary", has_text="Handout details").click()
    notes = (
        f"<script>alert(1)</script> see file://{secret_file} "
        f"<img src=x onerror=alert(2)> <link rel=stylesheet href={listener.url}/x.css>"
    )
    page.fill("#notes", notes)
    shown = page.locator("#preview .notes p")
    shown.get_by_text("<script>alert(1)</script>", exact=False).wait_for()
    assert shown.inner_text() == notes
    assert (
        page.locator("#preview .notes script, #preview .notes img, #preview .notes link").count()
        == 0
    )
    assert dialogs == []
    assert blocked == []
    assert listener.connections == []
    assert all(url.startswith(live_server) for url in requests), requests


# Limits: the render time and the wait for a render are bounded; memory stays flat


@pytest.mark.slow
def test_the_largest_input_the_limits_allow_is_a_whole_handout(client):
    # WORST_CASE comes from scripts/bench.py: how long it takes is a figure of
    # `make bench`, not a test.
    response = client.post("/program.pdf", data=WORST_CASE)
    assert response.status_code == 200
    text = "".join(pdf_text(response.data).split())  # long words wrap: join the lines
    assert "W" * 80 in text
    assert "M" * 80 in text
    assert text.count("Note:" + "n" * 120) == 7  # every exercise's note is printed in full


class SlowRenders:
    """Stands in for WeasyPrint: each render blocks until ``release`` is set."""

    def __init__(self) -> None:
        self.started, self.release = threading.Event(), threading.Event()
        self.count = 0

    def __call__(self, html: str, **options: object) -> bytes:
        self.count += 1
        self.started.set()
        assert self.release.wait(10)
        return b"%PDF-slow"


def test_a_render_past_the_time_limit_is_busy_and_then_served_from_the_cache(app, monkeypatch):
    pdfs = HandoutPdfs(own_file_resolver(app), concurrent=2, time_limit=0.2)
    slow = SlowRenders()
    monkeypatch.setattr(pdfs, "render", slow)
    started = time.monotonic()
    with pytest.raises(RendererBusyError):
        pdfs.get("key", lambda: "<p>handout</p>")
    assert 0.2 <= time.monotonic() - started < 2
    slow.release.set()
    wait_until(lambda: len(pdfs) == 1, 5, "the render to go on and land in the cache")
    assert pdfs.get("key", lambda: "<p>handout</p>") == b"%PDF-slow"
    assert slow.count == 1


def test_the_slot_of_a_render_past_the_time_limit_stays_taken_until_it_ends(app, monkeypatch):
    pdfs = HandoutPdfs(own_file_resolver(app), concurrent=1, time_limit=0.1)
    slow = SlowRenders()
    monkeypatch.setattr(pdfs, "render", slow)
    with pytest.raises(RendererBusyError):
        pdfs.get("first", lambda: "<p>one</p>")
    with pytest.raises(RendererBusyError):  # still rendering: no second render starts
        pdfs.get("second", lambda: "<p>two</p>")
    assert slow.count == 1
    slow.release.set()
    assert pdfs.get("second", lambda: "<p>two</p>", wait=5) == b"%PDF-slow"


def test_the_pdf_route_answers_503_with_retry_after_past_the_time_limit(monkeypatch):
    app = create_app({"TESTING": True, "PDF_RENDER_AHEAD": False, "PDF_RENDER_TIME_LIMIT": 0.2})
    slow = SlowRenders()
    monkeypatch.setattr(app.extensions["handout_pdfs"], "render", slow)
    client = app.test_client()
    response = client.post("/program.pdf", data={**STAGE_1, "name": "Ada"})
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert "Ada" not in response.get_data(as_text=True)
    slow.release.set()
    wait_until(lambda: len(app.extensions["handout_pdfs"]) == 1, 5, "the render to land")
    response = client.post("/program.pdf", data={**STAGE_1, "name": "Ada"})
    assert response.data == b"%PDF-slow"
    assert slow.count == 1


@pytest.mark.slow
def test_each_render_thread_keeps_one_font_configuration_and_its_figures(app, monkeypatch):
    """A new font configuration per render kept about 250 KB of native memory each time;
    with one per render thread, WeasyPrint still keeps about 45 KB per render (`make bench`
    measures it; gunicorn's max_requests and the batch's replaced workers bound it). Here
    the cause is bounded: one font configuration per thread, and each figure fetched and
    parsed once per thread."""
    created = []
    real = generator.pdf.FontConfiguration
    monkeypatch.setattr(generator.pdf, "FontConfiguration", lambda: created.append(1) or real())
    pdfs = HandoutPdfs(own_file_resolver(app))
    fetched: list[str] = []
    resolve = pdfs.resolve
    pdfs.resolve = lambda path: fetched.append(path) or resolve(path)
    figures = "".join(
        f'<img src="/figures/hip-hinge/{position}-left.svg" alt="Hip hinge">'
        for position in ("stand", "hinge")
    )
    html = f"<!doctype html><html lang=en><title>t</title>{figures}"
    for _ in range(3):
        pdfs.render(html)
    assert len(created) == 1
    assert sorted(path for path in fetched if path.startswith("/figures/")) == [
        "/figures/hip-hinge/hinge-left.svg",
        "/figures/hip-hinge/stand-left.svg",
    ]
    other = threading.Thread(target=pdfs.render, args=(html,))
    other.start()
    other.join()
    assert len(created) == 2  # a thread of its own, a configuration of its own
