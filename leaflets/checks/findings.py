"""What the editorial checks found for one edition: for the summary, the report and the manifest."""

from __future__ import annotations

from dataclasses import dataclass

from ..problems import Problem
from .readability import Readability, Verdict


@dataclass(frozen=True)
class LongSentence:
    """A sentence longer than its audience's target, as the reader reads it, whole."""

    line: int  # where it starts in the source
    words: int
    text: str


@dataclass(frozen=True)
class EditionFindings:
    leaflet_id: str
    audience: str
    title: str
    language: str
    audience_label: str  # in the leaflet's language
    readability: Readability
    verdicts: tuple[Verdict, ...]  # each figure against its target
    unknown_words: tuple[str, ...]
    spelling_checked: bool  # False: no dictionary for the language
    review: str  # the review status in words
    warnings: tuple[Problem, ...]
    review_date: str | None = None  # the leaflet's next review, ISO (see editorial.review_state)
    long_sentences: tuple[LongSentence, ...] = ()  # over the target, longest first
    # Document control: the code, the released edition this text is (None: a draft or
    # never released), and whether its text changed since the last release.
    code: str | None = None
    edition: int | None = None
    unreleased: bool = False

    @property
    def misses(self) -> tuple[str, ...]:
        """The readability targets the edition misses, in words."""
        if not self.readability.words:
            return ()
        return tuple(verdict.miss for verdict in self.verdicts if verdict.met is False)
