"""The exercise catalogue and the handout texts, loaded from the TOML files in data/.

The texts and doses are data a clinician may read and edit; the selection logic that
uses them lives in rules.py.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any


class Kind(StrEnum):
    """What an exercise does in a session; it sets the order and the frequency."""

    WARM_UP = "warm-up"
    MOBILITY = "mobility"
    ISOMETRIC = "isometric"
    PATTERN = "pattern"
    LOADING = "loading"


# Warm-up first, loaded work last.
KIND_ORDER = (Kind.WARM_UP, Kind.MOBILITY, Kind.ISOMETRIC, Kind.PATTERN, Kind.LOADING)


@dataclass(frozen=True)
class DoseRange:
    """The catalogue's dose: ranges from which the grade picks the starting point."""

    reps: tuple[int, int]
    per_side: bool
    unit: str = "reps"
    hold_s: tuple[int, int] | None = None
    tempo: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Figure:
    position: str
    alt: str
    stages: tuple[int, ...] = (1, 2, 3)


@dataclass(frozen=True)
class Exercise:
    id: str
    code: str  # two capital letters naming the exercise in a share link
    name: str
    purpose: str
    kind: Kind
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    dose: DoseRange
    equipment: str
    substitute: str
    pain_limit: int
    easier: str
    harder: str
    figures: tuple[Figure, ...]
    stage_notes: dict[int, str]

    def figures_for(self, stage: int) -> tuple[Figure, ...]:
        """The key positions shown at this stage."""
        return tuple(figure for figure in self.figures if stage in figure.stages)


def _pair(value: list[int] | None) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def _exercise(entry: dict[str, Any]) -> Exercise:
    dose = entry["dose"]
    return Exercise(
        id=entry["id"],
        code=entry["code"],
        name=entry["name"],
        purpose=entry["purpose"],
        kind=Kind(entry["kind"]),
        steps=tuple(entry["steps"]),
        cues=tuple(entry["cues"]),
        dose=DoseRange(
            reps=_pair(dose["reps"]) or (0, 0),
            per_side=bool(dose["per_side"]),
            unit=dose.get("unit", "reps"),
            hold_s=_pair(dose.get("hold_s")),
            tempo=dose.get("tempo"),
            note=dose.get("note"),
        ),
        equipment=entry["equipment"],
        substitute=entry.get("substitute", ""),
        pain_limit=int(entry["pain_limit"]),
        easier=entry["easier"],
        harder=entry["harder"],
        figures=tuple(
            Figure(f["position"], f["alt"], tuple(f.get("stages", (1, 2, 3))))
            for f in entry["figures"]
        ),
        stage_notes={int(stage): note for stage, note in entry.get("stage_notes", {}).items()},
    )


def _load(name: str) -> dict[str, Any]:
    with resources.files("generator").joinpath("data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def catalogue() -> dict[str, Exercise]:
    """Every exercise by id, in the catalogue's order."""
    exercises = {entry["id"]: _exercise(entry) for entry in _load("exercises.toml")["exercise"]}
    codes = [exercise.code for exercise in exercises.values()]
    if len(set(codes)) != len(codes) or not all(re.fullmatch("[A-Z]{2}", c) for c in codes):
        raise ValueError("exercises.toml: each exercise needs its own two-capital-letter code")
    return exercises


@cache
def guidance() -> dict[str, Any]:
    """Stage, pain-rule, warning-sign and referral texts (data/guidance.toml)."""
    return _load("guidance.toml")
