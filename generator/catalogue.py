"""The exercise catalogue and the handout texts, loaded from the TOML files in data/.

The texts are written in English in data/*.toml. A handout language is a folder of its
own beside them (data/es/ for Spanish) holding the same two files, key for key, with
every text translated and everything else (ids, numbers, frequency keys) as it is: the
loader lays the translation over the English files and refuses one that misses a key,
adds one, changes a number or an id, or changes a sentence's {placeholders}.

The texts and doses are data a clinician may read and edit; the selection logic that
uses them lives in rules.py. Both files are read into typed, frozen values and checked
when the app starts (``check_data``): a missing or misspelt key, a wrong type, a figure
the pose table cannot draw or a number name that does not exist stops the start with a
message naming the file and the key, never a 500 on some later request.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from enum import StrEnum
from functools import cache
from typing import Any

from generator.figures import POSITIONS
from generator.i18n import DATA_DIR, SOURCE_LANGUAGE, LanguageError, current, languages
from generator.thresholds import SENTENCE_VALUES


class Kind(StrEnum):
    """What an exercise does in a session; it sets the order and the frequency."""

    WARM_UP = "warm-up"
    MOBILITY = "mobility"
    ISOMETRIC = "isometric"
    PATTERN = "pattern"
    LOADING = "loading"
    PREVENTION = "prevention"  # after rehab, to keep the strain from coming back


# Warm-up first, loaded work last.
KIND_ORDER = (Kind.WARM_UP, Kind.MOBILITY, Kind.ISOMETRIC, Kind.PATTERN, Kind.LOADING,
              Kind.PREVENTION)  # fmt: skip


@dataclass(frozen=True)
class DoseRange:
    """The catalogue's dose: ranges from which the grade picks the starting point."""

    reps: tuple[int, int]
    per_side: bool
    unit: str = "reps"
    hold_s: tuple[int, int] | None = None
    tempo: str | None = None
    note: str | None = None  # may name the reps as {reps}
    order: str | None = None  # which leg first, where "each leg" needs more words


@dataclass(frozen=True)
class Figure:
    position: str
    alt: str
    stages: tuple[int, ...] = (1, 2, 3)
    # Words printed under the figure, after its number, where two set-ups of one
    # exercise look alike at print size (the toe touch: "Toes raised", "Heels raised").
    caption: str = ""


@dataclass(frozen=True)
class Exercise:
    id: str
    code: str  # two capital letters naming the exercise in a share link
    name: str
    purpose: str
    kind: Kind
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    dose: DoseRange
    equipment: str
    substitute: str
    pain_limit: int
    easier: str
    harder: str
    figures: tuple[Figure, ...]
    stage_notes: dict[int, str]

    def figures_for(self, stage: int) -> tuple[Figure, ...]:
        """The key positions shown at this stage."""
        return tuple(figure for figure in self.figures if stage in figure.stages)


class DataError(ValueError):
    """A data file the app cannot use, with the file and the key at fault."""


NONE: dict[str, type] = {}


def _table(value: Any, where: str, required: dict[str, type], optional: dict[str, type] = NONE):
    """``value`` as a TOML table with exactly these keys of these types."""
    if not isinstance(value, dict):
        raise DataError(f"{where}: expected a table")
    unknown = set(value) - set(required) - set(optional)
    if unknown:
        raise DataError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    for key, kind in {**required, **optional}.items():
        if key not in value:
            if key in required:
                raise DataError(f"{where}: missing key {key!r}")
            continue
        if not isinstance(value[key], kind) or (kind is int and isinstance(value[key], bool)):
            raise DataError(f"{where}.{key}: expected {kind.__name__}")
    return value


def _fill(text: str, where: str, **values: object) -> str:
    """``text`` with the named numbers in braces filled in."""
    try:
        return text.format_map({**SENTENCE_VALUES, **values})
    except (KeyError, ValueError, IndexError) as error:
        raise DataError(f"{where}: no number named {error} (see generator/thresholds.py)") from None


def _texts(values: list, where: str, **names: object) -> tuple[str, ...]:
    if not all(isinstance(value, str) for value in values):
        raise DataError(f"{where}: expected a list of texts")
    return tuple(_fill(value, where, **names) for value in values)


