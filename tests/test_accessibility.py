"""Accessibility and valid HTML: axe-core in Debian's Chromium finds no serious or critical
violation on the form, the live preview, an error state and the program page; the whole
flow works with the keyboard alone; every field has a label and its error message is its
accessible description; the Nu Html Checker (vnu.jar) finds no error in any page."""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import HTMX, REFERRAL, STAGE_1, STAGE_2_LARGEST, STAGE_3

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BAD_PAIN = {**STAGE_3, "pain": "11"}


# Labels and error messages, in the HTML as served (fast)


class Controls(HTMLParser):
    """Form controls with the label text and the descriptions a screen reader gets."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict] = []
        self.ids: dict[str, str] = {}
        self.labels_for: dict[str, str] = {}
        self._open: list[tuple[str, dict, list[str]]] = []  # (tag, attrs, text) being read
        self._label_controls: list[list[dict]] = []
        self.references: list[str] = []  # every aria-describedby and aria-labelledby id

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self.references += attrs.get("aria-describedby", "").split()
        self.references += attrs.get("aria-labelledby", "").split()
        if tag in ("input", "select", "textarea"):
            if attrs.get("type") not in ("hidden", "submit", "button", "reset", "image"):
                control = {"tag": tag, **attrs, "wrapping_label": bool(self._label_controls)}
                self.controls.append(control)
                if self._label_controls:
                    self._label_controls[-1].append(control)
        if tag == "label":
            self._label_controls.append([])
        if tag in ("input", "br", "img", "meta", "link"):
            if "id" in attrs:
                self.ids.setdefault(attrs["id"], "")
            return
        self._open.append((tag, attrs, []))

    def handle_data(self, data):
        for _, _, text in self._open:
            text.append(data)

    def handle_endtag(self, tag):
        while self._open:
            open_tag, attrs, text = self._open.pop()
            content = " ".join("".join(text).split())
            if "id" in attrs:
                self.ids[attrs["id"]] = content
            if open_tag == "label":
                wrapped = self._label_controls.pop() if self._label_controls else []
                if attrs.get("for"):
                    self.labels_for[attrs["for"]] = content
                for control in wrapped:
                    control["label"] = content
            if open_tag == tag:
                return


def described_by(control: dict, parser: Controls) -> list[str]:
    return control.get("aria-describedby", "").split()


def check_controls(html: str) -> Controls:
    parser = Controls()
    parser.feed(html)
    assert parser.controls
    for control in parser.controls:
        label = control.get("label") or parser.labels_for.get(control.get("id", ""), "")
        assert label.strip() or control.get("aria-label"), f"no label: {control}"
    dangling = [ref for ref in parser.references if ref not in parser.ids]
    assert dangling == [], "aria-describedby or aria-labelledby naming no element"
    return parser


def field_errors(parser: Controls) -> dict[str, str]:
    return {
        ident: text for ident, text in parser.ids.items() if ident.startswith("error-") and text
    }


PAGES = {
    "questionnaire": lambda c: c.get("/"),
    "prefilled": lambda c: c.get("/?" + urlencode(STAGE_2_LARGEST)),
    "live error": lambda c: c.get("/?" + urlencode(BAD_PAIN)),
    "posted with errors": lambda c: c.post(
        "/program", data={"grade": "2", "pain": "x", "date": "soon", "flags": "x"}
    ),
    "posted program": lambda c: c.post("/program", data={**STAGE_2_LARGEST, "name": "Ada"}),
    "edit errors": lambda c: c.post("/program", data={**STAGE_3, "edit.foam-roll.reps": "999"}),
}


@pytest.mark.parametrize("kind", PAGES)
def test_every_field_has_a_label_and_every_aria_reference_exists(client, kind):
    check_controls(PAGES[kind](client).get_data(as_text=True))


@pytest.mark.parametrize("kind", ["live error", "posted with errors", "edit errors"])
def test_every_control_of_a_field_in_error_is_described_by_its_message(client, kind):
    parser = check_controls(PAGES[kind](client).get_data(as_text=True))
    errors = field_errors(parser)
    assert errors
    for error_id in errors:
        tied = [c for c in parser.controls if error_id in described_by(c, parser)]
        assert tied, f"no control is described by {error_id}"
        for control in tied:
            assert control.get("aria-invalid") == "true", control
    for control in parser.controls:
        if control.get("aria-invalid") == "true":
            assert set(described_by(control, parser)) & set(errors), control


def test_the_error_message_of_every_radio_and_checkbox_is_its_own(client):
    """A radio group's message is read on each radio, not only on the fieldset."""
    html = client.post(
        "/program",
        data={
            "grade": "9",
            "pain": "x",
            "slr": "up",
            "toe": "?",
            "side": "both",
            "flags": "x",
            "cleared": "no",
        },
    ).get_data(as_text=True)
    parser = check_controls(html)
    for name in ("grade", "pain", "slr", "toe", "side", "flags", "cleared"):
        boxes = [c for c in parser.controls if c.get("name") == name]
        assert boxes, name
        for box in boxes:
            assert f"error-{name}" in described_by(box, parser), box
            assert box.get("aria-invalid") == "true", box


