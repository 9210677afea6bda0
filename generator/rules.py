"""The clinical rules of PRODUCT.md section 4: safety gate, stage, exercises and dose.

Every decision comes with the reason the handout prints under "Why this program".
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.answers import Answers, Flag, Grade, Slr, ToeTouch
from generator.catalogue import KIND_ORDER, Exercise, Kind, Level, catalogue, guidance
from generator.i18n import _, lazy_gettext, ngettext
from generator.program import Criterion, Dose, LeftOut, Prescription, Program, Stage, Watch
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
    included: str  # lazy_gettext: str() it into a program, in the language of the build
    needs: str | None = None  # a condition on the answers, named below in CONDITIONS
    not_needed: str = ""


# Which stages each exercise belongs to (section 4.3) and why it is there, in session order:
# within a kind, the easier exercise comes first.
EXERCISE_RULES: dict[str, Rule] = {
    "foam-roll": Rule((2, 3), lazy_gettext("Eases the back of the thigh before you load it.")),
    "aslr-band": Rule(
        (2,),
        lazy_gettext(
            "Your injured leg does not lift as high as the other yet: this helps it lift higher."
        ),
        needs="slr_limited",
        not_needed=lazy_gettext("Not needed: your injured leg already lifts as high as the other."),
    ),
    "toe-touch": Rule(
        (2,),
        lazy_gettext("You cannot touch your toes yet: this brings the reach back."),
        needs="toe_no",
        not_needed=lazy_gettext("Not needed: you can already touch your toes."),
    ),
    "supine-iso": Rule(
        (1, 2), lazy_gettext("A hold that works the hamstring without moving the sore area.")
    ),
    "prone-iso": Rule(
        (1,), lazy_gettext("A second hold, at a different knee angle, still without movement.")
    ),
    "hip-hinge": Rule(
        (1, 2), lazy_gettext("Teaches the bend the loaded exercises need, with no weight.")
    ),
    "straight-leg-bridge": Rule(
        (2, 3), lazy_gettext("Works the hamstring with the knee straight.")
    ),
    "ecc-sl-bridge": Rule(
        (2, 3), lazy_gettext("Trains one leg to control the lowering of your hips.")
    ),
    "ecc-sliders": Rule(
        (3,), lazy_gettext("Loads both hamstrings as they lengthen under control.")
    ),
    "reverse-deadlift": Rule(
        (3,), lazy_gettext("Loads the hamstring as it lengthens, with a bend at the hips.")
    ),
    # In no stage's list: printed on stage 3 under "Keep it from coming back".
    "nordic": Rule(
        (), lazy_gettext("Helps keep the strain from coming back, once stage 3 is easy.")
    ),
}

# Loaded work new in a stage builds up week by week instead of starting at the full dose
# (PRODUCT.md 4.3, after Askling et al. 2013 and the Nordic ramp): (sets, reps) at most
# in week 1, then week 2, by stage; the full dose from week 3. Week 1 starts at 6 reps,
# or 8 after a grade 1 strain. Loaded work the stage below also has (the bridges in
# stage 3) keeps that stage's full dose for two weeks instead, then adds the set, so no
# dose drops when the patient moves up.
RAMPS = {2: ((2, 6), (2, 10)), 3: ((2, 6), (3, 8))}
GRADE_ONE_FIRST_WEEK_REPS = 8

CONDITIONS = {
    "slr_limited": lambda answers: answers.slr is Slr.LIMITED,
    "toe_no": lambda answers: answers.toe is ToeTouch.NO,
}


@dataclass(frozen=True)
class Reason:
    """A reason to see a professional before exercising: how soon, who (a key of the
    guidance's [who]), and the sentence the referral prints."""

    level: Level
    who: str
    text: str


def referral_reasons(
    grade: Grade, pain: int, flags: frozenset[Flag], cleared: bool
) -> tuple[Reason, ...]:
    """The safety gate of section 4.1: the reasons to refer, empty when exercise may
    start. "Today" reasons (pain of REFER_PAIN or more, ``weight``, ``calf``) hold
    whatever a professional said before; "soon" reasons (grade 3, the other signs) are
    lifted by ``cleared``. Needs no movement test, so nobody with a warning sign has to
    test the leg."""
    reasons = []
    if pain >= REFER_PAIN:
        text = (
            _("Your pain with walking is {pain}/10. At {refer} or more, a doctor should check "
              "the leg before you exercise, even though you were cleared before.")
            if cleared
            else _("Your pain with walking is {pain}/10. At {refer} or more, a doctor should "
                   "check the leg before you exercise.")
        )  # fmt: skip
        reasons.append(Reason(Level.TODAY, "today", text.format(pain=pain, refer=REFER_PAIN)))
    signs = guidance().signs
    for flag in Flag:
        sign = signs[flag.value]
        if flag in flags and (sign.level is Level.TODAY or not cleared):
            warning = _("Warning sign: {sign}").format(sign=sign.label)
            reasons.append(Reason(sign.level, sign.who, warning))
    if grade is Grade.THREE and not cleared:
        reasons.append(Reason(Level.SOON, "tear", _(
            "A grade 3 strain is a severe or complete tear. A doctor or physiotherapist "
            "should check it before any exercise."
        )))  # fmt: skip
    return tuple(reasons)


def safety_gate(answers: Answers) -> tuple[Reason, ...]:
    return referral_reasons(answers.grade, answers.pain, answers.flags, answers.cleared)


def stage_one_pain(grade: Grade) -> int:
    """The walking pain from which stage 1 is chosen (a cleared grade 3 starts lower)."""
    return GRADE_THREE_STAGE_ONE_PAIN if grade is Grade.THREE else STAGE_ONE_PAIN


def select_stage(answers: Answers) -> tuple[int, str]:
    """The stage of section 4.2 and why. Call only for answers that pass the safety gate.
    A cleared grade 3 never reaches stage 3 from the answers alone: only by the
    clinician's choice."""
    pain, low = answers.pain, stage_one_pain(answers.grade)
    if pain >= low:
        if answers.grade is Grade.THREE:
            return 1, _(
                "You start at stage 1. After a cleared grade 3 tear with walking pain of "
                "{pain}/10, the gentlest stage comes first, until the pain is {below}/10 or less."
            ).format(pain=pain, below=low - 1)
        return 1, _(
            "You start at stage 1 because walking pain is {pain}/10. Gentle holds come "
            "first while it settles. Stage 1 is for walking pain of {low} to {high}."
        ).format(pain=pain, low=low, high=REFER_PAIN - 1)
    limits = []
    if answers.slr is Slr.LIMITED:
        limits.append(_("Your injured leg does not lift as high as the other yet."))
    if answers.toe is ToeTouch.NO:
        limits.append(_("You cannot reach your toes yet."))
    if pain > STAGE_THREE_MAX_PAIN:
        limits.append(
            _(
                "Walking pain is {pain}/10. The harder exercises of stage 3 wait until it is "
                "{most}/10 or less."
            ).format(pain=pain, most=STAGE_THREE_MAX_PAIN)
        )
    if answers.grade is Grade.THREE:
        limits.append(_("After a grade 3 tear, your clinician decides when stage 3 starts."))
    if limits:
        return 2, " ".join((_("You start at stage 2."), *limits))
    return 3, _(
        "You start at stage 3. Walking pain is {pain}/10, your injured leg lifts as high as "
        "the other, and you reach your toes. You are ready for slow lowering work."
    ).format(pain=pain)


def move_on(answers: Answers, stage: int) -> tuple[Criterion, ...]:
    """What must be true before the next stage: the answers that select it, and the
    stage's checks the questionnaire does not ask (section 4.2)."""
    checks = tuple(Criterion(text) for text in guidance().stages[stage].checks)
    if stage == 1:
        below = stage_one_pain(answers.grade) - 1
        return (
            Criterion(
                _("Pain with walking is {most}/10 or less.").format(most=below), (("pain", below),)
            ),
            *checks,
        )
    if stage == 2:
        if answers.grade is Grade.THREE:
            return (*checks, Criterion(_("Then ask your clinician whether to start stage 3.")))
        return (
            Criterion(
                _("Pain with walking is {most}/10 or less.").format(most=STAGE_THREE_MAX_PAIN),
                (("pain", STAGE_THREE_MAX_PAIN),),
            ),
            Criterion(
                _("Your injured leg lifts about as high as the other."), (("slr", Slr.FULL),)
            ),
            Criterion(
                _("You reach your toes, or as far as before the injury."), (("toe", ToeTouch.YES),)
            ),
            *checks,
        )
    return checks


def step_back(answers: Answers, stage: int) -> tuple[Criterion, ...]:
    """When to go back to the stage below (or, from stage 1, to rest and a professional):
    pain during exercise, pain at the injury the next morning, and walking pain that
    rises into the range of the stage below (section 4.2)."""
    texts = tuple(Criterion(text) for text in guidance().safety.step_back)
    if stage == 1:
        walking = REFER_PAIN
    elif stage == 2:
        walking = stage_one_pain(answers.grade)
    else:
        walking = STAGE_THREE_MAX_PAIN + 1
    if stage == 1:  # past stage 1 there is no stage below: it is a referral
        walking_text = _(
            "Pain with walking rises to {least}/10 or more. Then stop the exercises and "
            "get medical help today."
        ).format(least=walking)
    else:
        walking_text = _("Pain with walking rises to {least}/10 or more.").format(least=walking)
    return (*texts, Criterion(walking_text, (("pain", walking),)))


def dose_reason(answers: Answers) -> str:
    """Why the doses start where they do (section 4.2: grade sets the starting point)."""
    if answers.grade is Grade.ONE:
        return _("Grade 1 (mild) strain, so your doses start at the higher end.")
    if answers.grade is Grade.UNKNOWN:
        return _(
            "The grade is not known, so your doses start at the lower end, as for a moderate "
            "(grade 2) strain."
        )
    if answers.grade is Grade.TWO:
        return _("Grade 2 (moderate) strain, so your doses start at the lower end.")
    return _("Grade 3 (severe) strain, so your doses start at the lower end.")


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
    ramp: tuple[tuple[int, int], ...] = ()
    if exercise.kind is Kind.LOADING and stage in RAMPS:
        below = guidance().stages[stage - 1]
        same = exercise.stage_notes.get(stage) == exercise.stage_notes.get(stage - 1)
        if stage - 1 in EXERCISE_RULES[exercise.id].stages and same:
            # Carried over as it was: the stage below's sets of the full reps, then this
            # stage's. (The straight-leg bridge moves its roller in stage 3: new work.)
            ramp = ((below.sets, exercise.dose.reps[1]),) * 2
        else:
            (first_sets, first_reps), *rest = RAMPS[stage]
            ramp = ((first_sets, GRADE_ONE_FIRST_WEEK_REPS if upper else first_reps), *rest)
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
        ramp=ramp,
        **({"order": exercise.dose.order} if exercise.dose.order else {}),
    )


