"""Languages: which are offered, the language of a block of work, and the translated
words of the Python code and the templates.

Two kinds of text, two homes (README, "Languages"):

- the clinical texts a patient reads (exercises, guidance) are data, in
  ``data/*.toml``, one folder of the same two files per language (``catalogue.py``
  lays a translation over the English, key for key);
- the words of the interface and the sentences the rules write in Python are
  ``gettext`` messages, in ``translations/<language>/LC_MESSAGES/messages.po`` under
  version control; ``make`` compiles the ``.mo`` files this module reads.

A language is offered when it has both: a data folder and a catalogue. Nothing in the
code names a language but ``SOURCE_LANGUAGE``, the one the texts are written in.

The language of the work under way is a context variable (``language(...)``): each
thread, each request, has its own, so an interface in one language can print a handout
in another and concurrent requests never mix. ``gettext`` translates into it now; the
lazy forms (``lazy_gettext``, ``lazy_format``) are for texts defined once at import
(questions, messages) and translate each time they are read, in the language of that
moment.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from gettext import NullTranslations
from pathlib import Path

from babel.support import LazyProxy, Translations

SOURCE_LANGUAGE = "en"
DOMAIN = "messages"
PACKAGE = Path(__file__).parent
DATA_DIR = PACKAGE / "data"
LOCALE_DIR = PACKAGE / "translations"
DATA_FILES = ("exercises.toml", "guidance.toml")


class LanguageError(Exception):
    """A language the app cannot speak, or a catalogue that was never compiled."""


@cache
def languages() -> tuple[str, ...]:
    """The languages offered: the source language, then, alphabetically, every language
    with a data folder holding both data files and a message catalogue (.po)."""
    found = sorted(
        entry.name
        for entry in DATA_DIR.iterdir()
        if entry.is_dir()
        and all((entry / name).is_file() for name in DATA_FILES)
        and _po_file(entry.name).is_file()
    )
    return (SOURCE_LANGUAGE, *found)


def _po_file(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def choose(wanted: str | None) -> str | None:
    """``wanted`` if it is a language offered (case and ``es-MX``/``es_MX`` regions
    aside), else None."""
    base = (wanted or "").strip().replace("-", "_").split("_")[0].lower()
    return base if base in languages() else None


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of ``language``; nothing to translate for the source.
    Read once and never changed, so one object serves every thread."""
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    if language not in languages():
        raise LanguageError(f"no language {language!r}: offered are {', '.join(languages())}")
    mo = _po_file(language).with_suffix(".mo")
    if not mo.is_file() or mo.stat().st_mtime < _po_file(language).stat().st_mtime:
        raise LanguageError(f"{mo} is missing or older than its .po: run `make translations`")
    return Translations.load(str(LOCALE_DIR), [language], DOMAIN)


_current: ContextVar[str] = ContextVar("language", default=SOURCE_LANGUAGE)


def current() -> str:
    """The language of the work under way (the source language outside any block)."""
    return _current.get()


@contextmanager
def language(code: str) -> Iterator[None]:
    """Within the block, texts come in ``code``: the gettext messages and the data
    (``catalogue()``, ``guidance()``). LanguageError for a language not offered."""
    if code not in languages():
        raise LanguageError(f"no language {code!r}: offered are {', '.join(languages())}")
    token = _current.set(code)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """``message`` in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n``, in the current language."""
    return translations(current()).ngettext(singular, plural, n)


def lazy_gettext(message: str) -> LazyProxy:
    """``message``, translated each time it is read, into the language of that moment."""
    return LazyProxy(gettext, message, enable_cache=False)


def lazy_format(message: str, **values: object) -> LazyProxy:
    """``message`` with its {placeholders} filled, translated each time it is read."""
    return LazyProxy(lambda: gettext(message).format(**values), enable_cache=False)


_ = gettext
