"""The clinical rules of PRODUCT.md section 4, over the whole answer space."""

from __future__ import annotations

import itertools
from dataclasses import replace
from functools import cache

import pytest

from generator.answers import QUESTIONS, Answers, Flag, Grade, Side, Slr, ToeTouch, parse_answers
from generator.catalogue import KIND_ORDER, catalogue
from generator.program import Program
from generator.rules import (
    EXERCISE_RULES,
    build_program,
    safety_gate,
    select_stage,
    stage_choices,
)

ECCENTRIC = {"ecc-sl-bridge", "ecc-sliders", "reverse-deadlift"}
STAGE_OF = {exercise_id: rule.stages for exercise_id, rule in EXERCISE_RULES.items()}
FLAG_SUBSETS = [
    frozenset(combo)
    for size in range(len(Flag) + 1)
    for combo in itertools.combinations(Flag, size)
]
ALL_ANSWERS = [
    Answers(grade, pain, slr, toe, side, flags, cleared)
    for grade in Grade
    for pain in range(11)
    for slr in Slr
    for toe in ToeTouch
    for side in Side
    for flags in FLAG_SUBSETS
    for cleared in (False, True)
]
ANY_VALID = {"grade": "2", "pain": "3", "slr": "full", "toe": "yes", "side": "left"}
# Section 4.3, written out again here so a wrong table in rules.py is caught.
STAGE_EXERCISES = {
    1: {"supine-iso", "prone-iso", "hip-hinge"},
    2: {"aslr-band", "toe-touch", "foam-roll", "supine-iso", "ecc-sl-bridge",
        "straight-leg-bridge", "hip-hinge"},
    3: {"foam-roll", "ecc-sl-bridge", "straight-leg-bridge", "ecc-sliders", "reverse-deadlift"},
}  # fmt: skip


TODAY_SIGNS = {Flag.WEIGHT, Flag.CALF}


def expected_level(a: Answers) -> str | None:
    """Section 4.1, as the spec states it: "today" whatever was cleared, "soon" unless
    cleared, or None for a program."""
    if a.pain >= 7 or a.flags & TODAY_SIGNS:
        return "today"
    if not a.cleared and (a.grade is Grade.THREE or a.flags - TODAY_SIGNS):
        return "soon"
    return None


def expected_stage(a: Answers) -> int:
    """Section 4.2's table, as the spec states it (a cleared grade 3 reaches stage 3 only
    by the clinician's choice)."""
    if 4 <= a.pain <= 6 or (a.grade is Grade.THREE and a.pain >= 3):
        return 1
    if a.pain <= 2 and a.slr is Slr.FULL and a.toe is ToeTouch.YES and a.grade is not Grade.THREE:
        return 3
    return 2


def expected_exercises(a: Answers, stage: int) -> set[str]:
    wanted = set(STAGE_EXERCISES[stage])
    if a.slr is Slr.FULL:
        wanted.discard("aslr-band")
    if a.toe is ToeTouch.YES:
        wanted.discard("toe-touch")
    return wanted


def test_the_enumeration_holds_every_answer_the_questionnaire_accepts_once():
    """Every option the form offers for each question, every subset of the warning signs
    and both states of "cleared" are in ALL_ANSWERS, each combination once: a question
    that gains an option fails here until the tests above cover it."""
    for name, question in QUESTIONS.items():
        offered = {value for value, _ in question.options}
        assert all(parse_answers({**ANY_VALID, name: value}).ok for value in offered), name
        enumerated = {
            str(getattr(a, name).value if name != "pain" else a.pain) for a in ALL_ANSWERS
        }
        assert enumerated == offered, name
    assert {a.flags for a in ALL_ANSWERS} == set(FLAG_SUBSETS)
    assert {parse_answers({**ANY_VALID, "flags": list(s)}).answers.flags for s in FLAG_SUBSETS} == {
        a.flags for a in ALL_ANSWERS
    }
    assert {a.cleared for a in ALL_ANSWERS} == {False, True}
    assert len(set(ALL_ANSWERS)) == len(ALL_ANSWERS)


