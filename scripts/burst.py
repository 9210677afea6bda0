"""A burst of concurrent distinct PDF downloads against a running server, each answer
checked against the same handout rendered one at a time in this process.

Used by `make load` (100 downloads against `make serve`'s setup) and by
tests/test_serving.py (fewer). A correct server answers each download with exactly the
bytes of the one-at-a-time render, or with the documented 503 and Retry-After; anything
else (another handout's bytes, a damaged PDF, a 500) is counted as wrong.
"""

from __future__ import annotations

import argparse
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = (
    {"grade": "1", "pain": "2", "slr": "full", "toe": "yes"},
    {"grade": "2", "pain": "3", "slr": "limited", "toe": "no"},
    {"grade": "2", "pain": "5", "slr": "limited", "toe": "no"},
    {"grade": "2", "pain": "8", "slr": "limited", "toe": "no"},
)


def burst_forms(count: int) -> list[dict[str, str]]:
    """``count`` distinct handouts: every stage and a referral, both sides, each with a
    name of its own (so no two share a cache entry)."""
    return [
        {
            **ANSWERS[n % len(ANSWERS)],
            "side": ("left", "right")[n // 4 % 2],
            "name": f"Burst patient {n}",
            "date": "2026-03-31",
        }
        for n in range(count)
    ]


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    retry_after: str | None


def download_all(base_url: str, forms: list[dict[str, str]]) -> list[Answer]:
    """POST every form to /program.pdf at the same moment, one thread each."""
    answers: list[Answer | None] = [None] * len(forms)
    start = threading.Barrier(len(forms))

    def download(index: int) -> None:
        data = urllib.parse.urlencode(forms[index]).encode()
        start.wait()
        try:
            with urllib.request.urlopen(base_url + "/program.pdf", data, timeout=120) as reply:
                answers[index] = Answer(reply.status, reply.read(), None)
        except urllib.error.HTTPError as error:
            answers[index] = Answer(error.code, error.read(), error.headers["Retry-After"])
        except OSError as error:  # no answer at all
            answers[index] = Answer(0, repr(error).encode(), None)

    threads = [threading.Thread(target=download, args=(i,)) for i in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [answer for answer in answers if answer is not None]


def one_at_a_time(forms: list[dict[str, str]]) -> list[bytes]:
    """The same handouts rendered one after another in this process, as references."""
    import sys

    sys.path.insert(0, str(ROOT))
    from app import create_app

    client = create_app({"TESTING": True, "PDF_RENDER_AHEAD": False}).test_client()
    return [client.post("/program.pdf", data=form).data for form in forms]


def verdicts(answers: list[Answer], references: list[bytes]) -> Counter[str]:
    """ "correct", "busy" (503 with Retry-After) or "wrong" for each download."""
    counts: Counter[str] = Counter()
    for answer, reference in zip(answers, references, strict=True):
        if answer.status == 200 and answer.body == reference:
            counts["correct"] += 1
        elif answer.status == 503 and answer.retry_after:
            counts["busy"] += 1
        else:
            counts["wrong"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url", help="the server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--downloads", type=int, default=100)
    options = parser.parse_args()
    forms = burst_forms(options.downloads)
    counts = verdicts(download_all(options.url.rstrip("/"), forms), one_at_a_time(forms))
    print(f"{options.downloads} concurrent distinct downloads: {counts['correct']} correct, "
          f"{counts['busy']} busy (503 with Retry-After), {counts['wrong']} wrong")  # fmt: skip


if __name__ == "__main__":
    main()
