"""Page by page: which pages of an edition look different from an earlier edition, and where.

Both PDFs are drawn with PDFium at the same scale and compared pixel by pixel
with Pillow. The changed regions are the bands of rows that differ (joined
when they are close), each as wide as its changes; they are outlined on both
pictures. The document-control line (code, edition, dates) differs between
any two editions by design, so it is left out of the comparison: the text
comparison reports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Pixels per point: 1.25 draws an A4 page 744 pixels wide, sharp enough to read.
SCALE = 1.25
#: Rows of unchanged pixels that still join two changes into one region.
JOIN_ROWS = 12
MARGIN = 4  # pixels around a region's outline
HIGHLIGHT = (214, 40, 40)


@dataclass(frozen=True)
class PagePair:
    """Page `number` of the old and the new edition (None: the edition has no such page)."""

    number: int
    old: str | None  # picture file, relative to the diff page
    new: str | None
    regions: tuple[tuple[int, int, int, int], ...]  # changed boxes, in new-picture pixels
    width: int
    height: int

    @property
    def changed(self) -> bool:
        return bool(self.regions) or self.old is None or self.new is None


def compare(old_pdf: bytes, new_pdf: bytes, folder: Path, stem: str,
            masks: tuple[Iterable[str], Iterable[str]] = ((), ())) -> list[PagePair]:
    """Draw both editions' pages into `folder` as `stem`-old-<n>.png / -new-<n>.png and compare.

    `masks` are texts of the old and the new edition whose lines (to the page's
    end) are left out of the comparison.
    """
    import pypdfium2

    old_doc, new_doc = pypdfium2.PdfDocument(old_pdf), pypdfium2.PdfDocument(new_pdf)
    try:
        pairs = []
        for index in range(max(len(old_doc), len(new_doc))):
            old = _draw(old_doc, index, masks[0])
            new = _draw(new_doc, index, masks[1])
            pairs.append(_pair(index + 1, old, new, folder, stem))
        return pairs
    finally:
        old_doc.close()
        new_doc.close()


def _draw(document: Any, index: int, masks: Iterable[str]) -> tuple[Any, int | None] | None:
    """The page's picture and the row from which it is masked (None: nothing masked)."""
    if index >= len(document):
        return None
    page = document[index]
    image = page.render(scale=SCALE).to_pil().convert("RGB")
    text = page.get_textpage()
    top = None
    for mask in masks:
        searcher = text.search(mask, match_case=True)
        found = searcher.get_next()
        if found:
            start, _ = found
            box = text.get_charbox(start)
            row = int((page.get_height() - box[3]) * SCALE) - MARGIN
            top = row if top is None else min(top, row)
    return image, top


def _pair(number: int, old: tuple[Any, int | None] | None, new: tuple[Any, int | None] | None,
          folder: Path, stem: str) -> PagePair:
    from PIL import Image, ImageChops, ImageDraw

    shown = new or old
    assert shown is not None
    width, height = shown[0].size
    regions: list[tuple[int, int, int, int]] = []
    if old is not None and new is not None:
        a, b = old[0], new[0]
        if a.size != b.size:
            a = a.resize(b.size)
        difference = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 24 else 0)
        for top in (old[1], new[1]):
            if top is not None:
                difference.paste(0, (0, max(top, 0), width, height))
        regions = _regions(difference)
    names = {}
    for side, drawn in (("old", old), ("new", new)):
        if drawn is None:
            continue
        image = drawn[0].copy()
        pen = ImageDraw.Draw(image)
        for box in regions:
            pen.rectangle(box, outline=HIGHLIGHT, width=3)
        names[side] = f"{stem}-{side}-{number}.png"
        image.quantize(64, method=Image.Quantize.MEDIANCUT).save(
            folder / names[side], compress_level=6)
    return PagePair(number, names.get("old"), names.get("new"), tuple(regions), width, height)


def _regions(difference: Any) -> list[tuple[int, int, int, int]]:
    """Boxes around the changed pixels: bands of rows, joined across small gaps."""
    width, height = difference.size
    rows = [y for y in range(height)
            if difference.crop((0, y, width, y + 1)).getbbox() is not None]
    bands: list[list[int]] = []
    for y in rows:
        if bands and y - bands[-1][1] <= JOIN_ROWS:
            bands[-1][1] = y
        else:
            bands.append([y, y])
    boxes = []
    for top, bottom in bands:
        box = difference.crop((0, top, width, bottom + 1)).getbbox()
        if box is not None:
            left, _, right, _ = box
            boxes.append((max(left - MARGIN, 0), max(top - MARGIN, 0),
                          min(right + MARGIN, width - 1), min(bottom + MARGIN, height - 1)))
    return boxes
