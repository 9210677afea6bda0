"""The program a questionnaire leads to: a referral, or a stage with its exercises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from generator.answers import Answers
from generator.catalogue import Exercise, Figure, Level


@dataclass(frozen=True)
class Criterion:
    """One line of "move on when" or "step back when", in patient words. ``answers``
    are the questionnaire answers that meet it (None for a check the questionnaire does
    not ask): re-answering with them must select the next stage, or the one below."""

    text: str
    answers: tuple[tuple[str, object], ...] | None = None


@dataclass(frozen=True)
class Dose:
    """What the patient does: sets of reps (or rolls), how often, and how."""

    reps: int
    sets: int
    per_side: bool
    frequency: str  # as printed, e.g. "every other day"
    schedule: str  # the frequency's key, e.g. "alternate" (guidance.toml [frequencies])
    unit: str = "reps"
    hold_s: int | None = None
    tempo: str | None = None
    note: str | None = None

    def summary(self) -> str:
        """One line for the handout, e.g. '2 sets of 10 reps each leg, hold 5 s, every day'."""
        set_word = "set" if self.sets == 1 else "sets"
        parts = [f"{self.sets} {set_word} of {self.reps} {self.unit}"]
        if self.per_side:
            parts[0] += " each leg"
        if self.hold_s:
            parts.append(f"hold {self.hold_s} s")
        parts.append(self.frequency)
        return ", ".join(parts)


@dataclass(frozen=True)
class Stage:
    number: int
    name: str
    purpose: str


@dataclass(frozen=True)
class Prescription:
    """One exercise as prescribed: the catalogue entry, its dose, why it is there, and the
    key positions shown at this stage."""

    exercise: Exercise
    dose: Dose
    reason: str
    figures: tuple[Figure, ...]
    stage_note: str | None = None
    note: str = ""  # the clinician's one-line note
    changed: tuple[str, ...] = ()  # what the clinician changed, e.g. ("reps", "note")


@dataclass(frozen=True)
class LeftOut:
    name: str
    reason: str
    id: str = ""


@dataclass(frozen=True)
class Watch:
    """An event to watch for from now on, and how soon it needs help."""

    text: str
    level: Level


@dataclass(frozen=True)
class Program:
    """Either a referral (stage is None) or a staged exercise program.

    ``reasons`` are the decisions the handout prints under "Why this program": for a
    referral, why exercise must wait (each once); for a program, the stage and dose
    choices. ``move_on`` and ``step_back`` come from the same definition as the stage
    selection (rules.py), so they cannot disagree with it.
    """

    answers: Answers
    reasons: tuple[str, ...]
    watch_for: tuple[Watch, ...]
    stage: Stage | None = None
    exercises: tuple[Prescription, ...] = ()
    left_out: tuple[LeftOut, ...] = ()
    move_on: tuple[Criterion, ...] = ()
    step_back: tuple[Criterion, ...] = ()
    step_back_to: tuple[Prescription, ...] = ()  # the stage below's exercises and doses
    step_back_action: str = ""
    cleared_despite: tuple[str, ...] = ()  # what a professional's clearance lifted
    referral_level: Level | None = None
    who_to_see: tuple[str, ...] = ()
    meanwhile: tuple[str, ...] = ()
    removed: tuple[LeftOut, ...] = ()  # left out by the clinician
    reordered: bool = False  # the clinician changed the order
    stage_chosen: bool = False  # the clinician chose this stage

    @property
    def referral(self) -> bool:
        return self.stage is None


def program_json(program: Program, images: Callable[[Prescription], list[str]]) -> dict[str, Any]:
    """The JSON shape of section 5; ``images`` gives an exercise's figure URLs."""
    return {
        "referral": program.referral,
        "referral_level": program.referral_level.value if program.referral_level else None,
        "stage": program.stage.number if program.stage else None,
        "stage_name": program.stage.name if program.stage else None,
        "stage_chosen_by_clinician": program.stage_chosen,
        "reasons": list(program.reasons),
        "who_to_see": list(program.who_to_see),
        "meanwhile": list(program.meanwhile),
        "watch_for": [{"text": w.text, "level": w.level.value} for w in program.watch_for],
        "cleared_despite": list(program.cleared_despite),
        "move_on": [criterion.text for criterion in program.move_on],
        "step_back": [criterion.text for criterion in program.step_back],
        "step_back_to": [
            {"id": item.exercise.id, "name": item.exercise.name, "dose": item.dose.summary()}
            for item in program.step_back_to
        ],
        "removed": [item.id for item in program.removed],
        "exercises": [
            {
                "id": item.exercise.id,
                "name": item.exercise.name,
                "purpose": item.exercise.purpose,
                "steps": list(item.exercise.steps),
                "cues": list(item.exercise.cues),
                "dose": {**asdict(item.dose), "summary": item.dose.summary()},
                "equipment": {
                    "needed": item.exercise.equipment,
                    "substitute": item.exercise.substitute,
                },
                "pain_limit": item.exercise.pain_limit,
                "easier": item.exercise.easier,
                "harder": item.exercise.harder,
                "stage_note": item.stage_note,
                "reason": item.reason,
                "note": item.note,
                "changed": list(item.changed),
                "images": images(item),
            }
            for item in program.exercises
        ],
    }
