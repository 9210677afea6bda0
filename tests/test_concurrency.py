"""PDF renders at the same time give the same bytes as one at a time.

WeasyPrint's image objects keep drawing state on themselves, so a render thread that
shared them with another wrote into the other's PDF (numbers lost from steps, figures
without their floor line, an ``IndexError`` as a 500). The switch interval is shortened so
threads change as often as possible, which made the race show in a few renders.
"""

from __future__ import annotations

import sys
import threading

import pytest

from app import create_app
from generator.figures import POSITIONS, SIDES
from generator.pdf import RenderFailedError
from tests.conftest import STAGE_1

pytestmark = pytest.mark.slow


@pytest.fixture
def fast_switching():
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(interval)


def figure_sheet(number: int) -> str:
    """A small document that draws many figures (the shared objects of the race), with
    text of its own so each sheet's PDF differs."""
    figures = "".join(
        f'<img src="/figures/{exercise_id}/{position}-{side}.svg" alt="Figure" style="width:3cm">'
        for exercise_id, positions in POSITIONS.items()
        for position in positions
        for side in SIDES[number % 2 :][:1]
    )
    head = f"<!doctype html><html lang=en><title>Sheet {number}</title>"
    return f"{head}<p>Sheet {number}</p>{figures}"


def render_all_at_once(pdfs, documents: list[str], threads: int) -> list[list[bytes | str]]:
    """Each thread renders every document, starting at a different one."""
    results: list[list[bytes | str]] = [[] for _ in range(threads)]
    start = threading.Barrier(threads)

    def work(number: int) -> None:
        start.wait()
        for index in range(len(documents)):
            document = documents[(index + number) % len(documents)]
            try:
                results[number].append(pdfs.render(document))
            except Exception as error:  # a failure is a wrong result, reported below
                results[number].append(repr(error))

    workers = [threading.Thread(target=work, args=(number,)) for number in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return [
        [results[number][(index - number) % len(documents)] for index in range(len(documents))]
        for number in range(threads)
    ]


def test_concurrent_figure_renders_equal_one_at_a_time_renders(fast_switching):
    pdfs = create_app({"TESTING": True}).extensions["handout_pdfs"]
    documents = [figure_sheet(number) for number in range(4)]
    alone = [pdfs.render(document) for document in documents]
    for together in render_all_at_once(pdfs, documents, threads=3):
        pairs = enumerate(zip(alone, together, strict=True))
        wrong = [index for index, (one, other) in pairs if one != other]
        assert not wrong, [together[i] if isinstance(together[i], str) else i for i in wrong]


def test_concurrent_handout_downloads_equal_one_at_a_time_downloads(fast_switching):
    app = create_app({"TESTING": True, "PDF_RENDER_AHEAD": False, "PDF_CONCURRENT_RENDERS": 3})
    forms = [{**STAGE_1, "name": name} for name in ("Ada", "Grace", "Lin")]
    alone = []
    for form in forms:
        alone.append(app.test_client().post("/program.pdf", data=form).data)
        app.extensions["handout_pdfs"].clear()
    together: list[tuple[int, int, bytes]] = []
    start = threading.Barrier(len(forms))

    def download(index: int) -> None:
        start.wait()
        response = app.test_client().post("/program.pdf", data=forms[index])
        together.append((index, response.status_code, response.data))

    workers = [threading.Thread(target=download, args=(i,)) for i in range(len(forms))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(status for _, status, _ in together) == [200] * len(forms)
    assert all(pdf == alone[index] for index, _, pdf in together)


def test_a_render_that_logged_an_error_is_refused_and_never_cached():
    app = create_app({"TESTING": True, "PDF_RENDER_AHEAD": False})
    pdfs = app.extensions["handout_pdfs"]
    broken = '<!doctype html><html lang=en><title>x</title><img src="/static/missing.png" alt="">'
    with pytest.raises(RenderFailedError, match=r"missing\.png"):
        pdfs.render(broken)
    with pytest.raises(RenderFailedError):
        pdfs.get("broken", lambda: broken)
    assert len(pdfs) == 0
    assert pdfs.get("whole", lambda: figure_sheet(0)).startswith(b"%PDF")
    assert len(pdfs) == 1


def test_concurrent_pages_in_two_languages_equal_one_at_a_time_pages(fast_switching):
    """The language of the work is a context variable and Flask-Babel's locale lives in
    the request: pages in English and Spanish asked for at once never mix their words."""
    app = create_app({"TESTING": True, "PDF_RENDER_AHEAD": False})
    asks = [(f"/program?{query}&lang={lang}", accept)
            for query in ("grade=2&pain=3&slr=limited&toe=no&side=right",
                          "grade=2&pain=8&slr=limited&toe=no&side=left")
            for lang in ("en", "es") for accept in ("en", "es")]  # fmt: skip
    client = app.test_client()
    alone = [client.get(url, headers={"Accept-Language": accept}).data for url, accept in asks]
    together: dict[tuple[int, int], bytes] = {}
    start = threading.Barrier(len(asks))

    def ask(number: int) -> None:
        start.wait()
        own = app.test_client()
        for turn in range(4):
            index = (number + turn) % len(asks)
            url, accept = asks[index]
            together[number, turn] = own.get(url, headers={"Accept-Language": accept}).data

    workers = [threading.Thread(target=ask, args=(n,)) for n in range(len(asks))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(together) == 4 * len(asks)
    wrong = [(n, t) for (n, t), page in together.items() if page != alone[(n + t) % len(asks)]]
    assert not wrong
