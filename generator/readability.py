"""Plain language, measured (PRODUCT.md 8): every text a patient reads, by kind.

``texts()`` gathers each text the handout can print: the catalogue's exercise texts,
the stage, safety, warning-sign, referral and prevention texts of guidance.toml, and
every reason and criterion the rules generate over the whole answer space. The tests
and ``make readability`` grade them with the Flesch-Kincaid formula (``textstat``, a
test dependency, imported only when a grade is asked for).

The "For your clinician" section is written for a clinician and is not graded.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from functools import cache

from generator import i18n
from generator.answers import Answers, Flag, Grade, Side, Slr, ToeTouch
from generator.catalogue import catalogue, guidance
from generator.i18n import SOURCE_LANGUAGE
from generator.rules import EXERCISE_RULES, build_program, safety_gate, stage_choices

# Flesch-Kincaid grade at most, by kind of text (PRODUCT.md 8): what the patient does
# at grade 6, the "why" reasons and the figures' alt text at grade 8.
GRADE_MAX = {"patient": 6.0, "reason": 8.0, "alt": 8.0}

# Words a patient may not know are listed per language in guidance.toml [jargon]: either
# not printed at all, or explained ([words]) before their first use.


def jargon_pattern(word: str) -> re.Pattern[str]:
    """``word`` as a whole word, any case, singular or with an English plural s."""
    return re.compile(rf"\b{re.escape(word)}s?\b", re.IGNORECASE)


def _exercise_texts(language: str = SOURCE_LANGUAGE) -> Iterator[tuple[str, str, str]]:
    folder = "" if language == SOURCE_LANGUAGE else f"{language}/"
    for exercise in catalogue(language).values():
        where = f"{folder}exercises.toml {exercise.id}"
        singles = {"purpose": exercise.purpose, "easier": exercise.easier,
                   "harder": exercise.harder, "equipment": exercise.equipment,
                   "substitute": exercise.substitute, "tempo": exercise.dose.tempo,
                   "note": exercise.dose.note}  # fmt: skip
        for key, text in singles.items():
            if text:
                yield "patient", f"{where}.{key}", text
        for key in ("steps", "cues"):
            for number, text in enumerate(getattr(exercise, key), start=1):
                yield "patient", f"{where}.{key}[{number}]", text
        for stage, text in exercise.stage_notes.items():
            yield "patient", f"{where}.stage_notes.{stage}", text
        for figure in exercise.figures:
            yield "alt", f"{where} figure {figure.position}", figure.alt


def _guidance_texts(language: str = SOURCE_LANGUAGE) -> Iterator[tuple[str, str, str]]:
    text = guidance(language)
    where = ("" if language == SOURCE_LANGUAGE else f"{language}/") + "guidance.toml"
    for number, stage in text.stages.items():
        for key in ("purpose", "checks", "walking_running", "walking_running_grade_three"):
            values = getattr(stage, key)
            for index, value in enumerate((values,) if isinstance(values, str) else values):
                yield "patient", f"{where} [stage.{number}].{key}[{index + 1}]", value
    safety = text.safety
    for key in ("step_back", "pain_rules"):
        for index, value in enumerate(getattr(safety, key), start=1):
            yield "patient", f"{where} [safety].{key}[{index}]", value
    for key in ("step_back_first_stage", "step_back_action", "step_back_action_grade_three",
                "pain_evidence"):  # fmt: skip
        yield "patient", f"{where} [safety].{key}", getattr(safety, key)
    for flag, sign in text.signs.items():
        yield "patient", f"{where} [signs.{flag}].label", sign.label
        yield "patient", f"{where} [signs.{flag}].watch", sign.watch
    referral = text.referral
    yield "patient", f"{where} [referral].title", referral.title
    yield "patient", f"{where} [referral].title_today", referral.title_today
    yield "patient", f"{where} [referral].pain_watch", referral.pain_watch
    yield "patient", f"{where} [referral].emergency", referral.emergency
    for key in ("meanwhile", "meanwhile_today"):
        for index, value in enumerate(getattr(referral, key), start=1):
            yield "patient", f"{where} [referral].{key}[{index}]", value
    for kind, value in text.who.items():
        yield "patient", f"{where} [who].{kind}", value
    expect = text.expect
    yield "patient", f"{where} [expect].intro", expect.intro
    yield "patient", f"{where} [expect].criteria", expect.criteria
    for grade, value in expect.grade.items():
        yield "patient", f"{where} [expect.grade].{grade}", value
    prevention = text.prevention
    for key in ("why", "start_when", "maintenance"):
        yield "patient", f"{where} [prevention].{key}", getattr(prevention, key)
    for index, tip in enumerate(prevention.tips, start=1):
        yield "patient", f"{where} [prevention].tips[{index}]", tip
    for word, value in text.words.items():
        yield "patient", f"{where} [words].{word}", value


def _answer_space() -> Iterator[Answers]:
    """Every answer that changes a printed text: the side never does, and each warning
    sign adds its own line, so no sign, each one alone, and all of them cover them."""
    signs = [frozenset(), *(frozenset({flag}) for flag in Flag), frozenset(Flag)]
    for grade in Grade:
        for pain in range(11):
            for slr in (*Slr, None):
                for toe in (*ToeTouch, None):
                    for flags in signs:
                        for cleared in (False, True):
                            yield Answers(grade, pain, slr, toe, Side.LEFT, flags, cleared)


@cache
def _generated_texts(language: str) -> tuple[tuple[str, str, str], ...]:
    """Every reason and criterion the rules print in ``language``, over the whole answer
    space, once."""
    with i18n.language(language):
        return _generated()


def _generated() -> tuple[tuple[str, str, str], ...]:
    seen: dict[str, str] = {}
    for answers in _answer_space():
        if (answers.slr is None or answers.toe is None) and not safety_gate(answers):
            continue  # a program needs both movement tests
        programs = [build_program(answers)]
        programs += [build_program(answers, stage) for stage in stage_choices(answers)]
        for program in programs:
            for reason in program.reasons:
                seen.setdefault(reason, "reason")
            for criterion in (*program.move_on, *program.step_back):
                seen.setdefault(criterion.text, "patient")
            for item in program.left_out:
                seen.setdefault(item.reason, "reason")
    for rule in EXERCISE_RULES.values():
        seen.setdefault(str(rule.included), "reason")
        if rule.not_needed:
            seen.setdefault(str(rule.not_needed), "reason")
    return tuple((kind, "generated", text) for text, kind in seen.items())


def texts(language: str = SOURCE_LANGUAGE) -> tuple[tuple[str, str, str], ...]:
    """(kind, where, text) for every text a patient can read in ``language``: kind is
    "patient", "reason" or "alt" (see GRADE_MAX)."""
    return (
        *_exercise_texts(language),
        *_guidance_texts(language),
        *_generated_texts(language),
    )


EASE_MIN = 70.0
"""The least Fernández Huerta reading ease of a translated text ("bastante fácil")."""


def spanish_ease(text: str) -> float:
    """The Fernández Huerta reading ease of a Spanish ``text`` (higher is easier)."""
    import textstat

    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en_US")


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of ``text``."""
    import textstat  # a test dependency: only the tests and `make readability` grade

    return textstat.flesch_kincaid_grade(text)


def report() -> str:
    """Median and worst grade per kind of text, and the worst text of each."""
    lines = []
    for kind, limit in GRADE_MAX.items():
        graded = [(grade(text), where, text) for k, where, text in texts() if k == kind]
        worst = max(graded)
        median = statistics.median(g for g, *_ in graded)
        lines.append(
            f"{kind:8} {len(graded):4} texts  median grade {median:4.1f}"
            f"  worst {worst[0]:4.1f} (limit {limit:.0f}): {worst[1]}: {worst[2][:70]}"
        )
    return "\n".join(lines)
