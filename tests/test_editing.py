"""Editing that never loses input (the clinician's screen): typing in the preview's fields
like a person does, in Debian's Chromium, and reading back the field, the focus, the
preview and the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import pdf_text

pytestmark = pytest.mark.slow

STAGE_2 = "/?grade=2&pain=3&slr=limited&toe=no&side=right"
REPS = "#edit-hip-hinge-reps"
ERROR = "#error-edit-hip-hinge-reps"
DOSE = "#exercise-hip-hinge .dose"


def open_editor(page, live_server):
    page.goto(live_server + STAGE_2)
    page.locator("#exercise-hip-hinge summary", has_text="Adjust this exercise").click()
    field = page.locator(REPS)
    field.click()
    return field


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_typing_a_dose_keeps_every_character_the_caret_and_the_focus(page, live_server):
    field = open_editor(page, live_server)
    field.press_sequentially("12", delay=150)
    page.locator(DOSE, has_text="2 sets of 12 reps").wait_for()
    assert field.input_value() == "12"
    assert focused(page) == "edit-hip-hinge-reps"
    # Backspace at the caret (the end), as a person corrects a number: 1 is out of range.
    field.press("Backspace")
    page.locator(ERROR, has_text="Reps for Hip hinge").wait_for()
    page.wait_for_timeout(900)  # a second refresh must not clear it either
    assert field.input_value() == "1"
    assert page.locator("#exercise-hip-hinge details.edit").evaluate("d => d.open")
    assert focused(page) == "edit-hip-hinge-reps"
    assert page.locator(ERROR).inner_text()
    # The fix: a 0 after the 1, where the caret still is.
    field.press_sequentially("0", delay=150)
    page.locator(DOSE, has_text="2 sets of 10 reps").wait_for()
    assert field.input_value() == "10"
    assert page.locator(ERROR).inner_text() == ""
    assert focused(page) == "edit-hip-hinge-reps"
    # The arrow keys move the caret as usual: Home, then a 1 in front makes 110 (too many).
    field.press("Home")
    field.press_sequentially("1", delay=150)
    page.locator(ERROR, has_text="Reps for Hip hinge").wait_for()
    assert field.input_value() == "110"
    field.press("Home")
    field.press("Delete")
    page.locator(DOSE, has_text="2 sets of 10 reps").wait_for()
    assert field.input_value() == "10"
    with page.expect_download() as download:
        page.locator("#preview").get_by_role("button", name="Download PDF").click()
    text = " ".join(pdf_text(Path(download.value.path()).read_bytes()).split())
    assert "Hip hinge with a pole" in text
    assert "2 sets of 10 reps" in text


def test_letters_typed_while_a_preview_is_on_its_way_are_kept(page, live_server):
    """The preview answering the first digit arrives after the second was typed: the
    field keeps both, and a new preview follows them."""
    field = open_editor(page, live_server)
    held = []

    def hold_the_first(route):  # later previews go through at once
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/program", hold_the_first)
    field.press_sequentially("1", delay=50)
    wait_until(lambda: held, page)  # the preview for "1" has left, and is held
    field.press_sequentially("2", delay=50)
    held[0].continue_()  # it arrives now, before the preview for "12" is asked for
    page.locator(DOSE, has_text="2 sets of 12 reps").wait_for()
    assert field.input_value() == "12"
    assert focused(page) == "edit-hip-hinge-reps"
    page.unroute("**/program")


def test_a_key_pressed_in_the_new_field_before_the_preview_settles_is_kept(page, live_server):
    """The swapped-in field takes keys at once, but the preview settles 20 ms later: a
    key pressed in between stays, and is previewed. (The field's value from before the
    swap used to be given back on settling: "Delete" on "110" came back as "110", a
    rare failure of the typing test above.)"""
    field = open_editor(page, live_server)
    field.press_sequentially("12", delay=150)
    page.locator(DOSE, has_text="2 sets of 12 reps").wait_for()
    # The Backspace's swap is followed at once by a key in the new field, before it
    # settles. (That swap's only: a swap still on its way for "12" can come after the wait
    # above, and a key "pressed" then was undone by the Backspace, a rare failure.)
    page.evaluate(
        """() => {
            const onSwap = () => {
                const field = document.getElementById("edit-hip-hinge-reps");
                if (!field || field.value !== "1") return;
                document.removeEventListener("htmx:afterSwap", onSwap);
                field.value = "14";
                field.dispatchEvent(new Event("input", { bubbles: true }));
            };
            document.addEventListener("htmx:afterSwap", onSwap);
        }"""
    )
    field.press("Backspace")
    page.locator(DOSE, has_text="2 sets of 14 reps").wait_for()
    page.wait_for_timeout(600)  # whatever settles or refreshes after it
    assert field.input_value() == "14"
    assert page.locator(ERROR).inner_text() == ""
    assert focused(page) == "edit-hip-hinge-reps"


def wait_until(condition, page, seconds: float = 10.0) -> None:
    for _ in range(int(seconds * 20)):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("waited too long")


def test_a_questionnaire_field_filled_while_a_preview_swaps_in_keeps_its_text(page, live_server):
    """Text that arrives in a questionnaire field between a preview's swap and its
    settling stays: the field is outside the preview, not replaced, so nothing is given
    back to it. (The field's old value used to be restored over the new text: the
    privacy test's rare "the preview never caught up", with the clinician's name gone.)"""
    page.goto(live_server + STAGE_2)
    page.locator("summary", has_text="Handout details").click()
    field = page.locator("#clinician")
    field.focus()
    # A preview arrives as the field is being filled: its swap starts with the field
    # empty, the text comes, then the swap settles.
    page.evaluate("document.dispatchEvent(new CustomEvent('htmx:beforeSwap'))")
    field.fill("Dr Ada Quill")
    page.evaluate("document.dispatchEvent(new CustomEvent('htmx:afterSwap'))")
    assert field.input_value() == "Dr Ada Quill"
    page.locator("#preview").get_by_text("Dr Ada Quill").wait_for()
