"""Locust users for `make load` (scripts/load.py starts the server and runs this file).

Each user is a clinician with the questionnaire open: the answers go in a few at a time,
each change sends the htmx preview POST (the first ones with questions still missing, a
422 by design), the patient's name and a note are typed in, now and then the program's
JSON is fetched, and about one visit in four ends with the PDF download of exactly what
the preview showed. Names and answers vary from visit to visit, so most PDFs are new
renders rather than cache hits.

Statuses are counted by request name into the JSON file named by LOAD_STATUS_FILE.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from urllib.parse import urlencode

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

QUESTIONS = {
    "grade": ["1", "2", "3", "unknown"],
    "pain": [str(score) for score in range(11)],
    "slr": ["full", "limited"],
    "toe": ["yes", "no"],
    "side": ["left", "right"],
}
FLAGS = ["pop", "bruising", "gap", "nerve", "no_progress"]
FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken"]
# Every load-test name holds this word, so load.py can search the server's logs for it.
NAME_MARK = "Loadpatient"
HTMX = {"HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# Statuses the app gives by design: 422 for an incomplete form, 503 + Retry-After when
# every PDF render slot of a process is busy.
EXPECTED = {
    "preview (incomplete)": {422},
    "preview": {200},
    "program.json": {200},
    "pdf": {200, 503},
}

statuses: Counter[tuple[str, int]] = Counter()


def answers() -> dict[str, str | list[str]]:
    chosen: dict[str, str | list[str]] = {
        name: random.choice(values) for name, values in QUESTIONS.items()
    }
    if random.random() < 0.15:
        chosen["flags"] = random.sample(FLAGS, random.randint(1, 2))
    if random.random() < 0.2:
        chosen["cleared"] = "yes"
    return chosen


class Clinician(FastHttpUser):
    wait_time = between(0.5, 2.0)

    def post(self, path: str, form: dict, name: str, headers: dict) -> None:
        body = urlencode(form, doseq=True)
        with self.client.post(
            path, data=body, headers=headers, name=name, catch_response=True
        ) as response:
            statuses[(name, response.status_code)] += 1
            if response.status_code not in EXPECTED[name]:
                response.failure(f"status {response.status_code}")
            elif response.status_code == 503 and not response.headers.get("Retry-After"):
                response.failure("503 without Retry-After")
            else:
                response.success()

    @task
    def visit(self) -> None:
        chosen = answers()
        form: dict[str, str | list[str]] = {}
        for question in list(QUESTIONS)[:2]:
            form[question] = chosen[question]
            self.post("/program", form, "preview (incomplete)", HTMX)
            self.wait()
        form = dict(chosen)
        self.post("/program", form, "preview", HTMX)
        self.wait()
        form["name"] = f"{random.choice(FIRST_NAMES)} {NAME_MARK}{random.randint(1, 10**6)}"
        form["notes"] = random.choice(["", "Ice after the session.", "Call me on Friday."])
        self.post("/program", form, "preview", HTMX)
        if random.random() < 0.5:
            self.wait()
            query = urlencode({k: v for k, v in form.items() if k in chosen}, doseq=True)
            with self.client.get(
                "/program.json?" + query, name="program.json", catch_response=True
            ) as response:
                statuses[("program.json", response.status_code)] += 1
                if response.status_code != 200:
                    response.failure(f"status {response.status_code}")
        if random.random() < 0.25:
            self.wait()
            self.post("/program.pdf", form, "pdf", FORM)


@events.quitting.add_listener
def _write_statuses(environment, **kwargs) -> None:
    path = os.environ.get("LOAD_STATUS_FILE")
    if path:
        with open(path, "w") as handle:
            json.dump([[name, status, count] for (name, status), count in statuses.items()], handle)
