"""From what a person sent to what the app shows: the one pipeline every entry uses.

The web routes, the command line, the batch and `make bench` all call ``build_outcome``
with raw values (a form, a query string, command-line options or a CSV row, each read as
field name to value or values) and get an ``Outcome``: the parsed answers and personal
fields, the program as generated and as the clinician edited it, and every message by
field. Nothing here knows about Flask.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from generator import i18n
from generator.answers import (
    Paper,
    Parsed,
    PrintSize,
    RawValues,
    parse_answers,
    parse_form,
    parse_language,
    parse_print,
)
from generator.edits import Edits, apply_edits, parse_edits, parse_stage
from generator.fonts import missing_glyph_warning
from generator.i18n import lazy_gettext
from generator.program import Program
from generator.rules import build_program

# The questions a live preview lists as "still to answer" instead of marking them wrong.
QUESTION_LABELS = {
    "side": lazy_gettext("Injured leg"),
    "grade": lazy_gettext("How bad the strain was"),
    "pain": lazy_gettext("Pain right now"),
    "slr": lazy_gettext("Leg raise against the other leg"),
    "toe": lazy_gettext("Reaching your toes"),
}


@dataclass(frozen=True)
class Outcome:
    """What one request asked for and what follows from it."""

    parsed: Parsed
    generated: Program | None = None
    program: Program | None = None
    edits: Edits = field(default_factory=Edits)
    errors: dict[str, str] = field(default_factory=dict)
    print_size: PrintSize = PrintSize.STANDARD
    warnings: dict[str, str] = field(default_factory=dict)  # by field; printing goes on
    edit_raw: dict[str, str] = field(default_factory=dict)  # edit fields as typed, if wrong
    language: str = i18n.SOURCE_LANGUAGE  # the handout's, which the program's texts are in

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def paper(self) -> Paper | None:
        return self.parsed.personal.paper if self.parsed.personal else None

    def missing(self) -> list[str]:
        """Questions not answered yet, by their short labels."""
        values = self.parsed.values
        return [label for name, label in QUESTION_LABELS.items() if not values.get(name)]

    def field_errors(self, *, live: bool) -> dict[str, str]:
        """Messages shown beside the fields. While the preview is live, a question not yet
        answered is listed in the preview instead of being marked wrong."""
        if not live:
            return self.errors
        values = self.parsed.values
        return {
            name: message
            for name, message in self.errors.items()
            if name not in QUESTION_LABELS or values.get(name)
        }

    def open_editors(self) -> set[str]:
        """Exercises whose editor starts open: those edited or with a message."""
        wrong = {name.split(".")[1] for name in self.errors if name.startswith("edit.")}
        return wrong | {exercise_id for exercise_id, _edit in self.edits.exercises}

    def share_pairs(self) -> list[tuple[str, str]]:
        """Clinical answers and edits (no notes) as query pairs: no personal fields. The
        share link, the program page's links and its PDF form all use these."""
        if not self.parsed.answers:
            return []
        large = [("print", self.print_size.value)] if self.print_size is PrintSize.LARGE else []
        language = [("lang", self.language)]
        return self.parsed.answers.query() + self.edits.query() + large + language

    def share_query(self) -> str:
        return urlencode(self.share_pairs())

    def pdf_key(self, *setup: object) -> str:
        """A hash of everything the PDF depends on (personal fields included, never in
        clear), with ``setup`` for the app's settings that show on the handout."""
        parts = (self.parsed.answers, self.parsed.personal, self.edits, self.print_size,
                 self.language, setup)  # fmt: skip
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def file_name(self, number: int | None = None) -> str:
        """The PDF's file name: the date, and for a batch the row and the name."""
        date = self.parsed.personal.date.isoformat() if self.parsed.personal else ""
        if number is None:
            return f"hamstring-program-{date}.pdf"
        name = self.parsed.personal.name if self.parsed.personal else ""
        return f"{number:03d}-{name_slug(name)}-{date}.pdf"


# Latin letters with no decomposition, written as a reader would type them.
_LATIN = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l",
                        "þ": "th", "ð": "d", "\u0131": "i"})  # fmt: skip


