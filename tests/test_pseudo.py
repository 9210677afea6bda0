"""No string left behind (issue 17): the pseudo-language of tests/pseudo.py through the
whole app and the PDF. Every word a page or a handout shows must come through it (a run
of plain ASCII letters is English nobody translated), and the layout must hold with
words 40% longer: no card split across pages, no text out of its box, the tracking sheet
on its page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
import weasyprint
from babel.dates import format_date
from weasyprint.formatting_structure.boxes import (
    BlockBox,
    LineBox,
    TableBox,
    TableCellBox,
    TextBox,
)

from app import create_app
from generator import i18n
from generator.catalogue import catalogue
from tests import pseudo
from tests.conftest import HTMX, REFERRAL, STAGE_1, STAGE_2_LARGEST, STAGE_3, lay_out, pdf_text
from tests.test_print import CASES as PRINT_CASES
from web.languages import language_name

pytestmark = pytest.mark.slow

CLEARED_GRADE_3 = {"grade": "3", "cleared": "yes", "pain": "1", "slr": "full", "toe": "yes",
                   "side": "left", "flags": "pop"}  # fmt: skip
EDITED = {**STAGE_2_LARGEST, "edit.hip-hinge.sets": "3", "edit.hip-hinge.note": "1234",
          "edit.foam-roll.out": "yes"}  # fmt: skip
PAGES = {
    "stage 1": STAGE_1,
    "stage 2, edited": EDITED,
    "stage 3": STAGE_3,
    "cleared grade 3": CLEARED_GRADE_3,
    "referral": REFERRAL,
}


@pytest.fixture
def app(tmp_path, monkeypatch):
    pseudo.install(tmp_path, monkeypatch)
    yield create_app({"TESTING": True, "PDF_RENDER_AHEAD": False,
                      "PUBLIC_BASE_URL": "https://clinic.example"})  # fmt: skip
    pseudo.clear_caches()


@pytest.fixture
def client(app):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = pseudo.PSEUDO
    return client


class _Shown(HTMLParser):
    """The text a page shows, and the texts of alt, title and aria-label attributes."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [value for name, value in attrs
                       if name in ("alt", "title", "aria-label") and value]  # fmt: skip

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def not_translated(text: str) -> list[str]:
    """Runs of plain ASCII letters left in ``text``, once the words that are meant to
    stay as they are (the date in the language's own form, the names of the languages
    in themselves) are taken out."""
    for code in i18n.languages():
        text = text.replace(language_name(code), " ")
    text = re.sub(r"\d{1,2} \w+ \d{4}", " ", text)  # dates: checked apart below
    return pseudo.ENGLISH_LEFT.findall(text)


def shown(html: str) -> str:
    parser = _Shown()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_the_pseudo_language_changes_every_letter_and_keeps_placeholders():
    assert pseudo.pseudo("Stage %(number)s of {total}") == "Šţààĝéé %(number)s ööƒ {total}"
    assert not pseudo.ENGLISH_LEFT.search(pseudo.pseudo("Any English sentence at all."))
    assert not_translated("Left out: the hip hinge") == ["Left", "out", "the", "hip", "hinge"]


@pytest.mark.parametrize("case", PAGES)
def test_every_word_of_the_pages_comes_through_the_translations(client, case):
    answers = PAGES[case]
    pages = {
        "questionnaire": client.get("/"),
        "preview": client.get("/?" + urlencode({**answers, "lang": pseudo.PSEUDO})),
        "fragment": client.post("/program", data={**answers, "lang": pseudo.PSEUDO}, headers=HTMX),
        "program page": client.get("/program?" + urlencode({**answers, "lang": pseudo.PSEUDO})),
        "wrong answers": client.post("/program", data={**answers, "pain": "11", "date": "x"}),
    }
    for name, response in pages.items():
        html = response.get_data(as_text=True)
        assert response.status_code in (200, 422), name
        left = not_translated(shown(html))
        assert not left, f"{case}, {name}: English left: {sorted(set(left))}"
    assert '<html lang="eo">' in pages["questionnaire"].get_data(as_text=True)


