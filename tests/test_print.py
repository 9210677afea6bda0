"""Print design (PRODUCT.md 4.4, 7 and 8): type sizes and contrast read from the PDF,
figure widths and page economy read from WeasyPrint's layout, the name and date on
every page, and the print size setting through every entry."""

from __future__ import annotations

import io
import itertools
from collections import Counter
from functools import cache
from urllib.parse import urlencode

import pdfplumber
import pytest
import weasyprint
from weasyprint.formatting_structure.boxes import (
    BlockBox,
    BlockReplacedBox,
    InlineReplacedBox,
    LineBox,
    TableCellBox,
)

from app import create_app
from tests.conftest import REFERRAL, STAGE_1, STAGE_2_LARGEST, STAGE_3, lay_out

pytestmark = pytest.mark.slow

PERSONAL = {"name": "Ana Silva", "date": "2026-03-31"}
# (answers, paper, print size): each setting and paper at least once, every kind of sheet.
CASES = {
    "stage 1, large, A4": (STAGE_1, "a4", "large"),
    "stage 2, standard, A4": (STAGE_2_LARGEST, "a4", "standard"),
    "stage 2, large, Letter": (STAGE_2_LARGEST, "letter", "large"),
    "stage 3, standard, Letter": (STAGE_3, "letter", "standard"),
    "stage 3, large, Letter": (STAGE_3, "letter", "large"),
    "referral, standard, A4": (REFERRAL, "a4", "standard"),
}
BODY = {"standard": 11.0, "large": 16.0}  # pt, the most common size on the sheet
SMALLEST = {"standard": 10.0, "large": 14.5}  # pt, anything a patient reads
FOOTER_SMALLEST = 8.0
FIGURE_CM = {"standard": 5.0, "large": 7.0}
CM = 96 / 2.54  # CSS px per cm


@cache
def laid_out(case: str) -> tuple[weasyprint.Document, bytes]:
    """The case's handout laid out by WeasyPrint as the app renders it, and its PDF."""
    answers, paper, size = CASES[case]
    values = {**answers, **PERSONAL, "paper": paper, "print": size}
    document = lay_out(create_app({"TESTING": True}), values)
    return document, document.write_pdf()


def luminance(rgb: tuple[float, ...]) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(color) -> float:
    if color is None or len(color) == 1:  # grey level, or black by default
        rgb = (color[0],) * 3 if color else (0.0, 0.0, 0.0)
    else:
        rgb = tuple(color[:3])
    return 1.05 / (luminance(rgb) + 0.05)


def test_contrast_is_computed_as_wcag_does():
    assert round(contrast_on_white((0.0, 0.0, 0.0)), 1) == 21.0
    assert round(contrast_on_white((0x76 / 255,) * 3), 1) == 4.5  # #767676, the AA limit


@pytest.mark.parametrize("case", CASES)
def test_type_is_big_enough_and_dark_enough(case):
    """Body text at least 11 pt (16 pt large), nothing under 10 pt (14.5 pt large) but
    the footer (8 pt), and every letter at least 7:1 against the white page. White
    letters are only on the stage badge, whose colour is checked in its own test."""
    _, pdf = laid_out(case)
    size = CASES[case][2]
    sizes: Counter[float] = Counter()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            footer_top = page.height - 16 / 25.4 * 72
            for char in page.chars:
                if not char["text"].strip():
                    continue
                if char["top"] >= footer_top:
                    assert char["size"] >= FOOTER_SMALLEST - 0.05, char["text"]
                    continue
                sizes[round(char["size"], 1)] += 1
                assert char["size"] >= SMALLEST[size] - 0.05, (char["text"], char["size"])
                color = char["non_stroking_color"]
                if color and tuple(color[:3]) == (1, 1, 1):
                    continue
                assert contrast_on_white(color) >= 7, (char["text"], color)
    body = sizes.most_common(1)[0][0]
    assert body >= BODY[size] - 0.05


def test_the_stage_badge_is_white_on_a_dark_enough_colour():
    accent = tuple(int("0f5f73"[i : i + 2], 16) / 255 for i in (0, 2, 4))
    assert 1.05 / (luminance(accent) + 0.05) >= 7  # white letters on the accent


def boxes(page, tag: str | None = None, classes: tuple[str, ...] = ()):
    for box in page._page_box.descendants():  # WeasyPrint's layout (a private field)
        element = getattr(box, "element", None)
        if element is None or (tag and box.element_tag != tag):
            continue
        if classes and not set((element.get("class") or "").split()) & set(classes):
            continue
        yield box


@pytest.mark.parametrize("case", [c for c in CASES if not c.startswith("referral")])
def test_figures_print_at_least_5_cm_wide_or_7_cm_in_large_print(case):
    document, _ = laid_out(case)
    widths = [box.width for page in document.pages for box in boxes(page, "img")
              if "/figures/" in (box.element.get("src") or "")]  # fmt: skip
    assert widths
    assert min(widths) / CM >= FIGURE_CM[CASES[case][2]] - 0.01


@pytest.mark.parametrize("case", ["stage 2, standard, A4", "stage 2, large, Letter"])
def test_three_figures_print_in_a_row_or_two_to_a_row_with_the_dose_beside_the_third(case):
    # The toe touch has three figures. At 5 cm they fit across the card, the dose box
    # below them; three 7 cm figures do not fit a page: two to a row, and the dose box
    # beside the third, not below it (a third of a page left blank).
    document, _ = laid_out(case)
    figures, doses = [], []
    for page in document.pages:
        for box in boxes(page, "section"):
            if box.element.get("id") != "exercise-toe-touch":
                continue
            figures += [b for b in box.descendants() if b.element_tag == "img"]
            doses += [
                b for b in box.descendants() if "dose" in (b.element.get("class") or "").split()
            ]
    assert len(figures) == 3
    (dose, *_) = doses
    tops = [round(f.position_y) for f in figures]
    lefts = [f.position_x for f in figures]
    if CASES[case][2] == "standard":
        assert tops[0] == tops[1] == tops[2]
        assert lefts[0] < lefts[1] < lefts[2]
        assert dose.position_y > max(bottom(f) for f in figures)
    else:
        assert tops[0] == tops[1] < tops[2]
        assert lefts[0] == pytest.approx(lefts[2])
        assert figures[2].position_y <= dose.position_y < bottom(figures[2])
        assert dose.position_x > lefts[2] + figures[2].width + 0.3 * CM  # with a gap


