"""PDF rendering with WeasyPrint, through a fetcher that reads only the app's own files.

WeasyPrint's default fetcher reads ``file://`` URLs and the network; the handout must never
do either, whatever a user typed. ``RestrictedFetcher`` answers only URLs on the app's own
made-up origin, by asking a resolver the web layer supplies (static files, figures), and
refuses everything else.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.text.fonts import FontConfiguration
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
    go to ``write_pdf`` (for example ``pdf_variant`` or pre-parsed ``stylesheets``)."""
    document = weasyprint.HTML(
        string=html, base_url=ORIGIN + "/", url_fetcher=RestrictedFetcher(resolve)
    )
    return document.write_pdf(**options)


def parse_stylesheets(paths: tuple[str, ...], resolve: Resolver) -> list[weasyprint.CSS]:
    """Parse the app's own stylesheets once, to be given to every render."""
    fetcher = RestrictedFetcher(resolve)
    return [weasyprint.CSS(url=ORIGIN + path, url_fetcher=fetcher) for path in paths]


class RenderFailedError(RuntimeError):
    """WeasyPrint reported an error while rendering (a resource it could not load or
    draw): the PDF is incomplete, so it is neither served nor cached."""


class _RenderErrors(logging.Handler):
    """Collects WeasyPrint's error records for the thread that logged them, so a render
    can tell whether anything went wrong in it (WeasyPrint logs, and goes on, when an
    image or a stylesheet cannot be loaded or drawn)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self._local = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        collected = getattr(self._local, "records", None)
        if collected is not None:
            collected.append(record.getMessage())

    def start(self) -> None:
        self._local.records = []

    def stop(self) -> list[str]:
        records, self._local.records = self._local.records, None
        return records


_RENDER_ERRORS = _RenderErrors()
logging.getLogger("weasyprint").addHandler(_RENDER_ERRORS)


class RendererBusyError(RuntimeError):
    """Every render slot is taken, or the render passed the time limit; the caller should
    answer 503 and ask to retry."""


class HandoutPdfs:
    """Rendered handout PDFs for one process.

    - a bounded LRU cache keyed by a hash of the full normalised input, so a repeat or a
      double click costs a dictionary look-up (the key holds no personal text in clear);
    - a bound on concurrent renders and a time limit on the wait for one
      (``RendererBusyError`` past either);
    - render-ahead: ``prepare`` renders in a background thread while the user is still
      looking at the preview, best effort, only when a render slot is free, latest first;
    - one WeasyPrint image cache and font configuration per render thread, kept across
      renders, so each figure is parsed once per thread: WeasyPrint's images keep drawing
      state on themselves (``SVG.draw`` sets ``self.stream``), so two threads drawing one
      image object would write into each other's PDFs;
    - the parsed ``stylesheets`` shared (WeasyPrint only reads them while rendering; the
      concurrency test compares concurrent renders byte for byte with serial ones);
    - a render that logged an error (``RenderFailedError``) is never cached;
    - tagged PDF/UA-1 output (alt text for figures, a language, a title): accessible to
      screen readers at almost no cost (see README, "Speed").
    """

    PDF_OPTIONS: ClassVar[dict[str, object]] = {"pdf_variant": "pdf/ua-1"}

    def __init__(
        self,
        resolve: Resolver,
        *,
        size: int = 64,
        concurrent: int = 2,
        time_limit: float = 10.0,
        stylesheets: tuple[str, ...] = (),
    ) -> None:
        self.resolve = resolve
        self.time_limit = time_limit
        self._stylesheet_paths = stylesheets
        self._stylesheets: list[weasyprint.CSS] | None = None
        self._size = size
        self._pdfs: OrderedDict[str, bytes] = OrderedDict()
        self._in_flight: dict[str, Future[bytes]] = {}
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(concurrent)
        # Renders run on these threads, so a request can stop waiting at the time limit;
        # a fixed set of threads also bounds the per-thread font configurations.
        self._renderers = ThreadPoolExecutor(concurrent, thread_name_prefix="pdf-render")
        self._pending: tuple[str, Callable[[], str]] | None = None
        self._wake = threading.Condition(self._lock)
        self._worker: threading.Thread | None = None
        self._per_thread = threading.local()

    def get(self, key: str, make_html: Callable[[], str], *, wait: float | None = None) -> bytes:
        """The PDF for ``key``: from the cache, from a render already under way, or
        rendered now from ``make_html()``. Raises ``RendererBusyError`` when no slot is free
        within half a second, or when the PDF is not ready within ``wait`` seconds (the
        render time limit by default); such a render goes on and lands in the cache, so the
        retry the 503 asks for is served from there."""
        with self._lock:
            if key in self._pdfs:
                self._pdfs.move_to_end(key)
                return self._pdfs[key]
            running = self._in_flight.get(key)
        if running is None:
            if not self._slots.acquire(timeout=0.5):
                raise RendererBusyError("all PDF render slots are busy")
            running = self._start(key, make_html)
        try:
            return running.result(timeout=self.time_limit if wait is None else wait)
        except TimeoutError as error:
            raise RendererBusyError("the handout took longer than the time limit") from error

    def prepare(self, key: str, make_html: Callable[[], str]) -> None:
        """Render ahead in the background, best effort; a newer request replaces an older
        one that has not started."""
        with self._wake:
            if key in self._pdfs or key in self._in_flight:
                return
            self._pending = (key, make_html)
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._work, name="pdf-render-ahead", daemon=True
                )
                self._worker.start()
            self._wake.notify()

    def clear(self) -> None:
        with self._lock:
            self._pdfs.clear()

    def __len__(self) -> int:
        return len(self._pdfs)

    def _start(self, key: str, make_html: Callable[[], str]) -> Future[bytes]:
        """Render on one of the pool's threads; the caller holds a slot, given back when
        the render ends (not when a caller stops waiting for it)."""
        with self._lock:
            running = self._in_flight.get(key)
            if running is None:
                running = self._renderers.submit(self._render, key, make_html)
                running.add_done_callback(lambda _: self._slots.release())
                self._in_flight[key] = running
                return running
        self._slots.release()  # the same handout started meanwhile: wait for that one
        return running

    def _render(self, key: str, make_html: Callable[[], str]) -> bytes:
        try:
            pdf = self.render(make_html())
            with self._lock:
                self._pdfs[key] = pdf
                while len(self._pdfs) > self._size:
                    self._pdfs.popitem(last=False)
            return pdf
        finally:
            with self._lock:
                self._in_flight.pop(key, None)

    def render(self, html: str, **options: object) -> bytes:
        """Render now, bypassing the cache and the slots (benchmarks, the CLI), with this
        thread's image cache and font configuration and the shared stylesheets;
        ``options`` override ``PDF_OPTIONS``. Raises ``RenderFailedError`` when WeasyPrint
        logged an error during the render."""
        images, fonts = self._thread_state()
        _RENDER_ERRORS.start()
        try:
            pdf = render_pdf(
                html,
                self.resolve,
                cache=images,
                stylesheets=self._parsed_stylesheets(),
                font_config=fonts,
                **{**self.PDF_OPTIONS, **options},
            )
        finally:
            errors = _RENDER_ERRORS.stop()
        if errors:
            raise RenderFailedError("; ".join(errors))
        return pdf

    def _thread_state(self) -> tuple[dict[str, object], FontConfiguration]:
        """This thread's image cache and font configuration, kept. Per thread because
        neither is safe to share: WeasyPrint's image objects hold drawing state, and
        Pango's font map is not safe between concurrent renders. Kept, because a new font
        configuration for every render (WeasyPrint's default) keeps about 0.25 MB of
        native memory for good each time; the render pool's fixed threads bound how many
        there are."""
        state = self._per_thread
        if not hasattr(state, "images"):
            state.images, state.fonts = {}, FontConfiguration()
        return state.images, state.fonts

    def _parsed_stylesheets(self) -> list[weasyprint.CSS]:
        with self._lock:
            if self._stylesheets is None:
                self._stylesheets = parse_stylesheets(self._stylesheet_paths, self.resolve)
            return self._stylesheets

    def _work(self) -> None:
        while True:
            with self._wake:
                while self._pending is None:
                    self._wake.wait()
                key, make_html = self._pending
                self._pending = None
            if not self._slots.acquire(blocking=False):
                continue  # the slots serve people waiting for a download first
            with suppress(Exception):  # best effort: the download click renders it again
                self._start(key, make_html).result()  # one render ahead at a time
