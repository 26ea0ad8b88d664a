"""Stage 5: print-room post-processing of a finished PDF (pypdf).

(The print shop's bleed box and a booklet's blank pages are set while the PDF
is written, in leaflets/render/finishers.py: cheaper than rewriting the file.)

- `impose_saddle_stitch`: puts A5 pages two-up on A4 landscape sheets so that
  printing duplex (flip on the short edge), stacking and folding the sheets
  gives pages 1..N in order; a right-to-left booklet (Arabic) opens the other
  way, so its sheets are mirrored.
- `trimmed`: the pages of a print-shop file cut to their trim box.

Both take the pages inside their trim box (a file without bleed has it at its
media box), so a booklet can be imposed from the print-shop pages: one
typesetting for both files.
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    RectangleObject,
)

MM = 72 / 25.4
A4_LANDSCAPE = (297 * MM, 210 * MM)


def saddle_stitch_order(pages: int, right_to_left: bool = False) -> list[tuple[int, int]]:
    """Page numbers (left, right) on each sheet side, front then back, sheet by sheet.

    `pages` must be a multiple of 4. For 8 pages: 8|1, 2|7, 6|3, 4|5; right to
    left, bound on the right: 1|8, 7|2, 3|6, 5|4.
    """
    if pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 2 * sheet, 2 * sheet + 1))  # front
        sides.append((2 * sheet + 2, pages - 2 * sheet - 1))  # back
    return [(right, left) for left, right in sides] if right_to_left else sides


def impose_saddle_stitch(pdf: bytes, sheet: tuple[float, float] = A4_LANDSCAPE,
                         right_to_left: bool = False,
                         viewer_preferences: tuple[tuple[str, str], ...] = (),
                         keywords: str | None = None) -> bytes:
    """The pages of `pdf` (inside their trim box), two-up on `sheet`-sized sides, saddle-stitched.

    A document whose page count is not a multiple of 4 gets blank pages at the end.
    Each page becomes a form XObject drawn on its sheet: its content is copied,
    not parsed and merged, which keeps imposition fast. Its web, mail and
    telephone links move with it onto the sheet. `viewer_preferences`
    (PDF ViewerPreferences names and values) and `keywords` replace those of `pdf`.
    """
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    first = reader.pages[0]
    width, height = float(first.trimbox.width), float(first.trimbox.height)
    forms: list[IndirectObject | None] = [_as_form(writer, page) for page in reader.pages]
    forms += [None] * (-len(forms) % 4)  # blank pages
    sheet_width, sheet_height = sheet
    margin_x = (sheet_width - 2 * width) / 2
    margin_y = (sheet_height - height) / 2
    for left, right in saddle_stitch_order(len(forms), right_to_left):
        side = writer.add_blank_page(width=sheet_width, height=sheet_height)
        drawn, operators = DictionaryObject(), []
        for slot, number in enumerate((left, right)):
            if (form := forms[number - 1]) is None:
                continue
            name = f"/Page{number}"
            drawn[NameObject(name)] = form
            x, y = margin_x + slot * width, margin_y
            operators.append(f"q 1 0 0 1 {x:.4f} {y:.4f} cm {name} Do Q")
            _carry_links(writer, reader.pages[number - 1], side, x, y)
        side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): drawn})
        content = DecodedStreamObject()
        content.set_data("\n".join(operators).encode())
        side[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    _keep_document_data(reader, writer, viewer_preferences, keywords)
    return _bytes(writer)


def trimmed(pdf: bytes, viewer_preferences: tuple[tuple[str, str], ...] = (),
            keywords: str | None = None) -> bytes:
    """The pages of `pdf` cut to their trim box: no bleed, no crop marks."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        trim = RectangleObject(page.trimbox)
        page.mediabox = trim
        page.cropbox = trim
        page[NameObject("/BleedBox")] = trim
    _set_viewer_preferences(writer, viewer_preferences)
    if keywords is not None:
        writer.add_metadata({"/Keywords": keywords})
    return _bytes(writer)


def _as_form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """`page` as a form XObject in `writer`: what is inside its trim box, origin at its corner."""
    contents = page.get("/Contents")
    streams = contents.get_object() if contents is not None else []
    if not isinstance(streams, ArrayObject):
        streams = [streams]
    data = b"\n".join(stream.get_object().get_data() for stream in streams)
    box = page.trimbox
    form = DecodedStreamObject()
    form.set_data(data)
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): RectangleObject(box),
        NameObject("/Matrix"): ArrayObject([FloatObject(v) for v in (
            1, 0, 0, 1, -float(box.left), -float(box.bottom))]),
        NameObject("/Resources"): page["/Resources"].clone(writer)
        if "/Resources" in page else DictionaryObject(),
    })
    return writer._add_object(form.flate_encode())


def _carry_links(writer: PdfWriter, page: PageObject, side: PageObject, x: float,
                 y: float) -> None:
    """The URI links of `page` (http, mailto, tel) on `side`, where the page is drawn at x, y."""
    box = page.mediabox
    dx, dy = x - float(box.left), y - float(box.bottom)
    for annotation in page.get("/Annots", None) or []:
        link = annotation.get_object()
        action = link.get("/A")
        if link.get("/Subtype") != "/Link" or action is None or "/URI" not in action:
            continue
        left, bottom, right, top = (float(v) for v in link["/Rect"])
        moved = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): RectangleObject((left + dx, bottom + dy, right + dx, top + dy)),
            NameObject("/Border"): ArrayObject([FloatObject(0)] * 3),
            NameObject("/A"): DictionaryObject({
                NameObject("/S"): NameObject("/URI"),
                NameObject("/URI"): action["/URI"]}),
        })
        annotations = side.get("/Annots")
        if not isinstance(annotations, ArrayObject):
            annotations = side[NameObject("/Annots")] = ArrayObject()
        annotations.append(writer._add_object(moved))


def parse_length_mm(length: str) -> float:
    """'3mm' -> 3.0; the lengths of formats.yaml are in millimetres."""
    if not length.endswith("mm"):
        raise ValueError(f"lengths in formats.yaml are in mm, not '{length}'")
    return float(length[:-2])


def _keep_document_data(reader: PdfReader, writer: PdfWriter,
                        viewer_preferences: tuple[tuple[str, str], ...],
                        keywords: str | None) -> None:
    """Carry the title, author, language and other document data over to `writer`."""
    metadata = {key: value for key, value in (reader.metadata or {}).items()}
    if keywords is not None:
        metadata["/Keywords"] = keywords
    if metadata:
        writer.add_metadata(metadata)
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, DictionaryObject)
    for key in ("/Lang", "/ViewerPreferences"):
        if key in root:
            writer._root_object[NameObject(key)] = root[key].clone(writer)
    _set_viewer_preferences(writer, viewer_preferences)


def _set_viewer_preferences(writer: PdfWriter, preferences: tuple[tuple[str, str], ...]) -> None:
    """How the file asks a viewer's print dialog to start (see printpresets.py)."""
    if not preferences:
        return
    viewer = writer._root_object.get("/ViewerPreferences")
    viewer = DictionaryObject(viewer.get_object()) if viewer is not None else DictionaryObject()
    for name, value in preferences:
        viewer[NameObject(f"/{name}")] = NameObject(f"/{value}")
    writer._root_object[NameObject("/ViewerPreferences")] = viewer


def _bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
