"""The Flask app factory and entry point (`flask --app app run`, gunicorn's `app:create_app()`).

Everything that decides something lives in ``generator``; the blueprints in ``web`` parse
the request, call it, and render the one handout template as a page, an htmx fragment or
a PDF.
"""

from __future__ import annotations

import secrets

from flask import Flask
from htmx_flask import Htmx

from generator.catalogue import check_data
from web import assets, cli, context, exercises, handout, languages, pdfs, security

DEFAULTS = {
    "SECRET_KEY": secrets.token_hex(16),
    "DEFAULT_PAPER": "a4",
    "CLINIC_NAME": "",
    "CLINIC_CONTACT": "",
    "CLINIC_LOGO": "",
    "MAX_CONTENT_LENGTH": 32 * 1024,
    "PDF_CACHE_SIZE": 64,
    "PDF_CONCURRENT_RENDERS": 2,
    "PDF_RENDER_TIME_LIMIT": 10,
    "PDF_RENDER_AHEAD": True,
    "PUBLIC_BASE_URL": "",
    "TRUSTED_HOSTS": None,  # None: this machine and PUBLIC_BASE_URL's host (web/security.py)
}


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then the instance config file and HANDOUT_* environment
    variables (or ``test_config`` in tests and batch workers)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("HANDOUT")
    else:
        app.config.from_mapping(test_config)
    check_data()  # a data file with a mistake stops the start, with the file and the key
    Htmx(app)
    security.init_app(app)
    languages.init_app(app)
    assets.init_app(app)
    context.init_app(app)
    pdfs.init_app(app)
    app.register_blueprint(handout.bp)
    app.register_blueprint(exercises.bp)
    app.register_blueprint(cli.bp)
    return app
