"""The PDF handout: text read back with pdftotext, page size with pdfinfo, and a fetcher
that reads nothing but the app's own files."""

from __future__ import annotations

import re
import subprocess

import pytest

from app import create_app
from generator.catalogue import guidance
from generator.outcome import build_outcome
from generator.pdf import ORIGIN, RefusedURLError, RestrictedFetcher
from tests.conftest import (
    REFERRAL,
    STAGE_1,
    STAGE_2_LARGEST,
    STAGE_3,
    pdf_text,
    renderer_busy,
    wait_until,
)
from web.pdfs import own_file_resolver

pytestmark = pytest.mark.slow


def pdf_info(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout


def post_pdf(client, data):
    return client.post("/program.pdf", data=data)


def test_pdf_is_an_attachment_named_with_the_date(client):
    response = post_pdf(client, {**STAGE_3, "date": "2026-03-31"})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="hamstring-program-2026-03-31.pdf"'
    )
    assert response.headers["Cache-Control"] == "no-store"


def test_pdf_carries_names_doses_and_the_footer(client, tmp_path):
    data = {**STAGE_2_LARGEST, "name": "Ada Lovelace", "clinician": "Dr Who", "date": "2026-03-31"}
    text = pdf_text(post_pdf(client, data).data, "-layout")
    flat = " ".join(text.split())
    assert "Ada Lovelace" in flat
    assert "Dr Who" in flat
    assert "31 March 2026" in flat
    assert "Stage 2 of 3" in flat
    assert "Active straight leg raise with a band" in flat
    assert "2 sets of 10 reps each leg Every day" in flat
    assert "Page 1 of" in flat
    assert "Not a substitute for medical advice" in flat
    assert "Two-week tracking sheet" in flat


def test_every_page_has_the_footer(client, tmp_path):
    text = pdf_text(post_pdf(client, STAGE_2_LARGEST).data, "-layout")
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Not a substitute for medical advice" in page


@pytest.mark.parametrize(
    ("paper", "size"), [("a4", "595.276 x 841.89 pts (A4)"), ("letter", "612 x 792 pts (letter)")]
)
def test_page_size_follows_the_paper_field(client, tmp_path, paper, size):
    info = pdf_info(post_pdf(client, {**STAGE_1, "paper": paper}).data, tmp_path)
    assert size in info


def test_pdf_has_title_author_and_language(client, tmp_path):
    data = {**STAGE_1, "clinician": "Dr Who"}
    info = pdf_info(post_pdf(client, data).data, tmp_path)
    assert "Title:           Hamstring program, stage 1: Calm and activate" in info
    assert "Author:          Dr Who" in info


def test_referral_pdf_says_see_a_professional(client, tmp_path):
    flat = " ".join(pdf_text(post_pdf(client, REFERRAL).data, "-layout").split())
    assert guidance().referral.title_today in flat  # pain of 8: the same day
    assert "Who to see" in flat
    assert "Your exercises" not in flat


def test_pdf_with_bad_input_returns_the_form_with_messages(client):
    response = post_pdf(client, {**STAGE_1, "pain": "eleven", "name": "Ada"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Pain must be a whole number from 0 to 10." in html
    assert 'value="Ada"' in html


def test_pdf_fetches_every_figure_of_the_program_and_only_own_files(app, client, monkeypatch):
    pdfs = app.extensions["handout_pdfs"]
    fetched = []
    real = pdfs.resolve

    def spy(path):
        fetched.append(path)
        return real(path)

    monkeypatch.setattr(pdfs, "resolve", spy)
    assert post_pdf(client, STAGE_3).status_code == 200
    figures = [path for path in fetched if path.startswith("/figures/")]
    assert figures == [
        f"/figures/{exercise_id}/{position}-left.svg"
        for exercise_id, positions in (
            ("foam-roll", ["roll"]),
            ("straight-leg-bridge", ["ankle"]),
            ("ecc-sl-bridge", ["bridge", "lower"]),
            ("ecc-sliders", ["bridge", "straight"]),
            ("reverse-deadlift", ["top", "bottom"]),
            ("nordic", ["kneel", "lower"]),  # keep it from coming back
        )
        for position in positions
    ]
    assert all(path.startswith(("/static/", "/figures/")) for path in fetched)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:5000/static/css/print.css",
        "https://handout.invalid/static/css/print.css",
        "http://example.com/",
        "data:text/plain,hello",
        "ftp://handout.invalid/x",
    ],
)
def test_fetcher_refuses_everything_but_its_own_origin(url):
    fetcher = RestrictedFetcher(lambda path: (b"ok", "text/plain"))
    with pytest.raises(ValueError, match=r"only the app's own files|disallowed protocol"):
        fetcher.fetch(url)


