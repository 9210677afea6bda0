"""Which characters the installed fonts can print (PRODUCT.md 8: any name prints as
letters, or the form says which character cannot).

The PDF renderer (Pango through fontconfig) falls back to any installed font that has a
character, so a character prints when some installed font has it. The fonts'
character sets come from fontconfig itself (``fc-list``), the same list Pango uses: one
call, read once per process, then looked up by bisection.
"""

from __future__ import annotations

import bisect
import subprocess
import unicodedata
from functools import cache

from generator.i18n import _, ngettext

# Characters that print as nothing on purpose: spaces, and the joiners and isolates the
# free-text check (answers.text_problem) lets through.
INVISIBLE = frozenset("\u200c\u200d\u2068\u2069\ufe0f")


@cache
def _covered() -> tuple[list[int], list[int]]:
    """Sorted, merged ranges (starts, ends) of the code points some installed font has.

    ``functools.cache`` makes this safe to call from several threads: at worst two read
    fontconfig at once, and both get the same answer."""
    try:
        listing = subprocess.run(
            ["fc-list", "--format", "%{charset}\n"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return [], []  # no fontconfig: nothing can be said, so nothing is flagged
    ranges = []
    for token in listing.split():
        low, _dash, high = token.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    ranges.sort()
    starts: list[int] = []
    ends: list[int] = []
    for low, high in ranges:
        if ends and low <= ends[-1] + 1:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends


def printable(char: str) -> bool:
    """Whether some installed font has ``char`` (or it is meant to print as nothing)."""
    if char in INVISIBLE or char.isspace():
        return True
    starts, ends = _covered()
    if not starts:
        return True
    index = bisect.bisect_right(starts, ord(char)) - 1
    return index >= 0 and ord(char) <= ends[index]


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` no installed font has, once each, in order."""
    return list(dict.fromkeys(char for char in text if not printable(char)))


def missing_glyph_warning(text: str) -> str | None:
    """A message naming the characters that would print as empty boxes, or None."""
    missing = unprintable(text)
    if not missing:
        return None
    named = ", ".join(f"{char} ({unicodedata.name(char, f'U+{ord(char):04X}')})"
                      for char in missing[:3])  # fmt: skip
    if len(missing) > 3:
        more = len(missing) - 3
        return ngettext(
            "No installed font can print {characters} and {more} more: the handout would show "
            "an empty box instead. Change the text, or print it as it is.",
            "No installed font can print {characters} and {more} more: the handout would show "
            "an empty box instead. Change the text, or print it as it is.",
            more,
        ).format(characters=named, more=more)
    return _(
        "No installed font can print {characters}: the handout would show an empty box "
        "instead. Change the text, or print it as it is."
    ).format(characters=named)