def name_slug(name: str) -> str:
    """A name as a safe, readable piece of a file name: Latin accents folded (Zoë Ødegård
    gives zoe-odegard), other scripts kept as they are (王小明, محمد), anything else
    a hyphen; "handout" when nothing is left."""
    decomposed = unicodedata.normalize("NFKD", name.lower().translate(_LATIN))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c) or not
                      unicodedata.name(c, "").startswith("COMBINING"))  # fmt: skip
    kept = unicodedata.normalize("NFC", letters)
    # Letters, digits and the vowel signs of scripts such as Devanagari stay.
    marked = "".join(c if c.isalnum() or unicodedata.category(c) in ("Mn", "Mc") else "-"
                     for c in kept)  # fmt: skip
    slug = re.sub("-+", "-", marked).strip("-")[:60].strip("-")
    return slug or "handout"


def build_outcome(
    raw: RawValues,
    *,
    personal: bool,
    default_paper: Paper = Paper.A4,
    default_language: str = i18n.SOURCE_LANGUAGE,
    today: dt.date | None = None,
) -> Outcome:
    """Parse ``raw`` (personal fields only when ``personal``: they travel in POST
    bodies, never in a URL) and build the program with the clinician's edits applied, its
    texts in the handout's language (``lang``); ``reset`` in ``raw`` drops the edits."""
    language, language_error = parse_language(raw, default_language)
    with i18n.language(language):
        outcome = _build(raw, personal, default_paper, today)
    if "lang" in raw:
        values = {**outcome.parsed.values, "lang": raw["lang"]}
        errors = {**outcome.errors, **({"lang": language_error} if language_error else {})}
        outcome = replace(outcome, parsed=replace(outcome.parsed, values=values), errors=errors)
    return replace(outcome, language=language)


def _build(raw: RawValues, personal: bool, default_paper: Paper, today: dt.date | None):
    parsed = (
        parse_form(raw, default_paper=default_paper, today=today)
        if personal
        else parse_answers(raw)
    )
    warnings = _font_warnings(raw, personal)
    print_size, print_error = parse_print(raw)
    if "print" in raw:
        errors = {**parsed.errors, **({"print": print_error} if print_error else {})}
        parsed = replace(parsed, errors=errors, values={**parsed.values, "print": raw["print"]})
    if not parsed.answers or print_error:
        return Outcome(parsed, errors=dict(parsed.errors), print_size=print_size,
                       warnings=warnings)  # fmt: skip
    generated = build_program(parsed.answers)
    if raw.get("reset"):
        return Outcome(parsed, generated, generated, errors=dict(parsed.errors),
                       print_size=print_size, warnings=warnings)  # fmt: skip
    stage, stage_error = parse_stage(raw, parsed.answers)
    if stage is not None:  # the clinician's stage: its program is the one edited
        generated = build_program(parsed.answers, stage=stage)
    edits, edit_errors = parse_edits(raw, generated)
    edits = replace(edits, stage=stage)
    program = apply_edits(generated, edits)
    errors = {**parsed.errors, **edit_errors, **({"stage": stage_error} if stage_error else {})}
    # A wrong value stays in its field as typed, beside its message, until it is fixed.
    edit_raw = {name: _typed(raw, name) for name in edit_errors}
    return Outcome(parsed, generated, program, edits, errors, print_size, warnings, edit_raw)


def _typed(raw: RawValues, name: str) -> str:
    values = raw.getlist(name) if hasattr(raw, "getlist") else [raw.get(name, "")]
    return str(values[0]) if values else ""


def _font_warnings(raw: RawValues, personal: bool) -> dict[str, str]:
    """A warning beside each free-text field holding a character no font can print."""
    names = [name for name in raw if name.startswith("edit.") and name.endswith(".note")]
    if personal:
        names += [name for name in ("name", "clinician", "notes") if name in raw]
    warnings = {}
    for name in names:
        values = raw.getlist(name) if hasattr(raw, "getlist") else [raw[name]]
        text = " ".join(value for value in values if isinstance(value, str))
        if warning := missing_glyph_warning(text):
            warnings[name] = warning
    return warnings
