"""Stage 4: HTML -> PDF with WeasyPrint, in a sandbox that loads only the project's assets.

The HTML is rendered against a virtual base URL that never resolves on any
network (`.invalid`). The fetcher serves three folders under it: /styles/ (the
project's stylesheets), /fonts/ (the pinned font packages) and /images/ (the
images of the leaflet's sources); it refuses everything else, with an error
that stops the render: other files, http(s), data: URIs, attachments. So
neither a source text nor a stylesheet can make the renderer read a file or
reach the network, and the PDF does not depend on the checkout folder.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import unquote, urlsplit

from ..paths import STYLES
from .libraries import import_weasyprint

import_weasyprint()  # before anything else imports it: without searching for its libraries

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.css.counters import CounterStyle  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # noqa: E402

from . import finishers, pdfstructure, printpresets, qrcode  # noqa: E402
from .fonts import missing_characters, project_fonts  # noqa: E402
from .overflow import runaway_text  # noqa: E402

HOST = "leaflet.invalid"
BASE_URL = f"https://{HOST}/"

#: fontTools stamps every subset font it writes with the time it was made, unless
#: SOURCE_DATE_EPOCH names a moment. It is set here once, for the whole process,
#: to a fixed moment, so that a PDF's bytes never depend on when, in which
#: process or beside which other editions it is made; nothing sets it per job.
#: The PDF's own dates come from the edition (see layouts/leaflet.html).
FONT_TIMESTAMP = "0"
os.environ["SOURCE_DATE_EPOCH"] = FONT_TIMESTAMP

@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    #: Characters of the text that no project font has (printed in a fallback font).
    missing_characters: tuple[str, ...] = ()
    html: str = ""  # what was typeset
    #: Texts that reach past the edge of their page (see overflow.py).
    runaway_text: tuple[str, ...] = ()
    #: What typesetting chose (html.render's arguments for the pages as printed):
    #: whether the edition has a contents list, and how many notes pages.
    contents: bool = False
    notes: int = 0


class RenderError(Exception):
    """The renderer was asked for something outside the sandbox, or failed."""


class RefusedResource(ValueError):
    pass


#: What each served folder may hold, by file extension.
_TYPES = {
    "styles": {".css": "text/css"},
    "fonts": {".ttf": "font/ttf", ".otf": "font/otf"},
    "images": {".svg": "image/svg+xml", ".png": "image/png"},
}


class ProjectFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint is untyped
    """Serves the project's styles and fonts and the leaflet's images; refuses the rest."""

    def __init__(self, styles: Path = STYLES, images: Path | None = None) -> None:
        super().__init__(fail_on_errors=True, allowed_protocols=("https",))
        self.folders = {"styles": styles.resolve()}
        if images is not None:
            self.folders["images"] = images.resolve()
        self.fonts = project_fonts()
        #: Every refusal, kept because WeasyPrint swallows some errors (inside SVG).
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.netloc != HOST or parts.query:
            return self._refuse(f"refused to load '{_short(url)}': only the project's own "
                         "styles, fonts and images can be loaded")
        folder, _, name = unquote(parts.path).lstrip("/").partition("/")
        if folder == qrcode.FOLDER and (address := qrcode.url_of(name)) is not None:
            return URLFetcherResponse(url, qrcode.svg(address), {"Content-Type": "image/svg+xml"})
        path = self._file(folder, name)
        content_type = _TYPES.get(folder, {}).get(Path(name).suffix.lower())
        if path is None or content_type is None:
            return self._refuse(f"refused to load '{_short(url)}': not one of the project's "
                         "styles, fonts or images")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def _refuse(self, message: str) -> NoReturn:
        self.refused.append(message)
        raise RefusedResource(message)

    def _file(self, folder: str, name: str) -> Path | None:
        if folder == "fonts":
            return self.fonts.get(name)
        if folder not in self.folders or not name:
            return None
        candidate = (self.folders[folder] / name).resolve()
        if candidate.is_relative_to(self.folders[folder]) and candidate.is_file():
            return candidate
        return None


def _short(url: str) -> str:
    return url if len(url) <= 80 else f"{url[:77]}..."


@dataclass(frozen=True)
class Layout:
    """A document laid out in pages, not yet written: its page count decides choices."""

    html: str
    document: Any  # weasyprint.Document (untyped)
    fetcher: ProjectFetcher
    stylesheets: tuple[str, ...] = ()  # the layers in styles/ applied to it

    @property
    def pages(self) -> int:
        return len(self.document.pages)

    def page_of(self, anchor: str) -> int | None:
        """The 0-based page that holds the element with this id."""
        return next((number for number, page in enumerate(self.document.pages)
                     if anchor in page.anchors), None)

    def without(self, left_out: set[int]) -> Layout:
        """The same pages but those numbered (from 0) in `left_out`, none laid out again."""
        return replace(self, document=self.document.copy(
            [page for number, page in enumerate(self.document.pages) if number not in left_out]))


def lay_out(html: str, stylesheets: tuple[str, ...] = (), images: Path | None = None,
            styles: Path = STYLES) -> Layout:
    """Typeset `html` with `stylesheets` (files in `styles`, in cascade order) into pages.

    Only what the sandbox allows is loaded: the stylesheets, and what the HTML
    itself links, from the fetcher's folders. The stylesheets are parsed once
    per process and thread (see `_Parsed`).
    """
    fetcher = ProjectFetcher(styles, images)
    fonts, sheets, counters = _PARSED.get(stylesheets, styles)
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
            font_config=fonts, counter_style=counters, stylesheets=sheets)
    except FatalURLFetchingError as error:
        raise RenderError(str(error.__cause__ or error)) from None
    if fetcher.refused:
        raise RenderError(fetcher.refused[0])
    return Layout(html, document, fetcher, stylesheets)


class _Parsed(threading.local):
    """The project's stylesheets, each parsed once per process and thread.

    A stylesheet is known by its contents, so an edited one (`serve`) is parsed
    again. Those that declare fonts (@font-face) are parsed into a font
    configuration of their own for each set of them a document has (fonts.css,
    with or without fonts-arabic.css), which then holds exactly the fonts they
    declare: WeasyPrint falls back on any font its configuration holds, so one
    shared with other fonts would make a PDF depend on what was typeset before
    it; one per set cannot. The @counter-style rules, which WeasyPrint keeps per
    document, are handed to each. One per thread: a font configuration is not
    safe to share between threads.
    """

    #: The parsed stylesheets kept at once: more than every layer, edited a few times.
    KEPT = 256

    def __init__(self) -> None:
        self.sheets: dict[tuple[str, ...], tuple[Any, dict[str, Any]]] = {}
        self.fonts: dict[tuple[str, ...], Any] = {}  # by the font stylesheets' keys

    def get(self, names: tuple[str, ...], styles: Path) -> tuple[Any, list[Any], Any]:
        """The font configuration, the parsed stylesheets and the counter styles for `names`."""
        if len(self.sheets) > self.KEPT:
            self.sheets.clear()  # with the fonts they were parsed into
            self.fonts.clear()
        keys = {name: (str(styles), name, *_digest(styles / name)) for name in names}
        fonts_key = tuple(part for key in keys.values() if key[-1] for part in key)
        fonts = self.fonts.setdefault(fonts_key, FontConfiguration())
        sheets, counters = [], CounterStyle()
        for name, key in keys.items():
            declares_fonts = bool(key[-1])
            # A sheet with fonts is parsed into the configuration of its set.
            parsed = (*fonts_key, *key) if declares_fonts else key
            if parsed not in self.sheets:
                self.sheets[parsed] = _parse(name, styles, fonts if declares_fonts else None)
            sheet, counter_styles = self.sheets[parsed]
            sheets.append(sheet)
            counters.update(counter_styles)
        return fonts, sheets, counters


def _digest(path: Path) -> tuple[str, str]:
    """A stylesheet's SHA-256, and "fonts" if it declares any (else "")."""
    try:
        data = path.read_bytes()
    except OSError:
        return "", ""  # parsing it says what is wrong
    return hashlib.sha256(data).hexdigest(), "fonts" if b"@font-face" in data else ""


