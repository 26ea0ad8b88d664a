"""Stage 5: print-room post-processing of a finished PDF (pypdf).

(The print shop's bleed box and a booklet's blank pages are set while the PDF
is written, in leaflets/pdf.py: cheaper than rewriting the file.)

- `impose_saddle_stitch`: puts A5 pages two-up on A4 landscape sheets so that
  printing duplex (flip on the short edge), stacking and folding the sheets
  gives pages 1..N in order.
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject

MM = 72 / 25.4
A4_LANDSCAPE = (297 * MM, 210 * MM)


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """Page numbers (left, right) on each sheet side, front then back, sheet by sheet.

    `pages` must be a multiple of 4. For 8 pages: 8|1, 2|7, 6|3, 4|5.
    """
    if pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 2 * sheet, 2 * sheet + 1))  # front
        sides.append((2 * sheet + 2, pages - 2 * sheet - 1))  # back
    return sides


def impose_saddle_stitch(pdf: bytes, sheet: tuple[float, float] = A4_LANDSCAPE) -> bytes:
    """The pages of `pdf`, two-up on `sheet`-sized sides in saddle-stitch order.

    A document whose page count is not a multiple of 4 gets blank pages at the end.
    """
    reader = PdfReader(io.BytesIO(pdf))
    pages = list(reader.pages)
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    while len(pages) % 4:
        pages.append(PageObject.create_blank_page(width=width, height=height))
    sheet_width, sheet_height = sheet
    margin_x = (sheet_width - 2 * width) / 2
    margin_y = (sheet_height - height) / 2
    writer = PdfWriter()
    for left, right in saddle_stitch_order(len(pages)):
        side = writer.add_blank_page(width=sheet_width, height=sheet_height)
        for slot, number in enumerate((left, right)):
            page = pages[number - 1]
            origin_x, origin_y = float(page.mediabox.left), float(page.mediabox.bottom)
            side.merge_transformed_page(page, Transformation().translate(
                margin_x + slot * width - origin_x, margin_y - origin_y))
        side.compress_content_streams()
    _keep_document_data(reader, writer)
    # Every sheet got its own copy of the fonts and images; keep one of each.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    return _bytes(writer)


def parse_length_mm(length: str) -> float:
    """'3mm' -> 3.0; the lengths of formats.yaml are in millimetres."""
    if not length.endswith("mm"):
        raise ValueError(f"lengths in formats.yaml are in mm, not '{length}'")
    return float(length[:-2])


def _keep_document_data(reader: PdfReader, writer: PdfWriter) -> None:
    """Carry the title, author, language and other document data over to `writer`."""
    if reader.metadata:
        writer.add_metadata({key: value for key, value in reader.metadata.items()})
    root = reader.trailer["/Root"]
    for key in ("/Lang", "/ViewerPreferences"):
        if key in root:
            writer._root_object[NameObject(key)] = root[key]


def _bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
