"""Privacy: the personal fields (patient name, clinician, notes, date) never appear in a
URL, a log line or a cache key in clear; every answer to a POST that carries them is
``Cache-Control: no-store``; nothing is written to disk while they are handled. Checked
in-process, in a real browser, and against the production server (gunicorn) with strace
watching the workers' file system calls."""

from __future__ import annotations

import logging
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, quote_plus, urlencode

import pytest

import generator.pdf
from app import create_app
from tests.conftest import HTMX, STAGE_1, STAGE_2_LARGEST, STAGE_3, renderer_busy, wait_until

PERSONAL = {
    "name": "Zorbagette Quillfeather",
    "clinician": "Dr Wimbleton Yarrowby",
    "notes": "Knee secret 5521, call on Tuesday",
    "date": "1987-06-05",
}
# What would betray each field, as typed, as a URL or form would encode it, and as the
# handout prints it (the date as "5 June 1987").
TRACES = sorted(
    {variant for value in PERSONAL.values() for variant in (value, quote(value), quote_plus(value))}
    | {"Quillfeather", "Yarrowby", "5521", "5 June 1987"}
)


def traces_in(text: str) -> list[str]:
    return [trace for trace in TRACES if trace in text]


@pytest.fixture
def stub_renderer(monkeypatch):
    monkeypatch.setattr(generator.pdf, "render_pdf", lambda html, *a, **k: b"%PDF-stub")


@pytest.fixture
def sharing_client():
    """A client of an app with the share link and QR code on, so they are checked too."""
    app = create_app(
        {"TESTING": True, "PDF_RENDER_AHEAD": False, "PUBLIC_BASE_URL": "https://clinic.example"}
    )
    return app.test_client()


URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "hx-get",
    "hx-post",
    "hx-put",
    "hx-push-url",
    "hx-replace-url",
    "data-hx-get",
    "data-hx-post",
    "data-hx-put",
    "data-hx-push-url",
    "data-hx-replace-url",
    "data-url",
    "poster",
    "cite",
}
URL_HEADERS = (
    "Location",
    "Content-Location",
    "HX-Location",
    "HX-Push-Url",
    "HX-Replace-Url",
    "HX-Redirect",
    "Refresh",
    "Link",
)


class Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value or "" for name, value in attrs if name in URL_ATTRIBUTES]
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.urls.append(dict(attrs).get("content") or "")


def urls_of(response) -> list[str]:
    urls = [response.headers[name] for name in URL_HEADERS if name in response.headers]
    if response.mimetype == "text/html":
        parser = Urls()
        parser.feed(response.get_data(as_text=True))
        urls += parser.urls
    return urls


POSTS = {
    "htmx preview": lambda c: c.post("/program", data={**STAGE_1, **PERSONAL}, headers=HTMX),
    "htmx preview, 422": lambda c: c.post(
        "/program", data={**STAGE_1, **PERSONAL, "pain": "x"}, headers=HTMX
    ),
    "full page": lambda c: c.post("/program", data={**STAGE_3, **PERSONAL}),
    "full page, 422": lambda c: c.post("/program", data={**STAGE_3, **PERSONAL, "toe": "x"}),
    "pdf": lambda c: c.post("/program.pdf", data={**STAGE_1, **PERSONAL}),
    "pdf, 422": lambda c: c.post("/program.pdf", data={**STAGE_1, **PERSONAL, "grade": "9"}),
}


@pytest.mark.parametrize("kind", POSTS)
def test_no_url_in_an_answer_carries_a_personal_field(sharing_client, stub_renderer, kind):
    response = POSTS[kind](sharing_client)
    assert response.status_code in (200, 422)
    urls = urls_of(response)
    if response.mimetype == "text/html":
        assert urls  # the page's links, actions and htmx URLs were all looked at
    assert [url for url in urls if traces_in(url)] == []


def test_the_page_shows_the_name_it_keeps_out_of_its_urls(sharing_client):
    """The URL check above looks where the name could leak: the same page does show it."""
    response = POSTS["htmx preview"](sharing_client)
    assert PERSONAL["name"] in response.get_data(as_text=True)
    assert "HX-Replace-Url" in response.headers


@pytest.mark.parametrize("kind", POSTS)
def test_every_answer_to_a_post_with_personal_fields_is_no_store(client, stub_renderer, kind):
    assert POSTS[kind](client).headers["Cache-Control"] == "no-store"


