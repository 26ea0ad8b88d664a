"""Text that runs off the page: what even breaking words anywhere could not keep on it.

The styles break a word or address that is longer than the line
(`overflow-wrap`); what still reaches past the paper's edge (text that may not
break, such as a telephone number kept on one line) is found in the laid-out
boxes, so that the build can say where it is instead of printing half of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from weasyprint.formatting_structure import boxes

#: How far (CSS px) text may reach past the page's edge: a glyph's side bearing.
TOLERANCE = 0.5
SHOWN = 40  # characters of a runaway text quoted in a message


def runaway_text(document: Any) -> tuple[str, ...]:
    """The texts of a laid-out `weasyprint.Document` that reach past their page's edge."""
    found: dict[str, None] = {}
    for page in document.pages:
        page_box = page._page_box  # WeasyPrint has no public box tree
        width = page_box.margin_width()
        for box in _printed(page_box):
            if (isinstance(box, boxes.TextBox) and box.text.strip()
                    and (box.position_x < -TOLERANCE
                         or box.position_x + box.width > width + TOLERANCE)):
                found[box.text.strip()] = None
    return tuple(found)


def _printed(box: Any) -> Iterator[Any]:
    """A box and its descendants, except those an `overflow: hidden` box cuts off."""
    yield box
    if box.style["overflow"] == "hidden":  # cut to its box on purpose (the footer's title)
        return
    for child in getattr(box, "children", ()):
        yield from _printed(child)