def test_every_combination_obeys_section_4():
    checked = 0
    for answers, program in built():
        level = expected_level(answers)
        assert program.referral == (level is not None), answers
        assert program.reasons, answers
        assert all(reason.strip() for reason in program.reasons), answers
        assert len(set(program.reasons)) == len(program.reasons), answers  # each once
        if program.referral:
            if level == "today":
                assert program.watch_for == (), answers
            else:
                assert {event.level.value for event in program.watch_for} == {"today"}
            assert program.referral_level.value == level, answers
            assert program.exercises == ()
            assert program.meanwhile
            assert program.who_to_see
            assert any(line.startswith("Today") for line in program.who_to_see) == (
                level == "today"
            ), answers
            continue
        assert {event.level.value for event in program.watch_for} == {"today", "soon"}
        lifted = answers.cleared and (answers.grade is Grade.THREE or bool(answers.flags))
        assert bool(program.cleared_despite) == lifted, answers
        assert program.stage.number == expected_stage(answers), answers
        ids = [item.exercise.id for item in program.exercises]
        assert set(ids) == expected_exercises(answers, program.stage.number), answers
        if program.stage.number == 1:
            assert not ECCENTRIC & set(ids), answers
        assert ("aslr-band" in ids) <= (answers.slr is Slr.LIMITED)
        assert ("toe-touch" in ids) <= (answers.toe is ToeTouch.NO)
        kinds = [KIND_ORDER.index(item.exercise.kind) for item in program.exercises]
        assert kinds == sorted(kinds), answers
        for item in program.exercises:
            assert item.reason.strip()
            assert item.figures, item.exercise.id
            assert item.dose.reps > 0
            assert item.dose.sets > 0
            assert item.dose.frequency
        # The Nordic exercise is in no stage: stage 3 prints it to keep the strain away.
        assert {left.name for left in program.left_out} == {
            exercise.name
            for exercise in catalogue().values()
            if exercise.id not in ids and exercise.id != "nordic"
        }
        nordic = program.prevention_exercise
        assert (nordic and nordic.exercise.id) == ("nordic" if program.stage.number == 3 else None)
        assert all(left.reason.strip() for left in program.left_out)
        assert program.move_on
        assert program.step_back
        assert bool(program.step_back_to) == (program.stage.number > 1)
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("exercise_id", list(catalogue()))
def test_every_exercise_in_the_catalogue_is_complete(exercise_id):
    exercise = catalogue()[exercise_id]
    for text in (exercise.name, exercise.purpose, exercise.equipment, exercise.easier,
                 exercise.harder):  # fmt: skip
        assert text.strip()
    assert 3 <= len(exercise.steps) <= 6
    assert 2 <= len(exercise.cues) <= 4
    assert all(step.strip() for step in exercise.steps)
    assert exercise.dose.reps[0] <= exercise.dose.reps[1]
    assert exercise.pain_limit == 3
    assert exercise.figures
    assert all(figure.alt.strip() for figure in exercise.figures)


def test_catalogue_has_the_eleven_exercises_of_section_4_3():
    assert list(catalogue()) == [
        "aslr-band", "toe-touch", "foam-roll", "supine-iso", "prone-iso", "ecc-sl-bridge",
        "straight-leg-bridge", "ecc-sliders", "hip-hinge", "reverse-deadlift", "nordic",
    ]  # fmt: skip


def make(**changes) -> Answers:
    base = {"grade": Grade.TWO, "pain": 2, "slr": Slr.FULL, "toe": ToeTouch.YES,
            "side": Side.LEFT}  # fmt: skip
    return Answers(**{**base, **changes})


def test_pain_seven_or_more_always_refers_even_when_cleared():
    for pain in (7, 8, 9, 10):
        assert safety_gate(make(pain=pain, cleared=True))


def test_grade_three_refers_unless_cleared():
    assert safety_gate(make(grade=Grade.THREE))
    assert not safety_gate(make(grade=Grade.THREE, cleared=True))


@pytest.mark.parametrize("flag", sorted(set(Flag) - TODAY_SIGNS))
def test_each_soon_warning_sign_refers_unless_cleared(flag):
    (reason,) = safety_gate(make(flags=frozenset({flag})))
    assert reason.level.value == "soon"
    assert not safety_gate(make(flags=frozenset({flag}), cleared=True))


@pytest.mark.parametrize("flag", sorted(TODAY_SIGNS))
def test_each_today_warning_sign_refers_even_when_cleared(flag):
    for cleared in (False, True):
        (reason,) = safety_gate(make(flags=frozenset({flag}), cleared=cleared))
        assert reason.level.value == "today"


def test_a_calf_sign_sends_to_urgent_care_for_a_clot_check():
    program = build_program(make(flags=frozenset({Flag.CALF})))
    assert program.referral_level.value == "today"
    assert any("blood clot" in line for line in program.who_to_see)


