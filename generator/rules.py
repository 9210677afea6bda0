"""The clinical rules of PRODUCT.md section 4: safety gate, stage, exercises and dose.

Every decision comes with the reason the handout prints under "Why this program".
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.answers import Answers, Flag, Grade, Slr, ToeTouch
from generator.catalogue import KIND_ORDER, Exercise, Kind, catalogue, guidance
from generator.program import Dose, LeftOut, Prescription, Program, Stage
from generator.thresholds import (
    GRADE_THREE_STAGE_ONE_PAIN,
    REFER_PAIN,
    STAGE_ONE_PAIN,
    STAGE_THREE_MAX_PAIN,
)

ECCENTRIC = frozenset({"ecc-sl-bridge", "ecc-sliders", "reverse-deadlift"})


@dataclass(frozen=True)
class Rule:
    """When an exercise belongs in a program, and what the handout says either way."""

    stages: tuple[int, ...]
    included: str
    needs: str | None = None  # a condition on the answers, named below in CONDITIONS
    not_needed: str = ""


# Which stages each exercise belongs to (section 4.3) and why it is there, in session order:
# within a kind, the easier exercise comes first.
EXERCISE_RULES: dict[str, Rule] = {
    "foam-roll": Rule((2, 3), "Eases the back of the thigh before you load it."),
    "aslr-band": Rule(
        (2,),
        "Your straight leg raise does not reach vertical yet: this retrains it.",
        needs="slr_limited",
        not_needed="Not needed: your straight leg raise already reaches about vertical.",
    ),
    "toe-touch": Rule(
        (2,),
        "You cannot touch your toes yet: this brings the reach back.",
        needs="toe_no",
        not_needed="Not needed: you can already touch your toes.",
    ),
    "supine-iso": Rule((1, 2), "A hold that works the hamstring without moving the sore area."),
    "prone-iso": Rule((1,), "A second hold, at a different knee angle, still without movement."),
    "hip-hinge": Rule((1, 2), "Teaches the bend the loaded exercises need, with no weight."),
    "straight-leg-bridge": Rule((2, 3), "Works the hamstring with the knee straight."),
    "ecc-sl-bridge": Rule((2, 3), "Trains one leg to control the lowering of your hips."),
    "ecc-sliders": Rule((3,), "Loads both hamstrings as they lengthen under control."),
    "reverse-deadlift": Rule(
        (3,), "Loads the hamstring as it lengthens, with the hinge you have practised."
    ),
}

CONDITIONS = {
    "slr_limited": lambda answers: answers.slr is Slr.LIMITED,
    "toe_no": lambda answers: answers.toe is ToeTouch.NO,
}


def safety_gate(answers: Answers) -> tuple[str, ...]:
    """Reasons to refer instead of prescribing (section 4.1); empty when exercise may start.

    ``cleared`` lifts grade 3 and the warning signs, never pain of 7 or more.
    """
    reasons = []
    if answers.pain >= REFER_PAIN:
        reasons.append(
            f"Your pain with everyday movement is {answers.pain}/10. At {REFER_PAIN} or more, "
            "exercise waits until a professional has examined the leg"
            + (", even if exercise was cleared before." if answers.cleared else ".")
        )
    if answers.grade is Grade.THREE and not answers.cleared:
        reasons.append(
            "A grade 3 strain is a severe or complete tear. It needs a professional's "
            "examination and clearance before any exercise."
        )
    if not answers.cleared:
        signs = guidance().flags
        reasons.extend(
            f"Warning sign: {signs[flag.value]} This needs a professional's examination first."
            for flag in Flag
            if flag in answers.flags
        )
    return tuple(reasons)


def select_stage(answers: Answers) -> tuple[int, str]:
    """The stage of section 4.2 and why. Call only for answers that pass the safety gate."""
    pain = answers.pain
    if STAGE_ONE_PAIN <= pain < REFER_PAIN:
        return 1, (
            f"Stage 1 because pain is {pain}/10: gentle holds come first while it settles "
            f"(stage 1 is for pain of {STAGE_ONE_PAIN} to {REFER_PAIN - 1})."
        )
    if answers.grade is Grade.THREE and pain >= GRADE_THREE_STAGE_ONE_PAIN:
        return 1, (
            f"Stage 1 because a cleared grade 3 strain with pain of {pain}/10 starts with "
            "the gentlest stage."
        )
    limits = []
    if answers.slr is Slr.LIMITED:
        limits.append("your straight leg raise does not reach vertical yet")
    if answers.toe is ToeTouch.NO:
        limits.append("you cannot touch your toes yet")
    if pain > STAGE_THREE_MAX_PAIN:
        limits.append(
            f"pain of {pain}/10 is too high for eccentric loading "
            f"(that needs {STAGE_THREE_MAX_PAIN} or less)"
        )
    if limits:
        listed = ", ".join(limits[:-1]) + " and " + limits[-1] if len(limits) > 1 else limits[0]
        return 2, f"Stage 2 because {listed}."
    return 3, (
        f"Stage 3 because pain is {pain}/10, your straight leg raise reaches vertical and you "
        "can touch your toes: you are ready for eccentric loading."
    )


def dose_reason(answers: Answers) -> str:
    """Why the doses start where they do (section 4.2: grade sets the starting point)."""
    if answers.grade is Grade.ONE:
        return "Grade 1 (mild) strain: where a dose is a range, you start at the upper end."
    if answers.grade is Grade.UNKNOWN:
        return (
            "The grade is not known, so it is treated as grade 2: where a dose is a range, "
            "you start at the lower end."
        )
    return (
        f"Grade {answers.grade.value} strain: where a dose is a range, you start at the lower end."
    )


def dose_for(exercise: Exercise, stage: int, answers: Answers) -> Dose:
    """The starting dose: reps and hold from the catalogue range by grade, sets and
    frequency from the stage (warm-up once per session, loading on its own days)."""
    upper = answers.grade is Grade.ONE
    stage_text = guidance().stages[stage]
    if exercise.kind is Kind.WARM_UP:
        sets, schedule = 1, guidance().safety.warm_up_frequency
    elif exercise.kind is Kind.LOADING:
        sets, schedule = stage_text.sets, stage_text.loading_frequency
    else:
        sets, schedule = stage_text.sets, stage_text.frequency
    hold = exercise.dose.hold_s
    return Dose(
        reps=exercise.dose.reps[1 if upper else 0],
        sets=sets,
        per_side=exercise.dose.per_side,
        frequency=guidance().frequencies[schedule],
        schedule=schedule,
        unit=exercise.dose.unit,
        hold_s=hold[1 if upper else 0] if hold else None,
        tempo=exercise.dose.tempo,
        note=exercise.dose.note,
    )


def _left_out_reason(exercise_id: str, rule: Rule, stage: int) -> str:
    if stage in rule.stages:
        return rule.not_needed
    first, last = min(rule.stages), max(rule.stages)
    if stage < first:
        if exercise_id in ECCENTRIC and stage == 1:
            return f"Starts in stage {first}: no eccentric loading while pain is this high."
        return f"Starts in stage {first}."
    return f"Done in stage {last}; the exercises here build on it."


def select_exercises(
    answers: Answers, stage: int
) -> tuple[tuple[Prescription, ...], tuple[LeftOut, ...]]:
    """The stage's exercises, warm-up first and loaded work last, with each one's reason;
    and the catalogue's other exercises with the reason each is left out."""
    chosen: list[Prescription] = []
    left_out: list[LeftOut] = []
    for exercise in catalogue().values():
        rule = EXERCISE_RULES[exercise.id]
        wanted = stage in rule.stages and (rule.needs is None or CONDITIONS[rule.needs](answers))
        if not wanted:
            reason = _left_out_reason(exercise.id, rule, stage)
            left_out.append(LeftOut(exercise.name, reason, exercise.id))
            continue
        chosen.append(
            Prescription(
                exercise=exercise,
                dose=dose_for(exercise, stage, answers),
                reason=rule.included,
                figures=exercise.figures_for(stage),
                stage_note=exercise.stage_notes.get(stage),
            )
        )
    session_order = list(EXERCISE_RULES)
    chosen.sort(
        key=lambda item: (
            KIND_ORDER.index(item.exercise.kind),
            session_order.index(item.exercise.id),
        )
    )
    return tuple(chosen), tuple(left_out)


