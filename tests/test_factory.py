"""The app factory: defaults, configuration from the environment or a test mapping, and
what it refuses to start with (as flaskr's test_factory does)."""

from __future__ import annotations

import pytest

from app import DEFAULTS, create_app


def test_config_defaults_and_testing():
    assert not create_app().testing
    app = create_app({"TESTING": True})
    assert app.testing
    assert app.config["MAX_CONTENT_LENGTH"] == 32 * 1024
    assert app.config["DEFAULT_PAPER"] == "a4"
    assert app.config["TRUSTED_HOSTS"] == ["localhost", "127.0.0.1", "::1"]


def test_settings_come_from_handout_environment_variables(monkeypatch):
    monkeypatch.setenv("HANDOUT_CLINIC_NAME", "Riverside Physio")
    monkeypatch.setenv("HANDOUT_PDF_CONCURRENT_RENDERS", "3")
    monkeypatch.setenv("HANDOUT_TRUSTED_HOSTS", '["handouts.clinic.example"]')
    app = create_app()
    assert app.config["CLINIC_NAME"] == "Riverside Physio"
    assert app.config["PDF_CONCURRENT_RENDERS"] == 3  # parsed as JSON, so a number
    assert app.config["TRUSTED_HOSTS"] == ["handouts.clinic.example"]


def test_a_test_mapping_replaces_the_environment(monkeypatch):
    monkeypatch.setenv("HANDOUT_CLINIC_NAME", "From the environment")
    assert create_app({"TESTING": True}).config["CLINIC_NAME"] == DEFAULTS["CLINIC_NAME"]


def test_the_public_base_urls_host_is_answered_besides_this_machine():
    app = create_app({"TESTING": True, "PUBLIC_BASE_URL": "https://handouts.clinic.example/"})
    assert "handouts.clinic.example" in app.config["TRUSTED_HOSTS"]
    assert "localhost" in app.config["TRUSTED_HOSTS"]


def test_a_logo_that_is_not_an_image_stops_the_start(tmp_path):
    logo = tmp_path / "logo.txt"
    logo.write_text("not an image")
    with pytest.raises(ValueError, match="CLINIC_LOGO"):
        create_app({"TESTING": True, "CLINIC_LOGO": str(logo)})


def test_every_blueprint_and_the_command_group_are_registered():
    app = create_app({"TESTING": True})
    assert set(app.blueprints) == {"handout", "exercises", "assets", "languages", "cli"}
    result = app.test_cli_runner().invoke(args=["handout", "--help"])
    assert "pdf" in result.output
    assert "batch" in result.output
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert {"handout.index", "handout.program_pdf", "assets.figure", "static"} <= endpoints