def test_a_tendon_concern_reads_differently_from_high_pain():
    tendon = build_program(make(flags=frozenset({Flag.POP})))
    pain = build_program(make(pain=8))
    assert tendon.who_to_see != pain.who_to_see
    assert "surgery" in " ".join(tendon.who_to_see)
    assert pain.who_to_see[0].startswith("Today")


@pytest.mark.parametrize("flags", [frozenset({Flag.POP}), frozenset({Flag.WEIGHT})])
def test_a_referral_needs_no_movement_test(flags):
    answers = {"grade": "3", "pain": "9", "side": "left", "flags": [f.value for f in flags]}
    parsed = parse_answers(answers)
    assert parsed.ok, parsed.errors
    assert build_program(parsed.answers).referral


def test_every_referral_without_the_movement_tests_is_the_same_referral():
    for grade, pain, flags, cleared in itertools.product(Grade, range(11), FLAG_SUBSETS,
                                                         (False, True)):  # fmt: skip
        answers = Answers(grade, pain, None, None, Side.RIGHT, flags, cleared)
        level = expected_level(answers)
        if level is None:
            continue
        program = build_program(answers)
        assert program.referral_level.value == level, answers
        with_tests = build_program(replace(answers, slr=Slr.LIMITED, toe=ToeTouch.NO))
        assert program.reasons == with_tests.reasons


def test_a_program_still_needs_both_movement_tests():
    parsed = parse_answers({"grade": "2", "pain": "3", "side": "left"})
    assert set(parsed.errors) == {"slr", "toe"}
    wrong = parse_answers({"grade": "2", "pain": "9", "side": "left", "slr": "sideways"})
    assert set(wrong.errors) == {"slr"}  # a wrong answer is wrong even when not needed


# The criteria round trip (section 4.2): the printed thresholds select the next stage.


def answered(answers: Answers, criteria) -> Answers:
    changes = {name: value for c in criteria if c.answers for name, value in c.answers}
    return replace(answers, **changes)


@cache
def built() -> list[tuple[Answers, Program]]:
    """Every answer set with what it gives (built once for the tests of this file)."""
    return [(answers, build_program(answers)) for answers in ALL_ANSWERS]


def programs() -> list[tuple[Answers, Program]]:
    return [(answers, program) for answers, program in built() if not program.referral]


def test_meeting_the_printed_move_on_thresholds_selects_the_next_stage():
    for answers, program in programs():
        stage = program.stage.number
        thresholds = [c for c in program.move_on if c.answers]
        for criterion in thresholds:
            for name, value in criterion.answers:
                printed = f"{value}/10" if name == "pain" else None
                assert printed is None or printed in criterion.text, criterion
        if stage == 3:
            assert not thresholds
            continue
        if stage == 2 and answers.grade is Grade.THREE:
            assert not thresholds
            assert "Then ask your clinician whether to start stage 3." in [
                c.text for c in program.move_on
            ]
            continue
        assert build_program(answered(answers, thresholds)).stage.number == stage + 1, answers


def test_a_walking_pain_just_short_of_the_threshold_keeps_the_stage():
    for answers, program in programs():
        for criterion in program.move_on:
            if criterion.answers and criterion.answers[0][0] == "pain":
                short = replace(answers, pain=criterion.answers[0][1] + 1)
                again = build_program(short)
                assert again.stage is not None
                assert again.stage.number == program.stage.number, answers


def test_meeting_a_printed_step_back_threshold_selects_the_stage_below_or_a_referral():
    for answers, program in programs():
        stage = program.stage.number
        thresholds = [c for c in program.step_back if c.answers]
        assert thresholds, answers
        for criterion in thresholds:
            ((_, value),) = criterion.answers
            assert f"{value}/10" in criterion.text
            again = build_program(answered(answers, [criterion]))
            if stage == 1:
                assert again.referral, answers
            else:
                assert again.stage.number == stage - 1, answers


def test_the_step_back_box_lists_the_stage_belows_exercises_with_their_dose():
    for answers, program in programs():
        if program.stage.number == 1:
            continue
        below = build_program(replace(answers, pain=program.step_back[-1].answers[0][1]))
        assert [item.exercise.id for item in program.step_back_to] == [
            item.exercise.id for item in below.exercises
        ], answers


def test_each_referral_reason_is_listed():
    reasons = safety_gate(make(pain=9, grade=Grade.THREE, flags=frozenset({Flag.POP, Flag.GAP})))
    assert len(reasons) == 4


