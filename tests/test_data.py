"""The data files: read into typed values and checked when the app starts, numbers in
sentences filled in from the rules' constants, figures matching the pose table."""

from __future__ import annotations

import copy
import re

import pytest

import generator.catalogue as catalogue_module
from app import create_app
from generator import thresholds
from generator.catalogue import DataError, _exercise, _guidance, _load, catalogue, guidance
from generator.figures import POSITIONS
from generator.i18n import DATA_DIR


@pytest.fixture
def guidance_data():
    return copy.deepcopy(_load("guidance.toml"))


@pytest.fixture
def exercise_entry():
    return copy.deepcopy(_load("exercises.toml")["exercise"][0])


MISTAKES = {
    "a misspelt key": lambda d: d["safety"].__setitem__("pain_rule", d["safety"].pop("pain_rules")),
    "a missing stage": lambda d: d["stage"].pop("2"),
    "a frequency that does not exist": lambda d: d["stage"]["1"].__setitem__("frequency", "hourly"),
    "sets as text": lambda d: d["stage"]["3"].__setitem__("sets", "3"),
    "a warning sign missing": lambda d: d["signs"].pop("gap"),
    "a level that does not exist": lambda d: d["signs"]["calf"].__setitem__("level", "later"),
    "a who that does not exist": lambda d: d["signs"]["pop"].__setitem__("who", "surgeon"),
    "a number name that does not exist": lambda d: d["safety"]["pain_rules"].append("{pain_max}"),
}


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=MISTAKES)
def test_a_mistake_in_the_guidance_is_named_when_loading(guidance_data, mistake):
    mistake(guidance_data)
    with pytest.raises(DataError, match=r"guidance\.toml"):
        _guidance(guidance_data)


EXERCISE_MISTAKES = {
    "a misspelt key": lambda e: e.__setitem__("cue", e.pop("cues")),
    "a kind that does not exist": lambda e: e.__setitem__("kind", "cardio"),
    "a range upside down": lambda e: e["dose"].__setitem__("reps", [15, 5]),
    "a figure the pose table cannot draw": lambda e: e["figures"][0].__setitem__("position", "x"),
    "a figure left out": lambda e: e["figures"].pop(),
    "a code in lower case": lambda e: e.__setitem__("code", "ab"),
    "pain limit as text": lambda e: e.__setitem__("pain_limit", "3"),
}


@pytest.mark.parametrize("mistake", EXERCISE_MISTAKES.values(), ids=EXERCISE_MISTAKES)
def test_a_mistake_in_an_exercise_is_named_when_loading(exercise_entry, mistake):
    mistake(exercise_entry)
    with pytest.raises(DataError, match=r"exercises\.toml"):
        _exercise(exercise_entry, 0)


def test_a_data_mistake_stops_the_app_from_starting(monkeypatch, guidance_data):
    guidance_data["stage"]["1"].pop("name")
    real_load = catalogue_module._load
    monkeypatch.setattr(catalogue_module, "_load", lambda name, language="en": guidance_data
                        if name == "guidance.toml" else real_load(name, language))  # fmt: skip
    catalogue_module._guidance_in.cache_clear()
    try:
        with pytest.raises(DataError, match=r"\[stage\.1\]: missing key 'name'"):
            create_app({"TESTING": True})
    finally:
        catalogue_module._guidance_in.cache_clear()


def test_thresholds_in_sentences_come_from_the_constants(monkeypatch, guidance_data):
    monkeypatch.setitem(thresholds.SENTENCE_VALUES, "exercise_pain_max", 5)
    texts = _guidance(guidance_data)
    assert "At 5, you notice it" in texts.safety.pain_rules[0]
    assert "at or below 5 out of 10" in texts.safety.pain_rules[1]
    assert "above 5/10" in texts.safety.step_back[0]


def test_no_sentence_states_a_threshold_as_a_literal():
    """Every "n/10" in the data files is a pain limit filled in from a constant, except
    figures quoted from a study."""
    for name in ("guidance.toml", "exercises.toml"):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            if "Hickey" in line or line.lstrip().startswith("#"):
                continue
            assert not re.search(r"\b\d+/10\b|\b\d+ out of 10\b", line), line


def test_the_catalogue_figures_are_the_pose_tables_positions_in_order():
    assert {e.id: tuple(f.position for f in e.figures) for e in catalogue().values()} == POSITIONS


def test_the_form_and_the_handout_state_each_warning_sign_the_same_way(client):
    html = client.get("/").get_data(as_text=True)
    for sign in guidance().signs.values():
        assert sign.label in html


