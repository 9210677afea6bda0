"""Languages on the web: the interface speaks the browser's language (Accept-Language)
until the person picks one, which a cookie keeps; the handout speaks its own, the
``lang`` answer, so a clinician working in English can print a Spanish handout.

Both live in ``generator.i18n``'s context variable, which Flask-Babel reads for the
templates: each request starts in its interface language, and ``speaking(language)``
(or ``{% language %}`` in a template) switches both for the handout part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from babel import Locale
from flask import Blueprint, Flask, Response, g, request
from flask_babel import Babel, force_locale, format_date, gettext
from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import Markup

from generator import i18n
from generator.answers import CLINICAL_FIELDS

COOKIE = "ui"
COOKIE_AGE = 365 * 24 * 3600

bp = Blueprint("languages", __name__)


def init_app(app: Flask) -> None:
    Babel(
        app,
        locale_selector=i18n.current,
        default_locale=i18n.SOURCE_LANGUAGE,
        default_translation_directories=str(i18n.LOCALE_DIR),
    )
    app.jinja_env.add_extension(LanguageExtension)
    app.jinja_env.globals.update(
        languages=[(code, language_name(code)) for code in i18n.languages()],
        interface_language=i18n.current,
    )
    app.jinja_env.filters["longdate"] = long_date
    app.before_request(_enter_interface_language)
    app.after_request(_vary_by_language)
    app.teardown_request(_leave_interface_language)
    app.register_blueprint(bp)


def interface_language() -> str:
    """The person's pick (the cookie), else the browser's first language offered here,
    by its base ("es-419" and "es-MX" are "es"), else the source language."""
    picked = i18n.choose(request.cookies.get(COOKIE))
    # accept_languages iterates (value, quality), the most wanted first.
    wanted = (i18n.choose(value) for value, _quality in request.accept_languages)
    return picked or next((code for code in wanted if code), i18n.SOURCE_LANGUAGE)


def _enter_interface_language() -> None:
    stack = ExitStack()
    stack.enter_context(i18n.language(interface_language()))
    g.language_stack = stack


def _vary_by_language(response: Response) -> Response:
    """A page's words depend on the browser's languages and the pick: a cache keeps one
    copy per both (the exercise pages are cached for an hour)."""
    if response.mimetype == "text/html":
        response.vary.update(("Accept-Language", "Cookie"))
    return response


def _leave_interface_language(_error: BaseException | None) -> None:
    stack = g.pop("language_stack", None)
    if stack is not None:
        stack.close()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within the block the texts (messages, data, dates) are in ``language``."""
    with i18n.language(language), force_locale(language):
        yield


def language_name(code: str) -> str:
    """A language's name in itself ("English", "Español"), as a language menu shows it."""
    return Locale.parse(code).get_display_name(code).capitalize()


def long_date(value: dt.date) -> str:
    """A date as the handout prints it, in the language of the moment."""
    # TRANSLATORS: the handout's date as a Babel (CLDR) pattern: "d MMMM y" prints
    # 31 March 2026; Spanish "d 'de' MMMM 'de' y" prints 31 de marzo de 2026.
    return format_date(value, gettext("d MMMM y"))


class LanguageExtension(Extension):
    """``{% language code %}...{% endlanguage %}``: the block rendered in ``code``."""

    tags = frozenset({"language"})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        code = parser.parse_expression()
        body = parser.parse_statements(("name:endlanguage",), drop_needle=True)
        call = self.call_method("_render", [code])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, code: str, caller) -> Markup:
        with speaking(code):
            return Markup(caller())


@bp.post("/language")
def choose_interface_language() -> Response:
    """Keep the interface language picked (a cookie) and show the questionnaire again in
    it, with the answers the buttons sent along (see _languages.html)."""
    from web.context import Mode
    from web.handout import outcome_of, page

    chosen = i18n.choose(request.form.get("ui")) or i18n.SOURCE_LANGUAGE
    with speaking(chosen):
        answered = any(request.form.get(name) for name in CLINICAL_FIELDS)
        response = page(outcome_of(request.form, personal=True) if answered else None, Mode.LIVE)
    response.set_cookie(COOKIE, chosen, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
    return response
