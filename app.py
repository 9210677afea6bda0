"""The web layer: the Flask app factory and its routes.

Everything that decides something lives in ``generator``; the routes parse the request,
call it, and render the one handout template as a page, an htmx fragment or a PDF.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import multiprocessing
import os
import re
import secrets
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import click
from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    has_request_context,
    jsonify,
    render_template,
    url_for,
)
from flask.cli import AppGroup
from htmx_flask import Htmx, request
from jinja2_fragments.flask import render_block
from markupsafe import Markup
from werkzeug.exceptions import HTTPException, SecurityError
from werkzeug.security import safe_join

from generator.answers import (
    CLINICAL_FIELDS,
    FLAG_LABELS,
    PERSONAL_FIELDS,
    QUESTIONS,
    Paper,
    Parsed,
    Personal,
    answer_chips,
    parse_answers,
    parse_form,
)
from generator.batch import ENCODINGS, count_rows, file_encoding, read_rows
from generator.catalogue import catalogue, guidance
from generator.edits import Edits, apply_edits, parse_edits
from generator.figures import figure_svg
from generator.pdf import HandoutPdfs, RendererBusyError, RenderFailedError, Resolver
from generator.program import Prescription, Program, program_json
from generator.qr import share_qr_svg
from generator.rules import build_program, edit_bounds

bp = Blueprint("handout", __name__)
PDF_STYLESHEETS = ("handout.css", "print.css")

QUESTION_LABELS = {
    "grade": "How bad the strain was",
    "pain": "Pain right now",
    "slr": "Straight leg raise",
    "toe": "Toe touch",
    "side": "Injured leg",
}


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then the instance config file and HANDOUT_* environment
    variables (or ``test_config`` in tests)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=secrets.token_hex(16),
        DEFAULT_PAPER="a4",
        CLINIC_NAME="",
        CLINIC_CONTACT="",
        CLINIC_LOGO="",
        MAX_CONTENT_LENGTH=32 * 1024,
        PDF_CACHE_SIZE=64,
        PDF_CONCURRENT_RENDERS=2,
        PDF_RENDER_TIME_LIMIT=10,
        PDF_RENDER_AHEAD=True,
        PUBLIC_BASE_URL="",
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("HANDOUT")
    else:
        app.config.from_mapping(test_config)
    Htmx(app)
    app.register_blueprint(bp)
    app.cli.add_command(handout_cli)
    app.extensions["handout_pdfs"] = HandoutPdfs(
        own_file_resolver(app),
        size=app.config["PDF_CACHE_SIZE"],
        concurrent=app.config["PDF_CONCURRENT_RENDERS"],
        time_limit=float(app.config["PDF_RENDER_TIME_LIMIT"]),
        # Parsed once for every PDF; pdf.html links only the small paper-size sheet.
        stylesheets=tuple(f"{app.static_url_path}/css/{name}" for name in PDF_STYLESHEETS),
    )
    app.extensions["clinic_logo"] = _load_logo(app)
    if not app.config["TRUSTED_HOSTS"]:
        app.config["TRUSTED_HOSTS"] = _trusted_hosts(app.config["PUBLIC_BASE_URL"])
    app.register_error_handler(HTTPException, _http_error)
    app.before_request(_refuse_long_streams)
    app.after_request(_security_headers)
    return app


LOCAL_HOSTS = ["localhost", "127.0.0.1", "::1"]


def _trusted_hosts(public_base_url: str) -> list[str]:
    """The Host headers answered when TRUSTED_HOSTS is not configured: this machine's
    names, and the host of PUBLIC_BASE_URL. Any other Host gets 400, so a forged Host
    header never reaches a page (the share link is built from it when PUBLIC_BASE_URL is
    not set). Serving under another name needs PUBLIC_BASE_URL or TRUSTED_HOSTS."""
    public = urlsplit(str(public_base_url or "")).hostname
    return [*LOCAL_HOSTS, public] if public else list(LOCAL_HOSTS)


def _refuse_long_streams() -> None:
    """A body without Content-Length (chunked) is read here, up to MAX_CONTENT_LENGTH,
    and refused with 413 past it: Werkzeug's form parser would otherwise stop reading at
    the limit and go on with what it had read."""
    if request.content_length is None and "wsgi.input_terminated" in request.environ:
        request.get_data(cache=True)  # at most MAX_CONTENT_LENGTH bytes, kept for the form
        request.stream.read(1)  # past the limit: RequestEntityTooLarge (413)


LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".svg": "image/svg+xml", ".gif": "image/gif"}  # fmt: skip


def _load_logo(app: Flask) -> tuple[bytes, str] | None:
    """The clinic's logo file (CLINIC_LOGO, absolute or relative to the instance folder),
    read once at start-up; None when not configured."""
    setting = str(app.config["CLINIC_LOGO"] or "")
    if not setting:
        return None
    path = Path(app.instance_path, setting)
    mime = LOGO_TYPES.get(path.suffix.lower())
    if mime is None or not path.is_file():
        raise ValueError(f"CLINIC_LOGO must be a PNG, JPEG, GIF or SVG file: {path}")
    return path.read_bytes(), mime


def _default_paper() -> Paper:
    try:
        return Paper(str(current_app.config["DEFAULT_PAPER"]).lower())
    except ValueError:
        return Paper.A4


def _missing(parsed: Parsed) -> list[str]:
    """Questions not answered yet (for the live preview's gentle reminder)."""
    return [QUESTION_LABELS[name] for name in QUESTION_LABELS if not parsed.values.get(name)]


@dataclass(frozen=True)
class Outcome:
    """What one request asked for and what follows: the parsed answers, the program as
    generated and as the clinician edited it, and every message by field."""

    parsed: Parsed
    generated: Program | None = None
    program: Program | None = None
    edits: Edits = field(default_factory=Edits)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def share_pairs(self) -> list[tuple[str, str]]:
        """Clinical answers and edits (no notes) as query pairs: no personal fields. The
        share link, the program page's links and its PDF form all use these."""
        if not self.parsed.answers:
            return []
        return self.parsed.answers.query() + self.edits.query()

    def share_query(self) -> str:
        return urlencode(self.share_pairs())


def _outcome(raw, *, personal: bool) -> Outcome:
    """Parse a request's values (personal fields only from POST bodies) and build the
    program with the clinician's edits applied."""
    parsed = parse_form(raw, default_paper=_default_paper()) if personal else parse_answers(raw)
    if not parsed.answers:
        return Outcome(parsed, errors=dict(parsed.errors))
    generated = build_program(parsed.answers)
    if raw.get("reset"):
        return Outcome(parsed, generated, generated, errors=dict(parsed.errors))
    edits, edit_errors = parse_edits(raw, generated)
    program = apply_edits(generated, edits)
    return Outcome(parsed, generated, program, edits, {**parsed.errors, **edit_errors})


def _field_errors(outcome: Outcome, live: bool) -> dict[str, str]:
    """Messages shown beside the fields. While the preview is live, a question not yet
    answered is listed in the preview instead of being marked wrong."""
    if not live:
        return outcome.errors
    values = outcome.parsed.values
    return {
        name: message
        for name, message in outcome.errors.items()
        if name not in QUESTION_LABELS or values.get(name)
    }


def _document_title(program: Program | None, personal: Personal | None) -> str:
    if program is None:
        return "Hamstring rehab handout"
    title = (
        "Hamstring strain: see a professional first"
        if program.referral
        else f"Hamstring program, stage {program.stage.number}: {program.stage.name}"
    )
    return f"{title} ({personal.name})" if personal and personal.name else title


def _context(
    outcome: Outcome | None,
    *,
    live: bool = False,
    fragment: bool = False,
    editable: bool = False,
    show_program: bool = True,
) -> dict:
    parsed = outcome.parsed if outcome else None
    personal = parsed.personal if parsed else None
    values = parsed.values if parsed else {}
    program = outcome.program if outcome and show_program else None
    clinic = {
        "name": current_app.config["CLINIC_NAME"],
        "contact": current_app.config["CLINIC_CONTACT"],
        "logo": current_app.extensions["clinic_logo"] is not None,
    }
    share_query = outcome.share_query() if outcome else ""
    share_url = _share_url(share_query) if program else ""
    qr_svg = _qr_svg(share_url) if program else ""
    return {
        "values": values,
        "errors": outcome.errors if outcome else {},
        "field_errors": _field_errors(outcome, live) if outcome else {},
        "field_names": (*CLINICAL_FIELDS, *PERSONAL_FIELDS),
        "personal": personal,
        "personal_open": any(values.get(name) for name in ("name", "clinician", "notes")),
        "program": program,
        "editable": editable and program is not None and not program.referral,
        "generated": {item.exercise.id: item for item in outcome.generated.exercises}
        if outcome and outcome.generated
        else {},
        "edits": outcome.edits if outcome else Edits(),
        "edit_bounds": edit_bounds,
        "open_editors": _open_editors(outcome) if outcome else set(),
        "live": live,
        "fragment": fragment,
        "missing": _missing(parsed) if parsed else [],
        "share_query": share_query,
        "share_pairs": outcome.share_pairs() if outcome else [],
        "share_url": share_url,
        "qr_svg": qr_svg,
        "qr_left_out": bool(share_url and current_app.config["PUBLIC_BASE_URL"] and not qr_svg),
        "paper": (personal.paper if personal else _default_paper()).value,
        "clinic": clinic,
        "questions": QUESTIONS,
        "flag_labels": FLAG_LABELS,
        "answer_chips": answer_chips,
        "guidance": guidance(),
        "today": dt.date.today(),
        "document_title": _document_title(program, personal),
        "document_author": (personal.clinician if personal and personal.clinician else "")
        or clinic["name"]
        or "Hamstring rehab handout generator",
    }


def _open_editors(outcome: Outcome) -> set[str]:
    """Exercises whose editor starts open: those edited or with a message."""
    wrong = {name.split(".")[1] for name in outcome.errors if name.startswith("edit.")}
    return wrong | {exercise_id for exercise_id, _ in outcome.edits.exercises}


def _share_url(share_query: str) -> str:
    """The share link: the program page with the answers and edits, absolute when
    PUBLIC_BASE_URL is configured."""
    path = url_for("handout.program_page") + "?" + share_query
    base = str(current_app.config["PUBLIC_BASE_URL"] or "").rstrip("/")
    return (base or request.host_url.rstrip("/")) + path


def _qr_svg(share_url: str) -> str:
    """An inline SVG QR code of the share link, only when PUBLIC_BASE_URL is set (empty
    when the link does not fit in one)."""
    if not current_app.config["PUBLIC_BASE_URL"]:
        return ""
    return share_qr_svg(share_url)


@bp.get("/")
def index() -> Response | str:
    """The questionnaire beside the live preview; query parameters prefill both."""
    asked = any(name in request.args for name in CLINICAL_FIELDS)
    outcome = _outcome(request.args, personal=False) if asked else None
    context = _context(outcome, live=True, editable=True)
    if outcome and not outcome.ok and not _missing(outcome.parsed):
        return Response(render_template("index.html", **context), status=422)
    return render_template("index.html", **context)


@bp.get("/program")
def program_page() -> Response:
    """The program as a full printable page, from the answers and edits in the URL."""
    outcome = _outcome(request.args, personal=False)
    if not outcome.ok:
        return Response(render_template("index.html", **_context(outcome)), status=422)
    return Response(render_template("program.html", **_context(outcome)))


@bp.post("/program")
def program_post() -> Response:
    """The preview fragment for htmx, the full page otherwise; personal fields included."""
    outcome = _outcome(request.form, personal=True)
    status = 200 if outcome.ok else 422
    if request.htmx:
        context = _context(outcome, live=True, fragment=True, editable=True)
        response = Response(render_block("index.html", "preview", **context), status=status)
        if outcome.ok:
            response.headers["HX-Replace-Url"] = url_for(".index") + "?" + outcome.share_query()
            if current_app.config["PDF_RENDER_AHEAD"]:
                _pdfs().prepare(_pdf_key(outcome), _pdf_html_maker(outcome))
    else:
        context = _context(outcome, editable=True)
        response = Response(render_template("index.html", **context), status)
    response.vary.add("HX-Request")
    return response


@bp.post("/program.pdf")
def program_pdf() -> Response:
    """The PDF handout as an attachment named with the handout's date."""
    outcome = _outcome(request.form, personal=True)
    if not outcome.ok:
        context = _context(outcome, show_program=False)
        return Response(render_template("index.html", **context), status=422)
    try:
        pdf = _pdfs().get(_pdf_key(outcome), _pdf_html_maker(outcome))
    except (RendererBusyError, RenderFailedError) as error:
        if isinstance(error, RenderFailedError):
            current_app.logger.error("PDF render failed: %s", error)
        response = Response(render_template("busy.html"), status=503)
        response.headers["Retry-After"] = "5"
        return response
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{pdf_filename(outcome)}"'
    return response


def pdf_filename(outcome: Outcome) -> str:
    return f"hamstring-program-{outcome.parsed.personal.date.isoformat()}.pdf"


def _pdfs() -> HandoutPdfs:
    return current_app.extensions["handout_pdfs"]


def _pdf_key(outcome: Outcome) -> str:
    """Everything the PDF depends on, hashed (personal fields included, never in clear)."""
    config = current_app.config
    setup = (config["CLINIC_NAME"], config["CLINIC_CONTACT"], config["CLINIC_LOGO"],
             config["PUBLIC_BASE_URL"])  # fmt: skip
    return HandoutPdfs.key(outcome.parsed.answers, outcome.parsed.personal, outcome.edits, setup)


def _pdf_html_maker(outcome: Outcome) -> Callable[[], str]:
    """The handout HTML for the PDF, renderable in any thread (render-ahead runs in one)."""
    app = current_app._get_current_object()
    # The asking request's own (trusted) host, or this machine's for the command line:
    # URLs in the HTML are relative, and WeasyPrint resolves them on ORIGIN.
    host_url = request.host_url if has_request_context() else "http://localhost/"

    def make_html() -> str:
        with app.test_request_context(base_url=host_url):
            return render_template("pdf.html", **_context(outcome))

    return make_html


@bp.get("/program.json")
def program_json_route() -> tuple[Response, int] | Response:
    """The program as JSON for other systems; 422 with field messages for bad input."""
    outcome = _outcome(request.args, personal=False)
    if not outcome.ok:
        return jsonify(errors=outcome.errors), 422
    return jsonify(program_json(outcome.program, _figure_urls))


def _figure_urls(item: Prescription) -> list[str]:
    side = request.args.get("side", "left")
    return [
        url_for(".figure", exercise_id=item.exercise.id, position=f.position, side=side)
        for f in item.figures
    ]


@bp.get("/figures/<exercise_id>/<position>-<side>.svg")
def figure(exercise_id: str, position: str, side: str) -> Response:
    """One key position of an exercise, drawn for the injured side; stable and cacheable."""
    svg = _figure_text(exercise_id, position, side)
    if svg is None:
        abort(404)
    response = Response(svg, mimetype="image/svg+xml")
    response.cache_control.public = True
    response.cache_control.max_age = 7 * 86400
    response.add_etag()
    return response.make_conditional(request)


def _figure_text(exercise_id: str, position: str, side: str) -> str | None:
    exercise = catalogue().get(exercise_id)
    alt = (
        next((f.alt for f in exercise.figures if f.position == position), None)
        if exercise
        else None
    )
    if alt is None or side not in ("left", "right"):
        return None
    return figure_svg(exercise_id, position, side, alt)


@bp.get("/clinic/logo")
def clinic_logo() -> Response:
    """The configured clinic logo, for the handout header."""
    logo = current_app.extensions["clinic_logo"]
    if logo is None:
        abort(404)
    response = Response(logo[0], mimetype=logo[1])
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


@bp.get("/vendor/htmx.min.js")
def htmx_js() -> Response:
    """htmx 2, served from the installed django-js-lib-htmx package (no CDN, no copy)."""
    body = _htmx_file().read_bytes()
    response = Response(body, mimetype="text/javascript")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


def _htmx_file():
    return (
        resources.files("js_lib_htmx").joinpath("static").joinpath("htmx").joinpath("htmx.min.js")
    )


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
        if endpoint == "handout.clinic_logo":
            return app.extensions["clinic_logo"]
        if endpoint == "handout.figure":
            svg = _figure_text(**args)
            return (svg.encode(), "image/svg+xml") if svg else None
        return None

    return resolve


def _http_error(error: HTTPException) -> tuple[str, int]:
    if isinstance(error, SecurityError):  # an untrusted Host: no URL can be built for it
        return render_template("bad_host.html", error=error), error.code or 400
    return render_template("error.html", error=error), error.code or 500


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # A POST may echo personal fields (a 422 form, a PDF), and pages and JSON hold the
    # clinical answers: never kept. Figures, htmx and static files set their own caching.
    if request.method == "POST" or response.mimetype in ("text/html", "application/json"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.app_template_filter("isolate")
def _isolate(text: str) -> Markup:
    """User text set apart from the line around it, so a right-to-left name or note
    cannot reorder the words beside it: ``<bdi>`` for browsers, and the first-strong and
    pop isolate characters for WeasyPrint, which ignores ``unicode-bidi``."""
    return Markup("<bdi>\u2068{}\u2069</bdi>").format(text)


@bp.app_template_filter("longdate")
def _longdate(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


# The command line for clinic printing: `flask --app app handout pdf|batch`.

handout_cli = AppGroup("handout", help="Write handout PDFs from the command line.")


def _write_handout(outcome: Outcome, path: Path) -> None:
    """Render a valid outcome's handout to ``path`` (no cache, no render slots)."""
    path.write_bytes(_pdfs().render(_pdf_html_maker(outcome)()))


def _messages(errors: dict[str, str]) -> str:
    return "; ".join(f"{name}: {message}" for name, message in errors.items())


@handout_cli.command("pdf")
@click.option("--grade", default="", help="1, 2, 3 or unknown")
@click.option("--pain", default="", help="0 to 10, with everyday movement")
@click.option("--slr", default="", help="full or limited (straight leg raise)")
@click.option("--toe", default="", help="yes or no (can touch the toes)")
@click.option("--side", default="", help="left or right (the injured leg)")
@click.option("--flag", "flags", multiple=True, help="a warning sign; repeat for several")
@click.option("--cleared", is_flag=True, help="a professional has cleared exercise")
@click.option("--name", default="", help="patient's name, printed on the handout")
@click.option("--clinician", default="")
@click.option("--notes", default="")
@click.option("--date", default="", help="YYYY-MM-DD, default today")
@click.option("--paper", default="", help="a4 or letter")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def pdf_command(output: Path, flags: tuple[str, ...], cleared: bool, **fields: str) -> None:
    """Write one handout PDF."""
    values: dict[str, str | list[str]] = {**fields, "flags": list(flags)}
    if cleared:
        values["cleared"] = "yes"
    outcome = _outcome(values, personal=True)
    if not outcome.ok:
        raise click.UsageError(_messages(outcome.errors))
    _write_handout(outcome, output)
    click.echo(f"Wrote {output}")


def _file_name(number: int, outcome: Outcome) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", outcome.parsed.personal.name.lower()).strip("-")
    return f"{number:03d}-{slug or 'handout'}-{outcome.parsed.personal.date.isoformat()}.pdf"


@handout_cli.command("batch")
@click.argument("answers", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default="the number of cores",
    help="Handouts rendered at once, each in a worker process of its own.",
)
def batch_command(answers: Path, output: Path, jobs: int) -> None:
    """Write one handout per row of a CSV file whose header row names the fields
    (grade, pain, slr, toe, side, flags, cleared, name, clinician, notes, date, paper),
    saved as UTF-8 or Windows-1252. A row that cannot be read or has wrong answers is
    reported by its spreadsheet row number and skipped; the batch goes on."""
    encoding = file_encoding(answers)
    if encoding != "utf-8-sig":
        click.echo(f"Reading {answers.name} as {ENCODINGS[encoding]} text.")
    output.mkdir(parents=True, exist_ok=True)
    failed: list[tuple[int, str]] = []
    written = 0
    total = count_rows(answers, encoding)

    def finish(number: int, done: Future[str]) -> None:
        nonlocal written
        problem = done.result()
        if problem:
            failed.append((number, problem))
        else:
            written += 1

    settings = {key: current_app.config[key] for key in WORKER_SETTINGS}
    # Worker processes are replaced after a number of renders, so the native memory
    # WeasyPrint keeps per render is given back: memory stays flat over any number of rows.
    with (
        ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_batch_worker,
            initargs=(settings,),
            max_tasks_per_child=BATCH_RENDERS_PER_WORKER,
        ) as workers,
        click.progressbar(length=total, label="Writing handouts", show_pos=True) as progress,
    ):
        running: deque[tuple[int, Future[str]]] = deque()
        for row in read_rows(answers, encoding):
            outcome = None if row.problem else _outcome(row.values, personal=True)
            if row.problem or not outcome.ok:
                failed.append((row.number, row.problem or _messages(outcome.errors)))
                progress.update(1)
                continue
            path = output / _file_name(row.number, outcome)
            running.append((row.number, workers.submit(_batch_render, row.values, path)))
            while len(running) > 2 * jobs:  # read ahead no further than the workers go
                finish(*running.popleft())
                progress.update(1)
        while running:
            finish(*running.popleft())
            progress.update(1)
    click.echo(f"Wrote {written} of {total} handouts to {output}.")
    for number, problem in sorted(failed):
        click.echo(f"Row {number} skipped: {problem}", err=True)
    if failed:
        raise click.exceptions.Exit(1)


# The settings a batch worker process needs to render as this app does.
WORKER_SETTINGS = ("TESTING", "DEFAULT_PAPER", "CLINIC_NAME", "CLINIC_CONTACT", "CLINIC_LOGO",
                   "PUBLIC_BASE_URL", "TRUSTED_HOSTS")  # fmt: skip
BATCH_RENDERS_PER_WORKER = 200  # about 45 KB of native memory kept per render: 9 MB at most
_batch_app: Flask | None = None


def _start_batch_worker(settings: dict) -> None:
    global _batch_app
    _batch_app = create_app({**settings, "PDF_RENDER_AHEAD": False})


def _batch_render(values: dict[str, str | list[str]], path: Path) -> str:
    """In a worker process: render one row's handout to ``path``; the problem, or ""."""
    with _batch_app.app_context():
        outcome = _outcome(values, personal=True)
        if not outcome.ok:
            return _messages(outcome.errors)
        try:
            _write_handout(outcome, path)
        except (RenderFailedError, OSError) as error:
            return f"the handout could not be written ({error})."
    return ""
