"""One page per exercise, where its figure moves: the steps and cues beside a drawing
that goes through the exercise's key positions at its tempo (or stands still, for
people who ask their system for reduced motion)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from markupsafe import Markup

from generator.catalogue import catalogue
from generator.figures import SIDES, moving_svg
from generator.figures.motion import MOTIONS, slow_seconds
from generator.i18n import _, choose, current
from web.languages import speaking

bp = Blueprint("exercises", __name__)


@bp.get("/exercises/<exercise_id>")
def exercise_page(exercise_id: str) -> Response:
    """The exercise's page, drawn for the injured ``side`` (left unless asked)."""
    language = choose(request.args.get("lang")) or current()  # the handout's, by its QR code
    with speaking(language):
        return _exercise_page(exercise_id, language)


def _exercise_page(exercise_id: str, language: str) -> Response:
    exercise = catalogue().get(exercise_id)
    if exercise is None:
        abort(404)
    side = request.args.get("side", "left")
    if side not in SIDES:
        abort(400, description=_("The side must be left or right."))
    title = " ".join(figure.alt for figure in exercise.figures)
    # Figures that belong to different stages are set-ups, not moments (the roller under
    # the knee at stage 2, under the ankle at stage 3): each is named by its stage and
    # that stage's note, which a handout prints beside the one it shows.
    staged = len({figure.stages for figure in exercise.figures}) > 1
    set_ups = {
        figure.position: next((n, exercise.stage_notes[n]) for n in figure.stages)
        for figure in exercise.figures
        if staged and any(n in exercise.stage_notes for n in figure.stages)
    }
    moving = Markup(moving_svg(exercise_id, side, title)) if exercise_id in MOTIONS else None
    html = render_template(
        "exercise.html",
        exercise=exercise,
        side=side,
        page_lang=language,
        moving=moving,
        slow_seconds=slow_seconds(exercise_id),
        set_ups=set_ups,
    )
    response = Response(html)
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response
