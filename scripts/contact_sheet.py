"""Contact sheet of every exercise figure, for checking the drawings by eye.

Usage: python scripts/contact_sheet.py OUT.png [--dpi 96] [--width-cm 5]

Renders one HTML page of inline SVGs (every position of every exercise, plus the
mirrored right-side version of a few exercises) to PDF with WeasyPrint, then to PNG
with pdftoppm, all on one long page. Figures are drawn at the handout's print width
(5 cm by default); 96 dpi shows them at print size on a screen, 192 dpi at 2x.
"""

import argparse
import html
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.figures import POSITIONS, figure_svg

MIRRORED = ("aslr-band", "hip-hinge")  # shown for both sides, to check the mirroring


def page_html(width_cm: float) -> str:
    """The contact sheet as an HTML page."""
    cells = []
    for exercise_id, positions in POSITIONS.items():
        sides = ("left", "right") if exercise_id in MIRRORED else ("left",)
        for side in sides:
            for position in positions:
                label = f"{exercise_id} / {position}" + (" (right)" if side == "right" else "")
                svg = figure_svg(exercise_id, position, side, label)
                cells.append(f"<figure>{svg}<figcaption>{html.escape(label)}</figcaption></figure>")
    return (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        "@page { size: 210mm 480mm; margin: 8mm; }"
        "body { margin: 0; font: 7pt sans-serif; }"
        "main { display: flex; flex-wrap: wrap; gap: 2mm 3mm; }"
        f"figure {{ margin: 0; width: {width_cm}cm; break-inside: avoid; }}"
        "figure svg { width: 100%; height: auto; display: block; border: 0.2mm solid #ccc; }"
        "figcaption { text-align: center; }"
        "</style></head><body><main>" + "".join(cells) + "</main></body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    """Write the contact sheet PNG; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--dpi", type=int, default=96)
    parser.add_argument("--width-cm", type=float, default=5.0)
    parser.add_argument("--pdf", type=Path, help="also keep the PDF here")
    args = parser.parse_args(argv)

    from weasyprint import HTML  # imported late: only this script needs it

    with tempfile.TemporaryDirectory() as tmp:
        pdf = args.pdf or Path(tmp) / "sheet.pdf"
        HTML(string=page_html(args.width_cm)).write_pdf(pdf)
        stem = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(args.dpi), "-singlefile", str(pdf), str(stem)],
            check=True,
        )
        args.out.write_bytes(stem.with_suffix(".png").read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
