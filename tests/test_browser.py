"""The real thing in Debian's Chromium: the live preview, the PDF download, and the whole
flow with JavaScript off. Playwright never downloads a browser here."""

from __future__ import annotations

import pytest

from generator.catalogue import guidance

pytestmark = pytest.mark.slow

# Debian's Chromium and the live server come from conftest.py (browser_type_launch_args,
# live_server), shared with the accessibility, security and privacy tests.

REFERRAL_TITLE = guidance().referral.title_today  # pain of 8: the same day


def answer(page, grade="1", pain="2", slr="full", toe="yes", side="left"):
    for name, value in (("grade", grade), ("pain", pain), ("slr", slr), ("toe", toe),
                        ("side", side)):  # fmt: skip
        page.locator(f'input[name="{name}"][value="{value}"]').check()


def test_answering_updates_the_preview_without_a_reload(page, live_server):
    page.goto(live_server + "/")
    page.evaluate("window.notReloaded = true")
    preview = page.locator("#preview")
    answer(page)
    preview.get_by_text("Stage 3 of 3").wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert "grade=1&pain=2&slr=full&toe=yes&side=left" in page.url

    page.locator('input[name="pain"][value="5"]').check()
    preview.get_by_text("Stage 1 of 3").wait_for()
    page.locator("summary", has_text="Handout details").click()
    page.fill("#name", "Ada Lovelace")
    preview.get_by_text("Ada Lovelace").wait_for()
    assert "Ada" not in page.url
    assert page.evaluate("window.notReloaded") is True


def test_the_preview_shows_figures(page, live_server):
    page.goto(live_server + "/?grade=2&pain=3&slr=limited&toe=no&side=right")
    images = page.locator("#preview .figures img")
    assert images.count() >= 10
    for index in range(images.count()):
        assert images.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")


def test_referral_answers_show_see_a_professional(page, live_server):
    page.goto(live_server + "/")
    answer(page, pain="8")
    page.locator("#preview").get_by_text(REFERRAL_TITLE).wait_for()