def test_no_harder_option_goes_past_the_clinicians_edit_bounds():
    """A "harder" hold or rep count stays within what a clinician may set (PRODUCT.md 4.3)."""
    from generator.rules import EXERCISE_RULES, edit_bounds

    for exercise in catalogue().values():
        for stage in EXERCISE_RULES[exercise.id].stages:
            bounds = edit_bounds(exercise, stage)
            if bounds.hold_s:
                for seconds in re.findall(r"hold[^.]*?(\d+) seconds", exercise.harder):
                    assert int(seconds) <= bounds.hold_s[1], (exercise.id, exercise.harder)
            for reps in re.findall(r"(\d+) (?:slow )?reps", exercise.harder):
                assert int(reps) <= bounds.reps[1], (exercise.id, exercise.harder)


BRITISH = re.compile(r"practis|colour|centre|favour|organis|recognis|behaviour|programme", re.I)


def test_one_spelling_throughout_us_english():
    from generator.rules import EXERCISE_RULES

    texts = [str(rule.included) for rule in EXERCISE_RULES.values()]
    for name in ("guidance.toml", "exercises.toml"):
        texts.append((DATA_DIR / name).read_text())
    assert not [text for text in texts if BRITISH.search(text)]


# The exercise texts (PRODUCT.md 4.3): which leg first, doses only in the dose box, no
# text that assumes an earlier stage, nothing harder on the sore area in stages 1 and 2.


def test_every_one_leg_exercise_says_the_uninjured_leg_goes_first():
    for exercise in catalogue().values():
        if not exercise.dose.per_side:
            continue
        steps = " ".join(exercise.steps)
        uninjured = steps.find("uninjured leg")
        injured = steps.find("injured leg", uninjured + len("uninjured leg"))
        assert 0 <= uninjured < injured, exercise.id


def test_one_leg_doses_say_the_order_too():
    from generator.answers import Answers, Grade, Side, Slr, ToeTouch
    from generator.rules import build_program

    answers = Answers(Grade.TWO, 3, Slr.LIMITED, ToeTouch.NO, Side.LEFT, frozenset(), False)
    for item in build_program(answers).exercises:
        orders = [line for line in item.dose.lines() if "uninjured leg first" in line]
        assert len(orders) == item.exercise.dose.per_side, item.exercise.id
        for order in orders:
            after = order.index("uninjured leg") + len("uninjured leg")
            assert "injured leg" in order[after:], order


def test_steps_leave_the_numbers_to_the_dose_box():
    """A clinician may change reps and holds: steps and cues never state them, and a
    number of seconds in a step is the exercise's tempo."""
    for exercise in catalogue().values():
        for text in (*exercise.steps, *exercise.cues, exercise.dose.note or ""):
            assert not re.search(r"\d+ (reps|rolls|times)\b", text), (exercise.id, text)
            for seconds in re.findall(r"(\d+) seconds", text):
                assert seconds in (exercise.dose.tempo or ""), (exercise.id, text)
        for text in (*exercise.steps, *exercise.cues):
            assert not re.search(r"count of (\d+)", text) or (
                re.search(r"count of (\d+)", text)[0] in (exercise.dose.tempo or "")
            ), (exercise.id, text)


EARLIER = re.compile(r"\b(stage [123]|as before|last stage|earlier stage|you learned|already)\b",
                     re.I)  # fmt: skip


def test_no_exercise_text_assumes_an_earlier_stage_was_done():
    for exercise in catalogue().values():
        texts = (exercise.purpose, *exercise.steps, *exercise.cues, exercise.easier,
                 exercise.harder, *exercise.stage_notes.values())  # fmt: skip
        assert not [text for text in texts if EARLIER.search(text)], exercise.id


# Words that make an option harder by adding load or stretch on the sore muscle.
LOADS_THE_SORE_AREA = re.compile(
    r"heavier|weight|cross|higher|further|straighter|stretch|one leg|single-leg", re.I
)


def test_harder_options_in_stages_one_and_two_add_no_load_or_stretch_on_the_sore_area():
    """Harder in stages 1 and 2 means slower, longer or firmer, within the edit bounds;
    a straighter knee only in the toe touch, which lengthens nothing under load."""
    from generator.rules import EXERCISE_RULES

    allowed = {"toe-touch": {"straighter"}}
    for exercise in catalogue().values():
        if not set(EXERCISE_RULES[exercise.id].stages) & {1, 2}:
            continue
        found = {word.lower() for word in LOADS_THE_SORE_AREA.findall(exercise.harder)}
        assert found <= allowed.get(exercise.id, set()), (exercise.id, exercise.harder)
