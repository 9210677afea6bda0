"""Any name prints as letters (PRODUCT.md 8): fonts for every script the handout names,
and a warning beside the field for a character no installed font has."""

from __future__ import annotations

import logging

import pytest

from generator.fonts import missing_glyph_warning, printable, unprintable
from tests.conftest import HTMX, REFERRAL, STAGE_1, pdf_text

NAMES = {
    "Latin with accents": "Zoë Ødegård-Núñez",
    "Vietnamese": "Nguyễn Thị Ánh Tuyết",
    "Greek": "Ελένη Παπαδοπούλου",
    "Cyrillic": "Иван Петрович",
    "Arabic": "محمد عبد الله",
    "Hebrew": "שרה לוי",
    "Devanagari": "अनीता शर्मा",
    "Chinese": "王小明",
    "Japanese": "さくら 山田",
    "Korean": "김민준",
}
NO_FONT = "\U0001fae0"  # MELTING FACE: an emoji newer than the installed fonts


def notdefs(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if ".notdef glyph" in r.getMessage()]


@pytest.mark.slow
def test_a_name_in_every_script_prints_as_letters(client, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    # The name field is short: every script in the notes, two of them as the name too.
    form = {**REFERRAL, "name": NAMES["Chinese"] + " " + NAMES["Vietnamese"],
            "clinician": NAMES["Arabic"], "notes": "\n".join(NAMES.values())}  # fmt: skip
    response = client.post("/program.pdf", data=form)
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    for script, written in NAMES.items():
        if script == "Devanagari":  # text extraction reorders its vowel signs: letters only
            assert set(written) <= set(text), script
        else:
            assert written in text, script
    assert notdefs(caplog) == []  # and no empty box drawn for any of them


@pytest.mark.slow
def test_the_notdef_check_sees_a_character_no_font_has(client, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    response = client.post("/program.pdf", data={**REFERRAL, "name": f"Ana {NO_FONT}"})
    assert response.status_code == 200  # printed, as the warning beside the field says
    assert notdefs(caplog)


def test_the_installed_fonts_cover_every_script_and_know_what_they_lack():
    for script, written in NAMES.items():
        assert unprintable(written) == [], script
    assert unprintable(f"Ana {NO_FONT} Bo \U0001e290{NO_FONT}") == [NO_FONT, "\U0001e290"]
    assert printable(" ")  # spaces and joiners print as nothing
    assert printable("\u200d")
    assert missing_glyph_warning("Ana") is None
    assert "MELTING FACE" in missing_glyph_warning(f"Ana {NO_FONT}")


def test_a_character_no_font_has_is_named_beside_its_field_and_does_not_block(client):
    form = {**STAGE_1, "name": f"Ana {NO_FONT}", "edit.hip-hinge.note": f"Go {NO_FONT}"}
    response = client.post("/program", data=form, headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    name = html[html.index('id="error-name"') - 40 : html.index('id="error-name"') + 300]
    assert "field-warning" in name
    assert "MELTING FACE" in name
    note = html[html.index('id="error-edit-hip-hinge-note"') - 60 :][:400]
    assert "MELTING FACE" in note
    assert "Ana" in client.post("/program", data=form).get_data(as_text=True)  # still shown
    clean = client.post("/program", data=STAGE_1, headers=HTMX).get_data(as_text=True)
    assert "field-warning" not in clean