def test_every_exercise_page_comes_through_the_translations(client):
    for exercise_id in catalogue():
        response = client.get(f"/exercises/{exercise_id}?side=right&lang={pseudo.PSEUDO}")
        left = not_translated(shown(response.get_data(as_text=True)))
        assert not left, f"{exercise_id}: English left: {sorted(set(left))}"


def test_messages_of_the_json_api_and_the_command_line_come_through(app, client):
    answer = client.get("/program.json?" + urlencode({**STAGE_1, "pain": "x", "lang": "eo"}))
    (message,) = answer.get_json()["errors"].values()
    assert message
    assert not not_translated(message)


# The PDF, read as text and as WeasyPrint laid it out.

# The print tests' sheets (each paper and print size, every kind of sheet), and one with
# a clinician's edits, whose "changed" lines are words of their own.
CASES = {**PRINT_CASES, "stage 2 edited, Letter": (EDITED, "letter", "standard")}


def laid_out(app, case: str) -> weasyprint.Document:
    answers, paper, size = CASES[case]
    return lay_out(app, {**answers, "paper": paper, "print": size, "lang": pseudo.PSEUDO,
                         "date": "2026-03-31", "notes": "1234"})  # fmt: skip


def _words(box) -> list[str]:
    """The words of a box's element as written, whole, however its lines broke."""
    return " ".join(box.element.itertext()).split()


def kept_whole_parts(document) -> dict:
    """For each element laid out as a block the stylesheet keeps whole (break-inside:
    avoid), its height on each page it is on."""
    parts: dict = {}
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if (
                element is not None
                and isinstance(box, BlockBox)
                and box.style["break_inside"] == "avoid"
            ):
                parts.setdefault(element, {})[number] = box.margin_height()
    return parts


@pytest.mark.parametrize("case", CASES)
def test_the_pdf_holds_no_english_and_its_layout_holds_longer_words(app, case):
    document = laid_out(app, case)
    text = pdf_text(document.write_pdf())
    date = format_date(__import__("datetime").date(2026, 3, 31), "d MMMM y", locale="eo")
    assert date in text  # the date in the language's own form
    left = not_translated(" ".join(text.split()))
    assert not left, f"English left: {sorted(set(left))}"
    # No block the stylesheet keeps whole (a card, the tracking sheet, the plan...) split
    # across pages, unless it is taller than a page.
    kept = kept_whole_parts(document)
    assert any(
        "tracking" in (element.get("class") or "") or "referral" in (element.get("class") or "")
        for element in kept
    )
    for element, parts in kept.items():
        height = document.pages[0]._page_box.height
        assert len(parts) == 1 or sum(parts.values()) > height, (
            f"{element.tag}.{element.get('class')} is split across pages {sorted(parts)}"
        )
    # Nothing out of its box: no line wider than the page's content box, no word out of
    # its table cell.
    for number, page in enumerate(document.pages, start=1):
        box = page._page_box
        right = box.content_box_x() + box.width + 0.5
        for child in box.descendants():
            if isinstance(child, (LineBox, TextBox)):
                assert child.position_x + child.width <= right, (
                    f"page {number}: {child.text if isinstance(child, TextBox) else ''!r} "
                    "runs past the margin"
                )
            if isinstance(child, TableCellBox):
                edge = child.position_x + child.border_width() + 0.5
                words = set(_words(child))
                for inner in child.descendants():
                    if isinstance(inner, TextBox):
                        assert inner.position_x + inner.width <= edge, (
                            f"page {number}: {inner.text!r} runs out of its table cell"
                        )
                        # A cell too narrow for a word breaks it letters apart.
                        assert set(inner.text.split()) <= words, (
                            f"page {number}: a word broken in a table cell: {inner.text!r}"
                        )
            if isinstance(child, TableBox):
                assert child.position_x + child.border_width() <= right
