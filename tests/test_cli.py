"""Clinic printing from the command line: one handout, and a batch from a CSV file."""

from __future__ import annotations

import pytest

from tests.conftest import pdf_text

pytestmark = pytest.mark.slow

CSV = """grade,pain,slr,toe,side,flags,cleared,name,clinician,notes,date,paper
2,3,limited,no,right,,,Ada Lovelace,Dr Who,,2026-03-31,a4
1,2,full,yes,left,,,Grace Hopper,,,2026-04-01,letter
2,eleven,full,yes,left,,,Bad Pain,,,,
3,2,full,yes,left,pop;gap,yes,Cleared Case,,,2026-04-02,
2,8,full,yes,left,,,Referral Case,,,2026-04-03,
,,,,,,,,,,,
1,2,sideways,yes,up,,,Two Mistakes,,,,
"""


def flat_text(path) -> str:
    return " ".join(pdf_text(path.read_bytes()).split())


def test_pdf_command_writes_one_handout(runner, tmp_path):
    out = tmp_path / "one.pdf"
    result = runner.invoke(
        args=["handout", "pdf", "--grade", "2", "--pain", "3", "--slr", "limited", "--toe",
              "no", "--side", "left", "--name", "Sam Patel", "-o", str(out)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = flat_text(out)
    assert "Stage 2 of 3" in text
    assert "Sam Patel" in text


def test_pdf_command_with_bad_answers_names_the_fields_and_writes_nothing(runner, tmp_path):
    out = tmp_path / "bad.pdf"
    result = runner.invoke(args=["handout", "pdf", "--grade", "2", "--pain", "x", "-o", str(out)])
    assert result.exit_code == 2
    assert "pain: Pain must be a whole number from 0 to 10." in result.output
    assert "side:" in result.output
    assert not out.exists()


def test_batch_writes_one_handout_per_good_row_and_reports_the_bad_ones(runner, tmp_path):
    answers = tmp_path / "answers.csv"
    answers.write_text(CSV)
    out = tmp_path / "out"
    result = runner.invoke(args=["handout", "batch", str(answers), "-o", str(out)])
    assert result.exit_code == 1
    assert "Wrote 4 of 6 handouts" in result.output
    assert "Row 3 skipped: pain: Pain must be a whole number from 0 to 10." in result.output
    assert "Row 7 skipped: slr:" in result.output
    assert "side: Choose the injured leg" in result.output
    assert sorted(path.name for path in out.iterdir()) == [
        "001-ada-lovelace-2026-03-31.pdf",
        "002-grace-hopper-2026-04-01.pdf",
        "004-cleared-case-2026-04-02.pdf",
        "005-referral-case-2026-04-03.pdf",
    ]
    assert "Stage 3 of 3" in flat_text(out / "004-cleared-case-2026-04-02.pdf")
    assert "See a professional first" in flat_text(out / "005-referral-case-2026-04-03.pdf")


def test_a_batch_of_twenty_all_good_rows_exits_cleanly(runner, tmp_path):
    header, good = CSV.splitlines()[:2]
    answers = tmp_path / "twenty.csv"
    answers.write_text("\n".join([header] + [good.replace("Ada", f"Ada{n}") for n in range(20)]))
    result = runner.invoke(args=["handout", "batch", str(answers), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "Wrote 20 of 20 handouts" in result.output
    assert len(list((tmp_path / "o").iterdir())) == 20