def warning_signs() -> tuple[str, ...]:
    """The signs that mean "see a professional", printed on every handout."""
    signs = guidance().flags
    return (
        *(signs[flag.value] for flag in Flag),
        f"Pain of {REFER_PAIN}/10 or more with everyday movement such as walking.",
    )


def build_program(answers: Answers) -> Program:
    """The whole decision: a referral when the safety gate says so, otherwise a stage with
    its exercises, reasons, progress and step-back criteria, and the warning signs."""
    text = guidance()
    refer = safety_gate(answers)
    if refer:
        return Program(
            answers=answers,
            reasons=refer,
            warning_signs=warning_signs(),
            meanwhile=text.referral.meanwhile,
            who_to_see=text.referral.who_to_see,
        )
    number, stage_reason = select_stage(answers)
    reasons = [stage_reason, dose_reason(answers)]
    lifted = [
        label
        for label, present in (
            ("the grade 3 strain", answers.grade is Grade.THREE),
            ("the warning signs ticked", bool(answers.flags)),
        )
        if present
    ]
    if answers.cleared and lifted:
        reasons.insert(
            0,
            "A doctor or physiotherapist has examined the injury and cleared exercise, "
            f"so exercise can start despite {' and '.join(lifted)}.",
        )
    exercises, left_out = select_exercises(answers, number)
    stage_text = text.stages[number]
    return Program(
        answers=answers,
        reasons=tuple(reasons),
        warning_signs=warning_signs(),
        stage=Stage(number, stage_text.name, stage_text.purpose),
        exercises=exercises,
        left_out=left_out,
        progress=stage_text.progress,
        step_back=text.safety.step_back,
    )


