"""Typesetting one edition in one format: the HTML, the contents-list decision, the PDF.

An edition longer than four pages starts with a contents list, and only
typesetting tells how long an edition is. A guess from the length of its text
(`long_text` of the format: about four of its pages) is nearly always right,
and then one typesetting pass is enough; when it is wrong, a second pass
settles it. The guess depends on the edition alone, never
on what else was typeset before it, so the same edition always gives the same
PDF, in any process and in any order.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Edition, Format
from . import html, pdf
from .impose import parse_length_mm

#: An edition longer than this gets a contents list of its questions.
CONTENTS_AFTER_PAGES = 4


def typeset(edition: Edition, page_format: Format) -> pdf.RenderedPdf:
    """The PDF of one edition in one format, before any imposition onto sheets.

    A folded booklet gets pages for the reader's questions and notes before its
    back page, as many as make its page count a multiple of four.
    """
    def lay_out(contents: bool, notes: int = 0) -> pdf.Layout:
        return pdf.lay_out(html.render(edition, page_format, contents=contents, notes=notes),
                           images=Path(edition.images))

    characters = sum(len(s.heading) + len(s.body) for s in edition.sections)
    contents = characters > page_format.long_text
    layout = lay_out(contents)
    if contents and layout.pages - 1 <= CONTENTS_AFTER_PAGES:
        # Without the list's page it has at least one page fewer: it may fit in four.
        plain = lay_out(contents=False)
        if plain.pages <= CONTENTS_AFTER_PAGES:
            layout, contents = plain, False
    elif not contents and layout.pages > CONTENTS_AFTER_PAGES:
        layout, contents = lay_out(contents=True), True
    blank_pages = -layout.pages % page_format.pad_to if page_format.pad_to else 0
    if blank_pages:
        # Each notes page is one page: laid out with them, the count comes right.
        noted = lay_out(contents, notes=blank_pages)
        if noted.pages == layout.pages + blank_pages:
            layout, blank_pages = noted, 0
    return pdf.write(
        layout, accessible=page_format.accessible,
        blank_pages=blank_pages, blank_before=layout.page_of("colophon"),
        bleed_mm=parse_length_mm(page_format.bleed_box) if page_format.bleed_box else None,
        viewer_preferences=page_format.viewer_preferences,
        identifier=edition.code, version=str(edition.edition) if edition.edition else None)