# The Nu Html Checker


def vnu_messages(paths: list[Path]) -> list[dict]:
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(done.stderr or done.stdout)["messages"]


def as_document(fragment: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fragment</title>'
        f"</head><body>{fragment}</body></html>"
    )


@pytest.mark.slow
def test_every_page_is_valid_html(client, app, tmp_path):
    pages = {
        "index": client.get("/"),
        "prefilled": client.get("/?" + urlencode(STAGE_2_LARGEST)),
        "live-error": client.get("/?" + urlencode(BAD_PAIN)),
        "program-error": client.get("/program?" + urlencode(BAD_PAIN)),
        "program": client.get("/program?" + urlencode(STAGE_2_LARGEST)),
        "referral": client.get("/program?" + urlencode(REFERRAL)),
        "posted": client.post("/program", data={**STAGE_1, "name": "Ada", "notes": "a\nb"}),
        "posted-error": client.post("/program", data={"grade": "2", "pain": "x"}),
        "edit-error": client.post("/program", data={**STAGE_3, "edit.foam-roll.reps": "999"}),
        "not-found": client.get("/nowhere"),
    }
    fragment = client.post("/program", data={**STAGE_3, "name": "Ada"}, headers=HTMX)
    paths = []
    for name, response in pages.items():
        assert response.status_code in (200, 404, 422), name
        paths.append(tmp_path / f"{name}.html")
        paths[-1].write_text(response.get_data(as_text=True))
    paths.append(tmp_path / "fragment.html")
    paths[-1].write_text(as_document(fragment.get_data(as_text=True)))
    with app.test_request_context():
        from flask import render_template

        paths.append(tmp_path / "busy.html")
        paths[-1].write_text(render_template("busy.html"))
    messages = vnu_messages(paths)
    found = [(Path(m.get("url", "")).name, m.get("lastLine"), m["message"]) for m in messages]
    Path("/tmp/vnu.json").write_text(json.dumps(found, indent=1))
    assert found == []


@pytest.mark.slow
def test_the_html_checker_reports_invalid_html(tmp_path):
    path = tmp_path / "bad.html"
    path.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head>'
        '<body><p id="a">x</p><p id="a">y</p><div><li>z</div></body></html>'
    )
    assert len(vnu_messages([path])) >= 2


# axe-core and the keyboard, in Debian's Chromium


def serious(page) -> list[str]:
    # A preview on its way dims the old one (opacity 0.6, screen.css) and lowers its
    # contrast until the new one settles: check the settled page. (A request still in
    # flight when axe ran failed a fresh-clone run on the toolbar's contrast.)
    page.wait_for_function(
        """() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')
                 && [...document.querySelectorAll('.preview')]
                        .every((e) => getComputedStyle(e).opacity === '1')"""
    )
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def answer_with_the_mouse(page, answers: dict) -> None:
    for name, value in answers.items():
        page.locator(f'input[name="{name}"][value="{value}"]').check()


