"""A long batch for `make load-batch`: ROWS rows (a few bad ones among them) through
`flask handout batch`, with the memory of the whole process tree sampled as it runs.

Prints the rows per second and the memory (RSS, summed over the batch process and its
workers) after the first tenth of the rows, at the peak and at the end: flat memory means
the figures stay close however many rows there are.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = "2,3,limited,no,left,,Patient {n},,2026-03-31"
BAD = "2,eleven,limited,no,left,,Patient {n},,2026-03-31"


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, in MB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text()
        except OSError:
            continue
        rss = [int(line.split()[1]) for line in status.splitlines() if "VmRSS" in line]
        total += rss[0] if rss else 0  # an exiting worker has none
        todo += [int(child) for child in children.split()]
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder, "answers.csv")
        lines = ["grade,pain,slr,toe,side,cleared,name,notes,date"]
        lines += [(BAD if n % 500 == 7 else GOOD).format(n=n) for n in range(options.rows)]
        answers.write_text("\n".join(lines) + "\n")
        flask = str(Path(sys.executable).parent / "flask")
        command = [flask, "--app", "app", "handout", "batch", str(answers), "-o",
                   str(Path(folder, "out")), "--jobs", str(options.jobs)]  # fmt: skip
        started = time.monotonic()
        batch = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)  # fmt: skip
        samples: list[tuple[int, float]] = []
        while batch.poll() is None:
            written = len(list(Path(folder, "out").glob("*.pdf")))
            samples.append((written, tree_rss_mb(batch.pid)))
            time.sleep(0.5)
        seconds = time.monotonic() - started
        output, errors = batch.communicate()
        written = len(list(Path(folder, "out").glob("*.pdf")))
    print(output.strip().splitlines()[-1] if output.strip() else "")
    print(f"{len(errors.splitlines())} rows reported as skipped")
    print(f"{written} handouts in {seconds:.0f} s: {written / seconds:.2f} a second, "
          f"{options.jobs} jobs")  # fmt: skip
    early = [rss for done, rss in samples if done <= options.rows // 10] or [0.0]
    late = [rss for done, rss in samples if done >= options.rows * 9 // 10] or [0.0]
    print(f"memory of the batch and its workers: first tenth median "
          f"{statistics.median(early):.0f} MB, last tenth median {statistics.median(late):.0f} "
          f"MB, peak {max(rss for _, rss in samples):.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
