"""What the pages and the PDF load from the app itself: figures drawn from pose data, the
clinic's logo and htmx (from its installed package: no CDN, no copy in the repository)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, request

from generator.catalogue import catalogue
from generator.figures import SIDES, figure_svg

bp = Blueprint("assets", __name__)

LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".svg": "image/svg+xml", ".gif": "image/gif"}  # fmt: skip


def init_app(app: Flask) -> None:
    app.extensions["clinic_logo"] = _load_logo(app)
    app.register_blueprint(bp)


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


def _cached(response: Response, seconds: int) -> Response:
    response.cache_control.public = True
    response.cache_control.max_age = seconds
    return response


@bp.get("/figures/<exercise_id>/<position>-<side>.svg")
def figure(exercise_id: str, position: str, side: str) -> Response:
    """One key position of an exercise, drawn for the injured side; stable and cacheable."""
    svg = figure_text(exercise_id, position, side)
    if svg is None:
        abort(404)
    response = _cached(Response(svg, mimetype="image/svg+xml"), 7 * 86400)
    response.add_etag()
    return response.make_conditional(request)


def figure_text(exercise_id: str, position: str, side: str) -> str | None:
    """The SVG of a figure the catalogue names, or None."""
    exercise = catalogue().get(exercise_id)
    alt = (
        next((f.alt for f in exercise.figures if f.position == position), None)
        if exercise
        else None
    )
    if alt is None or side not in SIDES:
        return None
    return figure_svg(exercise_id, position, side, alt)


@bp.get("/clinic/logo")
def clinic_logo() -> Response:
    """The configured clinic logo, for the handout header."""
    logo = current_app.extensions["clinic_logo"]
    if logo is None:
        abort(404)
    return _cached(Response(logo[0], mimetype=logo[1]), 3600)


@bp.get("/vendor/htmx.min.js")
def htmx_js() -> Response:
    """htmx 2, served from the installed django-js-lib-htmx package."""
    body = resources.files("js_lib_htmx").joinpath("static", "htmx", "htmx.min.js").read_bytes()
    return _cached(Response(body, mimetype="text/javascript"), 86400)
