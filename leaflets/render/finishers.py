"""What a PDF gets after WeasyPrint lays it out and before pydyf writes it, and after.

WeasyPrint calls a "finisher" with the document and the pydyf PDF just before
writing it: these add PDF/UA-1 conformance, the leaflet's code and edition,
blank pages, bleed boxes, and keep every stream's data from ending in a
carriage return (which validators misread). `unambiguous_xref_stream` mends
the written bytes.
"""

from __future__ import annotations

import re
import zlib
from typing import Any
from xml.sax.saxutils import escape

import pydyf


def unambiguous_xref_stream(data: bytes) -> bytes:
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


def declare_pdf_ua(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: declare PDF/UA-1 in the XMP of a PDF/A-2a file.

    The metadata stream is also left unfiltered, as PDF/A validators expect.
    """
    number = int(pdf.catalog["Metadata"].split()[0])
    stream = pdf.objects[number]
    xmp = b"".join(stream.stream)
    stream.stream = [xmp.replace(b"</rdf:RDF>", _PDF_UA_XMP + b"</rdf:RDF>", 1)]
    stream.compress = False


def identify(document: Any, pdf: Any, identifier: str | None, version: str | None) -> None:
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


def insert_blank_pages(pdf: Any, before: int, count: int) -> None:
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


def no_stream_ends_in_carriage_return(pdf: Any) -> None:
    """WeasyPrint finisher: compress every stream now, none ending in a carriage return (0x0D).

    Such data is followed by the LF before `endstream`, and validators that take
    CR LF for the end-of-line marker count the stream one byte short of its
    /Length (PDF/A-2a rule 6.1.7). A slightly lower compression level ends in
    another byte. Each stream is compressed once, here, as pydyf would (level 9),
    and written as it is.
    """
    for stream in pdf.objects:
        if not isinstance(stream, pydyf.Stream) or not stream.compress:
            continue
        raw = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
        for level in range(9, 0, -1):
            if not (compressed := zlib.compress(raw, level)).endswith(b"\r"):
                stream.extra["Filter"] = "/FlateDecode"
                break
        else:
            compressed = raw  # stored as it is
        stream.stream, stream.compress = [compressed], False


def set_bleed_boxes(pdf: Any, bleed: float) -> None:
    """WeasyPrint finisher: each page's BleedBox `bleed` points outside its TrimBox."""
    for page in _page_objects(pdf):
        if "TrimBox" in page:
            left, top, right, bottom = (float(value) for value in page["TrimBox"])
            page["BleedBox"] = pydyf.Array(
                [left - bleed, top - bleed, right + bleed, bottom + bleed])
