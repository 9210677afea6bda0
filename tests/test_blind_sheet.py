"""The blind review kit (scripts/blind_sheet.py): what a reviewer gets, and the key kept
apart."""

import re

import pytest

from generator.catalogue import catalogue
from generator.figures import POSITIONS
from scripts.blind_sheet import exercise_list, main, page_html, plan


def test_plan_shows_every_figure_once_with_one_side_per_exercise():
    figures = plan(7)
    assert sorted((e, p) for e, p, _ in figures) == sorted(
        (e, p) for e, positions in POSITIONS.items() for p in positions
    )
    sides = {}
    for e, _, side in figures:
        assert sides.setdefault(e, side) == side  # both figures of an exercise alike
    assert {side for _, _, side in figures} <= {"left", "right"}


def test_plan_is_shuffled_by_its_seed_and_repeatable():
    assert plan(7) == plan(7)
    assert plan(7) != plan(8)
    order = [(e, p) for e, positions in POSITIONS.items() for p in positions]
    assert [(e, p) for e, p, _ in plan(7)] != order


def test_the_sheet_numbers_the_figures_and_names_nothing():
    figures = plan(3)
    html = page_html(figures, 5.0)
    assert re.findall(r"<p>(\d+)</p>", html) == [str(n) for n in range(1, len(figures) + 1)]
    for exercise_id, positions in POSITIONS.items():
        assert exercise_id not in html
        for position in positions:
            assert f">{position}<" not in html
            assert f'"{position}"' not in html
    for exercise in catalogue("en").values():
        assert exercise.name not in html


def test_the_exercise_list_has_every_exercise_with_its_steps_in_the_catalogue_order():
    text = exercise_list()
    names = re.findall(r"^## (.+)$", text, re.M)
    exercises = list(catalogue("en").values())
    assert names == [exercise.name for exercise in exercises]
    for exercise in exercises:
        assert f"You need: {exercise.equipment}" in text
        # The stage notes, above the steps as on a handout: a step that says "where the
        # line above says" needs them, and they tell two set-ups apart.
        block = text.split(f"## {exercise.name}\n")[1].split("\n## ")[0]
        for n, note in exercise.stage_notes.items():
            assert block.index(f"Stage {n}: {note}") < block.index("Steps:")
        for i, step in enumerate(exercise.steps, 1):
            assert f"{i}. {step}" in text


@pytest.mark.slow
def test_the_kit_gives_the_reviewer_pages_and_the_list_and_keeps_the_key_apart(tmp_path):
    out = tmp_path / "round"
    assert main([str(out), "--seed", "5", "--dpi", "40"]) == 0
    files = sorted(path.name for path in out.iterdir())
    assert "exercises.md" in files
    assert [name for name in files if name != "exercises.md"]  # page PNGs
    assert all(re.fullmatch(r"page-\d+\.png", name) for name in files if name != "exercises.md")
    key = (tmp_path / "round.key.txt").read_text().splitlines()
    assert key == [f"{n}: {e} {p} ({s})" for n, (e, p, s) in enumerate(plan(5), 1)]