def test_busy_and_too_large_answers_to_posts_are_no_store_too(app, client):
    too_large = client.post("/program.pdf", data={**PERSONAL, "notes": "x" * 40_000})
    assert too_large.status_code == 413
    assert too_large.headers["Cache-Control"] == "no-store"
    with renderer_busy(app):
        busy = client.post("/program.pdf", data={**STAGE_1, **PERSONAL})
    assert busy.status_code == 503
    assert busy.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/", "/program", "/program.json"])
def test_personal_fields_in_a_url_are_ignored_not_shown(client, path):
    response = client.get(path + "?" + urlencode({**STAGE_3, **PERSONAL}))
    assert response.status_code == 200
    assert traces_in(response.get_data(as_text=True)) == []


# Logs and the disk, in-process


_events: list[tuple] | None = None
WRITING = re.compile(r"[wax+]")


def _audit(event: str, args: tuple) -> None:
    if _events is None:
        return
    if event == "open":
        path, mode, flags = args
        writes = (isinstance(mode, str) and WRITING.search(mode)) or (
            isinstance(flags, int) and flags & 0o3 and path is not None
        )
        if writes and isinstance(path, str | bytes):
            _events.append((event, path))
    elif event in (
        "os.rename",
        "os.remove",
        "os.mkdir",
        "os.truncate",
        "os.link",
        "os.symlink",
        "shutil.copyfile",
        "shutil.move",
        "tempfile.mkstemp",
        "tempfile.mkdtemp",
    ):
        _events.append((event, *args[:1]))


sys.addaudithook(_audit)


@pytest.fixture
def disk_writes():
    """Files this process opens for writing (or creates, renames, removes) meanwhile."""
    global _events
    _events = []
    yield _events
    _events = None


def personal_traffic(app) -> None:
    """What a clinician does with a patient's details: preview (the PDF renders ahead in
    the background), download it, fix a wrong answer, download a second handout, and
    meet a busy renderer."""
    client = app.test_client()
    assert (
        client.post("/program", data={**STAGE_2_LARGEST, **PERSONAL}, headers=HTMX).status_code
        == 200
    )
    wait_until(lambda: len(app.extensions["handout_pdfs"]) == 1, what="the render-ahead")
    assert client.post("/program.pdf", data={**STAGE_2_LARGEST, **PERSONAL}).status_code == 200
    assert client.post("/program.pdf", data={**STAGE_1, **PERSONAL, "pain": ""}).status_code == 422
    assert client.post("/program.pdf", data={**STAGE_1, **PERSONAL}).status_code == 200
    with renderer_busy(app):
        assert client.post("/program.pdf", data={**STAGE_3, **PERSONAL}).status_code == 503


@pytest.fixture
def warm_app():
    """An app with render-ahead on that has made one handout already (fonts, stylesheets
    and lazily imported modules are loaded before anything is watched)."""
    app = create_app({"TESTING": True, "PDF_RENDER_AHEAD": True})
    app.test_client().post("/program.pdf", data=STAGE_3)
    return app


@pytest.mark.slow
def test_no_log_line_holds_a_personal_field_while_pdfs_are_made(warm_app, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name)
    personal_traffic(warm_app)
    logging.getLogger("weasyprint").debug("canary %s", "log-capture-works")
    out, err = capfd.readouterr()
    assert "log-capture-works" in caplog.text  # a third-party debug line is captured
    assert traces_in(caplog.text) == []
    assert traces_in(out + err) == []


@pytest.mark.slow
def test_nothing_is_written_to_disk_while_pdfs_are_made(warm_app, disk_writes):
    personal_traffic(warm_app)
    assert disk_writes == []


def test_the_disk_watch_sees_a_write(disk_writes, tmp_path):
    (tmp_path / "written.txt").write_text("x")
    assert ("open", str(tmp_path / "written.txt")) in disk_writes


# The production server: its log, and the workers' file system calls under strace

WRITE_CALLS = re.compile(
    r"\b(creat|rename|renameat2?|link|linkat|symlink|symlinkat|unlink|unlinkat|mkdir|mkdirat|"
    r"truncate|ftruncate)\(|\bopenat2?\(.*O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)"
)


def http(url: str, data: dict | None = None, headers: dict | None = None):
    body = urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.slow