@pytest.mark.slow
def test_axe_finds_nothing_serious_on_the_form(page, live_server):
    page.goto(live_server + "/")
    assert serious(page) == []


@pytest.mark.slow
def test_axe_finds_nothing_serious_on_the_live_preview(page, live_server):
    page.goto(live_server + "/")
    answer_with_the_mouse(page, STAGE_2_LARGEST)
    page.locator("#preview").get_by_text("Stage 2 of 3").wait_for()
    page.locator("summary", has_text="Handout details").click()
    page.fill("#name", "Ada Lovelace")
    page.locator("#preview").get_by_text("Ada Lovelace").wait_for()
    page.locator("#preview summary").first.click()  # an exercise editor open
    assert serious(page) == []


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/", "/program"], ids=["live", "full page"])
def test_axe_finds_nothing_serious_in_an_error_state(page, live_server, path):
    page.goto(live_server + path + "?" + urlencode({**BAD_PAIN, "side": "both"}))
    assert page.locator("#error-pain").inner_text()
    assert serious(page) == []


@pytest.mark.slow
@pytest.mark.parametrize("answers", [STAGE_2_LARGEST, REFERRAL], ids=["program", "referral"])
def test_axe_finds_nothing_serious_on_the_program_page(page, live_server, answers):
    page.goto(live_server + "/program?" + urlencode(answers))
    assert serious(page) == []


def focus(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return {tag: e.tagName.toLowerCase(), name: e.name || '', value: e.value || '',
                           id: e.id || '', text: (e.innerText || '').trim()}; }"""
    )


def tab_to(page, wanted, limit: int = 80) -> dict:
    """Press Tab until the focused element matches ``wanted``; fail past ``limit``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = focus(page)
        if wanted(focused):
            return focused
    raise AssertionError(f"Tab never reached the element; last focus: {focus(page)}")


def choose_by_keyboard(page, name: str, value: str) -> None:
    """Tab into a radio group, then Space and the arrow keys, as a keyboard user does."""
    focused = tab_to(page, lambda f: f["name"] == name)
    values = page.eval_on_selector_all(f'input[name="{name}"]', "els => els.map(e => e.value)")
    if not page.locator(f'input[name="{name}"][value="{focused["value"]}"]').is_checked():
        page.keyboard.press("Space")
    for _ in range(values.index(value) - values.index(focused["value"])):
        page.keyboard.press("ArrowRight")
    assert page.locator(f'input[name="{name}"][value="{value}"]').is_checked()


@pytest.mark.slow
def test_the_whole_flow_works_with_the_keyboard_alone(page, live_server):
    page.goto(live_server + "/")
    for name, value in STAGE_1.items():
        choose_by_keyboard(page, name, value)
    page.locator("#preview").get_by_text("Stage 1 of 3").wait_for()
    tab_to(page, lambda f: f["tag"] == "summary" and "Handout details" in f["text"])
    page.keyboard.press("Enter")
    tab_to(page, lambda f: f["id"] == "name")
    page.keyboard.type("Ada Lovelace")
    page.locator("#preview").get_by_text("Ada Lovelace").wait_for()
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Download PDF")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Printable page")
    page.keyboard.press("Enter")
    page.wait_for_url("**/program?**")
    page.get_by_text("Stage 1 of 3").wait_for()
    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Change the answers")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?**")
    assert page.locator('input[name="pain"][value="5"]').is_checked()


@pytest.mark.slow
def test_a_wrong_answer_is_found_and_fixed_with_the_keyboard(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    choose_by_keyboard(page, "grade", "2")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Show program")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    message = page.locator("#error-pain").inner_text()
    assert message == "Choose your pain score, from 0 to 10."  # asked, not blamed
    first_pain = page.locator('input[name="pain"]').first
    assert "error-pain" in (first_pain.get_attribute("aria-describedby") or "").split()
    for name, value in list(STAGE_1.items())[1:]:
        choose_by_keyboard(page, name, value)
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Show program")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#preview").get_by_text("Stage 1 of 3").is_visible()
    context.close()
