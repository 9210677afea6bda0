"""Parsing the questionnaire: typed answers, or a message for every wrong field."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.answers import (
    ASK,
    MESSAGES,
    NOTES_MAX,
    Answers,
    Flag,
    Grade,
    Paper,
    Side,
    Slr,
    ToeTouch,
    parse_answers,
    parse_form,
)

VALID = {"grade": "2", "pain": "3", "slr": "limited", "toe": "no", "side": "right"}
TODAY = dt.date(2026, 11, 25)


def test_valid_answers_parse_to_typed_values():
    parsed = parse_answers({**VALID, "flags": ["gap", "nerve"], "cleared": "yes"})
    assert parsed.errors == {}
    assert parsed.answers == Answers(
        Grade.TWO,
        3,
        Slr.LIMITED,
        ToeTouch.NO,
        Side.RIGHT,
        frozenset({Flag.GAP, Flag.NERVE}),
        cleared=True,
    )


def test_answers_are_immutable():
    answers = parse_answers(VALID).answers
    with pytest.raises(AttributeError):
        answers.pain = 9


def test_values_may_arrive_as_lists_like_a_multidict():
    parsed = parse_answers({key: [value] for key, value in VALID.items()})
    assert parsed.answers is not None
    assert parsed.answers.pain == 3


BAD_VALUES = {
    "grade": ["", "4", "0", "two", "1.5", "UNKNOWN "],
    "pain": ["", "eleven", "11", "-1", "3.5", "+3", "1e1", "٣", "10000000000000000000000"],
    "slr": ["", "yes", "partial", "FULL"],
    "toe": ["", "maybe", "true", "1"],
    "side": ["", "both", "l", "centre"],
}


@pytest.mark.parametrize(
    ("field", "value"), [(field, value) for field, values in BAD_VALUES.items() for value in values]
)
def test_every_bad_clinical_value_gives_a_message_for_that_field(field, value):
    parsed = parse_answers({**VALID, field: value})
    assert parsed.answers is None
    assert set(parsed.errors) == {field}
    # An empty answer is a question not answered yet: asked, not blamed.
    assert parsed.errors[field] == (ASK[field] if value == "" else MESSAGES[field])


@pytest.mark.parametrize("field", list(VALID))
def test_a_missing_answer_names_that_field(field):
    raw = {key: value for key, value in VALID.items() if key != field}
    parsed = parse_answers(raw)
    assert set(parsed.errors) == {field}
    assert parsed.errors[field] == ASK[field]
    assert parsed.errors[field].startswith("Choose")


@pytest.mark.parametrize("field", list(VALID))
def test_a_repeated_single_answer_is_a_message_not_a_guess(field):
    parsed = parse_answers({**VALID, field: [VALID[field], VALID[field]]})
    assert parsed.errors == {field: MESSAGES["repeated"]}


def test_pain_eleven_names_pain():
    assert parse_answers({**VALID, "pain": "eleven"}).errors == {"pain": MESSAGES["pain"]}


@pytest.mark.parametrize("pain", [str(score) for score in range(11)])
def test_every_pain_score_from_0_to_10_is_accepted(pain):
    assert parse_answers({**VALID, "pain": pain}).answers.pain == int(pain)


def test_unknown_flag_is_a_message_and_does_not_echo_the_value():
    parsed = parse_answers({**VALID, "flags": ["pop", "<script>"]})
    assert parsed.errors == {"flags": MESSAGES["flags"]}
    assert parsed.values["flags"] == ["pop"]


@pytest.mark.parametrize("value", ["no", "on", "true", "YES"])
def test_cleared_accepts_only_yes(value):
    assert set(parse_answers({**VALID, "cleared": value}).errors) == {"cleared"}


def test_empty_flag_values_are_ignored():
    assert parse_answers({**VALID, "flags": [""]}).answers.flags == frozenset()


def test_several_wrong_fields_each_get_their_message_and_keep_the_rest():
    parsed = parse_answers({"grade": "9", "pain": "x", "slr": "full", "side": "left"})
    assert set(parsed.errors) == {"grade", "pain", "toe"}
    assert parsed.values["slr"] == "full"
    assert parsed.values["side"] == "left"
    assert parsed.values["grade"] == "9"


def test_personal_fields_are_ignored_by_the_clinical_parser():
    parsed = parse_answers({**VALID, "name": "x" * 500})
    assert parsed.ok
    assert parsed.personal is None
    assert "name" not in parsed.values


def test_personal_fields_parse_with_defaults():
    parsed = parse_form(VALID, today=TODAY)
    assert parsed.ok
    assert parsed.personal.date == TODAY
    assert parsed.personal.paper is Paper.A4
    assert parsed.personal.name == ""


def test_default_paper_comes_from_the_caller():
    assert parse_form(VALID, default_paper=Paper.LETTER).personal.paper is Paper.LETTER


BAD_PERSONAL = [
    ("name", "x" * 81),
    ("name", "Ann\nBoleyn"),
    ("name", "nul\x00byte"),
    ("clinician", "y" * 81),
    ("clinician", "bell\x07"),
    ("notes", "z" * (NOTES_MAX + 1)),
    ("notes", "escape\x1b[31m"),
    ("date", "25/11/2026"),
    ("date", "2026-02-30"),
    ("date", "tomorrow"),
    ("date", "2026-1-5"),
    ("paper", "a3"),
    ("paper", "legal"),
]


@pytest.mark.parametrize(("field", "value"), BAD_PERSONAL)
def test_every_bad_personal_value_gives_a_message_for_that_field(field, value):
    parsed = parse_form({**VALID, field: value}, today=TODAY)
    assert set(parsed.errors) == {field}
    assert parsed.answers is None
    assert parsed.values[field] == value


def test_personal_fields_at_their_limits_are_accepted():
    raw = {
        **VALID,
        "name": "n" * 80,
        "clinician": "c" * 80,
        "notes": "line one\nline two\t" + "x" * (NOTES_MAX - 18),
        "date": "2026-03-31",
        "paper": "letter",
    }
    parsed = parse_form(raw, today=TODAY)
    assert parsed.errors == {}
    assert parsed.personal.date == dt.date(2026, 3, 31)
    assert parsed.personal.paper is Paper.LETTER
    assert len(parsed.personal.notes) == NOTES_MAX


def test_query_pairs_hold_only_clinical_answers_in_a_stable_order():
    answers = parse_answers({**VALID, "flags": ["nerve", "pop"], "cleared": "yes"}).answers
    assert answers.query() == [
        ("grade", "2"),
        ("pain", "3"),
        ("slr", "limited"),
        ("toe", "no"),
        ("side", "right"),
        ("flags", "pop"),
        ("flags", "nerve"),
        ("cleared", "yes"),
    ]


def test_notes_keep_their_line_breaks_but_not_runs_of_empty_lines():
    parsed = parse_form(
        {**VALID, "notes": "\n\nIce after.  \n\n\n\nCall on Friday.\r\nBring shoes.\n\n"}
    )
    assert parsed.personal.notes == "Ice after.\n\nCall on Friday.\nBring shoes."
