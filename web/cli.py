"""The command line for clinic printing: `flask --app app handout pdf|batch`."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import click
from flask import Blueprint, Flask, current_app

from generator.answers import Flag
from generator.batch import ENCODINGS, count_rows, file_encoding, read_rows
from generator.i18n import _, languages, lazy_format, lazy_gettext, ngettext
from generator.outcome import Outcome
from generator.pdf import RenderFailedError
from web.handout import outcome_of
from web.pdfs import write_handout

bp = Blueprint("cli", __name__, cli_group="handout")
bp.cli.help = "Write handout PDFs from the command line."

# The settings a batch worker process needs to render as this app does.
WORKER_SETTINGS = ("TESTING", "DEFAULT_PAPER", "CLINIC_NAME", "CLINIC_CONTACT", "CLINIC_LOGO",
                   "PUBLIC_BASE_URL", "TRUSTED_HOSTS")  # fmt: skip
BATCH_RENDERS_PER_WORKER = 200  # about 45 KB of native memory kept per render: 9 MB at most


# The form's wording names its buttons ("yes or not yet"); the command line names its
# options and their values instead.
CLI_MESSAGES = {
    "grade": lazy_gettext("--grade must be 1, 2, 3 or unknown."),
    "pain": lazy_gettext("--pain must be a whole number from 0 to 10."),
    "slr": lazy_gettext("--slr must be full or limited."),
    "toe": lazy_gettext("--toe must be yes or no."),
    "side": lazy_gettext("--side must be left or right."),
    "flags": lazy_format("--flag must be one of: {flags}.", flags=", ".join(Flag)),
    "paper": lazy_gettext("--paper must be a4 or letter."),
    "print": lazy_gettext("--print must be standard or large."),
    "date": lazy_gettext("--date must be a date written YYYY-MM-DD."),
    "lang": lazy_format("--lang must be one of: {languages}.", languages=", ".join(languages())),
}


def _messages(errors: dict[str, str], *, options: bool = False) -> str:
    """Messages by field; ``options``: in the command line's terms, for `handout pdf`."""
    if options:
        return " ".join(str(CLI_MESSAGES[name]) if name in CLI_MESSAGES else f"--{name}: {message}"
                        for name, message in errors.items())  # fmt: skip
    return "; ".join(f"{name}: {message}" for name, message in errors.items())


@bp.cli.command("pdf")
@click.option("--grade", default="", help="1, 2, 3 or unknown")
@click.option("--pain", default="", help="0 to 10, with everyday movement")
@click.option("--slr", default="", help="full or limited (straight leg raise)")
@click.option("--toe", default="", help="yes or no (can touch the toes)")
@click.option("--side", default="", help="left or right (the injured leg)")
@click.option(
    "--flag",
    "flags",
    multiple=True,
    type=click.Choice([f.value for f in Flag]),
    help="a warning sign; repeat for several",
)
@click.option("--cleared", is_flag=True, help="a professional has cleared exercise")
@click.option("--name", default="", help="patient's name, printed on the handout")
@click.option("--clinician", default="")
@click.option("--notes", default="")
@click.option("--date", default="", help="YYYY-MM-DD, default today")
@click.option("--paper", default="", help="a4 or letter")
@click.option("--print", "print_size", default="", help="standard or large (16 pt body text)")
@click.option("--lang", default="", help=f"the handout's language: {' or '.join(languages())}")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="the PDF file to write; its folder is made if it does not exist",
)
def pdf_command(output: Path, flags: tuple[str, ...], cleared: bool, **fields: str) -> None:
    """Write one handout PDF."""
    values: dict[str, str | list[str]] = {**fields, "flags": list(flags)}
    if print_size := values.pop("print_size", ""):
        values["print"] = print_size
    if cleared:
        values["cleared"] = "yes"
    outcome = outcome_of(values, personal=True)
    if not outcome.ok:
        raise click.UsageError(_messages(outcome.errors, options=True))
    for name, warning in outcome.warnings.items():
        click.echo(_("Warning: {field}: {warning}").format(field=name, warning=warning), err=True)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_handout(outcome, output)
    except OSError as error:
        message = _("Cannot write {file}: {problem}.").format(file=output, problem=error.strerror)
        raise click.ClickException(message) from None
    click.echo(_("Wrote {file}").format(file=output))


