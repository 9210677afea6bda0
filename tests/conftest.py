"""Shared fixtures: the app from the factory with test configuration, and its clients."""

from __future__ import annotations

import pytest

from app import create_app


@pytest.fixture
def app():
    # Render-ahead is tested on its own; elsewhere it would render in the background.
    return create_app({"TESTING": True, "PDF_RENDER_AHEAD": False})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


STAGE_3 = {"grade": "1", "pain": "2", "slr": "full", "toe": "yes", "side": "left"}
STAGE_2_LARGEST = {"grade": "2", "pain": "3", "slr": "limited", "toe": "no", "side": "right"}
STAGE_1 = {"grade": "2", "pain": "5", "slr": "limited", "toe": "no", "side": "left"}
REFERRAL = {"grade": "2", "pain": "8", "slr": "limited", "toe": "no", "side": "left"}
