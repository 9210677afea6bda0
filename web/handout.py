"""The handout's routes: the questionnaire with its live preview, the printable program
page, the PDF download and the JSON API. Each parses, asks ``generator``, renders."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, url_for
from htmx_flask import request
from jinja2_fragments.flask import render_block

from generator.answers import CLINICAL_FIELDS
from generator.i18n import current
from generator.outcome import Outcome, build_outcome
from generator.pdf import RendererBusyError, RenderFailedError
from generator.program import Prescription, program_json
from web.context import Mode, default_paper, handout_context
from web.pdfs import html_maker, pdf_key, pdfs

bp = Blueprint("handout", __name__)


def outcome_of(values, *, personal: bool) -> Outcome:
    """The request's values through the pipeline; personal fields only from POST bodies."""
    return build_outcome(
        values, personal=personal, default_paper=default_paper(), default_language=current()
    )  # the interface's, unless asked


def page(outcome: Outcome | None, mode: Mode, template: str = "index.html") -> Response:
    """A whole page; 422 when the answers need another look (not for questions simply not
    answered yet in the live questionnaire)."""
    wrong = outcome is not None and not outcome.ok
    if mode is Mode.LIVE and wrong and outcome.missing():
        wrong = False
    html = render_template(template, **handout_context(outcome, mode))
    return Response(html, status=422 if wrong else 200)


@bp.get("/")
def index() -> Response:
    """The questionnaire beside the live preview; query parameters prefill both."""
    asked = any(name in request.args for name in CLINICAL_FIELDS)
    return page(outcome_of(request.args, personal=False) if asked else None, Mode.LIVE)


@bp.get("/program")
def program_page() -> Response:
    """The program as a full printable page, from the answers and edits in the URL."""
    outcome = outcome_of(request.args, personal=False)
    return page(outcome, Mode.PAGE, "program.html") if outcome.ok else page(outcome, Mode.FORM)


@bp.post("/program")
def program_post() -> Response:
    """The preview fragment for htmx, the full page otherwise; personal fields included."""
    outcome = outcome_of(request.form, personal=True)
    response = preview(outcome) if request.htmx else page(outcome, Mode.FORM)
    response.vary.add("HX-Request")
    return response


def preview(outcome: Outcome) -> Response:
    """The preview and every field's message (swapped out of band); the address bar
    follows the answers, and the PDF is rendered ahead while the person reads."""
    context = handout_context(outcome, Mode.LIVE)
    html = render_block("index.html", "preview", **context)
    html += render_template("_field_errors.html", **context)
    # Questions not answered yet are not an error (the preview lists them); a wrong
    # answer is, and is answered 422 with its message beside the field.
    wrong = outcome.field_errors(live=True)
    response = Response(html, status=422 if wrong else 200)
    if outcome.ok:
        response.headers["HX-Replace-Url"] = url_for(".index") + "?" + outcome.share_query()
        if current_app.config["PDF_RENDER_AHEAD"]:
            pdfs().prepare(pdf_key(outcome), html_maker(outcome))
    return response


@bp.post("/program.pdf")
def program_pdf() -> Response:
    """The PDF handout as an attachment named with the handout's date; 503 with
    Retry-After when every render slot is busy or a render failed."""
    outcome = outcome_of(request.form, personal=True)
    if not outcome.ok:
        return page(outcome, Mode.REFUSED)
    try:
        pdf = pdfs().get(pdf_key(outcome), html_maker(outcome))
    except (RendererBusyError, RenderFailedError) as error:
        if isinstance(error, RenderFailedError):
            current_app.logger.error("PDF render failed: %s", error)
        return Response(render_template("busy.html"), 503, {"Retry-After": "5"})
    disposition = f'attachment; filename="{outcome.file_name()}"'
    return Response(pdf, mimetype="application/pdf", headers={"Content-Disposition": disposition})


@bp.get("/program.json")
def program_json_route() -> Response | tuple[Response, int]:
    """The program as JSON for other systems; 422 with field messages for bad input."""
    outcome = outcome_of(request.args, personal=False)
    if not outcome.ok:
        return jsonify(errors={name: str(text) for name, text in outcome.errors.items()}), 422
    side = outcome.parsed.answers.side.value

    def figure_urls(item: Prescription) -> list[str]:
        return [url_for("assets.figure", exercise_id=item.exercise.id, position=f.position,
                        side=side) for f in item.figures]  # fmt: skip

    return jsonify({**program_json(outcome.program, figure_urls), "print": outcome.print_size,
                    "lang": outcome.language})  # fmt: skip
