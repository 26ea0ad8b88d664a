"""What a reader reads: an edition's text as blocks, sentences and words.

One model of the text, used wherever the text is measured or searched: the
readability figures count its sentences and words, the spelling check looks up
its words, the glossary finds its terms in it, and the source service
(`source/text.py`) finds a word's place with the same word pattern. A block is
one heading, paragraph or list item, as plain text (the Markdown subset's
markup removed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

from . import markdown

#: A word: letters and digits, with hyphens or apostrophes inside ("schouder-pijn", "CRP's").
WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
#: E-mail addresses, web addresses and bare domain names (thuisarts.nl): read, but not
#: words a dictionary knows, so the spelling check passes over them.
ADDRESS = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+|(?:[^\W_][\w-]*\.)+[a-z]{2,}\b(?:/\S*)?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\s])")


class Written(Protocol):
    """A section as one audience reads it (an `EditionSection`)."""

    @property
    def heading(self) -> str: ...

    @property
    def body(self) -> str: ...  # Markdown


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or list item of section number `section` (0-based)."""

    section: int
    part: Literal["heading", "body"]
    text: str


@dataclass(frozen=True)
class Sentence:
    block: Block
    text: str

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


@dataclass(frozen=True)
class Word:
    block: Block
    text: str

    @property
    def is_number(self) -> bool:
        """Digits only ("2008", "3"): spelt and measured as numbers, not as words."""
        return not any(character.isalpha() for character in self.text)


def blocks(sections: Iterable[Written]) -> tuple[Block, ...]:
    """Every block the reader reads, in reading order: each heading, then its body."""
    found: list[Block] = []
    for index, section in enumerate(sections):
        found.append(Block(index, "heading", " ".join(section.heading.split())))
        found.extend(Block(index, "body", text) for text in markdown.blocks(section.body))
    return tuple(found)


def sentences(text: Iterable[Block]) -> list[Sentence]:
    """Every sentence: a block split after '.', '!' or '?'; a heading is a sentence too."""
    return [Sentence(block, part.strip()) for block in text
            for part in SENTENCE_END.split(block.text) if WORD.search(part)]


def words(text: Iterable[Block], addresses: bool = True) -> list[Word]:
    """Every word, in reading order; with `addresses` False, none in an e-mail or web address."""
    return [Word(block, word) for block in text
            for word in WORD.findall(block.text if addresses else ADDRESS.sub(" ", block.text))]


def uses_term(text: Iterable[Block], term: str) -> bool:
    """Whether `term` is in the text as a whole word or words, in any case."""
    pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
    return any(pattern.search(block.text) for block in text)
