"""The clinician's edits to a generated program: leave exercises out, change the dose
within the stage's bounds, reorder, and add a one-line note per exercise.

Edits travel in the form and in share links as plain fields (``edit.<id>.reps``,
``order``...), so the server keeps no state. Only values that differ from the generated
program count as edits, so the handout can mark exactly what the clinician changed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from generator.answers import Answers, text_problem
from generator.catalogue import catalogue, guidance
from generator.i18n import _, lazy_gettext
from generator.program import LeftOut, Prescription, Program
from generator.rules import edit_bounds, select_stage, stage_choices

NOTE_MAX = 120
PREFIX = "edit."
NUMBER_FIELDS = {"sets": "sets", "reps": "reps", "hold": "hold_s"}
# What the clinician changed, as the handout names it (str() them into a program).
CHANGE_LABELS = {"sets": lazy_gettext("sets"), "reps": lazy_gettext("reps"),
                 "hold_s": lazy_gettext("hold"), "schedule": lazy_gettext("how often"),
                 "note": lazy_gettext("note")}  # fmt: skip
# A number outside the stage's bounds, by field.
OUT_OF_BOUNDS = {
    "sets": lazy_gettext("Sets for {exercise} must be a whole number from {low} to {high}."),
    "reps": lazy_gettext("Reps for {exercise} must be a whole number from {low} to {high}."),
    "hold": lazy_gettext("Hold for {exercise} must be a whole number from {low} to {high}."),
}


@dataclass(frozen=True)
class ExerciseEdit:
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    schedule: str | None = None
    note: str = ""
    out: bool = False

    def __bool__(self) -> bool:
        return self != ExerciseEdit()


@dataclass(frozen=True)
class Edits:
    """Edits by exercise id, the clinician's order (empty: the generated order), and the
    stage the clinician chose (None: the stage the answers select)."""

    exercises: tuple[tuple[str, ExerciseEdit], ...] = ()
    order: tuple[str, ...] = ()
    stage: int | None = None

    def get(self, exercise_id: str) -> ExerciseEdit:
        return dict(self.exercises).get(exercise_id, ExerciseEdit())

    def __bool__(self) -> bool:
        return bool(self.exercises or self.order or self.stage)

    def query(self) -> list[tuple[str, str]]:
        """The edits as URL query pairs, for a share link and its QR code: doses,
        left-out exercises and the order, never the notes. Notes are free text (they may
        hold personal details, and seven long notes made a link too long for a QR code or
        a server's request line), so they travel in the form and print on the handout
        only. The pairs are compact (``e=LBr10FRx&o=RDSL``: each exercise by its
        two-letter code, then ``s``ets, ``r``eps, ``h``old, ``f``requency and ``x`` for
        left out), so even a program with every exercise edited gives a QR code that
        reads at print size; ``link_values`` reads them back."""
        changes = "".join(
            catalogue()[exercise_id].code
            + "".join(
                f"{LINK_FIELDS[attribute]}{getattr(edit, attribute)}"
                for attribute in ("sets", "reps", "hold_s")
                if getattr(edit, attribute) is not None
            )
            + (f"f{SCHEDULE_CODES[edit.schedule]}" if edit.schedule else "")
            + ("x" if edit.out else "")
            for exercise_id, edit in self.exercises
            if edit.schedule
            or edit.out
            or any(getattr(edit, attribute) is not None for attribute in ("sets", "reps", "hold_s"))
        )
        order = "".join(catalogue()[exercise_id].code for exercise_id in self.order)
        stage = str(self.stage) if self.stage else ""
        pairs = (("stage", stage), ("e", changes), ("o", order))
        return [(name, value) for name, value in pairs if value]


# The share link's compact form (Edits.query): field letters and frequency letters.
LINK_FIELDS = {"sets": "s", "reps": "r", "hold_s": "h"}
SCHEDULE_CODES = {"before_session": "b", "daily": "d", "alternate": "a", "three_a_week": "t",
                  "two_a_week": "w"}  # fmt: skip
_LINK_ENTRY = re.compile(r"([A-Z]{2})((?:[srh]\d{1,3}|f[a-z]|x)*)")
_LINK_PART = re.compile(r"([srh])(\d{1,3})|f([a-z])|(x)")


def link_values(raw: RawValues) -> dict[str, str]:
    """A share link's compact ``e`` and ``o`` values as the form's fields
    (``edit.<id>.reps``, ``order``...), so one reader checks both. Codes that name no
    exercise are passed over, like edits of exercises not in the program."""
    by_code = {exercise.code: exercise.id for exercise in catalogue().values()}
    fields = {value: name for name, value in NUMBER_FIELDS.items()}
    schedules = {code: schedule for schedule, code in SCHEDULE_CODES.items()}
    values: dict[str, str] = {}
    for code, parts in _LINK_ENTRY.findall(_first(raw, "e")):
        if code not in by_code:
            continue
        prefix = f"{PREFIX}{by_code[code]}."
        for letter, number, schedule, out in _LINK_PART.findall(parts):
            if letter:
                attribute = next(a for a, short in LINK_FIELDS.items() if short == letter)
                values[prefix + fields[attribute]] = number
            elif schedule:
                values[prefix + "freq"] = schedules.get(schedule, schedule)
            elif out:
                values[prefix + "out"] = "yes"
    order = re.findall("[A-Z]{2}", _first(raw, "o"))
    if order:
        values["order"] = ",".join(by_code[code] for code in order if code in by_code)
    return values


RawValues = Mapping[str, Sequence[str] | str]


def _first(raw: RawValues, name: str) -> str:
    value = raw.get(name, "")
    if not isinstance(value, str):
        value = value[0] if value else ""
    return value.strip()


def _number(
    raw: RawValues, field: str, bounds: tuple[int, int], generated: int
) -> tuple[int | None, bool]:
    """The number in ``field`` (None when not given or the ``generated`` one), and
    whether it is wrong: not a whole number within ``bounds``."""
    value = _first(raw, field)
    if not value:
        return None, False
    low, high = bounds
    digits = value.isascii() and value.isdecimal()
    # Longer than the upper bound is out anyway, and int() refuses over 4300 digits.
    if not digits or len(value.lstrip("0")) > len(str(high)) or not low <= int(value) <= high:
        return None, True
    return (None if int(value) == generated else int(value)), False


def _order(raw: RawValues, ids: list[str]) -> list[str]:
    """The clinician's order: listed ids first, in their order, then any others."""
    listed = [item for item in _first(raw, "order").split(",") if item in ids]
    listed = list(dict.fromkeys(listed))
    order = listed + [item for item in ids if item not in listed]
    move = _first(raw, "move")
    exercise_id, _colon, direction = move.partition(":")
    if exercise_id in order and direction in ("up", "down"):
        index = order.index(exercise_id)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(order):
            order[index], order[other] = order[other], order[index]
    return order


def parse_stage(raw: RawValues, answers: Answers) -> tuple[int | None, str | None]:
    """The clinician's stage choice: one of ``stage_choices``; None when it is the stage
    the answers select (or not given), with a message when it is not a choice."""
    value = _first(raw, "stage")
    choices = stage_choices(answers)
    if not value or not choices:
        return None, None
    if value not in {str(stage) for stage in choices}:
        listed = str(choices[0])
        for stage in choices[1:]:  # "1 or 2 or 3"
            listed = _("{first} or {second}").format(first=listed, second=stage)
        return (
            None,
            _(
                "Choose stage {stages}: a stage above the one the answers select needs new answers."
            ).format(stages=listed),
        )
    stage = int(value)
    return (None if stage == select_stage(answers)[0] else stage), None


def parse_edits(raw: RawValues, program: Program) -> tuple[Edits, dict[str, str]]:
    """Read the edit fields for the generated ``program``. Values outside the stage's
    bounds become messages keyed by their field name; edits naming exercises that are
    not in the program are ignored (the answers may have changed since)."""
    if program.referral:
        return Edits(), {}
    if "e" in raw or "o" in raw:  # a share link
        raw = {**raw, **link_values(raw)}
    errors: dict[str, str] = {}
    labels = guidance().frequencies
    edits: list[tuple[str, ExerciseEdit]] = []
    for item in program.exercises:
        exercise, dose = item.exercise, item.dose
        bounds = edit_bounds(exercise, program.stage.number)
        name = f"{PREFIX}{exercise.id}."
        values: dict[str, object] = {}
        for field, attribute in NUMBER_FIELDS.items():
            allowed = getattr(bounds, attribute)
            if allowed is None:
                continue
            value, wrong = _number(raw, name + field, allowed, getattr(dose, attribute))
            if wrong:
                low, high = allowed
                message = OUT_OF_BOUNDS[field].format(exercise=exercise.name, low=low, high=high)
                errors[name + field] = message
            values[attribute] = value
        schedule = _first(raw, name + "freq")
        if schedule and schedule not in bounds.schedules:
            allowed_labels = ", ".join(labels[key] for key in bounds.schedules)
            errors[name + "freq"] = _("How often for {exercise}: choose {choices}.").format(
                exercise=exercise.name, choices=allowed_labels
            )
        elif schedule and schedule != dose.schedule:
            values["schedule"] = schedule
        note = _first(raw, name + "note")
        if len(note) > NOTE_MAX or "\n" in note or "\r" in note:
            errors[name + "note"] = _("A note can be one line of at most {max} characters.").format(
                max=NOTE_MAX
            )
            note = ""
        elif problem := text_problem(note):
            errors[name + "note"] = problem
            note = ""
        edit = ExerciseEdit(note=note, out=_first(raw, name + "out") == "yes", **values)
        if edit:
            edits.append((exercise.id, edit))
    generated = [item.exercise.id for item in program.exercises]
    order = _order(raw, generated)
    # Leaving an exercise out is not a change of order: compare what stays.
    out = {exercise_id for exercise_id, edit in edits if edit.out}
    reordered = [i for i in order if i not in out] != [i for i in generated if i not in out]
    return Edits(tuple(edits), tuple(order) if reordered else ()), errors


def apply_edits(program: Program, edits: Edits) -> Program:
    """The program as the clinician edited it: exercises left out, doses changed (each
    change recorded for the handout to mark), notes added, and the clinician's order."""
    if program.referral or not edits:
        return program
    labels = guidance().frequencies
    kept: list[Prescription] = []
    removed: list[LeftOut] = []
    for item in program.exercises:
        edit = edits.get(item.exercise.id)
        if edit.out:
            removed.append(LeftOut(item.exercise.name, _("Left out by your clinician."),
                                   item.exercise.id))  # fmt: skip
            continue
        changes = {
            attribute: getattr(edit, attribute)
            for attribute in ("sets", "reps", "hold_s", "schedule")
            if getattr(edit, attribute) is not None
        }
        dose = replace(item.dose, **changes)
        if "schedule" in changes:
            dose = replace(dose, frequency=labels[dose.schedule])
        names = (*changes, "note") if edit.note else tuple(changes)
        changed = tuple(str(CHANGE_LABELS[name]) for name in names)
        kept.append(replace(item, dose=dose, note=edit.note, changed=changed))
    if edits.order:
        position = {exercise_id: index for index, exercise_id in enumerate(edits.order)}
        kept.sort(key=lambda item: position.get(item.exercise.id, len(position)))
    return replace(
        program,
        exercises=tuple(kept),
        removed=tuple(removed),
        reordered=bool(edits.order),
    )
