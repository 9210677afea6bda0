"""A blind review kit for the exercise figures: the way issue 15 checks them.

Usage: python scripts/blind_sheet.py OUT_DIR [--seed N] [--width-cm 5] [--dpi 150]

OUT_DIR receives what a reviewer gets, and nothing else: the figures of every exercise,
shuffled and numbered, without labels, printed WIDTH cm wide in grey on page-N.png, and
exercises.md, the list of exercises with their equipment and steps. Both figures of an
exercise show the same side, as on a handout. The key (which figure is which exercise,
position and side) goes to OUT_DIR.key.txt, beside the folder: keep it from the reviewer.
"""

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.catalogue import catalogue
from generator.figures import POSITIONS, SIDES, figure_svg


def plan(seed: int) -> list[tuple[str, str, str]]:
    """(exercise id, position, side) of every figure, in the shuffled order shown."""
    rng = random.Random(seed)
    figures = [(e, p) for e, positions in POSITIONS.items() for p in positions]
    rng.shuffle(figures)
    sides: dict[str, str] = {}
    return [(e, p, sides.setdefault(e, rng.choice(SIDES))) for e, p in figures]


def exercise_list(language: str = "en") -> str:
    """The exercises a reviewer matches the figures to: names, equipment, the stage
    notes and steps, in the catalogue's order (not the figures'). A handout prints its
    stage's note above the steps, and the exercise page lists them all: without them a
    step such as "where the line above says" points at nothing, and two set-ups look like
    duplicates."""
    blocks = []
    for exercise in catalogue(language).values():
        notes = "".join(f"Stage {n}: {note}\n" for n, note in sorted(exercise.stage_notes.items()))
        steps = "\n".join(f"{i}. {step}" for i, step in enumerate(exercise.steps, 1))
        blocks.append(
            f"## {exercise.name}\nYou need: {exercise.equipment}\n{notes}Steps:\n{steps}\n"
        )
    return "\n".join(blocks)


def page_html(figures: list[tuple[str, str, str]], width_cm: float) -> str:
    """The numbered, unlabelled figures as one HTML document."""
    cells = "".join(
        f'<div class="c"><div class="f">{figure_svg(e, p, side, str(n))}</div><p>{n}</p></div>'
        for n, (e, p, side) in enumerate(figures, 1)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        "@page { size: 18cm 32cm; margin: 0.4cm; } body { font: 8pt sans-serif; }"
        f".c {{ display: inline-block; width: {width_cm}cm; margin: 0.15cm; vertical-align: top; }}"
        ".f svg { width: 100%; height: auto; display: block; } p { margin: 0; }"
        "</style></head><body>" + cells + "</body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    """Write the kit; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the reviewer's files")
    parser.add_argument("--seed", type=int, default=1, help="a new seed for each reviewer")
    parser.add_argument("--width-cm", type=float, default=5.0)
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args(argv)

    from weasyprint import HTML  # imported late: only the rendering needs it

    figures = plan(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("page-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sheet.pdf"
        HTML(string=page_html(figures, args.width_cm)).write_pdf(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(args.dpi), "-gray", "-png", str(pdf), str(args.out / "page")],
            check=True,
        )
    (args.out / "exercises.md").write_text(exercise_list())
    key = "".join(f"{n}: {e} {p} ({side})\n" for n, (e, p, side) in enumerate(figures, 1))
    args.out.with_name(args.out.name + ".key.txt").write_text(key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
