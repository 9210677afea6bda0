"""Clinic printing from the command line: one handout, and a batch from a CSV file."""

from __future__ import annotations

import pytest

from generator.catalogue import guidance
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

REFERRAL_TITLE = guidance().referral.title_today  # pain of 8: the same day


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
    assert "--pain must be a whole number from 0 to 10." in result.output
    assert "--side must be left or right." in result.output  # its own terms, not the form's
    assert "not yet" not in result.output
    assert not out.exists()


def test_pdf_command_lists_the_warning_signs_and_makes_the_output_folder(runner, tmp_path):
    help_text = runner.invoke(args=["handout", "pdf", "--help"]).output
    assert "weight|calf" in help_text.replace(" ", "").replace("\n", "")
    out = tmp_path / "new" / "folder" / "sam.pdf"
    args = ["--grade", "2", "--pain", "3", "--slr", "full", "--toe", "yes", "--side", "left"]
    result = runner.invoke(args=["handout", "pdf", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    result = runner.invoke(args=["handout", "pdf", *args, "-o", str(blocked / "x.pdf")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: Cannot write")


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Zoë Ødegård", "zoe-odegard"), ("王小明", "王小明"), ("محمد عبد الله", "محمد-عبد-الله"),
     ("Nguyễn Thị Ánh", "nguyen-thi-anh"), ("अनीता शर्मा", "अनीता-शर्मा"),
     ("../../etc/passwd", "etc-passwd"), ("  ", "handout")],
)  # fmt: skip
def test_file_names_keep_the_persons_name_readable_and_safe(name, slug):
    from generator.outcome import name_slug

    assert name_slug(name) == slug


def test_batch_writes_one_handout_per_good_row_and_reports_the_bad_ones(runner, tmp_path):
    answers = tmp_path / "answers.csv"
    answers.write_text(CSV)
    out = tmp_path / "out"
    result = runner.invoke(args=["handout", "batch", str(answers), "-o", str(out)])
    assert result.exit_code == 1
    assert "Wrote 4 of 6 handouts" in result.output
    # Row numbers as the spreadsheet shows them: the header is row 1.
    assert "Row 4 skipped: pain: Pain must be a whole number from 0 to 10." in result.output
    assert "Row 8 skipped: slr:" in result.output
    assert "side: Choose the injured leg" in result.output
    assert sorted(path.name for path in out.iterdir()) == [
        "002-ada-lovelace-2026-03-31.pdf",
        "003-grace-hopper-2026-04-01.pdf",
        "005-cleared-case-2026-04-02.pdf",
        "006-referral-case-2026-04-03.pdf",
    ]
    # A cleared grade 3 stays in stage 2 until the clinician chooses stage 3.
    assert "Stage 2 of 3" in flat_text(out / "005-cleared-case-2026-04-02.pdf")
    assert REFERRAL_TITLE in flat_text(out / "006-referral-case-2026-04-03.pdf")


def test_a_batch_of_good_rows_only_exits_cleanly(runner, tmp_path):
    header, good = CSV.splitlines()[:2]
    answers = tmp_path / "good.csv"
    answers.write_text("\n".join([header] + [good.replace("Ada", f"Ada{n}") for n in range(5)]))
    result = runner.invoke(args=["handout", "batch", str(answers), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "Wrote 5 of 5 handouts" in result.output
    assert len(list((tmp_path / "o").iterdir())) == 5


HEADER = "grade,pain,slr,toe,side,cleared,name,notes,date"


def run_batch(runner, tmp_path, content: bytes, *options: str):
    answers = tmp_path / "answers.csv"
    answers.write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(args=["handout", "batch", str(answers), "-o", str(out), *options])
    return result, out


def test_a_windows_1252_file_is_read_as_such_and_prints_its_accents(runner, tmp_path):
    rows = [HEADER, "2,3,limited,no,left,,Zoë Ødegård,Café après,2026-03-31"]
    result, out = run_batch(runner, tmp_path, "\r\n".join(rows).encode("cp1252"))
    assert result.exit_code == 0, result.output
    assert "as Windows-1252 text" in result.output
    (pdf,) = out.iterdir()
    assert "Zoë Ødegård" in flat_text(pdf)


def test_bad_rows_are_reported_by_spreadsheet_row_and_the_rest_print(runner, tmp_path):
    good = "2,3,limited,no,left,{cleared},Row {n},,2026-03-31"
    lines = [
        HEADER.encode(),
        good.format(cleared="no", n=2).encode(),  # "no" is not cleared, not a mistake
        "2,3,limited,no,left,,Zoë,,2026-03-31".encode(),  # UTF-8, so the file is UTF-8
        b"2,3,limited,no,left,,Bad \xff byte,,2026-03-31",
        good.format(cleared="false", n=5).encode(),
        ("2,3,limited,no,left,,Long,," + "x" * 200_000).encode(),
        "2,3,limited,no,left,,Dr Ki\u200bm,,2026-03-31".encode(),
        good.format(cleared="", n=8).encode(),
    ]
    result, out = run_batch(runner, tmp_path, b"\n".join(lines), "--jobs", "2")
    assert result.exit_code == 1
    assert "Wrote 4 of 7 handouts" in result.output
    assert "Row 4 skipped: some characters are not UTF-8 text" in result.output
    assert "Row 6 skipped: a cell is longer than" in result.output
    assert "Row 7 skipped: name: Remove the invisible characters" in result.output
    assert sorted(path.name[:3] for path in out.iterdir()) == ["002", "003", "005", "008"]


def test_a_row_past_the_field_limit_of_the_csv_reader_is_one_bad_row(runner, tmp_path):
    rows = [HEADER, "2,3,limited,no,left,,A,," + "y" * 300_000, "2,3,limited,no,left,,B,,"]
    result, out = run_batch(runner, tmp_path, "\n".join(rows).encode())
    assert "Row 2 skipped: a cell is longer than" in result.output
    assert [path.name[:3] for path in out.iterdir()] == ["003"]
