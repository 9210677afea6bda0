"""Reading a clinic's CSV of answers, one row at a time, for the batch command.

A spreadsheet saves CSV as UTF-8 (with or without a byte-order mark) or, on Windows, as
Windows-1252; the file's encoding is told from its bytes before the first row. Rows are
read as they come, so a file of any length costs the memory of one row, and a row that
cannot be read (bytes that are not text in that encoding, a cell past the size limit)
becomes a ``Row`` with a problem instead of stopping the batch. Row numbers are the
spreadsheet's: the header is row 1.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.i18n import _

ENCODINGS = {"utf-8-sig": "UTF-8", "cp1252": "Windows-1252"}
CELL_MAX = 4096  # characters; the longest field (notes) is 1,000

_TRUE = ("yes", "y", "true", "1", "x")
_FALSE = ("", "no", "n", "false", "0")
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes kept by errors="surrogateescape"


@dataclass(frozen=True)
class Row:
    """One row as form values, or the reason it cannot be read."""

    number: int  # as the spreadsheet shows it: the header is row 1
    values: dict[str, str | list[str]] = field(default_factory=dict)
    problem: str = ""


def file_encoding(path: Path) -> str:
    """``utf-8-sig`` unless the file has bytes that are not UTF-8 and no line that is
    UTF-8 beyond ASCII, which is what Windows-1252 text looks like; then ``cp1252``. A
    UTF-8 file with one damaged line stays UTF-8, and only that row is reported."""
    utf8_lines = broken_lines = 0
    with path.open("rb") as handle:
        for line in handle:
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                broken_lines += 1
            else:
                utf8_lines += 1
    return "cp1252" if broken_lines and not utf8_lines else "utf-8-sig"


def read_rows(path: Path, encoding: str) -> Iterator[Row]:
    """Every non-blank row under the header, one at a time."""
    with path.open(encoding=encoding, errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle)
        header = _header(reader)
        number = 1
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:
                yield Row(number, problem=_cell_too_long())
                continue
            row = _row(number, header, cells, encoding)
            if row.problem or any(row.values.values()):
                yield row


def _header(reader) -> list[str]:
    try:
        return [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error):
        return []


def _row(number: int, header: list[str], cells: list[str], encoding: str) -> Row:
    if any(_UNDECODED.search(cell) for cell in cells):
        return Row(
            number,
            problem=_(
                "some characters are not {encoding} text; save the file as CSV UTF-8 and try again."
            ).format(encoding=ENCODINGS[encoding]),
        )
    if any(len(cell) > CELL_MAX for cell in cells):
        return Row(number, problem=_cell_too_long())
    return Row(number, row_values(dict(zip(header, cells, strict=False))))


def _cell_too_long() -> str:
    return _("a cell is longer than {max} characters.").format(max=CELL_MAX)


def row_values(row: dict[str, str]) -> dict[str, str | list[str]]:
    """A CSV row as form values: headers as in the questionnaire, several warning signs
    in one cell separated by ';', ',' or spaces, ``cleared`` as yes/no, true/false,
    1/0 or blank."""
    values: dict[str, str | list[str]] = {}
    for key, value in row.items():
        value = value.strip()
        if key == "flags":
            values[key] = [flag for flag in re.split(r"[;,\s]+", value) if flag]
        elif key == "cleared":
            lowered = value.lower()
            values[key] = "yes" if lowered in _TRUE else "" if lowered in _FALSE else value
        elif value:
            values[key] = value
    return values


def count_rows(path: Path, encoding: str) -> int:
    """How many rows ``read_rows`` will give (for a progress bar), reading the file once."""
    return sum(1 for row in read_rows(path, encoding))
