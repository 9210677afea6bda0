"""What every request and response goes through: trusted hosts, the body limit for
chunked bodies, security headers, caching rules and the error pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError

from generator.i18n import lazy_gettext

LOCAL_HOSTS = ["localhost", "127.0.0.1", "::1"]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    if not app.config["TRUSTED_HOSTS"]:
        app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config["PUBLIC_BASE_URL"])
    app.register_error_handler(HTTPException, _http_error)
    app.before_request(_refuse_long_streams)
    app.after_request(_security_headers)


def trusted_hosts(public_base_url: str) -> list[str]:
    """The Host headers answered when TRUSTED_HOSTS is not configured: this machine's
    names, and the host of PUBLIC_BASE_URL. Any other Host gets 400, so a forged Host
    header never reaches a page (the share link is built from it when PUBLIC_BASE_URL is
    not set). Serving under another name needs PUBLIC_BASE_URL or TRUSTED_HOSTS."""
    public = urlsplit(str(public_base_url or "")).hostname
    return [*LOCAL_HOSTS, public] if public else list(LOCAL_HOSTS)


def _refuse_long_streams() -> None:
    """A body without Content-Length (chunked) is read here, up to MAX_CONTENT_LENGTH,
    and refused with 413 past it: Werkzeug's form parser would otherwise stop reading at
    the limit and go on with what it had read."""
    if request.content_length is None and "wsgi.input_terminated" in request.environ:
        request.get_data(cache=True)  # at most MAX_CONTENT_LENGTH bytes, kept for the form
        request.stream.read(1)  # past the limit: RequestEntityTooLarge (413)


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # A POST may echo personal fields (a 422 form, a PDF), and pages and JSON hold the
    # clinical answers: never kept. Figures, htmx and static files set their own caching.
    if request.method == "POST" or response.mimetype in ("text/html", "application/json"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


# The error pages in the interface's language: Werkzeug's names and descriptions are
# English, so the codes a person may meet have words of their own. A description given
# with abort() (already in the person's language) is kept.
ERROR_TEXTS = {
    400: (lazy_gettext("Something in the request is wrong"),
          lazy_gettext("The address or the form was not what this app expects.")),
    404: (lazy_gettext("Page not found"), lazy_gettext("There is no page at this address.")),
    405: (lazy_gettext("Not allowed here"),
          lazy_gettext("This address does not answer that kind of request.")),
    413: (lazy_gettext("Too much was sent"),
          lazy_gettext("The form sent more than this app takes. Shorten the notes and try again.")),
}  # fmt: skip
OTHER_ERROR = (lazy_gettext("Something went wrong"),
               lazy_gettext("Please go back and try again in a moment."))  # fmt: skip


def _http_error(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    name, description = ERROR_TEXTS.get(code, OTHER_ERROR)
    if error.description != type(error).description:
        description = error.description
    if isinstance(error, SecurityError):  # an untrusted Host: no URL can be built for it
        return render_template("bad_host.html", name=name), code
    return render_template("error.html", name=name, description=description), code
