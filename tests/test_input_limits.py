"""Input that used to get through: invisible and direction-changing characters in the
free-text fields, forged Host headers, bodies sent in chunks past the size limit, and
pages kept by caches."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest

from generator.answers import MESSAGES, text_problem
from tests.conftest import HTMX, STAGE_2_LARGEST

NOTE = "edit.ecc-sl-bridge.note"
FREE_TEXT_FIELDS = ("name", "clinician", "notes", NOTE)

# Each prints differently from what was typed: reordered, or with a letter hidden.
INVISIBLE = {
    "right-to-left override": "Load at most \u202e05\u202c kg",
    "left-to-right embedding": "Dr \u202aKim",
    "right-to-left isolate": "\u2067Anna\u2069 Smith",
    "first strong isolate": "\u2068Anna Smith",
    "right-to-left mark": "Anna\u200f Smith",
    "Arabic letter mark": "Anna\u061c Smith",
    "zero-width space": "Dr Ki\u200bm",
    "word joiner": "Dr Ki\u2060m",
    "byte-order mark": "\ufeffDr Kim",
    "soft hyphen": "Dr Ki\u00adm",
    "joiner between Latin letters": "Dr Ki\u200dm",
    "non-joiner at the end": "Kim\u200c",
}
# Written as typed by people whose scripts need them.
KEPT = {
    "Persian non-joiner": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    "Devanagari joiner": "\u0915\u094d\u200d\u0937",
    "emoji sequence": "\U0001f469\u200d\U0001f9b0",
    "Hebrew name": "\u05e9\u05dc\u05d5\u05dd \u05db\u05d4\u05df",
    "accents": "Zo\u00eb \u00d8deg\u00e5rd",
}


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE)
def test_invisible_and_direction_characters_are_refused(text):
    assert text_problem(text) == MESSAGES["invisible"]


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT)
def test_joiners_inside_scripts_that_need_them_are_kept(text):
    assert text_problem(text) is None


@pytest.mark.parametrize("text", ["a\x7fb", "a\x9bb", "a\ue000b", "a\u2028b", "a\x00b"])
def test_control_and_private_use_characters_are_refused(text):
    assert text_problem(text) == MESSAGES["control"]


@pytest.mark.parametrize("field", FREE_TEXT_FIELDS)
@pytest.mark.parametrize("text", [INVISIBLE["right-to-left override"], "x\x7fy", "x\ue000y"])
def test_every_free_text_field_refuses_them_and_keeps_the_other_answers(client, field, text):
    data = {**STAGE_2_LARGEST, "name": "Ada", "notes": "Ice after", field: text}
    response = client.post("/program", data=data, headers=HTMX)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error_id = "error-" + field.replace(".", "-")
    assert f'id="{error_id}"' in html
    message = html[html.index(f'id="{error_id}"') :].split(">", 1)[1].split("<", 1)[0]
    assert message in (MESSAGES["invisible"], MESSAGES["control"])
    assert "HX-Replace-Url" not in response.headers
    assert client.post("/program.pdf", data=data).status_code == 422
    if field != NOTE:  # the form keeps every other answer as it was sent
        kept = client.post("/program", data=data).get_data(as_text=True)
        assert 'value="Ada"' in kept or field == "name"


def test_user_text_is_isolated_from_the_line_around_it(client):
    data = {**STAGE_2_LARGEST, "name": KEPT["Hebrew name"], NOTE: "\u05dc\u05d0\u05d8 5 kg"}
    html = client.post("/program", data=data).get_data(as_text=True)
    assert f"<bdi>\u2068{KEPT['Hebrew name']}\u2069</bdi>" in html
    assert "Note:</strong> <bdi>\u2068\u05dc\u05d0\u05d8 5 kg\u2069</bdi>" in html


# Host headers


def test_a_forged_host_header_is_refused(client):
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    data = {**STAGE_2_LARGEST}
    response = client.post("/program", data=data, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True)


def test_this_machines_names_are_answered_and_the_share_link_uses_them(client):
    for host in ("localhost:5000", "127.0.0.1:8000"):
        html = client.post("/program", data=STAGE_2_LARGEST, headers={"Host": host}).get_data(
            as_text=True
        )
        assert f'value="http://{host}/program?' in html


def test_the_public_base_urls_host_is_trusted_and_used_for_links():
    from app import create_app

    app = create_app({"TESTING": True, "PUBLIC_BASE_URL": "https://clinic.example/"})
    client = app.test_client()
    html = client.post(
        "/program", data=STAGE_2_LARGEST, headers={"Host": "clinic.example"}
    ).get_data(as_text=True)
    assert 'value="https://clinic.example/program?' in html
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_configured_trusted_hosts_replace_the_defaults():
    from app import create_app

    app = create_app({"TESTING": True, "TRUSTED_HOSTS": ["handouts.clinic.example"]})
    client = app.test_client()
    assert client.get("/", headers={"Host": "handouts.clinic.example"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost"}).status_code == 400


# Caching


@pytest.mark.parametrize("path", ["/", "/?grade=1", "/program.json?grade=1&pain=2"])
def test_pages_and_json_are_never_stored(client, path):
    assert client.get(path).headers["Cache-Control"] == "no-store"


def test_figures_stay_cacheable(client):
    response = client.get("/figures/hip-hinge/hinge-left.svg")
    assert "public" in response.headers["Cache-Control"]


# Bodies without Content-Length


def chunked_post(base_url: str, body_chunks) -> tuple[int, bytes]:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(
            "POST",
            "/program.pdf",
            body=body_chunks,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            encode_chunked=True,
        )
        response = connection.getresponse()
        return response.status, response.read()
    except (ConnectionResetError, BrokenPipeError):
        return 0, b""  # the server stopped reading: also a refusal, but we want the 413
    finally:
        connection.close()


@pytest.mark.slow
def test_a_chunked_body_past_the_limit_is_refused_with_413(live_server):
    valid = b"grade=2&pain=5&slr=limited&toe=no&side=left&notes="
    junk = (b"x" * 64 * 1024 for _ in range(160))  # 10 MB after valid fields
    status, body = chunked_post(live_server, iter([valid, *junk]))
    assert status == 413
    assert not body.startswith(b"%PDF")


@pytest.mark.slow
def test_a_chunked_body_within_the_limit_is_read_whole(live_server):
    status, body = chunked_post(
        live_server, iter([b"grade=2&pain=5&slr=limited", b"&toe=no&side=left"])
    )
    assert status == 200
    assert body.startswith(b"%PDF")