def _parse(name: str, styles: Path, fonts: Any) -> tuple[Any, dict[str, Any]]:
    fetcher, counter_styles = ProjectFetcher(styles), dict[str, Any]()
    try:
        sheet = CSS(url=f"{BASE_URL}styles/{name}", url_fetcher=fetcher, font_config=fonts,
                    counter_style=counter_styles)
    except (FatalURLFetchingError, RefusedResource) as error:
        raise RenderError(str(getattr(error, "__cause__", None) or error)) from None
    if fetcher.refused:
        raise RenderError(fetcher.refused[0])
    return sheet, counter_styles


_PARSED = _Parsed()
#: The font configurations parsed before a process forks its workers (`preload`):
#: kept for good, as a worker dropping one would delete the font files that
#: WeasyPrint wrote for it, which the other workers read too.
_SHARED: list[Any] = []


def preload(stylesheets: tuple[str, ...], styles: Path = STYLES) -> None:
    """Parse `stylesheets` now, in this thread, for every process forked from it to share."""
    _SHARED.append(_PARSED.get(stylesheets, styles)[0])


def write(layout: Layout, accessible: bool = False,
          blank_pages: int = 0, blank_before: int | None = None,
          bleed_mm: float | None = None,
          viewer_preferences: tuple[tuple[str, str], ...] = (),
          identifier: str | None = None, version: str | None = None) -> RenderedPdf:
    """The PDF of a laid-out document, byte-identical for identical input.

    An `accessible` PDF is tagged and conforms to both PDF/A-2a (archival, tagged)
    and PDF/UA-1 (universal accessibility): WeasyPrint writes PDF/A-2a, and
    `finishers.declare_pdf_ua` adds the PDF/UA-1 identification to its XMP metadata.
    `blank_pages` empty pages go before page `blank_before` (a booklet's back
    page); `bleed_mm` sets each page's BleedBox that far outside its TrimBox;
    `viewer_preferences` are PDF ViewerPreferences names and values for printing.
    `identifier` and `version` (a leaflet's code and edition) go into the XMP
    metadata as dc:identifier and xmpMM:VersionID.
    """
    finishing: list[Callable[[Any, Any], None]] = []
    if accessible:
        finishing += [finishers.declare_pdf_ua, pdfstructure.finish]
    if identifier or version:
        finishing.append(
            lambda document, pdf: finishers.identify(document, pdf, identifier, version))
    if blank_pages:
        finishing.append(lambda document, pdf: finishers.insert_blank_pages(
            pdf, layout.pages if blank_before is None else blank_before, blank_pages))
    if bleed_mm:
        finishing.append(
            lambda document, pdf: finishers.set_bleed_boxes(pdf, bleed_mm * 72 / 25.4))
    if viewer_preferences:
        finishing.append(lambda document, pdf: printpresets.ask_viewers(pdf, viewer_preferences))
    finishing.append(lambda document, pdf: finishers.no_stream_ends_in_carriage_return(pdf))
    options: dict[str, Any] = {
        # The file identifier comes from the content, never from the clock.
        "pdf_identifier": hashlib.sha256("\n".join((layout.html, *layout.stylesheets)).encode()
                                         ).hexdigest()[:32].encode(),
        "finisher": lambda document, pdf: [finish(document, pdf) for finish in finishing],
    }
    if accessible:
        options["pdf_variant"] = "pdf/a-2a"
    try:
        data: bytes = layout.document.write_pdf(**options)
    except FatalURLFetchingError as error:
        raise RenderError(str(error.__cause__ or error)) from None
    if layout.fetcher.refused:
        raise RenderError(layout.fetcher.refused[0])
    data = finishers.unambiguous_xref_stream(data)
    return RenderedPdf(data, layout.pages + blank_pages,
                       missing_characters(layout.html, layout.stylesheets),
                       layout.html, runaway_text(layout.document))
