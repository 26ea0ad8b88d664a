"""Word by word: what an edition's text says now that it did not say in an earlier edition.

Each edition is read as the reader reads it, one paragraph at a time (the
title, every heading, paragraph and list item, the links, references, author,
date and the difficult words); paragraphs are matched first, then the words of
each changed paragraph.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .. import markdown
from ..model import Edition

WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the comparison: its state and its parts, each (op, text).

    `state` is "same", "changed", "added" or "removed"; an op is "same", "ins"
    or "del".
    """

    state: str
    parts: tuple[tuple[str, str], ...]

    @property
    def changed(self) -> bool:
        return self.state != "same"


def paragraphs(edition: Edition) -> list[str]:
    """The edition's text, one string per paragraph, in reading order."""
    found = [edition.title, *([edition.subtitle] if edition.subtitle else [])]
    for section in edition.sections:
        found += [section.heading, *markdown.blocks(section.body)]
    found += [f"{term}: {explanation}" for term, explanation in edition.glossary]
    found += [f"{link.url} {link.title}" for link in edition.links]
    found += list(edition.references)
    if edition.author:
        found.append(f"{edition.labels.author}: {edition.author}")
    if edition.updated:
        found.append(f"{edition.labels.updated}: {edition.updated.isoformat()}")
    if edition.review:
        words = edition.labels.control
        found.append(f"{words.review_by if words else 'review'}: {edition.review.isoformat()}")
    return [" ".join(text.split()) for text in found if text.strip()]


def compare(old: list[str], new: list[str]) -> list[Paragraph]:
    """The paragraphs of `new`, with those of `old` it no longer has, marked word by word."""
    result: list[Paragraph] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            result += [Paragraph("same", (("same", text),)) for text in new[b1:b2]]
            continue
        pairs = min(a2 - a1, b2 - b1) if op == "replace" else 0
        for index in range(pairs):
            result.append(Paragraph("changed", words(old[a1 + index], new[b1 + index])))
        result += [Paragraph("removed", (("del", text),)) for text in old[a1 + pairs:a2]]
        result += [Paragraph("added", (("ins", text),)) for text in new[b1 + pairs:b2]]
    return result


def words(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The words of `new` and those of `old` it dropped, each marked same, ins or del."""
    before, after = WORDS.findall(old), WORDS.findall(new)
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(after[b1:b2])))
            continue
        if a2 > a1:
            parts.append(("del", "".join(before[a1:a2])))
        if b2 > b1:
            parts.append(("ins", "".join(after[b1:b2])))
    return tuple(_tidy(parts))


def _tidy(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Spaces between two changes belong to them: one deletion and one insertion, not several."""
    tidy: list[tuple[str, str]] = []
    for op, text in parts:
        if tidy and tidy[-1][0] == op:
            tidy[-1] = (op, tidy[-1][1] + text)
        else:
            tidy.append((op, text))
    return tidy
