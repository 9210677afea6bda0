"""Plain language, measured (PRODUCT.md 8): reading grade, jargon, whole numbers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from generator.catalogue import guidance
from generator.i18n import languages
from generator.readability import EASE_MIN, GRADE_MAX, grade, jargon_pattern, spanish_ease, texts


def test_every_text_a_patient_reads_is_at_its_reading_grade():
    too_hard = [
        (round(grade(text), 1), where, text)
        for kind, where, text in texts()
        if grade(text) > GRADE_MAX[kind]
    ]
    assert not too_hard, "\n".join(map(str, too_hard))


def test_the_texts_cover_every_kind_and_the_generated_reasons():
    kinds = {}
    for kind, where, _ in texts():
        kinds.setdefault(kind, set()).add(where.split(" ")[0])
    assert set(kinds) == set(GRADE_MAX)
    assert {"exercises.toml", "guidance.toml", "generated"} <= kinds["patient"]
    assert "generated" in kinds["reason"]


def test_the_grade_tells_a_hard_sentence_from_an_easy_one():
    easy = "Lie on your back. Bend your knees."
    hard = (
        "Eccentric hamstring strengthening progressively increases musculotendinous "
        "tolerance to lengthening contractions during terminal swing."
    )
    assert grade(easy) <= GRADE_MAX["patient"] < grade(hard)


NOT_WHOLE = re.compile(r"\d+\.\d+|[½¼¾⅓]|\b\d+/(?!10\b)\d+")  # pain scores "3/10" are fine


def test_numbers_are_whole():
    fractions = [(where, text) for kind, where, text in texts() if NOT_WHOLE.search(text)]
    assert not fractions


class _Text(HTMLParser):
    """The visible text of a handout, without the "For your clinician" section."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if self.skip or "for-clinician" in classes or tag in ("script", "style", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


VOID = re.compile(r"<(img|br|input|meta|link)\b[^>]*>")


def handout_text(client, query: str) -> str:
    html = client.get(f"/program?{query}").get_data(as_text=True)
    article = html[html.index("<article") : html.rindex("</article>") + len("</article>")]
    parser = _Text()
    parser.feed(VOID.sub(" ", article))
    return re.sub(r"\s+", " ", " ".join(parser.parts))


HANDOUTS = {
    "stage 1": "grade=2&pain=5&slr=limited&toe=no&side=left",
    "stage 2": "grade=1&pain=2&slr=limited&toe=no&side=right",
    "stage 3": "grade=1&pain=0&slr=full&toe=yes&side=left",
    "cleared grade 3": "grade=3&cleared=yes&pain=1&slr=full&toe=yes&side=left&flags=pop",
    "today referral": "grade=2&pain=8&side=left&flags=calf",
    "soon referral": "grade=3&pain=2&side=left&flags=gap",
}


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("query", HANDOUTS.values(), ids=HANDOUTS)
def test_hard_words_are_explained_before_their_first_use_or_not_used(client, query, language):
    text = handout_text(client, f"{query}&lang={language}")
    texts = guidance(language)
    assert texts.jargon.get("never")
    assert len(texts.jargon) > 1
    for key, forms in texts.jargon.items():
        uses = [match for word in forms if (match := jargon_pattern(word).search(text))]
        if not uses:
            continue
        first = min(uses, key=lambda match: match.start())
        context = text[first.start() - 60 : first.end()]
        assert key != "never", f"{first.group()!r} is printed: ...{context}"
        where = text.find(texts.words[key])
        assert 0 <= where <= first.start() < where + len(texts.words[key]), (
            f"{first.group()!r} is used before it is explained: ...{context}"
        )


def test_the_jargon_check_finds_a_hard_word(client):
    assert jargon_pattern("rep").search("Do 10 reps.")
    assert not jargon_pattern("rep").search("Repeat, prepare.")
    assert jargon_pattern("neutral pelvis").search("Keep a Neutral pelvis.")
    assert "rep" in handout_text(client, HANDOUTS["stage 2"])


@pytest.mark.parametrize("query", HANDOUTS.values(), ids=HANDOUTS)
def test_a_spanish_handout_reads_fairly_easily_as_a_whole(client, query):
    """The whole printed text, headings and generated sentences with the data texts,
    minus the clinician's section (written for a clinician)."""
    text = handout_text(client, f"{query}&lang=es")
    patient_part = text.split(guidance("es").clinician.title)[0]
    assert spanish_ease(patient_part) >= EASE_MIN
