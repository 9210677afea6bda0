"""The PDF service for the app: ``HandoutPdfs`` set up from the configuration, fed the
handout HTML, and reading nothing but the app's own files."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app, has_request_context, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.security import safe_join

from generator.outcome import Outcome
from generator.pdf import HandoutPdfs, Resolver
from web.assets import figure_text
from web.context import Mode, handout_context
from web.languages import speaking

# Parsed once for every PDF; pdf.html links only the small paper-size sheet.
PDF_STYLESHEETS = ("handout.css", "print.css")


def init_app(app: Flask) -> None:
    app.extensions["handout_pdfs"] = HandoutPdfs(
        own_file_resolver(app),
        size=app.config["PDF_CACHE_SIZE"],
        concurrent=app.config["PDF_CONCURRENT_RENDERS"],
        time_limit=float(app.config["PDF_RENDER_TIME_LIMIT"]),
        stylesheets=tuple(f"{app.static_url_path}/css/{name}" for name in PDF_STYLESHEETS),
    )


def pdfs() -> HandoutPdfs:
    return current_app.extensions["handout_pdfs"]


def pdf_key(outcome: Outcome) -> str:
    """Everything the PDF depends on, hashed: the input and the settings it prints."""
    config = current_app.config
    return outcome.pdf_key(config["CLINIC_NAME"], config["CLINIC_CONTACT"],
                           config["CLINIC_LOGO"], config["PUBLIC_BASE_URL"])  # fmt: skip


def html_maker(outcome: Outcome) -> Callable[[], str]:
    """The handout HTML for the PDF, renderable in any thread (render-ahead runs in one)."""
    app = current_app._get_current_object()
    # The asking request's own (trusted) host, or this machine's for the command line:
    # URLs in the HTML are relative, and WeasyPrint resolves them on its own origin.
    host_url = request.host_url if has_request_context() else "http://localhost/"

    def make_html() -> str:
        with app.test_request_context(base_url=host_url), speaking(outcome.language):
            return render_template("pdf.html", **handout_context(outcome, Mode.PDF))

    return make_html


def write_handout(outcome: Outcome, path: Path) -> None:
    """Render a valid outcome's handout to ``path`` now (no cache, no render slots)."""
    path.write_bytes(pdfs().render(html_maker(outcome)()))


def own_file_resolver(app: Flask) -> Resolver:
    """The PDF renderer's only source: the app's static files and figures, resolved
    in-process through the app's own URL map (never the network, never ``file://``)."""
    urls = app.url_map.bind("handout.invalid")
    static_folder = app.static_folder

    def resolve(path: str) -> tuple[bytes, str] | None:
        try:
            endpoint, args = urls.match(path, method="GET")
        except HTTPException:
            return None
        if endpoint == "static":
            found = safe_join(static_folder, args["filename"])
            if found is None or not Path(found).is_file():
                return None
            return Path(found).read_bytes(), mimetypes.guess_type(found)[0] or "text/plain"
        if endpoint == "assets.clinic_logo":
            return app.extensions["clinic_logo"]
        if endpoint == "assets.figure":
            svg = figure_text(**args)
            return (svg.encode(), "image/svg+xml") if svg else None
        return None

    return resolve