@dataclass(frozen=True)
class EditBounds:
    """How far a clinician may change an exercise's dose at a stage (inclusive ranges)."""

    sets: tuple[int, int]
    reps: tuple[int, int]
    hold_s: tuple[int, int] | None
    schedules: tuple[str, ...]


# Sets and frequencies that stay safe for each stage: loaded work never daily (the tissue
# needs a day between loading sessions), never more than the stage's volume plus one set.
STAGE_SETS = {1: (1, 2), 2: (1, 3), 3: (1, 4)}
STAGE_SCHEDULES = {
    1: ("daily", "alternate"),
    2: ("daily", "alternate", "three_a_week"),
    3: ("alternate", "three_a_week", "two_a_week"),
}
LOADING_SCHEDULES = ("alternate", "three_a_week", "two_a_week")
WARM_UP_SCHEDULES = ("before_session", "daily")


def edit_bounds(exercise: Exercise, stage: int) -> EditBounds:
    """The limits of the clinician's edits for this exercise at this stage: reps from half
    the catalogue's lower end up to its upper end, holds likewise, never above the
    article's dose."""
    low, high = exercise.dose.reps
    hold = exercise.dose.hold_s
    if exercise.kind is Kind.WARM_UP:
        schedules, sets = WARM_UP_SCHEDULES, (1, 2)
    elif exercise.kind is Kind.LOADING:
        schedules = tuple(s for s in STAGE_SCHEDULES[stage] if s in LOADING_SCHEDULES)
        sets = STAGE_SETS[stage]
    else:
        schedules, sets = STAGE_SCHEDULES[stage], STAGE_SETS[stage]
    return EditBounds(
        sets=sets,
        reps=(max(1, low // 2), high),
        hold_s=(max(1, hold[0] // 2), hold[1]) if hold else None,
        schedules=schedules,
    )