def test_the_production_server_logs_no_personal_field_and_writes_nothing(
    production_server, tmp_path
):
    server = production_server.url
    for _ in range(4):  # every worker has loaded fonts, templates and figures
        http(server + "/program.pdf", STAGE_1)
    first_line = len(production_server.log)
    trace = tmp_path / "strace.txt"
    pids = [arg for pid in production_server.workers() for arg in ("-p", str(pid))]
    strace = subprocess.Popen(
        [
            "strace",
            "-f",
            "-qq",
            "-o",
            str(trace),
            "-e",
            "trace=open,openat,openat2,creat,rename,renameat,renameat2,link,linkat,symlink,"
            "symlinkat,unlink,unlinkat,mkdir,mkdirat,truncate,ftruncate",
            *pids,
        ],
    )
    wait_until(lambda: all(traced(int(pid)) for pid in pids[1::2]), 10, "strace to attach")
    try:
        status, _, _ = http(server + "/program", {**STAGE_2_LARGEST, **PERSONAL}, HTMX)
        assert status == 200  # the render-ahead starts; the download joins or repeats it
        status, headers, body = http(server + "/program.pdf", {**STAGE_2_LARGEST, **PERSONAL})
        assert status == 200
        assert body.startswith(b"%PDF-")
        assert headers["Cache-Control"] == "no-store"
        assert http(server + "/program.pdf", {**STAGE_1, **PERSONAL, "pain": ""})[0] == 422
        assert http(server + "/program", {**STAGE_3, **PERSONAL})[0] == 200
    finally:
        strace.send_signal(signal.SIGINT)
        strace.wait(timeout=10)

    def log() -> str:
        return "".join(production_server.log[first_line:])

    wait_until(lambda: log().count('"POST /program HTTP/1.1" 200') == 2, 10, "the access log")
    log = log()
    assert '"POST /program.pdf HTTP/1.1" 200' in log  # the access log is captured
    assert traces_in(log) == []
    calls = trace.read_text()
    assert "openat(" in calls  # the workers were watched: they read fonts and files
    assert [line for line in calls.splitlines() if WRITE_CALLS.search(line)] == []


def traced(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("TracerPid:")[1].split()[0]) != 0


# In the browser


@pytest.mark.slow
def page_state(page) -> str:
    """What the questionnaire's htmx request lock holds, what the preview shows and the
    messages the page logged: the state of a preview that never came."""
    return page.evaluate(
        """() => {
            const form = document.getElementById("questionnaire");
            const data = form["htmx-internal-data"] || {};
            const xhr = data.xhr;
            return JSON.stringify({
                xhrState: xhr ? xhr.readyState : null,
                xhrStatus: xhr ? xhr.status : null,
                queued: (data.queuedRequests || []).length,
                clinician: document.getElementById("clinician").value,
                preview: document.getElementById("preview").innerText.slice(0, 300),
                log: window.__log || [],
            });
        }"""
    )


def test_the_browser_never_puts_a_personal_field_in_a_url_or_its_storage(page, live_server):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.add_init_script(
        """window.__log = [];
        for (const name of ["htmx:beforeRequest", "htmx:afterRequest", "htmx:afterSwap",
                            "htmx:abort", "htmx:sendError", "htmx:swapError",
                            "htmx:responseError", "htmx:sendAbort"]) {
          document.addEventListener(name, () => window.__log.push(
            name.slice(5) + "@" + Math.round(performance.now())));
        }
        window.addEventListener("error", (e) => window.__log.push("error:" + e.message));"""
    )
    page.goto(live_server + "/")
    for name, value in STAGE_2_LARGEST.items():
        page.locator(f'input[name="{name}"][value="{value}"]').check()
    page.locator("summary", has_text="Handout details").click()
    for field in ("name", "clinician", "notes"):
        page.fill(f"#{field}", PERSONAL[field])
    page.fill("#date", PERSONAL["date"])
    try:
        page.locator("#preview").get_by_text(PERSONAL["clinician"]).wait_for()
    except Exception as error:  # say what the page was doing, to find a rare failure
        raise AssertionError(f"the preview never caught up: {page_state(page)}") from error
    with page.expect_download() as download:
        page.locator("#preview").get_by_role("button", name="Download PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="Printable page").click()
    page.wait_for_load_state()
    assert any(url.endswith("/program.pdf") for url in requested)  # every request was seen
    assert [url for url in requested if traces_in(url)] == []
    assert traces_in(page.url) == []
    history = page.evaluate("[history.length, JSON.stringify(history.state)]")
    assert traces_in(str(history)) == []
    storage = page.evaluate(
        "JSON.stringify([Object.entries(localStorage),"
        " Object.entries(sessionStorage), document.cookie])"
    )
    assert storage == '[[],[],""]'
