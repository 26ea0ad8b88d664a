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
import re
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape

import pydyf

from ..paths import STYLES
from .libraries import import_weasyprint

import_weasyprint()  # before anything else imports it: without searching for its libraries

from weasyprint import HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # noqa: E402

from . import pdfstructure, printpresets, qrcode  # noqa: E402
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

    @property
    def pages(self) -> int:
        return len(self.document.pages)

    def page_of(self, anchor: str) -> int | None:
        """The 0-based page that holds the element with this id."""
        return next((number for number, page in enumerate(self.document.pages)
                     if anchor in page.anchors), None)


_THREAD = threading.local()


def _font_configuration() -> FontConfiguration:
    """The fonts the documents of this thread are typeset with, loaded once per thread.

    WeasyPrint keeps each @font-face it has loaded in its font configuration;
    the project's documents all load the same fonts, so one configuration serves
    them all (a tenth of a document's time, the same bytes). Fontconfig and Pango
    objects are not shared between threads.
    """
    if (configuration := getattr(_THREAD, "fonts", None)) is None:
        configuration = _THREAD.fonts = FontConfiguration()
    return configuration


def lay_out(html: str, images: Path | None = None, styles: Path = STYLES) -> Layout:
    """Typeset `html` into pages, loading only what the sandbox allows."""
    fetcher = ProjectFetcher(styles, images)
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
            font_config=_font_configuration())
    except FatalURLFetchingError as error:
        raise RenderError(str(error.__cause__ or error)) from None
    if fetcher.refused:
        raise RenderError(fetcher.refused[0])
    return Layout(html, document, fetcher)


def write(layout: Layout, accessible: bool = False,
          blank_pages: int = 0, blank_before: int | None = None,
          bleed_mm: float | None = None,
          viewer_preferences: tuple[tuple[str, str], ...] = (),
          identifier: str | None = None, version: str | None = None) -> RenderedPdf:
    """The PDF of a laid-out document, byte-identical for identical input.

    An `accessible` PDF is tagged and conforms to both PDF/A-2a (archival, tagged)
    and PDF/UA-1 (universal accessibility): WeasyPrint writes PDF/A-2a, and
    `_declare_pdf_ua` adds the PDF/UA-1 identification to its XMP metadata.
    `blank_pages` empty pages go before page `blank_before` (a booklet's back
    page); `bleed_mm` sets each page's BleedBox that far outside its TrimBox;
    `viewer_preferences` are PDF ViewerPreferences names and values for printing.
    `identifier` and `version` (a leaflet's code and edition) go into the XMP
    metadata as dc:identifier and xmpMM:VersionID.
    """
    finishers: list[Callable[[Any, Any], None]] = []
    if accessible:
        finishers += [_declare_pdf_ua, pdfstructure.finish]
    if identifier or version:
        finishers.append(lambda document, pdf: _identify(document, pdf, identifier, version))
    if blank_pages:
        finishers.append(lambda document, pdf: _insert_blank_pages(
            pdf, layout.pages if blank_before is None else blank_before, blank_pages))
    if bleed_mm:
        finishers.append(lambda document, pdf: _set_bleed_boxes(pdf, bleed_mm * 72 / 25.4))
    if viewer_preferences:
        finishers.append(lambda document, pdf: printpresets.ask_viewers(pdf, viewer_preferences))
    finishers.append(lambda document, pdf: _no_stream_ends_in_carriage_return(pdf))
    options: dict[str, Any] = {
        # The file identifier comes from the content, never from the clock.
        "pdf_identifier": hashlib.sha256(layout.html.encode()).hexdigest()[:32].encode(),
        "finisher": lambda document, pdf: [finish(document, pdf) for finish in finishers],
    }
    if accessible:
        options["pdf_variant"] = "pdf/a-2a"
    try:
        data: bytes = layout.document.write_pdf(**options)
    except FatalURLFetchingError as error:
        raise RenderError(str(error.__cause__ or error)) from None
    if layout.fetcher.refused:
        raise RenderError(layout.fetcher.refused[0])
    data = _unambiguous_xref_stream(data)
    return RenderedPdf(data, layout.pages + blank_pages, missing_characters(layout.html),
                       layout.html, runaway_text(layout.document))


def _unambiguous_xref_stream(data: bytes) -> bytes:
    """The PDF with its cross-reference stream's data not ending in a carriage return.

    pydyf ends a stream's data with "\nendstream"; data that ends in "\r" then
    reads as ending in a CR LF end-of-line, one byte short of its /Length, and
    PDF/A validators reject the file. The compressed cross-reference stream, the
    last object, is such data now and then (it ends in the checksum of the file
    offsets, whatever the compression level); it is then written uncompressed,
    ending in its own entry's generation number, 0. Nothing after it moves:
    `startxref` names where it starts.
    """
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    head_end = data.index(b"stream\n", start) + 7
    head = data[start:head_end]
    length = re.search(rb"/Length (\d+)", head)
    if length is None or b"/Filter /FlateDecode" not in head or b"/DecodeParms" in head:
        return data
    end = head_end + int(length.group(1))
    if not data[head_end:end].endswith(b"\r"):
        return data
    plain = zlib.decompress(data[head_end:end])
    if plain.endswith(b"\r"):
        return data
    new_head = (head[:length.start(1)] + str(len(plain)).encode() + head[length.end(1):]
                ).replace(b"/Filter /FlateDecode", b"")
    return data[:start] + new_head + plain + data[end:]


