"""PDF rendering with WeasyPrint, through a fetcher that reads only the app's own files.

WeasyPrint's default fetcher reads ``file://`` URLs and the network; the handout must never
do either, whatever a user typed. ``RestrictedFetcher`` answers only URLs on the app's own
made-up origin, by asking a resolver the web layer supplies (static files, figures), and
refuses everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A name that can never resolve (RFC 2606): relative URLs in the handout become absolute on
# this origin, and the fetcher serves them in-process.
ORIGIN = "http://handout.invalid"

# (body, mime type) for a path such as "/static/css/print.css", or None when unknown.
Resolver = Callable[[str], tuple[bytes, str] | None]


class RefusedURLError(ValueError):
    """A URL the handout may not fetch. WeasyPrint logs it and leaves the resource out."""


class RestrictedFetcher(URLFetcher):
    """Serves paths on ``ORIGIN`` through ``resolve``; refuses every other URL."""

    def __init__(self, resolve: Resolver) -> None:
        super().__init__(allowed_protocols=("http",), allow_redirects=False)
        self._resolve = resolve

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            raise RefusedURLError("only the app's own files may be fetched")
        found = self._resolve(unquote(parts.path))
        if found is None:
            raise RefusedURLError("not one of the app's files")
        body, mime = found
        return URLFetcherResponse(url, body, headers={"Content-Type": mime})


def render_pdf(html: str, resolve: Resolver, **options: object) -> bytes:
    """Render handout HTML to PDF bytes. Relative URLs resolve on ``ORIGIN``; ``options``
    go to ``write_pdf`` (for example ``pdf_variant``)."""
    document = weasyprint.HTML(
        string=html, base_url=ORIGIN + "/", url_fetcher=RestrictedFetcher(resolve)
    )
    return document.write_pdf(**options)
