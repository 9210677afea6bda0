"""Load test: the production server under mixed traffic, with figures (not a test: `make
load` runs it, `make test` does not).

    python scripts/load.py [--users 50] [--seconds 60] [--spawn-rate 10]

Starts the production setup as `make serve` runs it (scripts/serve.py: nginx in front of
gunicorn with scripts/gunicorn.conf.py) on free ports of 127.0.0.1, warms it up, runs
locust headless with scripts/locustfile.py against nginx, samples the server processes'
resident memory from /proc every second, then stops the server and prints requests per
second, p50/p95/p99 latency, statuses, errors and memory. Every
request goes to 127.0.0.1 only; the run stops by itself after --seconds (plus warm-up and
shutdown, under a minute more). Exits non-zero on an error, a 5xx other than the
documented 503, or a patient name in the server's log.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.burst import burst_forms, download_all, one_at_a_time, verdicts
from scripts.serve import BIN, ROOT, Serving, children, free_port

NAME_MARK = "Loadpatient"  # the same word as in locustfile.py
STAGE_2 = {"grade": "2", "pain": "3", "slr": "limited", "toe": "no", "side": "right"}


def request(url: str, data: dict | None = None) -> int:
    body = urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with urllib.request.urlopen(url, data=body, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    return int(match.group(1)) if match else 0


def cpu_seconds(pid: int, *, reaped_children: bool = False) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if reaped_children:  # cutime, cstime: workers that max_requests replaced
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def server_cpu(serving: Serving) -> float:
    """CPU seconds of gunicorn and nginx, masters and every worker, live or already
    replaced."""
    masters = [process.pid for process in serving.processes]
    workers = [pid for master in masters for pid in children(master)]
    return sum(cpu_seconds(master, reaped_children=True) for master in masters) + sum(
        map(cpu_seconds, workers)
    )


class MemorySampler(threading.Thread):
    """The server's total RSS (gunicorn and nginx, masters and workers) once a second."""

    def __init__(self, serving: Serving) -> None:
        super().__init__(daemon=True)
        self.serving = serving
        self.samples: list[tuple[float, int, int]] = []  # (seconds, total kB, processes)
        self.pids: set[int] = set()
        self._done = threading.Event()
        self._start = time.monotonic()

    def run(self) -> None:
        while not self._done.is_set():
            pids = self.serving.pids()
            self.pids.update(pids)
            total = sum(rss_kb(pid) for pid in pids)
            self.samples.append((time.monotonic() - self._start, total, len(pids)))
            self._done.wait(1.0)

    def stop(self) -> None:
        self._done.set()
        self.join()


def warm_up(base: str) -> None:
    """Each worker loads its templates, fonts and figures before the clock starts."""
    for number in range(6):
        request(base + "/program", {**STAGE_2, "name": f"Warm {number}"})
        request(base + "/program.pdf", {**STAGE_2, "name": f"Warm {number}"})


def run_locust(base: str, args: argparse.Namespace, folder: Path) -> Path:
    status_file = folder / "statuses.json"
    command = [
        str(BIN / "locust"),
        "-f",
        "scripts/locustfile.py",
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        base,
        "--csv",
        str(folder / "load"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = {**os.environ, "LOAD_STATUS_FILE": str(status_file)}
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        timeout=args.seconds + 120,
        capture_output=True,
        text=True,
        check=False,
    )
    if not (folder / "load_stats.csv").exists():
        sys.exit("locust wrote no figures:\n" + done.stderr[-3000:])
    return status_file


def print_report(
    args, folder: Path, status_file: Path, memory: MemorySampler, cpu: float, log: list[str]
) -> bool:
    with open(folder / "load_stats.csv") as handle:
        rows = list(csv.DictReader(handle))
    statuses = json.loads(status_file.read_text()) if status_file.exists() else []
    print(
        f"\n{args.users} users for {args.seconds} s, nginx and gunicorn as `make serve` runs "
        f"them (scripts/serve.py), on {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    print(
        f"{'request':<22}{'count':>7}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>7}"
        f"{'fails':>7}   (times in ms)"
    )
    for row in rows:
        name = "all" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"{name:<22}{row['Request Count']:>7}{float(row['Requests/s']):>8.1f}"
            f"{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}"
            f"{float(row['Max Response Time']):>7.0f}{row['Failure Count']:>7}"
        )
    print(
        "statuses: "
        + ", ".join(f"{name} {status}: {count}" for name, status, count in sorted(statuses))
    )
    failures = sum(int(row["Failure Count"]) for row in rows if row["Name"] == "Aggregated")
    server_errors = sum(count for _, status, count in statuses if status >= 500 and status != 503)
    print(
        f"errors (unexpected status or failed connection): {failures}; "
        f"5xx other than the documented 503: {server_errors}"
    )
    samples = memory.samples
    if samples:
        start, end = samples[0][1] // 1024, samples[-1][1] // 1024
        half = next(kb for seconds, kb, _ in samples if seconds >= args.seconds / 2) // 1024
        every = " ".join(f"{kb // 1024}" for seconds, kb, _ in samples[::10])
        print(
            f"server memory (RSS of {samples[-1][2]} processes): {start} MB at the start, "
            f"{half} MB half-way, {end} MB at the end ({end - half:+d} MB over the second "
            f"half); every 10 s: {every} MB; workers replaced by max_requests: "
            f"{len(memory.pids) - samples[0][2]}"
        )
    print(f"server CPU: {cpu:.0f} s over {args.seconds} s ({cpu / args.seconds:.2f} cores)")
    leaked = [line for line in log if NAME_MARK in line]
    print(f"log lines holding a patient name: {len(leaked)} of {len(log)}")
    return failures == 0 and server_errors == 0 and not leaked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--burst", type=int, default=100, help="concurrent distinct downloads")
    args = parser.parse_args()

    server = Serving(f"127.0.0.1:{free_port()}", capture_log=True)
    base = server.url
    with tempfile.TemporaryDirectory() as folder:
        try:
            server.wait_until_up()
            warm_up(base)
            memory = MemorySampler(server)
            cpu_before = server_cpu(server)
            memory.start()
            print(f"load: {args.users} users for {args.seconds} s against {base}", flush=True)
            status_file = run_locust(base, args, Path(folder))
            cpu = server_cpu(server) - cpu_before
            memory.stop()
            forms = burst_forms(args.burst)
            burst = verdicts(download_all(base, forms), one_at_a_time(forms))
        except RuntimeError as error:
            sys.exit(str(error))
        finally:
            server.stop()
        ok = print_report(args, Path(folder), status_file, memory, cpu, server.log)
    print(f"burst: {args.burst} concurrent distinct downloads: {burst['correct']} correct, "
          f"{burst['busy']} busy (503 with Retry-After), {burst['wrong']} wrong")  # fmt: skip
    sys.exit(0 if ok and not burst["wrong"] else 1)


if __name__ == "__main__":
    main()
