"""The questionnaire: raw form or query values in, typed answers or field messages out.

Values arrive as a mapping of field name to the list of values sent for it (a form may
repeat a key). Nothing here raises on bad input: every problem becomes a plain-language
message keyed by the public field name, so the form can show it beside the field.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from generator import i18n
from generator.catalogue import guidance
from generator.i18n import _, lazy_format, lazy_gettext


class Grade(StrEnum):
    ONE = "1"
    TWO = "2"
    THREE = "3"
    UNKNOWN = "unknown"


class Slr(StrEnum):
    FULL = "full"
    LIMITED = "limited"


class ToeTouch(StrEnum):
    YES = "yes"
    NO = "no"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Flag(StrEnum):
    POP = "pop"
    BRUISING = "bruising"
    GAP = "gap"
    NERVE = "nerve"
    NO_PROGRESS = "no_progress"
    WEIGHT = "weight"
    CALF = "calf"


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class PrintSize(StrEnum):
    """How big the handout prints (PRODUCT.md 8): body text 11 pt, or 16 pt for large."""

    STANDARD = "standard"
    LARGE = "large"


@dataclass(frozen=True)
class Question:
    """A questionnaire item as the form shows it: question, help text, and its options
    (the texts lazy: translated each time they are read)."""

    label: str
    help: str
    options: tuple[tuple[str, str], ...]


# In the order the form asks (PRODUCT.md 3): side and grade, then the warning signs and
# "cleared" (in the form between these), then pain, then the two movement tests last, so
# that nobody with a warning sign is asked to test a leg that may be torn.
QUESTIONS: dict[str, Question] = {
    "side": Question(
        lazy_gettext("Which leg is injured?"),
        "",
        (("left", lazy_gettext("Left")), ("right", lazy_gettext("Right"))),
    ),
    "grade": Question(
        lazy_gettext("How bad was the strain, as diagnosed?"),
        lazy_gettext("1 mild, 2 moderate, 3 severe or a complete tear."),
        (
            ("1", lazy_gettext("1 mild")),
            ("2", lazy_gettext("2 moderate")),
            ("3", lazy_gettext("3 severe")),
            ("unknown", lazy_gettext("Not sure")),
        ),
    ),
    "pain": Question(
        lazy_gettext("Pain right now, with everyday movement such as walking"),
        lazy_gettext("0 is no pain, 10 the worst pain you can imagine."),
        tuple((str(score), str(score)) for score in range(11)),
    ),
    "slr": Question(
        lazy_gettext(
            "Lying on your back, lift each leg in turn with the knee straight. Does the injured "
            "leg go about as high as the other one?"
        ),
        lazy_gettext(
            "Stop if it hurts. Leave it out if the answers above already send you to a "
            "professional."
        ),
        (
            ("full", lazy_gettext("Yes, about as high")),
            ("limited", lazy_gettext("No, not as high")),
        ),
    ),
    "toe": Question(
        lazy_gettext(
            "Standing with your knees straight, can you reach your toes, or as far as you could "
            "before the injury?"
        ),
        lazy_gettext(
            "Reach down slowly and stop if it hurts. Leave it out if the answers above already "
            "send you to a professional."
        ),
        (("yes", lazy_gettext("Yes")), ("no", lazy_gettext("Not yet"))),
    ),
}
QUESTIONS_BEFORE_SIGNS = ("side", "grade")
MOVEMENT_TESTS = ("slr", "toe")

CLINICAL_FIELDS = ("grade", "pain", "slr", "toe", "side", "flags", "cleared")
PERSONAL_FIELDS = ("name", "clinician", "notes", "date", "paper")

NAME_MAX = 80
CLINICIAN_MAX = 80
NOTES_MAX = 1000

MESSAGES = {
    "grade": lazy_gettext("Choose the grade of the strain: 1, 2, 3 or not sure."),
    "pain": lazy_gettext("Pain must be a whole number from 0 to 10."),
    "slr": lazy_gettext(
        "Choose whether the injured leg lifts about as high as the other: yes or not yet."
    ),
    "toe": lazy_gettext("Choose whether you can reach your toes as far as before: yes or not yet."),
    "side": lazy_gettext("Choose the injured leg: left or right."),
    "flags": lazy_gettext("Tick only warning signs from the list."),
    "cleared": lazy_gettext(
        "Tick the box only if a doctor or physiotherapist has cleared exercise."
    ),
    "name": lazy_format("The patient's name can be at most {max} characters.", max=NAME_MAX),
    "clinician": lazy_format(
        "The clinician's name can be at most {max} characters.", max=CLINICIAN_MAX
    ),
    "notes": lazy_format("Notes can be at most {max} characters.", max=NOTES_MAX),
    "date": lazy_gettext("Give the date as a calendar date, for example 2026-03-31."),
    "paper": lazy_gettext("Choose A4 or Letter paper."),
    "print": lazy_gettext("Choose standard or large print."),
    "lang": lazy_gettext("Choose a handout language from the list."),
    "repeated": lazy_gettext("Give one answer only."),
    "control": lazy_gettext("Remove the special characters that cannot be printed."),
    "invisible": lazy_gettext(
        "Remove the invisible characters (direction marks, zero-width spaces or joiners): "
        "they would print differently from what you see here."
    ),
}


@dataclass(frozen=True)
class Answers:
    """The clinical answers of section 3: everything the rules decide from."""

    grade: Grade
    pain: int
    slr: Slr | None  # None only when the safety gate refers without the movement tests
    toe: ToeTouch | None
    side: Side
    flags: frozenset[Flag] = frozenset()
    cleared: bool = False

    def query(self) -> list[tuple[str, str]]:
        """The answers as URL query pairs, in a stable order (no personal data)."""
        pairs = [("grade", self.grade.value), ("pain", str(self.pain))]
        pairs += [(name, getattr(self, name).value) for name in MOVEMENT_TESTS
                  if getattr(self, name) is not None]  # fmt: skip
        pairs.append(("side", self.side.value))
        pairs += [("flags", flag.value) for flag in Flag if flag in self.flags]
        if self.cleared:
            pairs.append(("cleared", "yes"))
        return pairs


@dataclass(frozen=True)
class Personal:
    """Optional personal fields: they travel in POST bodies only and are never logged."""

    name: str = ""
    clinician: str = ""
    notes: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    paper: Paper = Paper.A4


@dataclass(frozen=True)
class Parsed:
    """The outcome of parsing: answers (or None), personal fields, messages by field,
    and the submitted values as strings so a form can be shown again as it was sent."""

    answers: Answers | None
    personal: Personal | None
    errors: dict[str, str]
    values: dict[str, str | list[str]]

    @property
    def ok(self) -> bool:
        return not self.errors


RawValues = Mapping[str, Sequence[str] | str]


def _as_lists(raw: RawValues) -> dict[str, list[str]]:
    if hasattr(raw, "getlist"):  # a request's MultiDict: items() would give first values only
        return {key: list(raw.getlist(key)) for key in raw}
    return {key: [value] if isinstance(value, str) else list(value) for key, value in raw.items()}


def _single(raw: dict[str, list[str]], name: str, errors: dict[str, str]) -> str | None:
    values = raw.get(name, [])
    if len(values) > 1:
        errors[name] = MESSAGES["repeated"]
        return None
    return values[0].strip() if values else None


def _enum(raw: dict[str, list[str]], name: str, kind: type[StrEnum], errors: dict[str, str]):
    value = _single(raw, name, errors)
    if name in errors:
        return None
    try:
        return kind(value) if value else _missing(name, errors)
    except ValueError:
        return _missing(name, errors, value)


# A question not answered yet is asked, not blamed; a wrong answer gets MESSAGES.
ASK = {
    "grade": lazy_gettext("Choose how bad the strain was: 1, 2, 3 or not sure."),
    "pain": lazy_gettext("Choose your pain score, from 0 to 10."),
    "slr": lazy_gettext("Choose whether the injured leg lifts about as high as the other."),
    "toe": lazy_gettext("Choose whether you can reach your toes as far as before."),
    "side": lazy_gettext("Choose the injured leg: left or right."),
}


def _missing(name: str, errors: dict[str, str], value: str | None = "") -> None:
    errors[name] = ASK[name] if not value and name in ASK else MESSAGES[name]
    return None


def _pain(raw: dict[str, list[str]], errors: dict[str, str]) -> int | None:
    value = _single(raw, "pain", errors)
    if "pain" in errors:
        return None
    # isdecimal() rejects "+3", "3.0", " ", "٣" is decimal but int() handles it; keep ASCII only.
    if not value or not (value.isascii() and value.isdecimal()):
        return _missing("pain", errors, value)
    # Past two significant digits it is over 10, and int() refuses over 4300 digits.
    if len(value.lstrip("0")) > 2 or int(value) > 10:
        return _missing("pain", errors, value)
    return int(value)


def _flags(raw: dict[str, list[str]], errors: dict[str, str]) -> frozenset[Flag]:
    flags: set[Flag] = set()
    for value in raw.get("flags", []):
        if not value.strip():
            continue
        try:
            flags.add(Flag(value.strip()))
        except ValueError:
            errors["flags"] = MESSAGES["flags"]
    return frozenset(flags)


def _cleared(raw: dict[str, list[str]], errors: dict[str, str]) -> bool:
    value = _single(raw, "cleared", errors)
    if value in (None, ""):
        return False
    if value == "yes":
        return True
    errors["cleared"] = MESSAGES["cleared"]
    return False


def parse_answers(raw: RawValues) -> Parsed:
    """Parse the clinical fields only (what a shareable URL carries).

    Personal fields in ``raw`` are ignored and the result's ``personal`` is None.
    """
    lists = _as_lists(raw)
    errors: dict[str, str] = {}
    grade = _enum(lists, "grade", Grade, errors)
    pain = _pain(lists, errors)
    slr = _enum(lists, "slr", Slr, errors)
    toe = _enum(lists, "toe", ToeTouch, errors)
    side = _enum(lists, "side", Side, errors)
    flags = _flags(lists, errors)
    cleared = _cleared(lists, errors)
    for name in _tests_not_needed(lists, errors, grade, pain, flags, cleared):
        errors.pop(name)
    answers = None
    if not errors:
        answers = Answers(grade, pain, slr, toe, side, flags, cleared)  # type: ignore[arg-type]
    values = {name: _redisplay(lists, name) for name in CLINICAL_FIELDS}
    return Parsed(answers, None, errors, values)


def _tests_not_needed(lists, errors, grade, pain, flags, cleared) -> list[str]:
    """The movement tests left unanswered when the answers before them already decide a
    referral: nobody with a warning sign must test the leg. (A wrong answer to one is
    still wrong.)"""
    from generator.rules import referral_reasons  # rules build on the answers defined here

    unanswered = [
        name for name in MOVEMENT_TESTS if len(lists.get(name, [])) <= 1 and not _given(lists, name)
    ]
    if not unanswered or set(errors) - set(MOVEMENT_TESTS):
        return []
    return unanswered if referral_reasons(grade, pain, flags, cleared) else []


def _given(lists: dict[str, list[str]], name: str) -> bool:
    return any(value.strip() for value in lists.get(name, []))


def _redisplay(lists: dict[str, list[str]], name: str) -> str | list[str]:
    if name == "flags":
        return [value for value in lists.get(name, []) if value in set(Flag)]
    values = lists.get(name, [])
    return values[0] if values else ""


# Characters that print nothing, or change the order of what prints around them: the
# explicit bidi embeddings, overrides and isolates, the direction marks, zero-width spaces,
# word joiners, the byte-order mark and the soft hyphen (all in category Cf). A user's
# text with one of them would print differently from what was typed ("at most \u202e05
# kg" prints "50 kg"). The zero-width joiner and non-joiner (U+200C, U+200D) are letters'
# business in Arabic, Persian, Indic scripts and emoji sequences, so they are kept there,
# between two characters outside the Latin script.
_JOINERS = "\u200c\u200d"


def _latin(char: str) -> bool:
    return char.isascii() or "LATIN" in unicodedata.name(char, "")


def _invisible(text: str, index: int) -> bool:
    char = text[index]
    if unicodedata.category(char) != "Cf":
        return False
    if char not in _JOINERS:
        return True
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    return not (before and after) or _latin(before) or _latin(after)


def text_problem(text: str, *, multiline: bool = False) -> str | None:
    """Why a free-text value (a name, a note) cannot be printed as typed, or None.

    The one check for every free-text field of the form, the edits, the command line and
    the batch: control, surrogate and private-use characters cannot be printed; line and
    paragraph separators, and line breaks where only one line is allowed, would break
    the layout; invisible formatting characters would print something else.
    """
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if char in "\n\r":
            if not multiline:
                return MESSAGES["control"]
        elif category in ("Cc", "Cs", "Co", "Zl", "Zp") and char != "\t":
            return MESSAGES["control"]
        elif _invisible(text, index):
            return MESSAGES["invisible"]
    return None


def _text(lists: dict[str, list[str]], name: str, limit: int, errors: dict[str, str]) -> str:
    value = _single(lists, name, errors) or ""
    if name in errors:
        return ""
    if len(value) > limit:
        errors[name] = MESSAGES[name]
        return ""
    problem = text_problem(value, multiline=name == "notes")
    if problem:
        errors[name] = problem
        return ""
    return _tidy_lines(value) if name == "notes" else value


def _tidy_lines(text: str) -> str:
    """Line breaks kept as typed, trailing spaces dropped and runs of empty lines closed up
    to one, so a pasted note does not print as pages of blank lines."""
    lines = [line.rstrip() for line in text.splitlines()]
    kept = [line for number, line in enumerate(lines) if line or (number and lines[number - 1])]
    return "\n".join(kept).strip("\n")


def _date(lists: dict[str, list[str]], today: dt.date, errors: dict[str, str]) -> dt.date:
    value = _single(lists, "date", errors)
    if "date" in errors:
        return today
    if not value:
        return today
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _bad_date(errors, today)
    except ValueError:
        return _bad_date(errors, today)


def _bad_date(errors: dict[str, str], today: dt.date) -> dt.date:
    errors["date"] = MESSAGES["date"]
    return today


def _paper(lists: dict[str, list[str]], default: Paper, errors: dict[str, str]) -> Paper:
    value = _single(lists, "paper", errors)
    if "paper" in errors or not value:
        return default
    try:
        return Paper(value.lower())
    except ValueError:
        errors["paper"] = MESSAGES["paper"]
        return default


def parse_print(raw: RawValues) -> tuple[PrintSize, str | None]:
    """The print size (any request may ask for it: it is not personal) and its message."""
    errors: dict[str, str] = {}
    value = _single(_as_lists(raw), "print", errors)
    if errors or not value:
        return PrintSize.STANDARD, errors.get("print")
    try:
        return PrintSize(value.lower()), None
    except ValueError:
        return PrintSize.STANDARD, MESSAGES["print"]


def parse_language(raw: RawValues, default: str) -> tuple[str, str | None]:
    """The handout's language (any request may ask for it: it is not personal), ``default``
    when not asked, and its message."""
    errors: dict[str, str] = {}
    value = _single(_as_lists(raw), "lang", errors)
    if errors or not value:
        return default, errors.get("lang")
    chosen = i18n.choose(value)
    return (chosen, None) if chosen else (default, MESSAGES["lang"])


def parse_form(
    raw: RawValues, *, today: dt.date | None = None, default_paper: Paper = Paper.A4
) -> Parsed:
    """Parse the clinical and the personal fields of a POSTed form.

    ``today`` is the default date (injected so tests are stable); ``default_paper`` comes
    from the app's configuration.
    """
    clinical = parse_answers(raw)
    lists = _as_lists(raw)
    errors = dict(clinical.errors)
    personal = Personal(
        name=_text(lists, "name", NAME_MAX, errors),
        clinician=_text(lists, "clinician", CLINICIAN_MAX, errors),
        notes=_text(lists, "notes", NOTES_MAX, errors),
        date=_date(lists, today or dt.date.today(), errors),
        paper=_paper(lists, default_paper, errors),
    )
    answers = clinical.answers if not errors else None
    values = dict(clinical.values)
    for name in PERSONAL_FIELDS:
        values[name] = _redisplay(lists, name)
    return Parsed(answers, personal, errors, values)


def answer_chips(answers: Answers) -> list[str]:
    """The answers in a few words each, for the handout's "Why this program"."""
    grade = (
        _("Grade not known")
        if answers.grade is Grade.UNKNOWN
        else _("Grade {grade}").format(grade=answers.grade.value)
    )
    side = _("Left leg injured") if answers.side is Side.LEFT else _("Right leg injured")
    chips = [side, grade, _("Pain {pain}/10").format(pain=answers.pain)]
    if answers.slr is not None:
        chips.append(_("Leg raise: as high as the other") if answers.slr is Slr.FULL
                     else _("Leg raise: not as high as the other"))  # fmt: skip
    if answers.toe is not None:
        chips.append(
            _("Toe reach: yes") if answers.toe is ToeTouch.YES else _("Toe reach: not yet")
        )
    signs = guidance().signs
    flags = [signs[flag.value].label.rstrip(".") for flag in Flag if flag in answers.flags]
    chips.append(
        _("Warning signs: {signs}").format(signs="; ".join(flags))
        if flags
        else _("Warning signs: none")
    )
    if answers.cleared:
        chips.append(_("Cleared for exercise by a professional"))
    return chips
