"""Property-based tests (Hypothesis) over every field of PRODUCT.md section 3 and every
route: whatever arrives (arbitrary text, numbers, bytes, repeated or missing keys, keys
nobody asked for) nothing answers 500, every message names a field that was wrong, and a
valid answer set gives a referral or a program that obeys section 4.

The expectations are written out here from the product text, not read from the code."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.test import EnvironBuilder

import generator.pdf
from app import create_app
from generator.answers import parse_answers, parse_form
from generator.catalogue import guidance

QUESTIONS = {
    "grade": ("1", "2", "3", "unknown"),
    "pain": tuple(str(score) for score in range(11)),
    "slr": ("full", "limited"),
    "toe": ("yes", "no"),
    "side": ("left", "right"),
}
FLAGS = ("pop", "bruising", "gap", "nerve", "no_progress", "weight", "calf")
CLINICAL = (*QUESTIONS, "flags", "cleared")
PERSONAL = ("name", "clinician", "notes", "date", "paper")
TEXT_LIMITS = {"name": 80, "clinician": 80, "notes": 1000}
MAX_BODY = 32 * 1024

# Keys outside section 3 that the app may read (the clinician's edits) or must ignore.
OTHER_KEYS = (
    "edit.foam-roll.reps",
    "edit.hip-hinge.sets",
    "edit.supine-iso.hold",
    "edit.ecc-sliders.note",
    "edit.aslr-band.out",
    "edit.foam-roll.freq",
    "order",
    "move",
    "reset",
    "csrf_token",
    "",
)

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

REFERRAL_TITLES = (guidance().referral.title, guidance().referral.title_today)


# What the product says is wrong (the oracle)


def _printable_line(text: str, *, newlines: bool) -> bool:
    """No control, surrogate, private-use or line/paragraph separator character, and no
    invisible formatting character (category Cf: bidi controls, zero-width spaces...)
    but a joiner between two letters of a script that joins (not Latin)."""
    allowed = "\t\n\r" if newlines else "\t"
    padded = f"a{text}a"
    for index, char in enumerate(text, start=1):
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Zl", "Zp") and char not in allowed:
            return False
        if category == "Cf":
            joined = [padded[index - 1], padded[index + 1]]
            latin = any("LATIN" in unicodedata.name(c, "") or c.isascii() for c in joined)
            if char not in "\u200c\u200d" or latin:
                return False
    return True


def _calendar_date(text: str) -> bool:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def field_verdict(name: str, values: list[str]) -> bool | None:
    """True when the values sent for ``name`` must get a message, False when they must
    not, None when the product leaves it open."""
    if len(values) > 1 and name != "flags":
        return True
    value = values[0].strip() if values else None
    if name == "pain":  # a whole number from 0 to 10; leading zeros do no harm
        return value is None or not re.fullmatch(r"0*([0-9]|10)", value)
    if name in QUESTIONS:
        return value not in QUESTIONS[name]
    if name == "flags":
        return any(v.strip() and v.strip() not in FLAGS for v in values)
    if name == "cleared":
        return value not in (None, "", "yes")
    if value is None:
        return False
    if name in TEXT_LIMITS:
        too_long = len(value) > TEXT_LIMITS[name]
        return too_long or not _printable_line(value, newlines=name == "notes")
    if name == "date":
        if value == "" or _calendar_date(value):
            return False
        return True if len(value) != 10 else None
    if name == "paper":
        return value.lower() not in ("", "a4", "letter")
    raise AssertionError(name)


def expected_messages(form: MultiDict, *, personal: bool) -> tuple[set[str], set[str]]:
    """(fields that must have a message, fields that may have one)."""
    must, may = set(), set()
    names = CLINICAL + (PERSONAL if personal else ())
    for name in names:
        verdict = field_verdict(name, form.getlist(name))
        if verdict:
            must.add(name)
        elif verdict is None:
            may.add(name)
    for key in form:
        if key not in CLINICAL + PERSONAL:
            may.add(key)  # the clinician's edits are checked only once the answers are valid
    # The movement tests are not needed when the other answers already decide a referral
    # (section 3): left unanswered, they are no error then.
    unanswered = {
        name for name in ("slr", "toe")
        if len(form.getlist(name)) <= 1 and not "".join(form.getlist(name)).strip()
    }  # fmt: skip
    others = {name for name in CLINICAL if field_verdict(name, form.getlist(name)) is not False}
    if unanswered and others <= unanswered:
        answers = {name: form.get(name, "").strip() for name in CLINICAL}
        answers["flags"] = [flag.strip() for flag in form.getlist("flags") if flag.strip()]
        if expected_program({**answers, "slr": "full", "toe": "yes"})[0] is None:
            must -= unanswered
    return must, may


# What a user, a browser or an attacker can send


def _numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-(10**6), 10**6).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.sampled_from(["+3", "03", "3.0", "1e1", "\u0663", "\uff13", "0x3", "-0", " 7 "]),
        # Python refuses to parse integers past 4300 digits: a long number is still input.
        st.integers(4290, 4400).map(lambda size: "1" * size),
    )


def _field_value(name: str) -> st.SearchStrategy[str]:
    good = {**QUESTIONS, "flags": FLAGS, "cleared": ("yes", ""), "paper": ("a4", "letter", "A4")}
    strategies = [st.text(max_size=30), _numbers()]
    if name in good:
        choices = st.sampled_from(good[name])
        strategies += [choices, choices, choices.map(lambda value: f" {value}\t")]
    if name in TEXT_LIMITS:
        limit = TEXT_LIMITS[name]
        strategies += [
            st.text(min_size=limit - 2, max_size=limit + 2),
            st.sampled_from(
                [
                    "<script>alert(1)</script>",
                    "file:///etc/passwd",
                    "Ada\nLovelace",
                    "Zoë Ñúñez-O'Brien",
                    "\u202eevil",
                    "\x00",
                    "  ",
                ]
            ),
        ]
    if name == "date":
        strategies += [
            st.dates().map(dt.date.isoformat),
            st.sampled_from(["2026-02-30", "2026-13-01", "31/03/2026", "2026-W13-2", "20260331"]),
        ]
    return st.one_of(*strategies)


def _values(name: str) -> st.SearchStrategy[list[str]]:
    value = _field_value(name)
    return st.one_of(
        st.just([]),
        st.lists(value, min_size=1, max_size=1),
        st.lists(value, min_size=1, max_size=1),
        st.lists(value, min_size=2, max_size=3),
    )


@st.composite
def forms(draw, names=CLINICAL + PERSONAL) -> MultiDict:
    """A form as a browser or a script could send it, keys in any order."""
    pairs = [(name, value) for name in names for value in draw(_values(name))]
    extra_key = st.one_of(st.sampled_from(OTHER_KEYS), st.text(max_size=12))
    extra_value = st.one_of(st.text(max_size=20), _numbers())
    pairs += draw(st.lists(st.tuples(extra_key, extra_value), max_size=3))
    return MultiDict(draw(st.permutations(pairs)))


def valid_answers() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {name: st.sampled_from(choices) for name, choices in QUESTIONS.items()},
        optional={
            "flags": st.lists(st.sampled_from(FLAGS), unique=True, min_size=1),
            "cleared": st.just("yes"),
        },
    )


def valid_text(name: str) -> st.SearchStrategy[str]:
    return st.text(max_size=TEXT_LIMITS[name]).filter(lambda text: not field_verdict(name, [text]))


# The app, shared by the examples; the PDF renderer is replaced by a stub in the fast tests.


@pytest.fixture(scope="module")
def fuzz_client():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generator.pdf, "render_pdf", lambda html, *args, **kwargs: b"%PDF-stub")
        app = create_app({"TESTING": True, "PDF_RENDER_AHEAD": False})
        yield app.test_client()


def body_size(form: MultiDict) -> int:
    """The length of the body the test client sends for ``form``. (Werkzeug leaves
    !$'()*,/:;?@ unescaped, so urllib's encoding overstates it: near the limit, a body
    measured over it was sent under it and rightly answered 422, not 413.)"""
    return int(EnvironBuilder(method="POST", data=form).get_environ().get("CONTENT_LENGTH", 0))


FIELD_ERROR = re.compile(r'<p class="field-error" id="error-([^"]+)"[^>]*>(.*?)</p>', re.S)


def shown_messages(html: str) -> dict[str, str]:
    """Messages beside the fields, by field name (empty paragraphs left out)."""
    return {name: text for name, text in FIELD_ERROR.findall(html) if text.strip()}


def unanswered(form: MultiDict) -> set[str]:
    """Questions the live preview lists as 'still to answer' rather than marking wrong."""
    return {name for name in QUESTIONS if not form.get(name)}


def check_html(response, form: MultiDict, *, personal: bool, live: bool) -> None:
    assert response.status_code in (200, 422), response.status_code
    must, may = expected_messages(form, personal=personal)
    shown = shown_messages(response.get_data(as_text=True))
    visible_must = must - unanswered(form) if live else must
    assert visible_must <= set(shown), (visible_must, shown)
    known_shown = {name for name in shown if name in CLINICAL + PERSONAL}
    assert known_shown <= must | may, (known_shown, must, may)
    if not live:
        if must:
            assert response.status_code == 422
        elif not may:
            assert response.status_code == 200


# Properties


@FUZZ
@given(form=forms())
def test_parsing_names_exactly_the_fields_that_are_wrong(form):
    must, may = expected_messages(form, personal=True)
    parsed = parse_form(form)
    assert must <= set(parsed.errors) <= must | may
    assert (parsed.answers is None) == bool(parsed.errors)
    clinical_must, clinical_may = expected_messages(form, personal=False)
    errors = set(parse_answers(form).errors)
    assert clinical_must <= errors <= clinical_must | clinical_may


@FUZZ
@given(form=forms())
def test_json_route_never_fails_and_names_the_wrong_fields(fuzz_client, form):
    response = fuzz_client.get("/program.json?" + urlencode(list(form.items(multi=True))))
    must, may = expected_messages(form, personal=False)
    assert response.status_code in (200, 422)
    if response.status_code == 422:
        errors = response.get_json()["errors"]
        assert must <= set(errors) <= must | may
        assert all(isinstance(message, str) and message for message in errors.values())
    else:
        assert not must
        assert set(response.get_json()) >= {"referral", "stage", "reasons", "exercises"}


@FUZZ
@given(form=forms())
def test_get_pages_never_fail_and_show_messages_beside_the_wrong_fields(fuzz_client, form):
    query = urlencode(list(form.items(multi=True)))
    check_html(fuzz_client.get("/program?" + query), form, personal=False, live=False)
    asked = any(name in form for name in CLINICAL)
    index = fuzz_client.get("/?" + query)
    if asked:
        check_html(index, form, personal=False, live=True)
    else:
        assert index.status_code == 200
        assert not shown_messages(index.get_data(as_text=True))


@FUZZ
@given(form=forms())
def test_posts_never_fail_and_show_messages_beside_the_wrong_fields(fuzz_client, form):
    if body_size(form) > MAX_BODY:
        assert fuzz_client.post("/program", data=form).status_code == 413
        return
    htmx = fuzz_client.post("/program", data=form, headers={"HX-Request": "true"})
    check_html(htmx, form, personal=True, live=True)
    check_html(fuzz_client.post("/program", data=form), form, personal=True, live=False)
    pdf = fuzz_client.post("/program.pdf", data=form)
    if pdf.status_code == 200:
        assert pdf.data == b"%PDF-stub"
        assert not expected_messages(form, personal=True)[0]
    else:
        check_html(pdf, form, personal=True, live=False)


@FUZZ
@given(raw=st.binary(max_size=300), route=st.sampled_from(["/", "/program", "/program.json"]))
def test_any_bytes_in_the_query_string_never_fail(fuzz_client, raw, route):
    # Any bytes, escaped as a client must (gunicorn answers 400 to raw ones: test_serving).
    query = "".join(chr(b) if 0x21 <= b <= 0x7E and b != 0x25 else f"%{b:02X}" for b in raw)
    response = fuzz_client.get(route + "?" + query)
    assert response.status_code in (200, 422)


@FUZZ
@given(raw=st.binary(max_size=300), route=st.sampled_from(["/program", "/program.pdf"]))
def test_raw_bytes_in_a_form_body_never_fail(fuzz_client, raw, route):
    response = fuzz_client.post(route, data=raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 422)


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data; boundary=x",
        "application/json",
        "text/plain",
        "application/xml",
        "multipart/form-data",
    ],
)
@pytest.mark.parametrize("route", ["/program", "/program.pdf"])
def test_other_body_types_are_answered_with_messages_not_500(fuzz_client, content_type, route):
    body = b'{"grade": "1", "pain": "2"}\r\n--x\r\nContent-Disposition: form-data; name="grade"'
    response = fuzz_client.post(route, data=body, content_type=content_type)
    assert response.status_code in (400, 422)


def expected_program(answers: dict) -> tuple[int | None, set[str]]:
    """Section 4: the stage (None for a referral) and the exercise ids."""
    grade, pain, slr, toe = (answers[key] for key in ("grade", "pain", "slr", "toe"))
    pain, cleared = int(pain), answers.get("cleared") == "yes"
    flags = set(answers.get("flags", ()))
    if pain >= 7 or flags & {"weight", "calf"}:
        return None, set()  # today, whatever was cleared
    if (grade == "3" or flags) and not cleared:
        return None, set()  # soon
    if 4 <= pain <= 6 or (grade == "3" and pain >= 3):
        return 1, {"supine-iso", "prone-iso", "hip-hinge"}
    if pain <= 2 and slr == "full" and toe == "yes" and grade != "3":
        return 3, {
            "foam-roll",
            "straight-leg-bridge",
            "ecc-sl-bridge",
            "ecc-sliders",
            "reverse-deadlift",
        }
    stage_two = {"foam-roll", "supine-iso", "straight-leg-bridge", "ecc-sl-bridge", "hip-hinge"}
    stage_two |= {"aslr-band"} if slr == "limited" else set()
    stage_two |= {"toe-touch"} if toe == "no" else set()
    return 2, stage_two


@FUZZ
@given(
    answers=valid_answers(),
    noise=st.lists(
        st.tuples(
            st.sampled_from(["name", "notes", "date", "paper", "utm_source", "x"]),
            st.text(max_size=20),
        ),
        max_size=3,
    ),
)
def test_a_valid_answer_set_is_a_referral_or_the_program_of_section_4(fuzz_client, answers, noise):
    pairs = [
        (key, value)
        for key, values in answers.items()
        for value in ([values] if isinstance(values, str) else values)
    ] + noise
    response = fuzz_client.get("/program.json?" + urlencode(pairs))
    assert response.status_code == 200
    body = response.get_json()
    stage, exercise_ids = expected_program(answers)
    assert body["referral"] is (stage is None)
    assert body["stage"] == stage
    assert body["reasons"]
    assert {exercise["id"] for exercise in body["exercises"]} == exercise_ids
    if "foam-roll" in exercise_ids:
        assert body["exercises"][0]["id"] == "foam-roll"  # the warm-up comes first
    for exercise in body["exercises"]:
        assert exercise["steps"]
        assert exercise["dose"]["summary"]


@FUZZ
@given(
    answers=valid_answers(),
    name=valid_text("name"),
    clinician=valid_text("clinician"),
    notes=valid_text("notes"),
)
def test_a_valid_form_with_any_personal_text_shows_its_program(
    fuzz_client, answers, name, clinician, notes
):
    form = MultiDict({**answers, "name": name, "clinician": clinician, "notes": notes})
    response = fuzz_client.post("/program", data=form, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    stage, _ = expected_program(answers)
    titles = REFERRAL_TITLES if stage is None else (f"Stage {stage} of 3",)
    assert any(title in html for title in titles)
    assert not shown_messages(html)


EXERCISE_IDS = (
    "aslr-band",
    "toe-touch",
    "foam-roll",
    "supine-iso",
    "prone-iso",
    "ecc-sl-bridge",
    "straight-leg-bridge",
    "ecc-sliders",
    "hip-hinge",
    "reverse-deadlift",
)
EDIT_KEYS = st.one_of(
    st.builds(
        "edit.{}.{}".format,
        st.sampled_from(EXERCISE_IDS),
        st.sampled_from(["reps", "sets", "hold", "freq", "note", "out"]),
    ),
    st.sampled_from(["order", "move", "reset"]),
)


@FUZZ
@given(
    answers=valid_answers(),
    edits=st.lists(
        st.tuples(
            EDIT_KEYS, st.one_of(st.text(max_size=130), _numbers(), st.sampled_from(EXERCISE_IDS))
        ),
        max_size=6,
    ),
)
def test_any_edit_of_a_valid_program_never_fails_and_names_its_field(fuzz_client, answers, edits):
    form = MultiDict(answers)
    for key, value in edits:
        form.add(key, value)
    if body_size(form) > MAX_BODY:
        return
    query = urlencode(list(form.items(multi=True)))
    json_response = fuzz_client.get("/program.json?" + query)
    assert json_response.status_code in (200, 422)
    if json_response.status_code == 422:
        assert set(json_response.get_json()["errors"]) <= {key for key, _ in edits}
    for response in (
        fuzz_client.get("/program?" + query),
        fuzz_client.post("/program", data=form, headers={"HX-Request": "true"}),
        fuzz_client.post("/program.pdf", data=form),
    ):
        assert response.status_code == json_response.status_code


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=valid_answers(),
    name=valid_text("name"),
    clinician=valid_text("clinician"),
    notes=valid_text("notes"),
)
def test_any_valid_personal_text_renders_a_real_pdf(answers, name, clinician, notes):
    app = create_app({"TESTING": True, "PDF_RENDER_AHEAD": False})
    form = MultiDict({**answers, "name": name, "clinician": clinician, "notes": notes})
    response = app.test_client().post("/program.pdf", data=form)
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF-")
