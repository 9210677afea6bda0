"""Issue 15, part 4: the exercise pages where the figure moves. The frames between key
positions are interpolated from the pose data and solved by the same skeleton, so they
must keep every segment's length; the page plays them with SMIL (no script), stands
still for reduced motion, and the handout links to it (a QR code on paper)."""

from __future__ import annotations

import math
import re
import subprocess
import xml.etree.ElementTree as ET
from urllib.parse import parse_qsl, urlsplit

import pytest

from generator.catalogue import catalogue
from generator.figures import POSITIONS, body_outline, moving_svg
from generator.figures.body import SEGMENT_LENGTHS, SEGMENTS, outline
from generator.figures.motion import (
    FPS,
    MOTIONS,
    between,
    cycle_seconds,
    frames,
    key_scene,
    slow_seconds,
)
from tests.conftest import STAGE_2_LARGEST, STAGE_3

SVG = "{http://www.w3.org/2000/svg}"
STILL = {"foam-roll", "supine-iso"}  # one steady position each: no motion
VARIANTS = {("straight-leg-bridge", "ankle"), ("toe-touch", "heels-raised")}


def segment_lengths_kept(skeleton) -> None:
    for name, (a, b) in SEGMENTS.items():
        length = math.dist(skeleton.joints[a], skeleton.joints[b])
        assert length == pytest.approx(SEGMENT_LENGTHS[name], abs=1e-6), name


def test_every_exercise_moves_but_the_steady_ones():
    assert set(MOTIONS) | STILL == set(POSITIONS)
    assert not set(MOTIONS) & STILL


@pytest.mark.parametrize("exercise_id", sorted(MOTIONS))
def test_every_interpolated_frame_keeps_the_segment_lengths_and_the_floor(exercise_id):
    shown = frames(exercise_id)
    assert len(shown) >= 2 * 2
    for frame in shown:
        segment_lengths_kept(frame.skeleton)
        lowest = min(y - r for (_, y), r in outline(frame.skeleton))
        assert lowest > -1.0  # nothing sinks through the floor on the way