def _left_out_reason(exercise_id: str, rule: Rule, stage: int) -> str:
    if stage in rule.stages:
        return str(rule.not_needed)
    first = min(rule.stages)
    if stage < first:
        if exercise_id in ECCENTRIC and stage == 1:
            return _("Starts in stage {first} (stage 1 has no slow lowering work).").format(
                first=first
            )
        return _("Starts in stage {first}.").format(first=first)
    stages = str(rule.stages[0])
    for number in rule.stages[1:]:  # "2 and 3"
        stages = _("{first} and {second}").format(first=stages, second=number)
    return ngettext("Used in stage {stages}.", "Used in stages {stages}.", len(rule.stages)).format(
        stages=stages
    )


def select_exercises(
    answers: Answers, stage: int
) -> tuple[tuple[Prescription, ...], tuple[LeftOut, ...]]:
    """The stage's exercises, warm-up first and loaded work last, with each one's reason;
    and the catalogue's other exercises with the reason each is left out."""
    chosen: list[Prescription] = []
    left_out: list[LeftOut] = []
    for exercise in catalogue().values():
        rule = EXERCISE_RULES[exercise.id]
        if not rule.stages:
            continue
        wanted = stage in rule.stages and (rule.needs is None or CONDITIONS[rule.needs](answers))
        if not wanted:
            reason = _left_out_reason(exercise.id, rule, stage)
            left_out.append(LeftOut(exercise.name, reason, exercise.id))
            continue
        chosen.append(
            Prescription(
                exercise=exercise,
                dose=dose_for(exercise, stage, answers),
                reason=str(rule.included),
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


def watch_for() -> tuple[Watch, ...]:
    """The events to watch for from now on (section 4.1), in the present tense, with how
    soon each needs help; printed on every handout."""
    signs = guidance().signs
    events = [Watch(signs[flag.value].watch, signs[flag.value].level) for flag in Flag]
    events.insert(0, Watch(guidance().referral.pain_watch, Level.TODAY))
    events.append(Watch(guidance().referral.emergency, Level.TODAY))
    return tuple(sorted(events, key=lambda event: event.level is not Level.TODAY))


# A more specific kind says all a general one would: a blood clot check is a same-day
# visit, and a tear or a nerve check is a booked visit.
COVERED_BY = {"today": ("clot",), "check": ("tear", "nerve")}


def who_to_see(reasons: tuple[Reason, ...]) -> tuple[str, ...]:
    """Who to see and how soon, once for each kind the reasons call for, today first."""
    kinds = {r.who for r in reasons}
    kinds -= {kind for kind, specific in COVERED_BY.items() if kinds & set(specific)}
    order = ("clot", "today", "tear", "nerve", "check")
    return tuple(guidance().who[kind] for kind in order if kind in kinds)


def cleared_despite(answers: Answers) -> tuple[str, ...]:
    """What a professional's clearance lifted: the grade 3 tear and the "soon" signs."""
    if not answers.cleared:
        return ()
    signs = guidance().signs
    lifted = [signs[flag.value].label for flag in Flag
              if flag in answers.flags and signs[flag.value].level is Level.SOON]  # fmt: skip
    if answers.grade is Grade.THREE:
        lifted.insert(0, _("A grade 3 (severe) strain."))
    return tuple(lifted)


def stage_choices(answers: Answers) -> tuple[int, ...]:
    """The stages a clinician may choose for these answers (section 4.5): any stage at or
    below the selected one, and stage 3 for a cleared grade 3 that meets stage 3's
    answers. None for a referral: a choice never passes the safety gate."""
    if safety_gate(answers):
        return ()
    selected = select_stage(answers)[0]
    meets_stage_three = (
        answers.pain <= STAGE_THREE_MAX_PAIN
        and answers.slr is Slr.FULL
        and answers.toe is ToeTouch.YES
    )
    top = 3 if answers.grade is Grade.THREE and meets_stage_three else selected
    return tuple(range(1, top + 1))


def build_program(answers: Answers, stage: int | None = None) -> Program:
    """The whole decision: a referral when the safety gate says so, otherwise a stage with
    its exercises, reasons, move-on and step-back criteria, and the events to watch for.
    ``stage`` is the clinician's choice, one of ``stage_choices(answers)``."""
    text = guidance()
    refer = safety_gate(answers)
    if refer:
        level = Level.TODAY if any(r.level is Level.TODAY for r in refer) else Level.SOON
        # Someone sent to a doctor today needs no list; someone booking a visit in the
        # next few days needs the signs that would make it today.
        before_visit = () if level is Level.TODAY else tuple(
            event for event in watch_for() if event.level is Level.TODAY
        )  # fmt: skip
        return Program(
            answers=answers,
            reasons=tuple(r.text for r in sorted(refer, key=lambda r: r.level is not Level.TODAY)),
            watch_for=before_visit,
            referral_level=level,
            who_to_see=who_to_see(refer),
            meanwhile=text.referral.meanwhile
            if level is Level.SOON
            else text.referral.meanwhile_today,
        )
    number, stage_reason = select_stage(answers)
    if stage is not None and stage != number:
        if stage not in stage_choices(answers):
            raise ValueError(f"stage {stage} is not a choice for these answers")
        stage_reason = _(
            "Stage {stage}, chosen by your clinician (your answers point to stage {number})."
        ).format(stage=stage, number=number)
        number = stage
    reasons = (stage_reason, dose_reason(answers))
    exercises, left_out = select_exercises(answers, number)
    stage_text = text.stages[number]
    below = select_exercises(answers, number - 1)[0] if number > 1 else ()
    expect = text.expect
    nordic = catalogue()["nordic"]
    return Program(
        answers=answers,
        reasons=reasons,
        watch_for=watch_for(),
        stage=Stage(number, stage_text.name, stage_text.purpose),
        exercises=exercises,
        left_out=left_out,
        move_on=move_on(answers, number),
        step_back=step_back(answers, number),
        step_back_to=below,
        step_back_action=(
            text.safety.step_back_first_stage
            if not below
            else text.safety.step_back_action_grade_three
            if answers.grade is Grade.THREE
            else text.safety.step_back_action
        ),
        cleared_despite=cleared_despite(answers),
        stage_chosen=stage is not None and stage == number and number != select_stage(answers)[0],
        walking_running=stage_text.walking_running_grade_three
        if answers.grade is Grade.THREE and stage_text.walking_running_grade_three
        else stage_text.walking_running,
        expect=(expect.intro, expect.grade[answers.grade.value], expect.criteria),
        prevention=text.prevention if number == 3 else None,
        prevention_exercise=Prescription(
            exercise=nordic,
            dose=dose_for(nordic, number, answers),
            reason=str(EXERCISE_RULES["nordic"].included),
            figures=nordic.figures_for(number),
        )
        if number == 3
        else None,
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
