"""The clinician's edits: bounds per stage, the round trip through the form and the
share link, what the handout marks, and that no edit can break section 4's rules."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from generator.answers import Answers, Grade, Side, Slr, ToeTouch
from generator.catalogue import Kind, catalogue
from generator.edits import Edits, ExerciseEdit, apply_edits, link_values, parse_edits
from generator.rules import LOADING_SCHEDULES, STAGE_SETS, build_program, edit_bounds
from tests.conftest import HTMX, STAGE_1, STAGE_2_LARGEST, STAGE_3

ECCENTRIC = {"ecc-sl-bridge", "ecc-sliders", "reverse-deadlift"}


def program_for(stage: int):
    pain, slr, toe = {1: (5, Slr.LIMITED, ToeTouch.NO), 2: (3, Slr.LIMITED, ToeTouch.NO),
                      3: (1, Slr.FULL, ToeTouch.YES)}[stage]  # fmt: skip
    return build_program(Answers(Grade.TWO, pain, slr, toe, Side.LEFT))


@pytest.mark.parametrize("stage", [1, 2, 3])
def test_bounds_stay_within_the_stage_and_the_article_dose(stage):
    for item in program_for(stage).exercises:
        bounds = edit_bounds(item.exercise, stage)
        assert bounds.reps[1] == item.exercise.dose.reps[1]
        assert bounds.reps[0] >= 1
        assert bounds.sets[1] <= STAGE_SETS[stage][1]
        if item.exercise.kind is Kind.LOADING:
            assert "daily" not in bounds.schedules
            assert set(bounds.schedules) <= set(LOADING_SCHEDULES)
        if item.exercise.dose.hold_s:
            assert bounds.hold_s[1] == item.exercise.dose.hold_s[1]
        else:
            assert bounds.hold_s is None
        assert item.dose.schedule in bounds.schedules
        assert bounds.sets[0] <= item.dose.sets <= bounds.sets[1]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("edit.ecc-sl-bridge.reps", "16", "from 7 to 15"),
        ("edit.ecc-sl-bridge.reps", "0", "from 7 to 15"),
        ("edit.ecc-sl-bridge.reps", "ten", "from 7 to 15"),
        ("edit.ecc-sl-bridge.sets", "4", "from 1 to 3"),
        ("edit.supine-iso.hold", "20", "from 2 to 8"),
        ("edit.ecc-sl-bridge.freq", "daily", "How often"),
        ("edit.hip-hinge.freq", "hourly", "How often"),
        ("edit.hip-hinge.note", "x" * 121, "one line"),
        ("edit.hip-hinge.note", "two\nlines", "one line"),
    ],
)
def test_out_of_bound_edits_are_messages_for_that_field(field, value, message):
    edits, errors = parse_edits({field: value}, program_for(2))
    assert set(errors) == {field}
    assert message in errors[field]
    assert not edits


def test_values_equal_to_the_generated_dose_are_not_edits():
    edits, errors = parse_edits(
        {"edit.ecc-sl-bridge.reps": "15", "edit.ecc-sl-bridge.sets": "2",
         "edit.ecc-sl-bridge.freq": "alternate"}, program_for(2)
    )  # fmt: skip
    assert errors == {}
    assert not edits


def test_edits_for_exercises_not_in_the_program_are_ignored():
    edits, errors = parse_edits({"edit.reverse-deadlift.reps": "12"}, program_for(2))
    assert errors == {}
    assert not edits


def test_applied_edits_change_the_dose_and_mark_what_changed():
    program = program_for(2)
    edits, errors = parse_edits(
        {
            "edit.foam-roll.out": "yes",
            "edit.ecc-sl-bridge.reps": "10",
            "edit.ecc-sl-bridge.freq": "three_a_week",
            "edit.hip-hinge.note": "Mirror helps",
            "move": "hip-hinge:up",
        },
        program,
    )
    assert errors == {}
    edited = apply_edits(program, edits)
    ids = [item.exercise.id for item in edited.exercises]
    assert "foam-roll" not in ids
    assert [item.id for item in edited.removed] == ["foam-roll"]
    assert ids.index("hip-hinge") < ids.index("supine-iso")
    assert edited.reordered
    bridge = next(item for item in edited.exercises if item.exercise.id == "ecc-sl-bridge")
    assert bridge.dose.reps == 10
    assert bridge.dose.frequency == "3 days a week, never two days in a row"
    assert bridge.changed == ("reps", "how often")
    hinge = next(item for item in edited.exercises if item.exercise.id == "hip-hinge")
    assert hinge.note == "Mirror helps"
    assert hinge.changed == ("note",)


def test_leaving_an_exercise_out_is_not_a_reorder():
    program = program_for(2)
    order = ",".join(i.exercise.id for i in program.exercises if i.exercise.id != "foam-roll")
    edits, _ = parse_edits({"edit.foam-roll.out": "yes", "order": order}, program)
    assert edits.order == ()


def test_edits_but_notes_survive_the_share_link_round_trip():
    program = program_for(3)
    raw = {"edit.reverse-deadlift.reps": "12", "edit.reverse-deadlift.note": "Light bell",
           "edit.foam-roll.out": "yes", "move": "ecc-sliders:up"}  # fmt: skip
    edits, _ = parse_edits(raw, program)
    assert edits.get("reverse-deadlift").note == "Light bell"
    again, errors = parse_edits(dict(edits.query()), program)
    assert errors == {}
    assert again.order == edits.order
    assert again.get("foam-roll") == edits.get("foam-roll")
    assert again.get("reverse-deadlift") == replace(edits.get("reverse-deadlift"), note="")


EDIT_VALUES = st.one_of(st.text(max_size=6), st.integers(-5, 40).map(str))


@settings(max_examples=150, deadline=None)
@given(
    stage=st.sampled_from([1, 2, 3]),
    raw=st.dictionaries(
        st.builds(
            lambda exercise, field: f"edit.{exercise}.{field}",
            st.sampled_from(list(catalogue())),
            st.sampled_from(["sets", "reps", "hold", "freq", "note", "out"]),
        ),
        EDIT_VALUES,
        max_size=8,
    ),
    move=st.one_of(
        st.none(),
        st.builds(
            "{}:{}".format, st.sampled_from(list(catalogue())), st.sampled_from(["up", "down"])
        ),
    ),
)
def test_no_edit_breaks_the_stage_rules(stage, raw, move):
    program = program_for(stage)
    if move:
        raw = {**raw, "move": move}
    edits, _ = parse_edits(raw, program)
    edited = apply_edits(program, edits)
    allowed = {item.exercise.id for item in program.exercises}
    for item in edited.exercises:
        assert item.exercise.id in allowed
        bounds = edit_bounds(item.exercise, stage)
        assert bounds.sets[0] <= item.dose.sets <= bounds.sets[1]
        assert bounds.reps[0] <= item.dose.reps <= bounds.reps[1]
        assert item.dose.schedule in bounds.schedules
        if bounds.hold_s:
            assert bounds.hold_s[0] <= item.dose.hold_s <= bounds.hold_s[1]
    if stage == 1:
        assert not ECCENTRIC & {item.exercise.id for item in edited.exercises}


def test_a_referral_takes_no_edits():
    referral = build_program(Answers(Grade.TWO, 9, Slr.FULL, ToeTouch.YES, Side.LEFT))
    edits, errors = parse_edits({"edit.foam-roll.out": "yes"}, referral)
    assert (edits, errors) == (Edits(), {})
    assert apply_edits(referral, Edits((("foam-roll", ExerciseEdit(out=True)),))) is referral


# Through the web layer


EDITS = {
    "edit.foam-roll.out": "yes",
    "edit.ecc-sl-bridge.reps": "10",
    "edit.ecc-sl-bridge.note": "Go slowly on the way down",
}


def test_preview_edits_go_into_the_address_bar_but_names_and_notes_do_not(client):
    response = client.post(
        "/program", data={**STAGE_2_LARGEST, **EDITS, "name": "Ada Lovelace"}, headers=HTMX
    )
    assert response.status_code == 200
    url = response.headers["HX-Replace-Url"]
    query = dict(parse_qsl(urlsplit(url).query))
    assert link_values(query) == {"edit.ecc-sl-bridge.reps": "10", "edit.foam-roll.out": "yes"}
    assert "Ada" not in url
    assert "note" not in query
    assert "slowly" not in url
    html = response.get_data(as_text=True)
    assert "Changed by your clinician: reps, note." in html
    assert "Left out by your clinician:" in html
    assert "Note:</strong> <bdi>\u2068Go slowly on the way down\u2069</bdi>" in html


def test_the_share_link_shows_a_colleague_the_same_program(client):
    html = client.post("/program", data={**STAGE_2_LARGEST, **EDITS, "name": "Ada"}).get_data(
        as_text=True
    )
    start = html.index('id="share-link" readonly value="') + len('id="share-link" readonly value="')
    link = html[start : html.index('"', start)].replace("&amp;", "&")
    assert "Ada" not in link
    assert "slowly" not in link  # notes print on the handout only
    page = client.get(urlsplit(link).path + "?" + urlsplit(link).query).get_data(as_text=True)
    assert "From week 2: 2 sets of 10 reps each leg</strong><br><strong>Every other day" in page
    assert 'id="exercise-foam-roll"' not in page
    body = client.get("/program.json?" + urlsplit(link).query).get_json()
    bridge = next(e for e in body["exercises"] if e["id"] == "ecc-sl-bridge")
    assert bridge["dose"]["reps"] == 10
    assert bridge["changed"] == ["reps"]
    assert body["removed"] == ["foam-roll"]


def test_the_printable_pages_pdf_carries_the_edits_of_its_link(client):
    link_query = urlencode({**STAGE_2_LARGEST, "edit.foam-roll.out": "yes",
                            "edit.ecc-sl-bridge.reps": "10"})  # fmt: skip
    page = client.get("/program?" + link_query).get_data(as_text=True)
    form = page[page.index('action="/program.pdf"') : page.index("</form>")]
    posted = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    assert link_values(posted) == {"edit.foam-roll.out": "yes", "edit.ecc-sl-bridge.reps": "10"}
    handout = client.post("/program", data=posted).get_data(as_text=True)
    assert "From week 2: 2 sets of 10 reps each leg</strong><br><strong>Every other day" in handout
    assert 'id="exercise-foam-roll"' not in handout


def every_edit_at_its_longest(answers: dict) -> dict[str, str]:
    """Every exercise of the program edited with the longest values its bounds allow,
    reordered, and a long note on each: the longest share link there can be."""
    from generator.answers import parse_answers

    program = build_program(parse_answers(answers).answers)
    edits: dict[str, str] = {}
    for item in program.exercises:
        bounds = edit_bounds(item.exercise, program.stage.number)
        name = f"edit.{item.exercise.id}."
        for field, attribute in (("sets", "sets"), ("reps", "reps"), ("hold", "hold_s")):
            allowed = getattr(bounds, attribute)
            if allowed:
                generated = getattr(item.dose, attribute)
                edits[name + field] = str(next(v for v in allowed[::-1] if v != generated))
        other = [key for key in bounds.schedules if key != item.dose.schedule]
        if other:
            edits[name + "freq"] = max(other, key=len)
        edits[name + "note"] = "Д" * 120
    edits["order"] = ",".join(item.exercise.id for item in program.exercises[::-1])
    return edits


@pytest.mark.parametrize("answers", [STAGE_1, STAGE_2_LARGEST, STAGE_3])
def test_the_longest_share_link_is_far_under_the_request_line_limit(client, answers):
    flags = [("flags", flag) for flag in ("pop", "bruising", "gap", "nerve", "no_progress")]
    data = [
        *answers.items(),
        *flags,
        ("cleared", "yes"),
        *every_edit_at_its_longest(answers).items(),
    ]
    response = client.post("/program", data=MultiDict(data), headers=HTMX)
    assert response.status_code == 200, response.get_data(as_text=True)
    url = response.headers["HX-Replace-Url"]
    expected = {k: v for k, v in every_edit_at_its_longest(answers).items() if "note" not in k}
    assert link_values(dict(parse_qsl(urlsplit(url).query))) == expected
    assert "%D0" not in url  # no note
    assert len(("GET " + url + " HTTP/1.1").encode()) < 512  # gunicorn's limit is 4094
    # At most version 11 (61 modules and the quiet zone of 8): 0.4 mm a module in the
    # handout's 2.8 cm code.
    assert segno.make("https://clinic.example" + url, error="m", micro=False).version <= 11


def test_an_out_of_bound_edit_is_422_with_the_message_beside_it(client):
    data = {**STAGE_2_LARGEST, "edit.ecc-sl-bridge.reps": "40"}
    response = client.post("/program", data=data, headers=HTMX)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="error-edit-ecc-sl-bridge-reps">Reps for' in html
    assert "HX-Replace-Url" not in response.headers
    assert client.post("/program.pdf", data=data).status_code == 422
    assert client.get("/program.json?" + urlencode(data)).status_code == 422


def test_reset_returns_to_the_generated_program(client):
    html = client.post("/program", data={**STAGE_2_LARGEST, **EDITS, "reset": "yes"}).get_data(
        as_text=True
    )
    assert "Changed by your clinician" not in html
    assert 'id="exercise-foam-roll"' in html


def test_move_up_swaps_with_the_exercise_before(client):
    html = client.post(
        "/program", data={**STAGE_3, "move": "reverse-deadlift:up"}, headers=HTMX
    ).get_data(as_text=True)
    assert html.index('id="exercise-reverse-deadlift"') < html.index('id="exercise-ecc-sliders"')
    assert "Your clinician set this order." in html


def test_the_editor_is_in_the_preview_but_not_on_the_printable_page(client):
    preview = client.post("/program", data=STAGE_1, headers=HTMX).get_data(as_text=True)
    assert 'name="edit.hip-hinge.reps"' in preview
    page = client.get("/program?" + urlencode(STAGE_1)).get_data(as_text=True)
    assert "edit.hip-hinge.reps" not in page


@pytest.mark.slow
def test_the_pdf_qr_code_decodes_to_the_share_link(tmp_path):
    import subprocess

    from app import create_app

    app = create_app(
        {"TESTING": True, "PDF_RENDER_AHEAD": False, "PUBLIC_BASE_URL": "https://clinic.example"}
    )
    client = app.test_client()
    edits = every_edit_at_its_longest(STAGE_2_LARGEST)
    response = client.post("/program.pdf", data={**STAGE_2_LARGEST, **edits, "name": "Ada"})
    assert response.status_code == 200
    pdf = tmp_path / "qr.pdf"
    pdf.write_bytes(response.data)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    page = next(tmp_path.glob("p*.png"))
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True, check=True
    ).stdout.strip()
    query = dict(parse_qsl(urlsplit(decoded).query))
    assert {key: query[key] for key in STAGE_2_LARGEST} == STAGE_2_LARGEST
    expected_edits = {k: v for k, v in edits.items() if not k.endswith(".note")}
    assert link_values(query) == expected_edits
    assert decoded.startswith("https://clinic.example/program?")
    assert "Ada" not in decoded
    assert "%D0" not in decoded


def test_a_link_too_long_for_a_qr_code_leaves_the_code_out():
    from generator.qr import share_qr_svg

    assert share_qr_svg("https://clinic.example/program?" + "x" * 5000) == ""
    assert "<svg" in share_qr_svg("https://clinic.example/program?grade=1")


# The clinician's stage choice (PRODUCT.md 4.5)


def test_a_clinician_may_choose_a_lower_stage_and_the_handout_says_so(client):
    data = {**STAGE_2_LARGEST, "stage": "1"}
    response = client.post("/program", data=data, headers=HTMX)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Stage 1 of 3" in html
    assert "Stage 1, chosen by your clinician (your answers point to stage 2)." in html
    assert "stage=1" in response.headers["HX-Replace-Url"]
    body = client.get("/program.json?" + urlencode(data)).get_json()
    assert body["stage"] == 1
    assert body["stage_chosen_by_clinician"] is True
    assert {e["id"] for e in body["exercises"]} == {"supine-iso", "prone-iso", "hip-hinge"}


def test_a_stage_above_the_answers_is_a_message_not_a_program(client):
    response = client.post("/program", data={**STAGE_2_LARGEST, "stage": "3"}, headers=HTMX)
    assert response.status_code == 422
    assert 'id="error-stage">Choose stage 1 or 2' in response.get_data(as_text=True)


def test_a_cleared_grade_three_reaches_stage_three_only_by_the_clinicians_choice(client):
    answers = {"grade": "3", "pain": "1", "slr": "full", "toe": "yes", "side": "left",
               "cleared": "yes"}  # fmt: skip
    assert client.get("/program.json?" + urlencode(answers)).get_json()["stage"] == 2
    chosen = client.get("/program.json?" + urlencode({**answers, "stage": "3"})).get_json()
    assert chosen["stage"] == 3
    short = {**answers, "toe": "no", "stage": "3"}  # does not meet stage 3's answers
    assert client.get("/program.json?" + urlencode(short)).status_code == 422


def test_a_stage_choice_never_passes_the_safety_gate(client):
    body = client.get("/program.json?" + urlencode({**STAGE_2_LARGEST, "pain": "8",
                                                    "stage": "1"})).get_json()  # fmt: skip
    assert body["referral"] is True


def test_the_stage_choice_survives_the_share_link_with_the_other_edits(client):
    data = {**STAGE_2_LARGEST, "stage": "1", "edit.hip-hinge.reps": "10"}
    url = client.post("/program", data=data, headers=HTMX).headers["HX-Replace-Url"]
    page = client.get("/program?" + urlsplit(url).query).get_data(as_text=True)
    assert "Stage 1 of 3" in page
    assert "<strong>1 set of 10 reps</strong><br><strong>Every day</strong>" in page


def test_changing_an_answer_is_not_a_change_the_clinician_made(client):
    # The preview's fields travel with every answer; the generated order among them used
    # to come back as the clinician's order once another stage reordered the exercises.
    preview = client.post("/program", data=STAGE_2_LARGEST, headers=HTMX).get_data(as_text=True)
    carried = dict(re.findall(r'<input type="hidden" name="(order)" value="([^"]*)"', preview))
    assert carried == {"order": ""}
    for pain in ("2", "4", "5"):
        html = client.post(
            "/program", data={**STAGE_2_LARGEST, **carried, "pain": pain}, headers=HTMX
        ).get_data(as_text=True)
        assert "You changed this program" not in html
    moved = client.post(
        "/program", data={**STAGE_2_LARGEST, "move": "hip-hinge:up"}, headers=HTMX
    ).get_data(as_text=True)
    assert re.search(r'name="order" value="[a-z-]+,', moved)  # a real change is kept


def test_the_stage_follows_the_answers_until_the_clinician_picks_one(client):
    # The stage menu travels with every answer: its "from the answers" choice is empty,
    # so a changed answer moves the stage, and only a stage picked by hand stays.
    first = client.post("/program", data=STAGE_2_LARGEST, headers=HTMX).get_data(as_text=True)
    (sent,) = re.findall(r'<option value="([0-9]*)" selected>', first)
    assert sent == ""
    for pain, stage in (("5", "Stage 1 of 3"), ("2", "Stage 2 of 3")):
        html = client.post(
            "/program", data={**STAGE_2_LARGEST, "stage": sent, "pain": pain}, headers=HTMX
        )
        assert html.status_code == 200
        assert stage in html.get_data(as_text=True)
    picked = client.post("/program", data={**STAGE_2_LARGEST, "stage": "1"}, headers=HTMX)
    assert "Stage 1 of 3" in picked.get_data(as_text=True)
    assert re.findall(r'<option value="([0-9]*)" selected>', picked.get_data(as_text=True)) == ["1"]