# The XMP that declares PDF/UA-1 conformance, and the extension schema that PDF/A
# requires for any property outside its predefined schemas (ISO 19005-2, 6.6.2.3).
_PDF_UA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""  # noqa: E501 (XMP, byte for byte)


def _declare_pdf_ua(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: declare PDF/UA-1 in the XMP of a PDF/A-2a file.

    The metadata stream is also left unfiltered, as PDF/A validators expect.
    """
    number = int(pdf.catalog["Metadata"].split()[0])
    stream = pdf.objects[number]
    xmp = b"".join(stream.stream)
    stream.stream = [xmp.replace(b"</rdf:RDF>", _PDF_UA_XMP + b"</rdf:RDF>", 1)]
    stream.compress = False


def _identify(document: Any, pdf: Any, identifier: str | None, version: str | None) -> None:
    """WeasyPrint finisher: the document's code and edition in its XMP metadata.

    dc:identifier and xmpMM:VersionID are in schemas PDF/A predefines, so they
    need no extension schema. A PDF without XMP (the print files) gets it here.
    """
    if "Metadata" not in pdf.catalog:
        document.metadata.include_in_pdf(pdf, "", None, None, False)
    number = int(pdf.catalog["Metadata"].split()[0])
    stream = pdf.objects[number]
    added = b""
    if identifier:
        added += (b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                  b"<dc:identifier>" + escape(identifier).encode() + b"</dc:identifier>"
                  b"</rdf:Description>\n")
    if version:
        added += (b'<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
                  b"<xmpMM:VersionID>" + escape(version).encode() + b"</xmpMM:VersionID>"
                  b"</rdf:Description>\n")
    xmp = b"".join(stream.stream)
    stream.stream = [xmp.replace(b"</rdf:RDF>", added + b"</rdf:RDF>", 1)]
    stream.compress = False


def _page_objects(pdf: Any) -> list[Any]:
    # pydyf keeps the page tree's Kids as a flat array: number, 0, "R", number, 0, "R", ...
    kids = pdf.pages["Kids"]
    return [pdf.objects[kids[index]] for index in range(0, len(kids), 3)]


def _insert_blank_pages(pdf: Any, before: int, count: int) -> None:
    """WeasyPrint finisher: `count` empty pages, sized like their neighbour, before a page."""
    pages = _page_objects(pdf)
    model = pages[min(before, len(pages) - 1)]
    for _ in range(count):
        blank = pydyf.Dictionary({
            "Type": "/Page", "Parent": pdf.pages.reference, "Resources": pydyf.Dictionary()})
        for box in ("MediaBox", "TrimBox", "BleedBox"):
            if box in model:
                blank[box] = model[box]
        contents = pydyf.Stream([])
        pdf.add_object(contents)
        blank["Contents"] = contents.reference
        pdf.add_object(blank)
        pdf.pages["Kids"][3 * before:3 * before] = [blank.number, 0, "R"]
    pdf.pages["Count"] += count


def _no_stream_ends_in_carriage_return(pdf: Any) -> None:
    """WeasyPrint finisher: recompress a stream whose compressed data ends in CR (0x0D).

    Such data is followed by the LF before `endstream`, and validators that take
    CR LF for the end-of-line marker count the stream one byte short of its
    /Length (PDF/A-2a rule 6.1.7). A slightly lower compression level ends in
    another byte.
    """
    for stream in pdf.objects:
        if not isinstance(stream, pydyf.Stream) or not stream.compress:
            continue
        written = stream.data
        data = written[written.index(b"\nstream\n") + 8:written.rindex(b"\nendstream")]
        if not data.endswith(b"\r"):
            continue
        raw = zlib.decompress(data)
        for level in range(8, 0, -1):
            if not (compressed := zlib.compress(raw, level)).endswith(b"\r"):
                break
        else:
            compressed, stream.compress = raw, False  # stored as it is
        if stream.compress:
            stream.extra["Filter"] = "/FlateDecode"
        stream.stream, stream.compress = [compressed], False


def _set_bleed_boxes(pdf: Any, bleed: float) -> None:
    """WeasyPrint finisher: each page's BleedBox `bleed` points outside its TrimBox."""
    for page in _page_objects(pdf):
        if "TrimBox" in page:
            left, top, right, bottom = (float(value) for value in page["TrimBox"])
            page["BleedBox"] = pydyf.Array(
                [left - bleed, top - bleed, right + bleed, bottom + bleed])