def test_fetcher_serves_its_own_origin_through_the_resolver():
    seen = []
    fetcher = RestrictedFetcher(lambda path: seen.append(path) or (b"body", "text/css"))
    response = fetcher.fetch(ORIGIN + "/static/css/print.css")
    assert response.read() == b"body"
    assert seen == ["/static/css/print.css"]


def test_fetcher_refuses_unknown_paths():
    fetcher = RestrictedFetcher(lambda path: None)
    with pytest.raises(RefusedURLError):
        fetcher.fetch(ORIGIN + "/etc/passwd")


def test_app_resolver_serves_static_files_and_figures_only(app):
    resolve = own_file_resolver(app)
    css = resolve("/static/css/print.css")
    assert css is not None
    assert css[1] == "text/css"
    assert resolve("/figures/hip-hinge/hinge-left.svg")[1] == "image/svg+xml"
    for path in ("/static/../app.py", "/static/../../etc/passwd", "/program.json", "/",
                 "/static/", "/static/nope.css", "/figures/hip-hinge/hinge-up.svg"):  # fmt: skip
        assert resolve(path) is None, path


# The cache, the render bound and render-ahead


def count_renders(monkeypatch) -> list[int]:
    import generator.pdf

    calls = []
    real = generator.pdf.render_pdf

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(generator.pdf, "render_pdf", counting)
    return calls


def test_the_same_handout_again_comes_from_the_cache(client, monkeypatch):
    renders = count_renders(monkeypatch)
    data = {**STAGE_1, "name": "Ada"}
    first = post_pdf(client, data).data
    second = post_pdf(client, data).data
    assert first == second
    assert len(renders) == 1
    post_pdf(client, {**STAGE_1, "name": "Grace"})
    assert len(renders) == 2


def test_the_cache_is_bounded_and_keys_hold_no_names():
    app = create_app({"TESTING": True, "PDF_RENDER_AHEAD": False, "PDF_CACHE_SIZE": 2})
    client = app.test_client()
    for name in ("Ada", "Grace", "Alan"):
        post_pdf(client, {**STAGE_1, "name": name})
    assert len(app.extensions["handout_pdfs"]) == 2
    key = build_outcome({**STAGE_1, "name": "Alan"}, personal=True).pdf_key("setup")
    assert re.fullmatch("[0-9a-f]{64}", key)


def test_a_full_renderer_answers_503_with_retry_after(app, client):
    with renderer_busy(app):
        response = post_pdf(client, STAGE_1)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "busy" in response.get_data(as_text=True)


def test_render_ahead_makes_the_pdf_ready_before_the_click(monkeypatch):
    app = create_app({"TESTING": True, "PDF_RENDER_AHEAD": True})
    client = app.test_client()
    renders = count_renders(monkeypatch)
    data = {**STAGE_3, "name": "Ada"}
    client.post("/program", data=data, headers={"HX-Request": "true"})
    pdfs = app.extensions["handout_pdfs"]
    wait_until(lambda: len(pdfs) == 1, what="the render-ahead")
    assert post_pdf(client, data).status_code == 200
    assert len(renders) == 1


# Clinic branding


def branded_app(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">'
        '<rect width="40" height="20" fill="#333"/></svg>'
    )
    return create_app(
        {
            "TESTING": True,
            "PDF_RENDER_AHEAD": False,
            "CLINIC_NAME": "Riverside Physio",
            "CLINIC_CONTACT": "Tel 555 0100, riverside.example",
            "CLINIC_LOGO": str(logo),
        }
    )


def test_branding_from_configuration_is_on_the_handout(tmp_path):
    app = branded_app(tmp_path)
    client = app.test_client()
    html = client.get("/program?grade=2&pain=3&slr=limited&toe=no&side=left").get_data(as_text=True)
    assert "Riverside Physio" in html
    assert 'src="/clinic/logo"' in html
    assert client.get("/clinic/logo").mimetype == "image/svg+xml"
    pdfs = app.extensions["handout_pdfs"]
    fetched = []
    real = pdfs.resolve
    pdfs.resolve = lambda path: fetched.append(path) or real(path)
    response = client.post("/program.pdf", data=STAGE_2_LARGEST)
    flat = " ".join(pdf_text(response.data, "-layout").split())
    assert "Riverside Physio" in flat
    assert "Tel 555 0100, riverside.example" in flat
    assert "/clinic/logo" in fetched
    info = pdf_info(response.data, tmp_path)
    assert "Author:          Riverside Physio" in info


def test_without_a_logo_the_logo_url_is_404(client):
    assert client.get("/clinic/logo").status_code == 404


def test_pdf_is_tagged_for_screen_readers(client, tmp_path):
    info = pdf_info(post_pdf(client, STAGE_1).data, tmp_path)
    assert "Tagged:          yes" in info
