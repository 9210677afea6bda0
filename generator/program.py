"""The program a questionnaire leads to: a referral, or a stage with its exercises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from generator.answers import Answers
from generator.catalogue import Exercise, Figure, Level, Prevention, guidance
from generator.i18n import _, ngettext


@dataclass(frozen=True)
class Criterion:
    """One line of "move on when" or "step back when", in patient words. ``answers``
    are the questionnaire answers that meet it (None for a check the questionnaire does
    not ask): re-answering with them must select the next stage, or the one below."""

    text: str
    answers: tuple[tuple[str, object], ...] | None = None


@dataclass(frozen=True)
class Week:
    """One week of a dose that builds up week by week."""

    label: str  # e.g. "Week 1", "From week 3"
    sets: int
    reps: int


@dataclass(frozen=True)
class Dose:
    """What the patient does: sets of reps (or rolls), how often, and how. ``ramp`` caps
    (sets, reps) for weeks 1, 2, ... of a dose that builds up; the full dose follows."""

    reps: int
    sets: int
    per_side: bool
    frequency: str  # as printed, e.g. "every other day"
    schedule: str  # the frequency's key, e.g. "alternate" (guidance.toml [frequencies])
    unit: str = "reps"
    hold_s: int | None = None
    tempo: str | None = None
    note: str | None = None  # may name the reps as {reps}
    ramp: tuple[tuple[int, int], ...] = ()
    # In the language of the moment the dose is made (a program's, as it is built).
    order: str = field(
        default_factory=lambda: _("Each leg: your uninjured leg first, then your injured leg.")
    )

    @property
    def note_text(self) -> str | None:
        return self.note.replace("{reps}", str(self.reps)) if self.note else None

    def amount(self, sets: int | None = None, reps: int | None = None) -> str:
        """E.g. '2 sets of 10 reps each leg, hold 5 seconds'."""
        sets, reps = sets or self.sets, reps or self.reps
        if self.unit == "reps":
            text = ngettext("{sets} set of {reps} reps", "{sets} sets of {reps} reps", sets)
        elif self.unit == "rolls":
            text = ngettext("{sets} set of {reps} rolls", "{sets} sets of {reps} rolls", sets)
        else:
            text = ngettext("{sets} set of {reps} {unit}", "{sets} sets of {reps} {unit}", sets)
        text = text.format(sets=sets, reps=reps, unit=self.unit)
        if self.per_side:
            text = _("{amount} each leg").format(amount=text)
        if self.hold_s:
            text = _("{amount}, hold {seconds} seconds").format(amount=text, seconds=self.hold_s)
        return text

    def weeks(self) -> tuple[Week, ...]:
        """Week by week, for a dose that builds up (empty otherwise)."""
        if not self.ramp:
            return ()
        first = tuple(
            Week(_weeks_label(number, number), min(sets, self.sets), min(reps, self.reps))
            for number, (sets, reps) in enumerate(self.ramp, start=1)
        )
        return (*first, Week(_weeks_label(len(self.ramp) + 1, None), self.sets, self.reps))

    def lines(self) -> tuple[str, ...]:
        """The dose box: the amount (week by week when it builds up), then how often."""
        # Each week as (first week, last week or None for "from the first week on", dose).
        weeks = self.weeks()
        amounts: list[tuple[int, int | None, str]] = [
            (number, number if number < len(weeks) else None, self.amount(week.sets, week.reps))
            for number, week in enumerate(weeks, start=1)
        ]
        # Weeks with the same dose share a line: "Weeks 1 and 2: ...".
        for index in range(len(amounts) - 1, 0, -1):
            (before, _end, dose), (start, end, same) = amounts[index - 1], amounts[index]
            if dose == same and start == end:  # one week, then another: "Weeks 1 and 2"
                amounts[index - 1 : index + 1] = [(before, start, dose)]
            elif dose == same:  # one week, then the weeks from the next on: "From week 1"
                amounts[index - 1 : index + 1] = [(before, None, dose)]
        lines = [f"{_weeks_label(start, end)}: {dose}" for start, end, dose in amounts]
        order = (self.order,) if self.per_side else ()
        frequency = self.frequency[0].upper() + self.frequency[1:]
        return (*(lines or [self.amount()]), frequency, *order)

    def summary(self, first_week: bool = False) -> str:
        """The dose in one line, e.g. '2 sets of 10 reps each leg, hold 5 seconds, every
        day': for a dose that builds up, where it ends, or with ``first_week`` where it
        starts."""
        weeks = self.weeks()
        if first_week and weeks:
            return f"{self.amount(weeks[0].sets, weeks[0].reps)}, {self.frequency}"
        return f"{self.amount()}, {self.frequency}"


def _weeks_label(first: int, last: int | None) -> str:
    """The label of weeks ``first`` to ``last``: "Week 1", "Weeks 1 and 2", or "From week 1"
    when ``last`` is None."""
    if last is None:
        return _("From week {number}").format(number=first)
    if first == last:
        return _("Week {number}").format(number=first)
    return _("Weeks {first} and {last}").format(first=first, last=last)


# The days of each week an exercise is planned, by schedule (guidance.toml [frequencies]):
# the tracking sheet marks them and shows the others as rest. A warm-up is planned on
# every day something else is.
WEEK_DAYS = {
    "daily": (1, 2, 3, 4, 5, 6, 7),
    "alternate": None,  # every other day, counted across the weeks: 1, 3, 5, 7, 9 ...
    "three_a_week": (1, 3, 5),
    "two_a_week": (1, 4),
}
TRACKING_DAYS = 14


def planned_days(schedule: str, days: int = TRACKING_DAYS) -> tuple[bool, ...]:
    """For each day 1..``days``: is the exercise planned that day?"""
    week = WEEK_DAYS.get(schedule)
    if week is None:
        return tuple(day % 2 == 1 for day in range(1, days + 1))
    return tuple((day - 1) % 7 + 1 in week for day in range(1, days + 1))


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
    walking_running: tuple[str, ...] = ()
    expect: tuple[str, ...] = ()  # what to expect: how long, as a guide
    prevention: Prevention | None = None  # stage 3: keep it from coming back ...
    prevention_exercise: Prescription | None = None  # ... with the Nordic exercise

    @property
    def referral(self) -> bool:
        return self.stage is None

    def tracking(self) -> list[tuple[Prescription, tuple[bool, ...]]]:
        """Each exercise with its planned days on the two-week tracking sheet."""
        days = {item.exercise.id: planned_days(item.dose.schedule) for item in self.exercises
                if item.dose.schedule in WEEK_DAYS}  # fmt: skip
        any_day = tuple(map(any, zip(*days.values(), strict=True))) or planned_days("daily")
        return [(item, days.get(item.exercise.id, any_day)) for item in self.exercises]


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
        "plan": _plan(program),
        "walking_running": list(program.walking_running),
        "tracking": [
            {"id": item.exercise.id, "planned_days": [n + 1 for n, on in enumerate(days) if on]}
            for item, days in program.tracking()
        ],
        "what_to_expect": list(program.expect),
        "keep_it_from_coming_back": _prevention(program, images),
        "for_clinician": {
            "left_out": [
                {"id": item.id, "name": item.name, "reason": item.reason}
                for item in program.left_out
            ],
            "evidence": list(guidance().clinician.evidence),
        },
        "exercises": [
            {
                "id": item.exercise.id,
                "name": item.exercise.name,
                "purpose": item.exercise.purpose,
                "steps": list(item.exercise.steps),
                "cues": list(item.exercise.cues),
                "dose": _dose(item.dose),
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


def _dose(dose: Dose) -> dict[str, Any]:
    fields = asdict(dose)
    del fields["ramp"]  # as the weeks it gives
    fields["note"] = dose.note_text
    weeks = [asdict(week) for week in dose.weeks()]
    return {**fields, "weeks": weeks, "summary": dose.summary(), "lines": list(dose.lines())}


def _plan(program: Program) -> dict[str, Any] | None:
    """Your plan at a glance: the stage, the exercises and how often, the pain limit."""
    if program.stage is None:
        return None
    from generator.thresholds import EXERCISE_PAIN_MAX

    return {
        "stage": program.stage.number,
        "name": program.stage.name,
        "exercises": [{"id": item.exercise.id, "name": item.exercise.name,
                       "how_often": item.dose.frequency} for item in program.exercises],
        "pain_limit": EXERCISE_PAIN_MAX,
        "words": dict(guidance().words),
    }  # fmt: skip


def _prevention(
    program: Program, images: Callable[[Prescription], list[str]]
) -> dict[str, Any] | None:
    prevention, item = program.prevention, program.prevention_exercise
    if prevention is None or item is None:
        return None
    exercise = item.exercise
    return {
        "title": prevention.title,
        "why": prevention.why,
        "start_when": prevention.start_when,
        "maintenance": prevention.maintenance,
        "ramp": [asdict(week) for week in prevention.ramp],
        "exercise": {
            "id": exercise.id,
            "name": exercise.name,
            "purpose": exercise.purpose,
            "steps": list(exercise.steps),
            "cues": list(exercise.cues),
            "equipment": {"needed": exercise.equipment, "substitute": exercise.substitute},
            "pain_limit": exercise.pain_limit,
            "easier": exercise.easier,
            "harder": exercise.harder,
            "images": images(item),
        },
    }