def test_mild_strain_with_full_range_gets_stage_3_at_the_upper_dose():
    program = build_program(make(grade=Grade.ONE, pain=2))
    assert program.stage.number == 3
    deadlift = next(i for i in program.exercises if i.exercise.id == "reverse-deadlift")
    assert deadlift.dose.reps == 15
    assert deadlift.dose.sets == 3
    assert "5" in deadlift.dose.tempo
    assert program.exercises[0].exercise.id == "foam-roll"
    assert program.exercises[-1].exercise.kind.value == "loading"


def test_moderate_strain_starts_at_the_lower_end_of_each_range():
    program = build_program(make(grade=Grade.TWO, pain=2))
    deadlift = next(i for i in program.exercises if i.exercise.id == "reverse-deadlift")
    roll = next(i for i in program.exercises if i.exercise.id == "foam-roll")
    assert deadlift.dose.reps == 10
    assert roll.dose.reps == 25


def test_unknown_grade_is_treated_as_grade_2():
    unknown = build_program(make(grade=Grade.UNKNOWN, pain=5))
    moderate = build_program(make(grade=Grade.TWO, pain=5))
    assert [i.dose for i in unknown.exercises] == [i.dose for i in moderate.exercises]
    assert any("as for a moderate (grade 2) strain" in reason for reason in unknown.reasons)


def test_pain_four_to_six_is_stage_1_with_holds_and_one_daily_set():
    program = build_program(make(pain=5))
    assert program.stage.number == 1
    assert [i.exercise.id for i in program.exercises] == ["supine-iso", "prone-iso", "hip-hinge"]
    hold = program.exercises[0]
    assert hold.dose.sets == 1
    assert hold.dose.hold_s == 5
    assert hold.dose.frequency == "every day"


def test_cleared_grade_three_with_pain_three_starts_in_stage_1():
    program = build_program(make(grade=Grade.THREE, pain=3, cleared=True))
    assert program.stage.number == 1
    assert "cleared" in program.reasons[0]


def test_pain_three_with_full_range_stays_in_stage_2():
    program = build_program(make(pain=3))
    assert program.stage.number == 2
    ids = [i.exercise.id for i in program.exercises]
    assert "aslr-band" not in ids
    assert "toe-touch" not in ids


def test_limited_leg_raise_and_toe_touch_give_the_largest_stage_2_program():
    program = build_program(make(pain=1, slr=Slr.LIMITED, toe=ToeTouch.NO))
    assert [i.exercise.id for i in program.exercises] == [
        "foam-roll", "aslr-band", "toe-touch", "supine-iso", "hip-hinge",
        "straight-leg-bridge", "ecc-sl-bridge",
    ]  # fmt: skip
    bridge = next(i for i in program.exercises if i.exercise.id == "ecc-sl-bridge")
    assert bridge.dose.frequency == "every other day"
    assert bridge.dose.sets == 2


def test_straight_leg_bridge_roll_moves_from_knee_to_ankle():
    stage2 = build_program(make(pain=3)).exercises
    stage3 = build_program(make(pain=0)).exercises
    knee = next(i for i in stage2 if i.exercise.id == "straight-leg-bridge")
    ankle = next(i for i in stage3 if i.exercise.id == "straight-leg-bridge")
    assert [f.position for f in knee.figures] == ["knee"]
    assert [f.position for f in ankle.figures] == ["ankle"]
    assert "knee" in knee.stage_note
    assert "ankle" in ankle.stage_note


def test_select_stage_explains_its_choice():
    stage, reason = select_stage(make(pain=2, toe=ToeTouch.NO))
    assert stage == 2
    assert "toes" in reason


def test_every_stage_a_clinician_may_choose_is_a_whole_program_of_that_stage():
    """Over every answer that can change a stage (side and which sign was cleared cannot:
    one side and one cleared sign stand for the rest)."""
    for answers, program in programs():
        if answers.side is Side.RIGHT or len(answers.flags) > 1 or answers.flags - {Flag.POP}:
            continue
        choices = stage_choices(answers)
        selected = program.stage.number
        meets_three = answers.pain <= 2 and answers.slr is Slr.FULL and answers.toe is ToeTouch.YES
        top = 3 if answers.grade is Grade.THREE and meets_three else selected
        assert choices == tuple(range(1, top + 1)), answers
        for stage in choices:
            chosen = build_program(answers, stage=stage)
            assert chosen.stage.number == stage
            assert chosen.stage_chosen == (stage != selected)
            ids = {item.exercise.id for item in chosen.exercises}
            assert ids == expected_exercises(answers, stage), (answers, stage)
        with pytest.raises(ValueError, match="not a choice"):
            build_program(answers, stage=top + 1 if top < 3 else 0)


# Stage 3 week by week (section 4.3) and the sections every program prints (4.4).


