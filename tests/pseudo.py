"""A pseudo-language for the tests: every text of the data files and the message
catalogue, its letters swapped for accented look-alikes and its vowels doubled (about 40%
longer, as translations often are), placeholders kept. Any run of plain ASCII letters
left on a page is then English that never went through a translation, and a layout
that breaks with longer words breaks here first.

It is installed as a language of its own ("eo", a locale Babel knows that no clinic is
offered), in a copy of the data and translations folders under a temporary directory.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator import catalogue, i18n

PSEUDO = "eo"
# Message ids that are not text: a Babel date pattern (the test reads the date apart).
NOT_TEXT_MESSAGES = {"d MMMM y"}
PLACEHOLDER = re.compile(r"(%\(\w+\)[sd]|%%|\{[a-z_]+\})")
LOOK_ALIKES = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçďéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĎÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
ENGLISH_LEFT = re.compile(r"[A-Za-z]{2,}")


def pseudo(text: str) -> str:
    """``text`` in the pseudo-language: look-alike letters, vowels doubled, placeholders
    as they were."""
    pieces = PLACEHOLDER.split(text)
    return "".join(
        piece if index % 2 else re.sub(r"[aeiouAEIOU]", r"\g<0>\g<0>", piece).translate(LOOK_ALIKES)
        for index, piece in enumerate(pieces)
    )


def _pseudo_data(value, key: str = ""):
    """A data file's values with every text (not the names the code reads) in pseudo."""
    if isinstance(value, dict):
        return {name: _pseudo_data(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_pseudo_data(item, key) for item in value]
    if isinstance(value, str) and key not in catalogue.NOT_TEXT:
        return pseudo(value)
    return value


def _toml(value) -> str:
    """A TOML value (inline tables and arrays, which TOML allows at any depth)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def install(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offer the pseudo-language beside the real ones, from copies under ``root``."""
    import tomllib

    data, locales = root / "data", root / "translations"
    shutil.copytree(i18n.DATA_DIR, data)
    shutil.copytree(i18n.LOCALE_DIR, locales)
    (data / PSEUDO).mkdir()
    for name in i18n.DATA_FILES:
        source = tomllib.loads((i18n.DATA_DIR / name).read_text(encoding="utf-8"))
        lines = [f"{json.dumps(k)} = {_toml(v)}" for k, v in _pseudo_data(source).items()]
        (data / PSEUDO / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Every message of a real catalogue (they are all complete: tests/test_languages.py).
    real = next(code for code in i18n.languages() if code != i18n.SOURCE_LANGUAGE)
    with (i18n.LOCALE_DIR / real / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        messages = read_po(handle)
    fake = Catalog(locale=PSEUDO)
    for message in messages:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            fake.add(message.id, tuple(pseudo(form) for form in message.id))
        else:
            fake.add(message.id, message.id if message.id in NOT_TEXT_MESSAGES
                     else pseudo(message.id))  # fmt: skip
    folder = locales / PSEUDO / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text("# pseudo\n", encoding="utf-8")
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, fake)
    monkeypatch.setattr(i18n, "DATA_DIR", data)
    monkeypatch.setattr(catalogue, "DATA_DIR", data)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locales)
    clear_caches()


def clear_caches() -> None:
    for cached in (i18n.languages, i18n.translations, catalogue._catalogue,
                   catalogue._guidance_in):  # fmt: skip
        cached.cache_clear()
