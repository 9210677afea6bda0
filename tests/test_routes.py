"""Every route and error path through Flask's test client."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from markupsafe import escape

from generator.catalogue import catalogue, guidance
from tests.conftest import HTMX, REFERRAL, STAGE_1, STAGE_2_LARGEST, STAGE_3


def query(values: dict) -> str:
    return urlencode(values, doseq=True)


def is_checked(html: str, name: str, value: str) -> bool:
    """Whether the radio or checkbox ``name=value`` in ``html`` is checked."""
    pattern = rf'<input type="(?:radio|checkbox)" name="{name}" value="{value}"[^>]*>'
    tags = re.findall(pattern, html)
    assert len(tags) == 1, tags
    return " checked" in tags[0]


# JSON


def test_json_for_a_mild_strain_with_full_range_is_a_stage_3_program(client):
    response = client.get("/program.json?" + query(STAGE_3))
    assert response.status_code == 200
    body = response.get_json()
    assert body["referral"] is False
    assert body["stage"] == 3
    assert body["stage_name"] == "Build strength as the muscle lengthens"
    assert body["reasons"]
    assert [e["id"] for e in body["exercises"]] == [
        "foam-roll",
        "straight-leg-bridge",
        "ecc-sl-bridge",
        "ecc-sliders",
        "reverse-deadlift",
    ]
    for exercise in body["exercises"]:
        assert set(exercise) >= {"id", "name", "purpose", "steps", "cues", "dose", "equipment",
                                 "easier", "harder", "images"}  # fmt: skip
        assert exercise["steps"]
        assert exercise["cues"]
        assert exercise["dose"]["reps"] > 0
        assert exercise["dose"]["summary"]


def test_json_images_are_figure_urls_for_the_injured_side(client):
    body = client.get("/program.json?" + query(STAGE_3)).get_json()
    deadlift = body["exercises"][-1]
    assert deadlift["images"] == [
        "/figures/reverse-deadlift/top-left.svg",
        "/figures/reverse-deadlift/bottom-left.svg",
    ]
    for exercise in body["exercises"]:
        for url in exercise["images"]:
            assert client.get(url).status_code == 200


def test_json_pain_eight_is_a_referral(client):
    body = client.get("/program.json?" + query({**STAGE_3, "pain": "8"})).get_json()
    assert body["referral"] is True
    assert body["stage"] is None
    assert body["stage_name"] is None
    assert body["exercises"] == []
    assert any("8/10" in reason for reason in body["reasons"])


def test_json_pain_eleven_is_422_naming_pain(client):
    response = client.get("/program.json?" + query({**STAGE_3, "pain": "eleven"}))
    assert response.status_code == 422
    assert response.get_json() == {"errors": {"pain": "Pain must be a whole number from 0 to 10."}}


def test_json_with_nothing_names_every_question(client):
    response = client.get("/program.json")
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"grade", "pain", "slr", "toe", "side"}


# The questionnaire page


def test_index_shows_the_questionnaire_and_an_empty_preview(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for name in ("grade", "pain", "slr", "toe", "side", "flags", "cleared", "name", "notes"):
        assert f'name="{name}"' in html
    assert 'id="preview"' in html
    assert "Your program will appear here" in html
    assert "/vendor/htmx.min.js" in html


def test_query_parameters_prefill_the_form_and_the_preview(client):
    html = client.get("/?" + query(STAGE_3)).get_data(as_text=True)
    assert is_checked(html, "pain", "2")
    assert is_checked(html, "side", "left")
    assert not is_checked(html, "pain", "3")
    assert "Stage 3 of 3" in html


def test_index_with_some_answers_lists_the_rest_gently(client):
    response = client.get("/?grade=2")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Still to answer" in html
    assert "Pain right now" in html


def test_index_with_a_wrong_answer_is_422_with_the_message(client):
    response = client.get("/?" + query({**STAGE_3, "pain": "eleven"}))
    assert response.status_code == 422
    assert "Pain must be a whole number from 0 to 10." in response.get_data(as_text=True)


def test_htmx_is_served_by_the_app(client):
    response = client.get("/vendor/htmx.min.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert b"htmx" in response.data[:200]


# The printable program page


def test_program_page_is_the_full_handout(client):
    response = client.get("/program?" + query(STAGE_2_LARGEST))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Stage 2 of 3" in html
    for section in ("Why this program", "Pain rules", "Your exercises", "Go back a step when",
                    "Two-week tracking sheet", "Get help if any of these happens"):  # fmt: skip
        assert section in html
    assert 'id="questionnaire"' not in html
    assert "/figures/aslr-band/band-leg-up-right.svg" in html


def test_every_card_carries_its_cues_equipment_and_options(client):
    html = client.get("/program?" + query(STAGE_2_LARGEST)).get_data(as_text=True)
    cards = dict(re.findall(r'<section class="exercise" id="exercise-([a-z-]+)">(.*?)</section>',
                            html, re.DOTALL))  # fmt: skip
    assert len(cards) == 7
    for exercise_id, card in cards.items():
        exercise = catalogue()[exercise_id]
        for text in (*exercise.cues, exercise.equipment, exercise.easier, exercise.harder):
            assert str(escape(text)) in card, (exercise_id, text)


def test_program_page_with_bad_input_returns_the_form_with_messages(client):
    response = client.get("/program?" + query({**STAGE_3, "side": "both", "grade": "7"}))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choose the injured leg: left or right." in html
    assert "Choose the grade of the strain" in html
    assert is_checked(html, "pain", "2")


def test_program_page_ignores_personal_fields_in_the_url(client):
    html = client.get("/program?" + query({**STAGE_3, "name": "Zed Query"})).get_data(as_text=True)
    assert "Zed Query" not in html


def test_referral_page_says_who_to_see_and_has_no_exercises(client):
    html = client.get("/program?" + query(REFERRAL)).get_data(as_text=True)
    assert guidance().referral.title_today in html
    assert "Who to see, and how soon" in html
    assert "Get medical help today." in html  # pain of 8: the same day
    assert "Your exercises" not in html


# POST /program: the live preview and the no-JavaScript fallback


def test_htmx_post_answers_only_the_preview_fragment(client):
    response = client.post("/program", data={**STAGE_1, "name": "Ada Lovelace"}, headers=HTMX)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<section id="preview"')
    assert "<html" not in html
    assert "Ada Lovelace" in html
    assert "Stage 1 of 3" in html
    assert "HX-Request" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == "no-store"


def test_htmx_post_puts_only_clinical_answers_in_the_address_bar(client):
    response = client.post(
        "/program", data={**STAGE_1, "name": "Ada Lovelace", "notes": "secret"}, headers=HTMX
    )
    url = response.headers["HX-Replace-Url"]
    assert url == "/?grade=2&pain=5&slr=limited&toe=no&side=left&lang=en"
    assert "Ada" not in url
    assert "secret" not in url


def test_htmx_post_with_errors_is_422_with_messages_beside_the_fields(client):
    response = client.post("/program", data={**STAGE_1, "pain": "eleven"}, headers=HTMX)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert '<p class="field-error" id="error-pain" data-hx-swap-oob="true">Pain must be' in html
    assert "HX-Replace-Url" not in response.headers


def test_htmx_post_does_not_scold_questions_not_answered_yet(client):
    response = client.post("/program", data={"grade": "2"}, headers=HTMX)
    assert response.status_code == 200  # a half-answered form is not an error
    html = response.get_data(as_text=True)
    assert 'id="error-pain" data-hx-swap-oob="true"></p>' in html
    assert "Still to answer" in html


def test_plain_post_returns_the_full_page_with_the_program(client):
    response = client.post("/program", data={**STAGE_3, "name": "Grace Hopper"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" in html
    assert 'id="questionnaire"' in html
    assert "Grace Hopper" in html
    assert "Stage 3 of 3" in html


def test_plain_post_with_errors_keeps_the_other_answers(client):
    data = {**STAGE_3, "pain": "", "name": "Grace Hopper", "notes": "Keep it light"}
    response = client.post("/program", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choose your pain score, from 0 to 10." in html
    assert 'value="Grace Hopper"' in html
    assert "Keep it light</textarea>" in html
    assert is_checked(html, "slr", "full")


@pytest.mark.parametrize("field", ["name", "clinician", "notes"])
def test_markup_in_a_personal_field_shows_as_text(client, field):
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    html = client.post("/program", data={**STAGE_3, field: attack}).get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_too_long_name_is_a_message_not_a_program(client):
    response = client.post("/program", data={**STAGE_3, "name": "x" * 81})
    assert response.status_code == 422
    assert "at most 80 characters" in response.get_data(as_text=True)


def test_oversized_body_is_413_not_500(client):
    response = client.post("/program", data={**STAGE_3, "notes": "x" * 100_000})
    assert response.status_code == 413


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405(client, method):
    assert getattr(client, method)("/program").status_code == 405


def test_unknown_page_is_404_html(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "Back to the questionnaire" in response.get_data(as_text=True)


# Figures


def test_figure_is_cacheable_svg(client):
    response = client.get("/figures/hip-hinge/hinge-right.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.cache_control.max_age >= 86400
    assert response.headers["ETag"]
    again = client.get(
        "/figures/hip-hinge/hinge-right.svg", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    "url",
    ["/figures/hip-hinge/nowhere-left.svg", "/figures/nope/hinge-left.svg",
     "/figures/hip-hinge/hinge-up.svg"],
)  # fmt: skip
def test_unknown_figure_is_404(client, url):
    assert client.get(url).status_code == 404


# Headers


def test_pages_have_no_inline_script_or_handlers(client):
    html = client.post("/program", data=STAGE_2_LARGEST).get_data(as_text=True)
    assert "<script>" not in html
    assert " onclick=" not in html
    assert "javascript:" not in html


def test_exercises_left_out_for_the_same_reason_share_one_line(client):
    html = client.get("/program?" + query(STAGE_3)).get_data(as_text=True)
    for reason, names in (
        ("Used in stage 2.", ("Active straight leg raise with a band", "Toe touch progression")),
        ("Used in stages 1 and 2.", ("Heel dig hold, lying on your back", "Hip hinge with a pole")),
    ):
        assert html.count(reason) == 1
        line = html.split(reason)[0].rsplit("<li>", 1)[1]
        assert all(name in line for name in names), line


def test_a_referral_answers_without_the_movement_tests(client):
    body = client.get("/program.json?grade=3&pain=9&side=left&flags=pop").get_json()
    assert body["referral"] is True
    assert body["referral_level"] == "today"
    assert body["who_to_see"][0].startswith("Today")
    assert any("surgery" in line for line in body["who_to_see"])
    soon = client.get("/program.json?grade=2&pain=2&side=left&flags=gap").get_json()
    assert soon["referral_level"] == "soon"


def test_the_json_carries_the_criteria_and_the_events_to_watch_for(client):
    body = client.get("/program.json?" + query(STAGE_2_LARGEST)).get_json()
    assert "Pain with walking is 2/10 or less." in body["move_on"]
    assert "Pain with walking rises to 4/10 or more." in body["step_back"]
    assert [item["id"] for item in body["step_back_to"]] == ["supine-iso", "prone-iso",
                                                              "hip-hinge"]  # fmt: skip
    assert {event["level"] for event in body["watch_for"]} == {"today", "soon"}


# PRODUCT.md 4.4 and 5: every section in its order, and all of it in the JSON.

SECTIONS = ("handout-header", "plan", "why", "pain-rules", "exercises", "walking", "expect",
            "progress", "warning-signs", "prevention", "tracking", "for-clinician")  # fmt: skip


@pytest.mark.parametrize("answers", [STAGE_1, STAGE_2_LARGEST, STAGE_3])
def test_the_handout_prints_its_sections_in_order_clinician_last(client, answers):
    html = client.get("/program?" + query(answers)).get_data(as_text=True)
    found = [(html.find(f'class="{name}'), name) for name in SECTIONS]
    printed = [name for at, name in sorted(found) if at >= 0]
    expected = [n for n in SECTIONS if n != "prevention" or answers is STAGE_3]
    assert printed == expected


def test_stage_three_prints_the_nordic_exercise_with_its_ramp_and_figures(client):
    html = client.get("/program?" + query(STAGE_3)).get_data(as_text=True)
    section = html[html.index('class="prevention') : html.index('class="tracking')]
    assert "Nordic hamstring exercise" in section
    assert "Weeks 5 to 10" in section
    assert "once a week" in section
    assert section.count('src="/figures/nordic/') == 2
    for url in re.findall(r'src="(/figures/nordic/[^"]+)"', section):
        assert client.get(url).status_code == 200


def test_the_tracking_sheet_marks_planned_and_rest_days_with_each_weeks_dose(client):
    html = client.get("/program?" + query(STAGE_3)).get_data(as_text=True)
    sheet = html[html.index('class="tracking') : html.index('class="for-clinician')]
    rows = {re.search(r"<th[^>]*>([^<]+)", row)[1]: row for row in re.split(r"<tr\b", sheet)[3:]}
    sliders = next(row for name, row in rows.items() if name.startswith("Bridge with slow"))
    assert "Week 1: 2 sets of 8 reps. Week 2: 3 sets of 8 reps." in sliders
    # 3 days a week, never two in a row: days 1, 3, 5, 8, 10, 12 to tick, the rest rest.
    cells = re.findall(r'<td class="(plan|rest)', sliders)
    assert [n + 1 for n, kind in enumerate(cells) if kind == "plan"] == [1, 3, 5, 8, 10, 12]
    assert sliders.count(">rest</td>") == 8
    pain = next(row for name, row in rows.items() if name.startswith("Walking pain"))
    assert re.findall(r'<td class="(plan|rest)', pain) == ["plan"] * 14


def test_the_json_carries_every_section_the_handout_prints(client):
    body = client.get("/program.json?" + query(STAGE_3)).get_json()
    assert body["plan"]["stage"] == 3
    assert body["plan"]["pain_limit"] == 3
    assert [e["id"] for e in body["plan"]["exercises"]] == [e["id"] for e in body["exercises"]]
    assert body["walking_running"]
    assert len(body["what_to_expect"]) == 3
    assert body["move_on"]
    assert body["step_back"]
    assert body["watch_for"]
    nordic = body["keep_it_from_coming_back"]
    assert nordic["exercise"]["id"] == "nordic"
    assert len(nordic["ramp"]) == 5
    assert len(nordic["exercise"]["images"]) == 2
    sliders = next(e for e in body["exercises"] if e["id"] == "ecc-sliders")
    assert [w["sets"] for w in sliders["dose"]["weeks"]] == [2, 3, 3]
    assert body["for_clinician"]["evidence"]
    assert body["for_clinician"]["left_out"]
    stage_1 = client.get("/program.json?" + query(STAGE_1)).get_json()
    assert stage_1["keep_it_from_coming_back"] is None
    assert all(not e["dose"]["weeks"] for e in stage_1["exercises"])
    referral = client.get("/program.json?" + query({**STAGE_3, "pain": "8"})).get_json()
    assert referral["plan"] is None
    assert referral["referral_level"] == "today"


def test_the_empty_preview_shows_what_the_handout_will_hold(client):
    html = client.get("/").get_data(as_text=True)
    notice = html[html.index('id="preview"') : html.index("</section>", html.index('id="preview"'))]
    for part in ("plan at a glance", "pain rules", "pictures, steps and its dose",
                 "walking and running", "tracking sheet", "who to see"):  # fmt: skip
        assert part in notice, part


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_handout_says_which_leg_the_dark_leg_is(client, side):
    html = client.get("/program?" + query({**STAGE_3, "side": side})).get_data(as_text=True)
    assert f"In the pictures, the dark leg is your injured {side} leg." in html
    referral = client.get("/program?" + query({**REFERRAL, "side": side})).get_data(as_text=True)
    assert "the dark leg" not in referral  # no pictures there
