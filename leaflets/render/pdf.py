"""Stage 4: HTML -> PDF with WeasyPrint, in the renderer's sandbox (sandbox.py).

`lay_out` typesets a document with the project's stylesheets, parsed once per
process (stylesheets.py); `write` writes a laid-out document, byte-identical
for identical input, with the finishers that make it conform (finishers.py,
pdfstructure.py, printpresets.py).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..paths import STYLES
from .libraries import import_weasyprint

import_weasyprint()  # before anything else imports it: without searching for its libraries

from weasyprint import HTML  # noqa: E402
from weasyprint.urls import FatalURLFetchingError  # noqa: E402

from . import finishers, pdfstructure, printpresets  # noqa: E402
from . import stylesheets as parsed  # noqa: E402
from .fonts import missing_characters  # noqa: E402
from .overflow import runaway_text  # noqa: E402
from .sandbox import BASE_URL, ProjectFetcher, RenderError  # noqa: E402

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
    per process and thread (stylesheets.py).
    """
    fetcher = ProjectFetcher(styles, images)
    fonts, sheets, counters = parsed.get(stylesheets, styles)
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
            font_config=fonts, counter_style=counters, stylesheets=sheets)
    except FatalURLFetchingError as error:
        raise RenderError(str(error.__cause__ or error)) from None
    if fetcher.refused:
        raise RenderError(fetcher.refused[0])
    return Layout(html, document, fetcher, stylesheets)


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