def test_download_pdf_from_the_preview(page, live_server):
    page.goto(live_server + "/")
    answer(page, grade="2", pain="3", slr="limited", toe="no")
    page.locator("#preview").get_by_text("Stage 2 of 3").wait_for()
    with page.expect_download() as download_info:
        page.locator("#preview").get_by_role("button", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("hamstring-program-")
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_the_whole_flow_works_with_javascript_off(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    answer(page, grade="2", pain="5", slr="limited", toe="no", side="right")
    page.locator("details.personal summary").click()
    page.fill("#name", "Grace Hopper")
    page.get_by_role("button", name="Show program").click()
    page.wait_for_load_state()
    assert page.url.endswith("/program")
    assert page.locator("#preview").get_by_text("Stage 1 of 3").is_visible()
    assert page.locator("#preview").get_by_text("Grace Hopper").is_visible()
    with page.expect_download() as download_info:
        page.locator(".questions").get_by_role("button", name="Download PDF").click()
    assert download_info.value.suggested_filename.endswith(".pdf")
    context.close()


def test_missing_answers_without_javascript_show_messages_in_place(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    page.locator('input[name="grade"][value="2"]').check()
    page.get_by_role("button", name="Show program").click()
    page.wait_for_load_state()
    assert page.locator("#error-pain").inner_text() == "Choose your pain score, from 0 to 10."
    assert page.locator('input[name="grade"][value="2"]').is_checked()
    context.close()


def test_print_hides_the_questionnaire(page, live_server):
    page.goto(live_server + "/?grade=1&pain=2&slr=full&toe=yes&side=left")
    page.emulate_media(media="print")
    assert page.locator(".questions").is_hidden()
    assert page.locator(".handout").is_visible()


@pytest.mark.parametrize(("paper", "size"), [("a4", "595 x 842"), ("letter", "612 x 792")])
def test_the_browsers_print_uses_the_chosen_paper(page, live_server, tmp_path, paper, size):
    import subprocess

    page.goto(live_server + "/?grade=1&pain=2&slr=full&toe=yes&side=left")
    page.locator("details.personal summary").click()
    page.select_option("#paper", paper)
    page.locator(f"#preview .handout.paper-{paper}").wait_for()
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = (round(float(n)) for n in info.split("Page size:")[1].split()[0:3:2])
    assert f"{width} x {height}" == size


def test_the_actions_stay_in_sight_on_a_laptop_and_a_phone(browser, live_server):
    for size in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        page = browser.new_page(viewport=size)
        page.goto(live_server + "/?grade=2&pain=3&slr=limited&toe=no&side=right")
        show = page.get_by_role("button", name="Show program")
        if size["width"] > 800:  # beside the preview: in sight without scrolling
            box = show.bounding_box()
            assert box["y"] + box["height"] <= size["height"], size
        page.locator("#exercise-hip-hinge").scroll_into_view_if_needed()
        download = page.locator("#preview").get_by_role("button", name="Download PDF")
        box = download.bounding_box()
        assert 0 <= box["y"] <= size["height"] - box["height"], size  # the toolbar follows
        page.close()


VISIBLE_FRAME = """() => [...document.querySelectorAll('.moving svg > g > g')]
    .findIndex(g => getComputedStyle(g).visibility === 'visible')"""


def test_the_exercise_page_figure_moves(page, live_server):
    page.goto(live_server + "/exercises/reverse-deadlift?side=right")
    assert page.locator(".moving svg").is_visible()
    assert not page.locator(".still").is_visible()
    seen = set()
    for _ in range(12):
        seen.add(page.evaluate(VISIBLE_FRAME))
        page.wait_for_timeout(250)
    assert -1 not in seen
    assert len(seen) >= 4  # frames follow one another: the figure moves


def test_the_exercise_page_stands_still_for_reduced_motion(browser, live_server):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(live_server + "/exercises/ecc-sl-bridge?side=left")
    assert not page.locator(".moving").is_visible()
    images = page.locator(".still img")
    assert images.count() == 2
    for index in range(2):
        assert images.nth(index).is_visible()
        assert images.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")
    context.close()


def test_a_preview_asked_for_just_before_download_pdf_stays_a_preview(page, live_server):
    # htmx sends a form's requests to the formaction of the last button clicked while it
    # keeps the focus: typing, then "Download PDF" within the typing pause, used to send
    # the preview request to the PDF address and swap a PDF into the page.
    htmx_pdf_requests = []
    page.on(
        "request",
        lambda r: (
            htmx_pdf_requests.append(r.url)
            if r.url.endswith("/program.pdf") and r.headers.get("hx-request")
            else None
        ),
    )
    page.goto(live_server + "/?grade=2&pain=3&slr=limited&toe=no&side=right")
    page.locator("summary", has_text="Handout details").click()
    page.locator("#notes").focus()
    with page.expect_download():
        # Typed, then clicked at once: the typing pause ends after the click.
        page.evaluate(
            """() => {
                const notes = document.getElementById("notes");
                notes.value = "Ice after";
                notes.dispatchEvent(new Event("input", { bubbles: true }));
                document.querySelector("#preview button[formaction$='/program.pdf']").click();
            }"""
        )
    page.wait_for_timeout(1500)  # the typing pause has ended and its preview is back
    assert htmx_pdf_requests == []
    page.locator("#preview").get_by_text("Ice after").wait_for()
    assert page.locator("#preview").get_by_role("link", name="Printable page").is_visible()


def test_a_preview_lost_on_the_way_is_asked_for_again(page, live_server):
    page.goto(live_server + "/?grade=2&pain=3&slr=limited&toe=no&side=right")
    lost = []

    def lose_the_first(route):
        if lost:
            route.continue_()
        else:
            lost.append(route.request.url)
            route.abort()  # as if the request never came back

    page.route("**/program", lose_the_first)
    page.locator("summary", has_text="Handout details").click()
    page.fill("#clinician", "Dr Ines Quarrington")
    page.locator("#preview").get_by_text("Dr Ines Quarrington").wait_for(timeout=10_000)
    assert len(lost) == 1
    page.unroute("**/program")


def test_a_spanish_browser_gets_spanish_and_may_print_the_handout_in_english(browser, live_server):
    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "es"
    answer(page, grade="2", pain="3", slr="limited", toe="no")
    preview = page.locator("#preview")
    preview.get_by_text("Etapa 2 de 3").wait_for()
    assert "lang=es" in page.url
    # The handout in English; the questionnaire stays Spanish.
    page.locator("details.personal summary").click()
    page.select_option("#lang", "en")
    preview.get_by_text("Stage 2 of 3").wait_for()
    assert preview.locator("article").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("lang") == "es"
    assert "lang=en" in page.url
    # Picking the interface language keeps the answers.
    page.get_by_role("button", name="English").click()
    page.locator("html[lang=en]").wait_for()
    preview.get_by_text("Stage 2 of 3").wait_for()
    context.close()
