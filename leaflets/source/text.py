"""A source file in memory, and the one service that finds where a text is written in it.

The file is read once (`source/yamlfile.py`); everything after works on this
copy: the loader places Markdown problems, the editorial checks place words and
sentences, the build places characters the fonts lack. Finding a word is a look-up
in an index built once per file, so placing every word of a large file takes
time in proportion to the file, not to the file times its words.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from ..reading import WORD


@dataclass(frozen=True, order=True)
class Position:
    """Where something is written: 1-based line and column in a file."""

    line: int
    column: int


START = Position(1, 1)


@dataclass(frozen=True)
class SourceText:
    """The decoded text of one source file, named as messages name it."""

    name: str
    text: str

    @cached_property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.splitlines())

    @cached_property
    def _line_starts(self) -> list[int]:
        starts, offset = [], 0
        for line in self.text.splitlines(keepends=True):
            starts.append(offset)
            offset += len(line)
        return starts or [0]

    @cached_property
    def _words(self) -> dict[str, list[int]]:
        """Where each word is written: its offsets, in order (one pass over the file)."""
        index: dict[str, list[int]] = {}
        for match in WORD.finditer(self.text):
            index.setdefault(match.group(), []).append(match.start())
        return index

    def position(self, offset: int) -> Position:
        """The line and column of a character offset in the text."""
        line = bisect.bisect_right(self._line_starts, offset)
        return Position(line, offset - self._line_starts[line - 1] + 1)

    def offset(self, position: Position) -> int:
        starts = self._line_starts
        return starts[min(position.line, len(starts)) - 1] + position.column - 1

    def line(self, number: int) -> str:
        """Line `number` (1-based), or "" past the end."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def find(self, fragment: str, start: Position, last_line: int | None = None) -> Position | None:
        """Where `fragment` is first written at or after `start`, up to `last_line`."""
        column = start.column - 1
        for number in range(start.line, min(last_line or len(self.lines), len(self.lines)) + 1):
            if (found := self.line(number).find(fragment, column)) >= 0:
                return Position(number, found + 1)
            column = 0
        return None

    def place_word(self, word: str, start: Position) -> Position:
        """Where `word` is first written as a whole word at or after `start` (else `start`)."""
        offsets = self._words.get(word, [])
        index = bisect.bisect_left(offsets, self.offset(start))
        return self.position(offsets[index]) if index < len(offsets) else start

    def place_character(self, character: str) -> Position | None:
        """Where `character` is first written in the file, if it is."""
        offset = self.text.find(character)
        return self.position(offset) if offset >= 0 else None