def test_new_loaded_work_builds_up_week_by_week_from_a_low_start():
    # Side and cleared warning signs change no dose: one of each is enough here.
    for answers, program in programs():
        if answers.side is Side.RIGHT or answers.flags:
            continue
        for choice in (None, *stage_choices(answers)):
            built_program = program if choice is None else build_program(answers, choice)
            stage = built_program.stage.number
            for item in built_program.exercises:
                weeks = item.dose.weeks()
                loading = stage > 1 and item.exercise.kind.value == "loading"
                assert bool(weeks) == loading, (answers, item.exercise.id)
                if not weeks:
                    continue
                first, second, full = weeks
                assert (full.sets, full.reps, full.label) == (
                    item.dose.sets,
                    item.dose.reps,
                    "From week 3",
                )
                notes = item.exercise.stage_notes
                if stage - 1 in STAGE_OF[item.exercise.id] and notes.get(stage) == notes.get(
                    stage - 1
                ):  # carried over as it was: no drop
                    assert (first.sets, first.reps) == (second.sets, second.reps) == (2, 15)
                else:
                    assert first.sets == 2
                    assert first.reps == (8 if answers.grade is Grade.ONE else 6)
                    assert (second.sets, second.reps) == ((2, 10) if stage == 2 else (3, 8))
                volumes = [week.sets * week.reps for week in weeks]
                assert volumes == sorted(volumes)
                assert volumes[0] < volumes[-1]


def test_no_dose_drops_when_the_patient_moves_up_a_stage():
    """The first week of an exercise in a stage is never less than the full dose of the
    same exercise in the stage below, for the same answers."""
    for answers, program in programs():
        if answers.side is Side.RIGHT or answers.flags or program.stage.number == 1:
            continue
        below = {item.exercise.id: item.dose for item in program.step_back_to}
        for item in program.exercises:
            notes = item.exercise.stage_notes  # a moved roller makes it new, harder work
            same = notes.get(program.stage.number) == notes.get(program.stage.number - 1)
            if item.exercise.id in below and same:
                first = (item.dose.weeks() or [item.dose])[0]
                assert (
                    first.sets * first.reps
                    >= below[item.exercise.id].sets * below[item.exercise.id].reps
                ), (answers, item.exercise.id)


def test_a_clinicians_dose_caps_the_early_weeks():
    program = build_program(make(grade=Grade.TWO, pain=0))
    sliders = next(i for i in program.exercises if i.exercise.id == "ecc-sliders")
    lower = replace(sliders.dose, sets=2, reps=5)
    assert [(week.sets, week.reps) for week in lower.weeks()] == [(2, 5), (2, 5), (2, 5)]


def test_every_program_has_walking_running_and_what_to_expect_for_its_grade():
    for answers, program in programs():
        stage = program.stage.number
        walking = " ".join(program.walking_running).lower()
        assert ("no running, sprinting" in walking) == (stage == 1), answers
        assert "sprint" in walking
        assert ("clinician" in walking) == (stage == 3)
        assert len(program.expect) == 3
        grade = answers.grade.value
        assert f"grade {grade}" in program.expect[1] or grade == "unknown"
        assert "not a promise" in program.expect[0]
        assert (program.prevention is not None) == (stage == 3)


def test_the_nordic_exercise_is_in_no_stage_and_only_on_stage_three():
    nordic = catalogue()["nordic"]
    assert nordic.kind.value == "prevention"
    for _answers, program in programs():
        assert "nordic" not in {item.exercise.id for item in program.exercises}
        assert "nordic" not in {item.id for item in program.left_out}


def test_steps_printed_without_their_pictures_never_point_at_pictures():
    # "Go back a step" prints the steps of an exercise that is not on the sheet, with no
    # figures (a physiotherapist's read of a stage 2 handout: "'as in the pictures', but
    # there are no pictures"). Every such exercise's steps stand without pictures.
    inlined = set()
    for answers in ALL_ANSWERS:
        if answers.side is Side.RIGHT or answers.flags:
            continue  # (neither changes which exercises a sheet carries)
        program = build_program(answers)
        on_sheet = {item.exercise.id for item in program.exercises}
        inlined |= {item.exercise.id for item in program.step_back_to} - on_sheet
    assert inlined  # the stage 1 band hold on stage 2 sheets, at least
    for language, word in (("en", "picture"), ("es", "dibujo")):
        for exercise_id in inlined:
            steps = " ".join(catalogue(language)[exercise_id].steps).lower()
            assert word not in steps, (language, exercise_id)