@bp.cli.command("batch")
@click.argument("answers", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default="the number of cores",
    help="Handouts rendered at once, each in a worker process of its own.",
)
def batch_command(answers: Path, output: Path, jobs: int) -> None:
    """Write one handout per row of a CSV file whose header row names the fields
    (grade, pain, slr, toe, side, flags, cleared, name, clinician, notes, date, paper, print,
    lang),
    saved as UTF-8 or Windows-1252. A row that cannot be read or has wrong answers is
    reported by its spreadsheet row number and skipped; the batch goes on."""
    encoding = file_encoding(answers)
    if encoding != "utf-8-sig":
        click.echo(
            _("Reading {file} as {encoding} text.").format(
                file=answers.name, encoding=ENCODINGS[encoding]
            )
        )
    output.mkdir(parents=True, exist_ok=True)
    total = count_rows(answers, encoding)
    failed: list[tuple[int, str]] = []
    running: deque[tuple[int, Future[str]]] = deque()

    def finish_oldest() -> None:
        number, done = running.popleft()
        if problem := done.result():
            failed.append((number, problem))
        progress.update(1)

    with (
        _batch_workers(current_app, jobs) as workers,
        click.progressbar(length=total, label=_("Writing handouts"), show_pos=True) as progress,
    ):
        for row in read_rows(answers, encoding):
            outcome = None if row.problem else outcome_of(row.values, personal=True)
            if row.problem or not outcome.ok:
                failed.append((row.number, row.problem or _messages(outcome.errors)))
                progress.update(1)
                continue
            for name, warning in outcome.warnings.items():
                message = _("Row {number}: {field}: {warning}")
                click.echo(message.format(number=row.number, field=name, warning=warning), err=True)
            path = output / outcome.file_name(row.number)
            running.append((row.number, workers.submit(_batch_render, row.values, path)))
            while len(running) > 2 * jobs:  # read ahead no further than the workers go
                finish_oldest()
        while running:
            finish_oldest()
    written = total - len(failed)
    click.echo(
        ngettext(
            "Wrote {written} of {total} handouts to {folder}.",
            "Wrote {written} of {total} handouts to {folder}.",
            total,
        ).format(written=written, total=total, folder=output)
    )
    for number, problem in sorted(failed):
        click.echo(_("Row {number} skipped: {problem}").format(number=number, problem=problem),
                   err=True)  # fmt: skip
    if failed:
        raise click.exceptions.Exit(1)


def _batch_workers(app: Flask, jobs: int) -> ProcessPoolExecutor:
    """Worker processes that render as ``app`` does, each replaced after a number of
    renders, so the native memory WeasyPrint keeps per render is given back: memory stays
    flat over any number of rows."""
    settings = {key: app.config[key] for key in WORKER_SETTINGS}
    # Forked from a server process that has imported the app and WeasyPrint once, so a
    # new worker starts in milliseconds (spawn would import everything again each time).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["app", "weasyprint"])
    return ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_start_batch_worker,
        initargs=(settings,),
        max_tasks_per_child=BATCH_RENDERS_PER_WORKER,
    )


_batch_app: Flask | None = None


def _start_batch_worker(settings: dict) -> None:
    from app import create_app

    global _batch_app
    _batch_app = create_app({**settings, "PDF_RENDER_AHEAD": False})


def _batch_render(values: dict[str, str | list[str]], path: Path) -> str:
    """In a worker process: render one row's handout to ``path``; the problem, or ""."""
    with _batch_app.app_context():
        outcome: Outcome = outcome_of(values, personal=True)
        if not outcome.ok:
            return _messages(outcome.errors)
        try:
            write_handout(outcome, path)
        except (RenderFailedError, OSError) as error:
            return _("the handout could not be written ({error}).").format(error=error)
    return ""
