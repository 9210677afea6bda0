"""Handout texts in other languages (issue 17, first step): a language is a folder of
data files beside the English ones, laid over them key for key. Every language must
have every text, keep every number, id and placeholder, and read plainly."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from generator.catalogue import (
    DATA_FILES,
    NOT_TEXT,
    PLACEHOLDER,
    SOURCE_LANGUAGE,
    DataError,
    catalogue,
    guidance,
    languages,
    overlay,
)
from generator.readability import EASE_MIN, data_texts, spanish_ease

TRANSLATED = [language for language in languages() if language != SOURCE_LANGUAGE]


def read(path: str) -> dict:
    data = resources.files("generator").joinpath("data").joinpath(path)
    return tomllib.loads(data.read_text(encoding="utf-8"))


def strings(value, key=""):
    """(key path, text) of every string in a data file, in order."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from strings(item, f"{key}.{name}" if key else name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{key}[{index}]")
    elif isinstance(value, str):
        yield key, value


def test_spanish_is_offered_after_english():
    assert languages()[0] == SOURCE_LANGUAGE
    assert "es" in languages()


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("name", DATA_FILES)
def test_every_language_has_every_text_with_the_same_placeholders(language, name):
    source, text = read(name), read(f"{language}/{name}")
    ours, theirs = dict(strings(source)), dict(strings(text))
    assert ours.keys() == theirs.keys()  # every text, and nothing else
    for key, english in ours.items():
        assert sorted(PLACEHOLDER.findall(theirs[key])) == sorted(PLACEHOLDER.findall(english)), key
    overlay(source, text, f"{language}/{name}")  # and the loader takes it


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("name", DATA_FILES)
def test_every_text_is_translated_and_every_name_the_code_reads_is_not(language, name):
    ours, theirs = dict(strings(read(name))), dict(strings(read(f"{language}/{name}")))
    names = {k for k in ours if k.rsplit(".", 1)[-1].split("[")[0] in NOT_TEXT}
    assert names  # ids, kinds, frequency keys ...
    assert all(theirs[k] == ours[k] for k in names)
    texts = [k for k in ours if k not in names and len(ours[k].split()) > 2]
    left_in_english = [k for k in texts if theirs[k] == ours[k]]
    assert left_in_english == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_translated_catalogue_is_the_same_program_in_other_words(language):
    english, other = catalogue(), catalogue(language)
    assert list(other) == list(english)
    for exercise_id, exercise in other.items():
        base = english[exercise_id]
        assert exercise.dose == base.dose.__class__(**{
            **base.dose.__dict__,
            "tempo": exercise.dose.tempo,
            "note": exercise.dose.note,
            "order": exercise.dose.order,
        })  # fmt: skip
        assert [f.position for f in exercise.figures] == [f.position for f in base.figures]
        assert (exercise.kind, exercise.code, exercise.pain_limit) == (
            base.kind,
            base.code,
            base.pain_limit,
        )
        assert exercise.name != base.name
        assert len(exercise.steps) == len(base.steps)
    assert guidance(language).frequencies.keys() == guidance().frequencies.keys()


def test_every_spanish_patient_text_reads_fairly_easily():
    hard = [
        (round(spanish_ease(text), 1), where, text)
        for kind, where, text in data_texts("es")
        if len(text.split()) > 8 and spanish_ease(text) < EASE_MIN
    ]
    assert not hard, "\n".join(map(str, hard))


def test_the_spanish_ease_tells_a_hard_sentence_from_an_easy_one():
    easy = "Acuéstese boca arriba. Doble las rodillas."
    hard = (
        "El fortalecimiento excéntrico de la musculatura isquiotibial incrementa "
        "progresivamente la tolerancia musculotendinosa a las contracciones de alargamiento."
    )
    assert spanish_ease(hard) < EASE_MIN <= spanish_ease(easy)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ({"a": {"b": "Hola"}}, "x.toml: a.c is missing"),
        ({"a": {"b": "Hola", "c": "Hola", "d": "?"}, "e": 1}, "is not in the English"),
        ({"a": {"b": "Hola", "c": "Dolor de {pain}"}}, "a.c must keep the English placeholders"),
        ({"a": {"b": "Hola", "c": "Sin {nada}", "id": "x"}}, "is not in the English"),
    ],
)
def test_a_translation_that_drifts_is_refused_with_the_key(text, message):
    source = {"a": {"b": "Hello", "c": "Pain of {pain_limit}"}}
    with pytest.raises(DataError, match=message.replace("{", r"\{").replace("}", r"\}")):
        overlay(source, text, "x.toml")


def test_a_translation_may_not_change_a_name_the_code_reads_or_a_number():
    source = {"exercise": [{"id": "hip-hinge", "reps": [10, 12], "name": "Hip hinge"}]}
    with pytest.raises(DataError, match=r"exercise\[0\]\.id must stay 'hip-hinge'"):
        overlay(source, {"exercise": [{"id": "bisagra", "reps": [10, 12], "name": "B"}]}, "x")
    with pytest.raises(DataError, match=r"exercise\[0\]\.reps\[1\] must stay 12"):
        overlay(source, {"exercise": [{"id": "hip-hinge", "reps": [10, 15], "name": "B"}]}, "x")
    with pytest.raises(KeyError):
        catalogue("xx")


def test_a_program_built_in_a_handout_language_is_the_same_program_in_its_words():
    import sys
    import threading

    from generator.answers import Answers, Grade, Side, Slr, ToeTouch
    from generator.catalogue import handout_language
    from generator.rules import build_program

    answers = Answers(Grade.TWO, 3, Slr.LIMITED, ToeTouch.NO, Side.RIGHT, frozenset())
    english = build_program(answers)
    with handout_language("es"):
        spanish = build_program(answers)
    assert [i.exercise.id for i in spanish.exercises] == [i.exercise.id for i in english.exercises]
    assert [i.dose.sets for i in spanish.exercises] == [i.dose.sets for i in english.exercises]
    names = [item.exercise.name for item in spanish.exercises]
    assert names == [catalogue("es")[item.exercise.id].name for item in english.exercises]
    assert spanish.stage.name == guidance("es").stages[spanish.stage.number].name
    assert build_program(answers) == english  # the block's language ends with it
    with pytest.raises(KeyError):
        handout_language("xx").__enter__()

    # Each thread has its own handout language: concurrent programs never mix.
    results: dict[int, list[str]] = {}

    def build(number: int) -> None:
        language = TRANSLATED[0] if number % 2 else SOURCE_LANGUAGE
        with handout_language(language):
            for _ in range(20):
                program = build_program(answers)
                results.setdefault(number, []).append(program.exercises[0].exercise.name)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        threads = [threading.Thread(target=build, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    for number, seen in results.items():
        expected = (spanish if number % 2 else english).exercises[0].exercise.name
        assert seen == [expected] * 20