@pytest.mark.parametrize("exercise_id", sorted(MOTIONS))
def test_the_loop_passes_through_every_figure_of_the_handout(exercise_id):
    # The still figures are key positions of the motion, except the second figures
    # that show the same movement set up another way (the roller under the ankle, the
    # heels up on the roll): the page shows those still, beside the moving one.
    joints = [f.skeleton.joints for f in frames(exercise_id)]
    for position in POSITIONS[exercise_id]:
        if (exercise_id, position) in VARIANTS:
            continue
        outline_at = body_outline(exercise_id, position)
        assert any(
            all(
                math.dist(p, q) < 1e-6
                for (p, _), (q, _) in zip(outline_at, outline(f.skeleton), strict=True)
            )
            for f in frames(exercise_id)
        ), position
    assert joints[0] != joints[len(joints) // 2]


def test_halfway_is_between_the_two_keys():
    keys = [key_scene("reverse-deadlift", key).skeleton for key in MOTIONS["reverse-deadlift"]]
    half = between(keys[0], keys[1], 0.5)
    hips = [sk.joints["hip"][0] for sk in (keys[0], half, keys[1])]
    assert min(hips[0], hips[2]) < hips[1] < max(hips[0], hips[2])
    assert half.flexion["near_hip"] == pytest.approx(
        (keys[0].flexion["near_hip"] + keys[1].flexion["near_hip"]) / 2, abs=3
    )


@pytest.mark.parametrize("exercise_id", sorted(MOTIONS))
def test_the_slow_move_takes_the_seconds_the_dose_says(exercise_id):
    tempo = catalogue()[exercise_id].dose.tempo or ""
    numbers = [int(n) for n in re.findall(r"\d+", tempo)]
    seconds = slow_seconds(exercise_id)
    if numbers:
        assert seconds == numbers[0]
        slow = [k for k in MOTIONS[exercise_id] if k.slow]
        steps = max(2, round(slow[0].move_s * FPS))
        assert steps / FPS == pytest.approx(seconds)
    else:
        assert seconds is None or exercise_id == "nordic"


@pytest.mark.parametrize("exercise_id", sorted(MOTIONS))
@pytest.mark.parametrize("side", ["left", "right"])
def test_the_moving_svg_shows_each_frame_in_turn(exercise_id, side):
    root = ET.fromstring(moving_svg(exercise_id, side, "A & <b>"))
    assert root.find(f"{SVG}title").text == "A & <b>"
    groups = root.findall(f"{SVG}g/{SVG}g")
    assert len(groups) == len(frames(exercise_id))
    assert [g.get("visibility") for g in groups[:2]] == ["visible", "hidden"]
    shown_from = []
    for group in groups:
        (animate,) = group.findall(f"{SVG}animate")
        assert animate.get("repeatCount") == "indefinite"
        assert animate.get("calcMode") == "discrete"
        assert float(animate.get("dur").removesuffix("s")) == pytest.approx(
            cycle_seconds(exercise_id), abs=0.01
        )
        times = [float(t) for t in animate.get("keyTimes").split(";")]
        values = animate.get("values").split(";")
        assert times[0] == 0
        assert times == sorted(times)
        assert times[-1] <= 1
        assert len(times) == len(values)
        shown_from.append(times[values.index("visible")])
    assert shown_from == sorted(shown_from)  # one after another, in order
    assert not root.findall(f".//{SVG}script")
    outer = root.find(f"{SVG}g")
    assert (outer.get("transform") is not None) == (side == "right")


@pytest.mark.parametrize("exercise_id", sorted(POSITIONS))
@pytest.mark.parametrize("side", ["left", "right"])
def test_every_exercise_has_a_page_with_its_steps(client, exercise_id, side):
    response = client.get(f"/exercises/{exercise_id}?side={side}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    exercise = catalogue()[exercise_id]
    assert f"<h1>{exercise.name}</h1>" in html
    for step in exercise.steps:
        assert step.replace('"', "&#34;").replace("'", "&#39;") in html
    assert f"The dark leg is your injured {side} leg." in html
    assert html.count(f"-{side}.svg") == len(exercise.figures)  # the still key positions
    assert ('class="moving"' in html) == (exercise_id in MOTIONS)
    # Nothing the Content Security Policy would block: no inline script or style.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html
    assert "<style" not in html


def test_exercise_page_names_each_set_up_by_its_stage(client):
    # The straight-leg bridge's two figures are set-ups for different stages, not two
    # moments (blind reviews: "the same drawing except where the roller sits; nothing
    # tells me why"). Each is captioned with its stage and that stage's note, and the
    # notes stand above the steps, which refer to them ("where the line above says").
    exercise = catalogue()["straight-leg-bridge"]
    html = client.get("/exercises/straight-leg-bridge?side=left").get_data(as_text=True)
    for figure in exercise.figures:
        (stage,) = figure.stages
        note = exercise.stage_notes[stage]
        caption = f'<figcaption class="set-up">Stage {stage}: {note}</figcaption>'
        assert caption in html
        assert html.index(f"{figure.position}-left.svg") < html.index(caption)
        assert html.index(f"<strong>Stage {stage}:</strong> {note}") < html.index('class="steps"')
    # Moments of one set-up keep their numbers.
    html = client.get("/exercises/hip-hinge?side=left").get_data(as_text=True)
    assert "<figcaption>1</figcaption>" in html
    assert "<figcaption>2</figcaption>" in html
    assert 'class="set-up"' not in html
    # Set-ups done in every session (not stages) keep their numbers and their captions.
    html = client.get("/exercises/toe-touch?side=left").get_data(as_text=True)
    assert "<figcaption>1 Toes raised</figcaption>" in html
    assert "<figcaption>2 Reach down, slowly</figcaption>" in html
    assert "<figcaption>3 Heels raised</figcaption>" in html
    assert 'class="set-up"' not in html
    assert "stage-notes" not in html


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/exercises/hip-hinge?side=both", 400),
        ("/exercises/hip-hinge?side=", 400),
        ("/exercises/no-such-exercise", 404),
        ("/exercises/%3Cscript%3E", 404),
    ],
)
def test_a_bad_exercise_page_address_gets_a_clear_answer(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    if status == 400:
        assert "The side must be left or right." in response.get_data(as_text=True)


def test_the_preview_and_the_program_page_link_to_the_moving_pages(client):
    from urllib.parse import urlencode

    preview = client.post("/program", data=STAGE_3, headers={"HX-Request": "true"})
    page = client.get("/program?" + urlencode(STAGE_3))
    for response in (preview, page):
        html = response.get_data(as_text=True)
        for exercise_id in re.findall(r'id="exercise-([a-z-]+)"', html):
            assert f'href="/exercises/{exercise_id}?side=left&amp;lang=en"' in html
    assert "exercise-qr" not in page.get_data(as_text=True)  # no PUBLIC_BASE_URL, no code


@pytest.mark.slow
def test_a_handout_qr_code_opens_the_moving_page_whose_frames_keep_their_lengths(tmp_path):
    from app import create_app

    app = create_app(
        {"TESTING": True, "PDF_RENDER_AHEAD": False, "PUBLIC_BASE_URL": "https://clinic.example"}
    )
    client = app.test_client()
    response = client.post("/program.pdf", data=STAGE_2_LARGEST)
    assert response.status_code == 200
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(response.data)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True)
    decoded = set()
    for page in sorted(tmp_path.glob("p*.png")):
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True
        )
        decoded |= set(result.stdout.split())
    moving = [url for url in decoded if "/exercises/" in url]
    from urllib.parse import urlencode

    program = client.get("/program?" + urlencode(STAGE_2_LARGEST)).get_data(as_text=True)
    on_the_handout = set(re.findall(r'id="exercise-([a-z-]+)"', program))
    assert {urlsplit(url).path.rsplit("/", 1)[1] for url in moving} == on_the_handout
    url = next(u for u in sorted(moving) if "ecc-sl-bridge" in u)
    parts = urlsplit(url)
    assert parts.scheme == "https"
    assert parts.netloc == "clinic.example"
    assert dict(parse_qsl(parts.query)) == {"side": "right", "lang": "en"}
    page = client.get(parts.path + "?" + parts.query)
    assert page.status_code == 200
    exercise_id = parts.path.rsplit("/", 1)[1]
    html = page.get_data(as_text=True)
    assert html.count('attributeName="visibility"') == len(frames(exercise_id))
    for frame in frames(exercise_id):
        segment_lengths_kept(frame.skeleton)