def bottom(box) -> float:
    return box.position_y + box.margin_height()


def content(page):
    """The page's boxes, without its margin boxes (the footer)."""
    root = page._page_box.children[0]  # the html element's box
    return root.descendants()


def lowest_content(page, following) -> float:
    """The bottom of the lowest line, picture or table cell on the page, or of the margin
    below a section that ends on it (which the next block cannot use either)."""
    kinds = (LineBox, InlineReplacedBox, BlockReplacedBox, TableCellBox)
    drawn = [bottom(box) for box in content(page) if isinstance(box, kinds)]
    continued = {id(box.element) for box in content(following) if box.element_tag == "section"}
    ended = [bottom(box) for box in content(page) if box.element_tag == "section"
             and isinstance(box, BlockBox) and id(box.element) not in continued]  # fmt: skip
    return max(drawn + ended)


def kept_whole(box):
    """The outermost blocks inside ``box`` that must stay whole (break-inside: avoid)."""
    for child in getattr(box, "children", ()):
        if isinstance(child, BlockBox) and child.style["break_inside"] == "avoid":
            yield child
        else:
            yield from kept_whole(child)


def first_unbreakable(page) -> float:
    """How far down the page the first piece that had to stay whole reaches: the first
    block kept whole, with those tied to it by break-after: avoid (a heading and the
    block under it, a card's title and its figures)."""
    root = page._page_box.children[0]
    pieces = sorted(kept_whole(root), key=lambda box: box.position_y)
    if not pieces:
        return 0.0  # the page starts inside a block that could have begun on the page before
    end = bottom(pieces[0])
    for piece, after in itertools.pairwise(pieces):
        if piece.style["break_after"] != "avoid":
            break
        end = bottom(after)
    return end - page._page_box.content_box_y()


@pytest.mark.parametrize("case", CASES)
def test_no_page_but_the_last_is_more_than_a_third_empty_unless_the_next_block_needs_more(case):
    document, _ = laid_out(case)
    for number, (page, following) in enumerate(itertools.pairwise(document.pages), start=1):
        box = page._page_box
        height = box.height
        empty = box.content_box_y() + height - lowest_content(page, following)
        if empty <= height / 3:
            continue
        needs = first_unbreakable(following)
        assert needs > empty, (
            f"page {number} is {empty / height:.0%} empty, but the first piece of page "
            f"{number + 1} that had to stay whole needed only {needs / height:.0%}"
        )


@pytest.mark.parametrize("case", CASES)
def test_every_page_has_the_patients_name_and_the_date_in_its_footer(case):
    _, pdf = laid_out(case)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) >= 1
        for page in document.pages:
            footer = page.crop((0, page.height - 16 / 25.4 * 72, page.width, page.height))
            text = footer.extract_text()
            assert "Ana Silva" in text
            assert "31 March 2026" in text
            assert "Page" in text


def test_the_print_size_travels_through_form_link_json_and_errors(client):
    form = {**STAGE_3, "print": "large"}
    html = client.post("/program", data=form).get_data(as_text=True)
    assert 'class="handout paper-a4 print-large' in html
    assert '<option value="large" selected>' in html
    assert "print=large" in html  # the share link keeps large print
    assert client.get("/program.json?" + urlencode(form)).get_json()["print"] == "large"
    assert client.get("/program.json?" + urlencode(STAGE_3)).get_json()["print"] == "standard"
    wrong = client.get("/program.json?" + urlencode({**STAGE_3, "print": "huge"}))
    assert wrong.status_code == 422
    assert wrong.get_json()["errors"] == {"print": "Choose standard or large print."}


def test_the_command_line_and_the_batch_print_large(runner, tmp_path):
    out = tmp_path / "large.pdf"
    args = ["--grade", "2", "--pain", "3", "--slr", "full", "--toe", "yes", "--side", "left"]
    result = runner.invoke(args=["handout", "pdf", *args, "--print", "large", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out) as document:
        sizes = Counter(round(c["size"]) for p in document.pages for c in p.chars)
    assert sizes.most_common(1)[0][0] >= 16
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "grade,pain,slr,toe,side,print\n2,3,full,yes,left,large\n2,3,full,yes,left,tiny\n"
    )
    result = runner.invoke(args=["handout", "batch", str(rows), "-o", str(tmp_path / "batch")])
    assert "Row 3 skipped: print: Choose standard or large print." in result.output
    assert len(list((tmp_path / "batch").glob("*.pdf"))) == 1


def test_large_print_gives_each_week_its_own_table_with_room_for_its_words(client):
    standard = client.post("/program", data=STAGE_3).get_data(as_text=True)
    large = client.post("/program", data={**STAGE_3, "print": "large"}).get_data(as_text=True)
    assert standard.count('<table class="track">') == 1
    assert large.count('<table class="track">') == 2
    second = large[large.rindex('<table class="track">') :]
    assert ">Week 2</th>" in second
    assert ">Week 1</th>" not in second
    assert "Week 2: 3 sets of 8 reps." in second  # the week's dose, beside that week
