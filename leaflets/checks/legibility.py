"""Legibility measured in a finished PDF: type sizes, line length and text contrast.

Pure functions over PDF bytes, read with PDFium (pypdfium2), the engine of
Chrome's viewer, so the figures are what a reader's viewer draws, whatever
stylesheet or tool made the file:

- the size of every letter in points, as printed (font size times the text and
  page transformations, so an imposed or scaled page is measured as it prints);
- the length of the full lines of reading text, in characters (spaces count);
- the contrast of every run of text against the colour painted beneath it,
  by the WCAG 2 formula: the text colour from the PDF's colour operators, the
  colour beneath it from the rendered page, as the most common colour in the
  run's box (letters cover far less than half of it).
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

#: Leader dots of a contents list (". . . ."), which are not reading text.
_LEADER = re.compile(r"(?:\. ?){5,}")
#: A line this much shorter than the longest on its page ends a paragraph or is
#: a heading: it says nothing about the measure.
FULL_LINE = 0.85
#: Rendering scale for the colour beneath the text (1 = 72 dots per inch).
_SCALE = 2


@dataclass(frozen=True)
class Glyph:
    """One printed character: its letter, size in points, box and fill colour."""

    char: str
    size: float
    left: float
    bottom: float
    right: float
    top: float
    fill: tuple[int, int, int]


@dataclass(frozen=True)
class Run:
    """Characters of one line in one colour, with the colour painted beneath them."""

    page: int  # 0-based
    text: str
    fill: tuple[int, int, int]
    background: tuple[int, int, int]

    @property
    def contrast(self) -> float:
        return contrast_ratio(self.fill, self.background)


def pages(data: bytes) -> list[list[list[Glyph]]]:
    """The lines of every page, each a list of glyphs, in the order PDFium reads them."""
    document = pypdfium2.PdfDocument(data)
    try:
        return [_lines(document[number]) for number in range(len(document))]
    finally:
        document.close()


def _lines(page: Any) -> list[list[Glyph]]:
    text = page.get_textpage()
    lines: list[list[Glyph]] = [[]]
    baseline = None
    for index in range(text.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(text.raw, index))
        if char in "\r\n":
            if lines[-1]:
                lines.append([])
            baseline = None
            continue
        if pdfium_c.FPDFText_IsGenerated(text.raw, index) == 1:
            if lines[-1] and char == " ":
                lines[-1].append(_space_after(lines[-1][-1]))
            continue
        glyph = _glyph(text, index, char)
        origin = _origin(text, index)
        if baseline is not None and lines[-1] and abs(origin - baseline) > glyph.size / 2:
            lines.append([])
        baseline = origin
        lines[-1].append(glyph)
    return [line for line in lines if line]


def _glyph(text: Any, index: int, char: str) -> Glyph:
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(text.raw, index, matrix)
    scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
    size = pdfium_c.FPDFText_GetFontSize(text.raw, index) * scale
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium_c.FPDFText_GetCharBox(text.raw, index, left, right, bottom, top)
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFText_GetFillColor(text.raw, index, red, green, blue, alpha)
    return Glyph(char, round(size, 2), left.value, bottom.value, right.value, top.value,
                 (red.value, green.value, blue.value))


def _origin(text: Any, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(text.raw, index, x, y)
    return float(y.value)


def _space_after(glyph: Glyph) -> Glyph:
    return Glyph(" ", glyph.size, glyph.right, glyph.bottom, glyph.right, glyph.top, glyph.fill)


def _printed(lines: list[list[Glyph]]) -> list[Glyph]:
    return [glyph for line in lines for glyph in line if not glyph.char.isspace()]


def sizes(data: bytes) -> Counter[float]:
    """How many letters the PDF prints at each size (points, to 0.1 pt)."""
    return Counter(round(glyph.size, 1) for page in pages(data) for glyph in _printed(page))


def body_size(counts: Counter[float]) -> float:
    """The size most letters are printed at: the reading text's."""
    return counts.most_common(1)[0][0]


def line_lengths(data: bytes) -> list[int]:
    """Characters in each full line of reading text, page by page.

    Reading text is what is printed at the body size, without contents-list
    lines (their dot leaders); a full line reaches at least 85 % of the widest
    such line on its page, so last lines of paragraphs and short list items,
    which say nothing about the measure, are left out.
    """
    every_page = pages(data)
    body = body_size(Counter(round(g.size, 1) for page in every_page for g in _printed(page)))
    lengths = []
    for lines in every_page:
        reading = [line for line in lines
                   if all(round(g.size, 1) == body for g in line if not g.char.isspace())
                   and not _LEADER.search(_text(line))]
        if not reading:
            continue
        widest = max(_width(line) for line in reading)
        lengths += [len(_text(line).strip()) for line in reading
                    if _width(line) >= FULL_LINE * widest]
    return lengths


def average_line_length(data: bytes) -> float:
    """The mean number of characters in a full line of reading text."""
    lengths = line_lengths(data)
    return sum(lengths) / len(lengths) if lengths else 0.0


def _text(line: list[Glyph]) -> str:
    return "".join(glyph.char for glyph in line)


def _width(line: list[Glyph]) -> float:
    return max(g.right for g in line) - min(g.left for g in line)


def text_runs(data: bytes) -> list[Run]:
    """Every run of same-coloured text with the colour painted beneath it."""
    document = pypdfium2.PdfDocument(data)
    runs = []
    try:
        for number, lines in enumerate(pages(data)):
            page = document[number]
            image = page.render(scale=_SCALE).to_pil().convert("RGB")
            left, _, _, top = page.get_cropbox()
            for line in lines:
                for run in _same_colour(line):
                    box = (
                        int((min(g.left for g in run) - left) * _SCALE),
                        int((top - max(g.top for g in run)) * _SCALE),
                        math.ceil((max(g.right for g in run) - left) * _SCALE),
                        math.ceil((top - min(g.bottom for g in run)) * _SCALE))
                    runs.append(Run(number, _text(run), run[0].fill,
                                    _beneath(image, box, run[0].fill)))
    finally:
        document.close()
    return runs


def _same_colour(line: list[Glyph]) -> list[list[Glyph]]:
    runs: list[list[Glyph]] = []
    for glyph in line:
        if glyph.char.isspace():
            continue
        if runs and runs[-1][-1].fill == glyph.fill:
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    return runs


def _beneath(image: Any, box: tuple[int, int, int, int],
             fill: tuple[int, int, int]) -> tuple[int, int, int]:
    """The colour the text in `box` sits on: the most common colour of the rendered
    page around and between its letters, leaving out the letters' own colour."""
    left, top, right, bottom = box
    margin = max(2, (bottom - top) // 4)
    crop = image.crop((left - margin, top - margin, right + margin, bottom + margin))
    colours = crop.getcolors(maxcolors=crop.width * crop.height + 1)
    around = [(count, colour) for count, colour in colours  # RGB, as rendered
              if sum(abs(a - b) for a, b in zip(colour, fill, strict=True)) > 48]
    _, colour = max(around or colours)
    return (int(colour[0]), int(colour[1]), int(colour[2]))


def relative_luminance(colour: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(c) for c in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def points(length: str) -> float:
    """A CSS length from formats.yaml in points: '12pt' -> 12.0, '4.2mm' -> 11.9."""
    for unit, factor in (("pt", 1.0), ("mm", 72 / 25.4), ("px", 0.75)):
        if length.endswith(unit):
            return float(length[:-len(unit)]) * factor
    raise ValueError(f"a type size in pt, mm or px, not '{length}'")