def _pair(value: list[int] | None, where: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        raise DataError(f"{where}: expected [low, high]")
    if value[0] > value[1]:
        raise DataError(f"{where}: low is above high")
    return value[0], value[1]


EXERCISE_KEYS = {"id": str, "code": str, "name": str, "purpose": str, "kind": str,
                 "steps": list, "cues": list, "dose": dict, "equipment": str, "pain_limit": int,
                 "easier": str, "harder": str, "figures": list}  # fmt: skip
EXERCISE_OPTIONAL = {"substitute": str, "stage_notes": dict}
DOSE_KEYS = {"reps": list, "per_side": bool}
DOSE_OPTIONAL = {"unit": str, "hold_s": list, "tempo": str, "note": str, "order": str}


def _exercise(entry: Any, index: int) -> Exercise:
    where = f"exercises.toml exercise {index + 1}"
    _table(entry, where, EXERCISE_KEYS, EXERCISE_OPTIONAL)
    where = f"exercises.toml {entry['id']}"
    if not re.fullmatch("[A-Z]{2}", entry["code"]):
        raise DataError(f"{where}.code: two capital letters")
    try:
        kind = Kind(entry["kind"])
    except ValueError:
        raise DataError(f"{where}.kind: one of {', '.join(Kind)}") from None
    dose = _table(entry["dose"], where + ".dose", DOSE_KEYS, DOSE_OPTIONAL)
    names = {"pain_limit": entry["pain_limit"]}

    def text(key: str, table: dict = entry) -> str:
        return _fill(table[key], f"{where}.{key}", **names)

    figures = []
    for number, figure in enumerate(entry["figures"]):
        spot = f"{where}.figures[{number}]"
        _table(figure, spot, {"position": str, "alt": str}, {"stages": list, "caption": str})
        figures.append(Figure(figure["position"], _fill(figure["alt"], spot, **names),
                              tuple(figure.get("stages", (1, 2, 3))),
                              figure.get("caption", "")))  # fmt: skip
    positions = tuple(figure.position for figure in figures)
    if positions != POSITIONS.get(entry["id"]):
        raise DataError(
            f"{where}.figures: positions {positions} do not match the pose table "
            f"{POSITIONS.get(entry['id'], ())} of generator/figures/poses.py"
        )
    stage_notes = entry.get("stage_notes", {})
    if not set(stage_notes) <= {"1", "2", "3"}:
        raise DataError(f"{where}.stage_notes: keys are stage numbers 1 to 3")
    return Exercise(
        id=entry["id"],
        code=entry["code"],
        name=text("name"),
        purpose=text("purpose"),
        kind=kind,
        steps=_texts(entry["steps"], where + ".steps", **names),
        cues=_texts(entry["cues"], where + ".cues", **names),
        dose=DoseRange(
            reps=_pair(dose["reps"], where + ".dose.reps") or (0, 0),
            per_side=dose["per_side"],
            unit=dose.get("unit", "reps"),
            hold_s=_pair(dose.get("hold_s"), where + ".dose.hold_s"),
            tempo=text("tempo", dose) if "tempo" in dose else None,
            note=_fill(dose["note"], f"{where}.dose.note", reps="{reps}", **names)
            if "note" in dose
            else None,
            order=text("order", dose) if "order" in dose else None,
        ),
        equipment=text("equipment"),
        substitute=text("substitute") if "substitute" in entry else "",
        pain_limit=entry["pain_limit"],
        easier=text("easier"),
        harder=text("harder"),
        figures=tuple(figures),
        stage_notes={
            int(stage): _fill(note, f"{where}.stage_notes", **names)
            for stage, note in stage_notes.items()
        },
    )


NOT_TEXT = frozenset(
    {"id", "code", "kind", "unit", "position", "frequency", "loading_frequency",
     "warm_up_frequency", "level", "who"}
)  # fmt: skip
"""Keys whose string values are names the code reads, not text: a translation keeps them."""
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _read(path: str) -> dict[str, Any]:
    with (DATA_DIR / path).open("rb") as handle:
        try:
            return tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise DataError(f"{path}: {error}") from None


def _load(name: str, language: str = SOURCE_LANGUAGE) -> dict[str, Any]:
    """A data file, its texts in ``language`` (LanguageError for one not offered)."""
    source = _read(name)
    if language == SOURCE_LANGUAGE:
        return source
    if language not in languages():
        raise LanguageError(f"no texts in {language!r}")
    path = f"{language}/{name}"
    return overlay(source, _read(path), path)


def overlay(source: Any, text: Any, where: str, key: str = "") -> Any:
    """``source`` with every text replaced by its translation in ``text``, which must
    have the same tables, keys and list lengths, the same values where they are not
    text, and the same placeholders in every sentence; DataError naming the key if not."""
    at = key or "the top"
    if isinstance(source, dict):
        if not isinstance(text, dict):
            raise DataError(f"{where}: {at} must be a table, as in the English file")
        for extra in text.keys() - source.keys():
            raise DataError(
                f"{where}: {key + '.' if key else ''}{extra} is not in the English file"
            )
        out = {}
        for name, value in source.items():
            if name not in text:
                raise DataError(f"{where}: {key + '.' if key else ''}{name} is missing")
            out[name] = overlay(value, text[name], where, f"{key}.{name}" if key else name)
        return out
    if isinstance(source, list):
        if not isinstance(text, list) or len(text) != len(source):
            raise DataError(f"{where}: {at} must have {len(source)} items, as in English")
        pairs = enumerate(zip(source, text, strict=True))
        return [overlay(s, t, where, f"{key}[{i}]") for i, (s, t) in pairs]
    name = re.sub(r"\[\d+\]$", "", key.rsplit(".", 1)[-1])
    if isinstance(source, str) and name not in NOT_TEXT:
        if not isinstance(text, str):
            raise DataError(f"{where}: {at} must be text")
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
            wanted = " ".join(sorted(set(PLACEHOLDER.findall(source)))) or "none"
            raise DataError(f"{where}: {at} must keep the English placeholders ({wanted})")
        return text
    if text != source:
        raise DataError(f"{where}: {at} must stay {source!r}, as in the English file")
    return source


def catalogue(language: str | None = None) -> dict[str, Exercise]:
    """Every exercise by id, in the catalogue's order, its texts in ``language`` (by
    default the language of the block, see ``i18n.language``)."""
    return _catalogue(language or current())


@cache
def _catalogue(language: str) -> dict[str, Exercise]:
    entries = _load("exercises.toml", language).get("exercise", [])
    exercises = [_exercise(entry, index) for index, entry in enumerate(entries)]
    for attribute in ("id", "code"):
        values = [getattr(exercise, attribute) for exercise in exercises]
        if len(set(values)) != len(values):
            raise DataError(f"exercises.toml: each exercise needs its own {attribute}")
    missing = set(POSITIONS) - {exercise.id for exercise in exercises}
    if missing:
        raise DataError(
            f"exercises.toml: no exercise {sorted(missing)[0]!r} (the pose table has it)"
        )
    return {exercise.id: exercise for exercise in exercises}


@dataclass(frozen=True)
class StageText:
    name: str
    purpose: str
    sets: int
    frequency: str  # a key of Guidance.frequencies
    loading_frequency: str
    checks: tuple[str, ...]  # "move on when" checks the questionnaire does not ask
    walking_running: tuple[str, ...]  # what walking and running the stage allows
    walking_running_grade_three: tuple[str, ...] = ()  # instead, after a grade 3 tear


@dataclass(frozen=True)
class Safety:
    step_back: tuple[str, ...]  # besides the walking-pain threshold (rules.py)
    step_back_first_stage: str
    step_back_action: str
    step_back_action_grade_three: str  # a cleared grade 3: the clinician decides
    pain_rules: tuple[str, ...]
    pain_evidence: str
    warm_up_frequency: str


class Level(StrEnum):
    """How soon a reason to see a professional needs one (PRODUCT.md 4.1)."""

    TODAY = "today"  # the same day; a professional's earlier clearance never lifts it
    SOON = "soon"  # in the next few days; lifted when a professional cleared exercise


@dataclass(frozen=True)
class Sign:
    """A warning sign: how soon, who to see (a key of Guidance.who), as the form and a
    referral state it, and as an event a program handout asks to watch for."""

    level: Level
    who: str
    label: str
    watch: str


@dataclass(frozen=True)
class ReferralText:
    title: str
    title_today: str
    pain_watch: str
    emergency: str  # chest pain or breathlessness: an emergency, on every handout
    meanwhile: tuple[str, ...]  # while waiting a few days for a visit
    meanwhile_today: tuple[str, ...]  # until seen today


@dataclass(frozen=True)
class Expect:
    """What to expect: typical time out by grade (a key of Grade), never a promise."""

    intro: str
    criteria: str
    grade: dict[str, str]


@dataclass(frozen=True)
class RampWeek:
    weeks: str  # e.g. "Weeks 5 to 10"
    days: int  # days a week
    dose: str  # e.g. "2 sets of 5"


@dataclass(frozen=True)
class Prevention:
    """Keep it from coming back: the Nordic exercise's ramp and upkeep (stage 3 only)."""

    title: str
    why: str
    start_when: str
    maintenance: str
    ramp: tuple[RampWeek, ...]
    tips: tuple[str, ...]  # besides the exercise


@dataclass(frozen=True)
class ClinicianText:
    title: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Guidance:
    """The handout's texts beyond the exercises (data/guidance.toml)."""

    frequencies: dict[str, str]  # schedule key -> how it is printed
    stages: dict[int, StageText]
    safety: Safety
    signs: dict[str, Sign]  # by warning sign (Flag value)
    referral: ReferralText
    who: dict[str, str]  # kind -> who to see and how soon
    expect: Expect
    prevention: Prevention
    words: dict[str, str]  # a word the handout uses -> the sentence that explains it
    jargon: dict[str, tuple[str, ...]]  # a [words] key, or "never" -> the forms printed
    clinician: ClinicianText


def _guidance(data: dict[str, Any]) -> Guidance:
    from generator.answers import Flag

    where = "guidance.toml"
    _table(data, where, {"frequencies": dict, "stage": dict, "safety": dict, "signs": dict,
                         "referral": dict, "who": dict, "expect": dict, "prevention": dict,
                         "words": dict, "jargon": dict, "clinician": dict})  # fmt: skip
    frequencies = _table(data["frequencies"], where + " [frequencies]",
                         dict.fromkeys(data["frequencies"], str))  # fmt: skip
    who = _table(data["who"], where + " [who]", dict.fromkeys(data["who"], str))
    _table(data["stage"], where + " [stage]", {"1": dict, "2": dict, "3": dict})
    stages = {}
    for number in (1, 2, 3):
        spot = f"{where} [stage.{number}]"
        stage = _table(data["stage"][str(number)], spot,
                       {"name": str, "purpose": str, "sets": int, "frequency": str,
                        "loading_frequency": str, "checks": list,
                        "walking_running": list},
                       {"walking_running_grade_three": list})  # fmt: skip
        for key in ("frequency", "loading_frequency"):
            if stage[key] not in frequencies:
                raise DataError(f"{spot}.{key}: not one of [frequencies]")
        stages[number] = StageText(
            _fill(stage["name"], spot), _fill(stage["purpose"], spot), stage["sets"],
            stage["frequency"], stage["loading_frequency"], _texts(stage["checks"], spot),
            _texts(stage["walking_running"], spot),
            _texts(stage.get("walking_running_grade_three", []), spot),
        )  # fmt: skip
    spot = where + " [safety]"
    safety = _table(data["safety"], spot,
                    {"step_back": list, "step_back_first_stage": str, "step_back_action": str,
                     "step_back_action_grade_three": str,
                     "pain_rules": list, "pain_evidence": str,
                     "warm_up_frequency": str})  # fmt: skip
    if safety["warm_up_frequency"] not in frequencies:
        raise DataError(f"{spot}.warm_up_frequency: not one of [frequencies]")
    _table(data["signs"], where + " [signs]", {flag.value: dict for flag in Flag})
    signs = {}
    for flag in Flag:
        spot = f"{where} [signs.{flag.value}]"
        sign = _table(data["signs"][flag.value], spot,
                      {"level": str, "who": str, "label": str, "watch": str})  # fmt: skip
        if sign["level"] not in set(Level) or sign["who"] not in who:
            raise DataError(f"{spot}: level is today or soon, who one of [who]")
        signs[flag.value] = Sign(Level(sign["level"]), sign["who"], _fill(sign["label"], spot),
                                 _fill(sign["watch"], spot))  # fmt: skip
    spot = where + " [referral]"
    referral = _table(data["referral"], spot,
                      {"title": str, "title_today": str, "pain_watch": str, "emergency": str,
                       "meanwhile": list, "meanwhile_today": list})  # fmt: skip
    spot_safety = where + " [safety]"
    return Guidance(
        **_more_guidance(data, where),
        frequencies=dict(frequencies),
        stages=stages,
        safety=_sentences(Safety, safety, spot_safety, keep=("warm_up_frequency",)),
        signs=signs,
        referral=_sentences(ReferralText, referral, spot),
        who={key: _fill(text, where + " [who]") for key, text in who.items()},
    )


def _sentences(kind: type, table: dict[str, Any], where: str, keep: tuple[str, ...] = ()):
    """A ``kind`` whose every field is a sentence (filled in) or a list of them, read
    from a checked table; ``keep`` names fields taken as they are (keys, not texts)."""
    values = {}
    for name in (f.name for f in fields(kind)):
        value = table[name]
        if name in keep:
            values[name] = value
        elif isinstance(value, list):
            values[name] = _texts(value, where)
        else:
            values[name] = _fill(value, where)
    return kind(**values)


def _more_guidance(data: dict[str, Any], where: str) -> dict[str, Any]:
    """The sections after the referral's: what to expect, prevention, words, clinician."""
    from generator.answers import Grade

    at_expect = spot = where + " [expect]"
    expect = _table(data["expect"], spot, {"intro": str, "criteria": str, "grade": dict})
    _table(expect["grade"], spot + ".grade", {grade.value: str for grade in Grade})
    at_prevention = spot = where + " [prevention]"
    prevention = _table(data["prevention"], spot,
                        {"title": str, "why": str, "start_when": str, "maintenance": str,
                         "ramp": list, "tips": list})  # fmt: skip
    ramp = []
    for number, week in enumerate(prevention["ramp"]):
        _table(week, f"{spot}.ramp[{number}]", {"weeks": str, "days": int, "dose": str})
        ramp.append(RampWeek(week["weeks"], week["days"], week["dose"]))
    words = _table(data["words"], where + " [words]", dict.fromkeys(data["words"], str))
    jargon = _table(data["jargon"], where + " [jargon]", dict.fromkeys(data["jargon"], list))
    for key in jargon.keys() - words.keys() - {"never"}:
        raise DataError(f"{where} [jargon].{key}: not a word of [words], nor never")
    spot = where + " [clinician]"
    clinician = _table(data["clinician"], spot, {"title": str, "evidence": list})
    return {
        "expect": Expect(
            _fill(expect["intro"], at_expect),
            _fill(expect["criteria"], at_expect),
            {key: _fill(text, at_expect) for key, text in expect["grade"].items()},
        ),
        "prevention": Prevention(
            *(
                _fill(prevention[key], at_prevention)
                for key in ("title", "why", "start_when", "maintenance")
            ),
            tuple(ramp),
            _texts(prevention["tips"], at_prevention),
        ),
        "words": dict(words),
        "jargon": {key: _texts(forms, where + " [jargon]") for key, forms in jargon.items()},
        "clinician": ClinicianText(
            _fill(clinician["title"], spot), _texts(clinician["evidence"], spot)
        ),
    }


def guidance(language: str | None = None) -> Guidance:
    """Stage, pain-rule, warning-sign and referral texts (data/guidance.toml), in
    ``language`` (by default the handout language of the block)."""
    return _guidance_in(language or current())


@cache
def _guidance_in(language: str) -> Guidance:
    return _guidance(_load("guidance.toml", language))


def check_data() -> None:
    """Read and check the data files of every language now (the app calls this when it
    starts)."""
    for language in languages():
        catalogue(language)
        guidance(language)
