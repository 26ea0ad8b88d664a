"""Typesetting one edition in one format: the HTML, the contents-list decision, the PDF.

An edition longer than four pages starts with a contents list, and only
typesetting tells how long an edition is. A guess from the length of its text
and the white space its sections, paragraphs and list items bring (see
`length`, against `long_text` of the format: about four of its pages) is nearly
always right, and then one typesetting pass is enough; when it is wrong, a
second pass settles it. The guess depends on the edition alone, never on what
else was typeset before it, so the same edition always gives the same PDF, in
any process and in any order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Edition, Format
from . import html, pdf
from .impose import parse_length_mm

#: An edition longer than this gets a contents list of its questions.
CONTENTS_AFTER_PAGES = 4

#: What the white space around a part of the text takes, in characters of text:
#: a section's heading and the space above it, a paragraph's short last line and
#: the gap after it, a list item's marker and its last line. Fitted on 490
#: editions of varied leaflets; on 280 others the first guess was then right for
#: 278, against 258 with the characters alone.
SECTION_LENGTH, PARAGRAPH_LENGTH, ITEM_LENGTH = 200, 160, 90

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]", re.MULTILINE)


def length(edition: Edition) -> int:
    """How long the edition's text is to typeset, in characters (`long_text` of a format)."""
    characters = sum(len(s.heading) + len(s.body) for s in edition.sections)
    paragraphs = sum(sum(1 for block in _PARAGRAPH_BREAK.split(s.body) if block.strip())
                     for s in edition.sections)
    items = sum(len(_LIST_ITEM.findall(s.body)) for s in edition.sections)
    return (characters + SECTION_LENGTH * len(edition.sections) + PARAGRAPH_LENGTH * paragraphs
            + ITEM_LENGTH * items)


def typeset(edition: Edition, page_format: Format) -> pdf.RenderedPdf:
    """The PDF of one edition in one format, before any imposition onto sheets.

    A folded booklet gets pages for the reader's questions and notes before its
    back page, as many as make its page count a multiple of four. Each notes
    page is a page of its own between the text and the back page, so nothing on
    any other page depends on how many there are: the edition is typeset once
    with as many as it could need, and those it does not need are left out.
    """
    notes = page_format.pad_to - 1 if page_format.pad_to else 0

    stylesheets = html.stylesheets(edition, page_format)

    def lay_out(contents: bool) -> _Noted:
        return _Noted(pdf.lay_out(html.render(edition, page_format, contents=contents,
                                              notes=notes), stylesheets,
                                  images=Path(edition.images)), notes)

    contents = length(edition) > page_format.long_text
    noted = lay_out(contents)
    if contents and noted.pages - 1 <= CONTENTS_AFTER_PAGES:
        # Without the list's page it has at least one page fewer: it may fit in four.
        plain = lay_out(contents=False)
        if plain.pages <= CONTENTS_AFTER_PAGES:
            noted, contents = plain, False
    elif not contents and noted.pages > CONTENTS_AFTER_PAGES:
        noted, contents = lay_out(contents=True), True
    needed = -noted.pages % page_format.pad_to if page_format.pad_to else 0
    layout, kept = noted.with_notes(needed)
    rendered = pdf.write(
        layout, accessible=page_format.accessible,
        blank_pages=needed - kept, blank_before=layout.page_of("colophon"),
        bleed_mm=parse_length_mm(page_format.bleed_box) if page_format.bleed_box else None,
        viewer_preferences=page_format.viewer_preferences,
        identifier=edition.code, version=str(edition.edition) if edition.edition else None)
    return replace(rendered, contents=contents, notes=kept)


@dataclass(frozen=True)
class _Noted:
    """An edition laid out with `notes` notes pages (`notes-0`, ...) before its back page."""

    layout: pdf.Layout
    notes: int

    @property
    def _notes_pages(self) -> range:
        first = self.layout.page_of("notes-0") if self.notes else None
        if first is None:
            return range(0)
        return range(first, self.layout.page_of("colophon") or self.layout.pages)

    @property
    def pages(self) -> int:
        """The edition's pages without any notes pages."""
        return self.layout.pages - len(self._notes_pages)

    def with_notes(self, count: int) -> tuple[pdf.Layout, int]:
        """The layout with its first `count` notes pages, and how many it has.

        A notes page that takes more than one page (in a very large type) leaves
        no notes pages at all: blank pages then take their place.
        """
        pages = self._notes_pages
        one_each = len(pages) == self.notes and all(
            self.layout.page_of(f"notes-{number}") == pages.start + number
            for number in range(self.notes))
        kept = count if one_each else 0
        left_out = set(pages[kept:])
        if not left_out:
            return self.layout, kept
        return self.layout.without(left_out), kept
