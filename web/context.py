"""What the templates are given: one builder, by the mode a handout is shown in.

Constants (questions, field limits, guidance texts, the clinic) are Jinja globals set
once; ``handout_context`` adds what one request decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum

from flask import Flask, current_app, request, url_for
from markupsafe import Markup

from generator.answers import (
    CLINICAL_FIELDS,
    CLINICIAN_MAX,
    NAME_MAX,
    NOTES_MAX,
    PERSONAL_FIELDS,
    QUESTIONS,
    QUESTIONS_BEFORE_SIGNS,
    Paper,
    Parsed,
    answer_chips,
)
from generator.catalogue import Exercise, guidance
from generator.edits import NOTE_MAX
from generator.figures import FORCES, MARKS
from generator.i18n import _, current
from generator.outcome import Outcome
from generator.qr import share_qr_svg
from generator.rules import edit_bounds, select_stage, stage_choices
from generator.thresholds import SENTENCE_VALUES


class Mode(Enum):
    """How a handout is shown.

    - LIVE: the questionnaire with its live preview; unanswered questions are listed, not
      marked wrong; the program is editable;
    - FORM: the questionnaire after a submit without JavaScript: every message shown;
    - REFUSED: the questionnaire after a PDF was refused: messages, no program;
    - PAGE: the printable program page;
    - PDF: the handout as WeasyPrint renders it.
    """

    LIVE = "live"
    FORM = "form"
    REFUSED = "refused"
    PAGE = "page"
    PDF = "pdf"

    @property
    def editable(self) -> bool:
        return self in (Mode.LIVE, Mode.FORM)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        field_names=(*CLINICAL_FIELDS, *PERSONAL_FIELDS, "print", "lang"),  # outside the preview
        questions=QUESTIONS,
        questions_before_signs=QUESTIONS_BEFORE_SIGNS,
        questions_after_signs=[name for name in QUESTIONS if name not in QUESTIONS_BEFORE_SIGNS],
        flag_labels=lambda: {flag: sign.label for flag, sign in guidance().signs.items()},
        answer_chips=answer_chips,
        guidance=guidance,  # a function: its texts are in the language of the moment
        thresholds=SENTENCE_VALUES,
        figure_marks=MARKS,
        figure_forces=FORCES,
        edit_bounds=edit_bounds,
        limits={
            "name": NAME_MAX,
            "clinician": CLINICIAN_MAX,
            "notes": NOTES_MAX,
            "note": NOTE_MAX,
        },
        papers=[paper.value for paper in Paper],
        clinic={
            "name": app.config["CLINIC_NAME"],
            "contact": app.config["CLINIC_CONTACT"],
            "logo": app.extensions["clinic_logo"] is not None,
        },
    )
    app.jinja_env.filters.update(isolate=isolate)


NOTHING_YET = Outcome(Parsed(None, None, {}, {}))


def default_paper() -> Paper:
    try:
        return Paper(str(current_app.config["DEFAULT_PAPER"]).lower())
    except ValueError:
        return Paper.A4


def handout_context(outcome: Outcome | None, mode: Mode) -> dict:
    """Everything a page, a preview or the PDF shows for ``outcome`` in ``mode``."""
    handout_lang = outcome.language if outcome else current()  # the interface's by default
    outcome = outcome or NOTHING_YET
    parsed, personal = outcome.parsed, outcome.parsed.personal
    program = outcome.program if mode is not Mode.REFUSED else None
    share_query = outcome.share_query()
    share_url = _share_url(share_query) if program else ""
    qr_svg = share_qr_svg(share_url) if program and _public_base_url() else ""
    return {
        "mode": mode.value,
        "handout_lang": handout_lang,
        "live": mode is Mode.LIVE,
        "values": parsed.values,
        "errors": outcome.errors,
        "field_errors": outcome.field_errors(live=mode is Mode.LIVE),
        "field_warnings": outcome.warnings,
        "personal": personal,
        "personal_open": any(parsed.values.get(name) for name in ("name", "clinician", "notes")),
        "program": program,
        "editable": mode.editable and program is not None and not program.referral,
        "generated": {item.exercise.id: item for item in outcome.generated.exercises}
        if outcome.generated
        else {},
        "edits": outcome.edits,
        "edit_raw": outcome.edit_raw,
        "open_editors": outcome.open_editors(),
        "stage_choices": stage_choices(parsed.answers) if parsed.answers else (),
        "selected_stage": select_stage(parsed.answers)[0] if program and program.stage else None,
        "missing": outcome.missing() if any(parsed.values.values()) else [],
        "share_query": share_query,
        "share_pairs": outcome.share_pairs(),
        "share_url": share_url,
        "qr_svg": qr_svg,
        "exercise_qr": _exercise_qr(program, mode),
        "qr_left_out": bool(share_url and _public_base_url() and not qr_svg),
        "paper": (outcome.paper or default_paper()).value,
        "print_size": outcome.print_size.value,
        "today": dt.date.today(),
        "document_title": _document_title(outcome),
        "document_author": (personal.clinician if personal else "")
        or current_app.config["CLINIC_NAME"]
        or _("Hamstring rehab handout generator"),
    }


def exercise_url(exercise_id: str, side: str) -> str:
    """The exercise's moving page, absolute on PUBLIC_BASE_URL."""
    path = url_for("exercises.exercise_page", exercise_id=exercise_id, side=side,
                   lang=current())  # fmt: skip
    return _public_base_url() + path


def _exercise_qr(program, mode: Mode) -> Callable[[Exercise], str]:
    """A function from an exercise to a QR code of its moving page: on paper (the PDF
    and the printed page) when PUBLIC_BASE_URL says where phones can reach the app;
    else one that gives nothing."""
    on_paper = program is not None and not program.referral and mode in (Mode.PDF, Mode.PAGE)
    if not (on_paper and _public_base_url()):
        return lambda exercise: ""
    side = program.answers.side.value

    def qr(exercise: Exercise) -> str:
        url = exercise_url(exercise.id, side)
        title = _("QR code of the page where {exercise} moves").format(exercise=exercise.name)
        return share_qr_svg(url, title)

    return qr


def _public_base_url() -> str:
    return str(current_app.config["PUBLIC_BASE_URL"] or "").rstrip("/")


def _share_url(share_query: str) -> str:
    """The share link: the program page with the answers and edits, absolute on
    PUBLIC_BASE_URL when configured, else on the request's own (trusted) host."""
    path = url_for("handout.program_page") + "?" + share_query
    return (_public_base_url() or request.host_url.rstrip("/")) + path


def _document_title(outcome: Outcome) -> str:
    program, personal = outcome.program, outcome.parsed.personal
    if program is None:
        return _("Hamstring rehab handout")
    title = (
        _("Hamstring strain: see a professional first")
        if program.referral
        else _("Hamstring program, stage {number}: {name}").format(
            number=program.stage.number, name=program.stage.name
        )
    )
    return f"{title} ({personal.name})" if personal and personal.name else title


def isolate(text: str) -> Markup:
    """User text set apart from the line around it, so a right-to-left name or note
    cannot reorder the words beside it: ``<bdi>`` for browsers, and the first-strong and
    pop isolate characters for WeasyPrint, which ignores ``unicode-bidi``."""
    return Markup("<bdi>\u2068{}\u2069</bdi>").format(text)
