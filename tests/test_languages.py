"""Handout texts in other languages (issue 17, first step): a language is a folder of
data files beside the English ones, laid over them key for key. Every language must
have every text, keep every number, id and placeholder, and read plainly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

import pytest

from generator.catalogue import NOT_TEXT, PLACEHOLDER, DataError, catalogue, guidance, overlay
from generator.i18n import DATA_FILES, LOCALE_DIR, SOURCE_LANGUAGE, LanguageError, languages
from generator.readability import EASE_MIN, spanish_ease, texts

ROOT = Path(__file__).parent.parent
STAGE_1_FORM = {"grade": "2", "pain": "5", "slr": "limited", "toe": "no", "side": "left"}
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
        # The same figures captioned, in the other language.
        captions = [(bool(f.caption), f.caption) for f in exercise.figures]
        assert [c for c, _ in captions] == [bool(f.caption) for f in base.figures]
        assert not {text for _, text in captions if text} & {f.caption for f in base.figures}
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
        for kind, where, text in texts("es")
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
    with pytest.raises(LanguageError):
        catalogue("xx")


def test_a_program_built_in_a_handout_language_is_the_same_program_in_its_words():
    import sys
    import threading

    from generator.answers import Answers, Grade, Side, Slr, ToeTouch
    from generator.i18n import language as handout_language
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
    with pytest.raises(LanguageError):
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


# The message catalogues: the words of the templates and the sentences of the Python code.


def catalogue_of(language: str):
    from babel.messages.pofile import read_po

    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


MESSAGE_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%|\{[a-z_]+\}")


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_reviewed_and_keeps_its_placeholders(language):
    messages = [message for message in catalogue_of(language) if message.id]
    assert len(messages) > 250
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"not translated: {ids[0]!r}"
        assert not message.fuzzy, f"fuzzy (not reviewed): {ids[0]!r}"
        wanted = set(MESSAGE_PLACEHOLDER.findall(ids[-1]))
        # The last plural form has every placeholder; a singular may write "one" instead.
        assert set(MESSAGE_PLACEHOLDER.findall(strings[-1])) == wanted, ids[0]
        assert all(set(MESSAGE_PLACEHOLDER.findall(s)) <= wanted for s in strings), ids[0]


def test_the_catalogues_hold_every_message_of_the_code_and_templates_and_no_other(tmp_path):
    """`make messages` was run after the last change to a message: none is missing from a
    .po file (it would print in English), and none is left over."""
    makefile = (ROOT / "Makefile").read_text()
    keywords = re.search(r"^BABEL_KEYWORDS := (.*)$", makefile, re.MULTILINE).group(1).split()
    pot = tmp_path / "messages.pot"
    extract = "from babel.messages.frontend import main; main()"
    subprocess.run(
        [sys.executable, "-c", extract, "extract", "-F", "babel.cfg",
         *keywords, "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    from babel.messages.pofile import read_po

    with pot.open("rb") as handle:
        wanted = {message.id for message in read_po(handle) if message.id}
    assert len(wanted) > 250
    for language in TRANSLATED:
        have = {message.id for message in catalogue_of(language) if message.id}
        assert not wanted - have, f"run `make messages`: missing from {language}"
        assert not have - wanted, f"run `make messages`: left over in {language}"


def test_a_catalogue_older_than_its_po_file_is_refused(tmp_path, monkeypatch):
    import shutil

    from generator import i18n

    shutil.copytree(LOCALE_DIR, tmp_path / "translations")
    shutil.copytree(i18n.DATA_DIR, tmp_path / "data")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "translations")
    monkeypatch.setattr(i18n, "DATA_DIR", tmp_path / "data")
    language = TRANSLATED[0]
    po = tmp_path / "translations" / language / "LC_MESSAGES" / "messages.po"
    po.touch()
    os.utime(po.with_suffix(".mo"), (0, 0))
    i18n.translations.cache_clear()
    i18n.languages.cache_clear()
    try:
        with pytest.raises(LanguageError, match="make translations"):
            i18n.translations(language)
    finally:
        i18n.translations.cache_clear()
        i18n.languages.cache_clear()


# The language choice on the web, the command line and the batch.

SPANISH_TITLE = "Programa en casa"  # the kicker of a Spanish program handout


def test_the_interface_follows_the_browser_until_the_person_picks(client):
    spanish = client.get("/", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    html = spanish.get_data(as_text=True)
    assert '<html lang="es">' in html
    assert gettext_in("es", "Show program") in html
    assert 'name="lang"' in html
    assert '<option value="es" selected>' in html
    english = client.get("/", headers={"Accept-Language": "fr, en;q=0.8"})
    assert '<html lang="en">' in english.get_data(as_text=True)
    # Latin American Spanish is Spanish, though English is also accepted, less wanted.
    latin = client.get("/", headers={"Accept-Language": "es-419,en;q=0.5"})
    assert '<html lang="es">' in latin.get_data(as_text=True)
    nothing_offered = client.get("/", headers={"Accept-Language": "de-CH, fr;q=0.5"})
    assert '<html lang="en">' in nothing_offered.get_data(as_text=True)
    # The person picks English: a cookie keeps it over the browser's Spanish, and the
    # questionnaire comes back with every answer, the personal ones included.
    picked = client.post(
        "/language",
        data={**STAGE_1_FORM, "ui": "en", "name": "Ana", "lang": "es"},
        headers={"Accept-Language": "es"},
    )
    html = picked.get_data(as_text=True)
    assert picked.status_code == 200
    assert '<html lang="en">' in html
    assert "Show program" in html
    assert 'value="Ana"' in html
    assert '<article lang="es"' in html  # the handout keeps its own language
    assert "ui=en" in picked.headers["Set-Cookie"]
    again = client.get("/", headers={"Accept-Language": "es"})
    assert '<html lang="en">' in again.get_data(as_text=True)


def test_a_clinician_working_in_english_prints_a_spanish_handout(client):
    from tests.conftest import STAGE_2_LARGEST

    response = client.get("/?" + urlencode({**STAGE_2_LARGEST, "lang": "es"}))
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Show program" in html  # the interface in English
    assert '<article lang="es"' in html  # the handout in Spanish
    handout = html[html.index("<article") :]
    assert gettext_in("es", "Your plan at a glance") in handout
    assert catalogue("es")["foam-roll"].name in handout
    assert "Your plan at a glance" not in handout
    # The share link, the program page and its QR code keep the handout's language.
    assert "lang=es" in response.headers.get("HX-Replace-Url", "lang=es")
    page = client.get("/program?" + urlencode({**STAGE_2_LARGEST, "lang": "es"}))
    assert '<html lang="es">' in page.get_data(as_text=True)


def test_the_pdf_is_spanish_with_spanish_dates_and_language_tag(client):
    from tests.conftest import STAGE_2_LARGEST, pdf_text

    data = {**STAGE_2_LARGEST, "lang": "es", "date": "2026-03-31", "name": "Ana"}
    response = client.post("/program.pdf", data=data)
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    assert "31 de marzo de 2026" in text
    assert "Página 1 de" in text
    assert catalogue("es")["hip-hinge"].name in text
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        assert pdf.doc.catalog["Lang"] == b"es"  # the tagged PDF's language
        assert {(round(p.width), round(p.height)) for p in pdf.pages} == {(595, 842)}  # A4
    letter = client.post("/program.pdf", data={**data, "paper": "letter"})
    assert letter.status_code == 200, (letter.status_code, letter.get_data(as_text=True)[:300])
    with pdfplumber.open(io.BytesIO(letter.data)) as pdf:
        assert {(round(p.width), round(p.height)) for p in pdf.pages} == {(612, 792)}


def test_a_wrong_language_gets_a_message_and_keeps_the_other_answers(client):
    from tests.conftest import STAGE_1

    response = client.post("/program", data={**STAGE_1, "lang": "xx", "name": "Ana"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choose a handout language from the list." in html
    assert 'value="Ana"' in html
    assert re.search(r'name="pain" value="5"[^>]* checked', html)
    json = client.get("/program.json?" + urlencode({**STAGE_1, "lang": "xx"}))
    assert json.status_code == 422
    assert json.get_json()["errors"]["lang"]


def test_the_json_api_speaks_the_language_asked(client):
    from tests.conftest import STAGE_1

    answer = client.get("/program.json?" + urlencode({**STAGE_1, "lang": "es"})).get_json()
    assert answer["lang"] == "es"
    names = {item["name"] for item in answer["exercises"]}
    assert catalogue("es")["supine-iso"].name in names


def test_the_command_line_and_the_batch_take_a_language(runner, tmp_path):
    from tests.conftest import STAGE_1, pdf_text

    options = [f"--{name}={value}" for name, value in STAGE_1.items()]
    out = tmp_path / "one.pdf"
    result = runner.invoke(args=["handout", "pdf", "-o", str(out), *options, "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert catalogue("es")["supine-iso"].name in " ".join(pdf_text(out.read_bytes()).split())
    wrong = runner.invoke(args=["handout", "pdf", "-o", str(out), *options, "--lang", "xx"])
    assert wrong.exit_code != 0
    assert "--lang must be one of: en, es." in wrong.output
    rows = tmp_path / "rows.csv"
    rows.write_text("grade,pain,slr,toe,side,name,lang\n2,5,limited,no,left,Ana,es\n")
    done = runner.invoke(args=["handout", "batch", str(rows), "-o", str(tmp_path / "out"),
                               "--jobs", "1"])  # fmt: skip
    assert done.exit_code == 0, done.output
    (pdf,) = (tmp_path / "out").glob("*.pdf")
    assert catalogue("es")["supine-iso"].name in " ".join(pdf_text(pdf.read_bytes()).split())


def test_the_exercise_page_speaks_the_handouts_language(client):
    response = client.get("/exercises/hip-hinge?side=left&lang=es")
    assert {"Accept-Language", "Cookie"} <= set(response.vary)  # cached per language
    page = response.get_data(as_text=True)
    assert '<html lang="es">' in page
    assert catalogue("es")["hip-hinge"].name in page
    assert gettext_in("es", "How to do it") in page


def gettext_in(language: str, message: str) -> str:
    from generator import i18n

    with i18n.language(language):
        return i18n.gettext(message)


def test_error_pages_speak_the_interface_language(client):
    missing = client.get("/nowhere", headers={"Accept-Language": "es"})
    html = missing.get_data(as_text=True)
    assert missing.status_code == 404
    assert '<html lang="es">' in html
    assert gettext_in("es", "Page not found") in html
    assert "Not Found" not in html
    side = client.get("/exercises/hip-hinge?side=up", headers={"Accept-Language": "es"})
    assert gettext_in("es", "The side must be left or right.") in side.get_data(as_text=True)
