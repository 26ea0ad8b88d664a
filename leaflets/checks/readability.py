"""Readability of an edition's own text: sentence length, long words, Flesch reading ease.

Measured on what one audience reads (its resolved headings and bodies, as plain
text), not on the YAML, which mixes audiences. Reading ease is Flesch's formula
in the adaptation for the leaflet's language: Flesch-Douma for Dutch
(206.835 - 0.93 x words per sentence - 77 x syllables per word), Amstad for
German, Kandel-Moles for French, Flesch for English. A language with no
adaptation here gets no reading ease, and a language Pyphen cannot hyphenate
(Arabic, Turkish) gets neither reading ease nor a long-word share: figures from
another language's rules would only mislead. Sentence lengths are measured in
every language.

Syllables are counted the way textstat counts them for Dutch: the hyphenation
points of Pyphen's dictionary for the language, plus one. (textstat itself is
not used: for English it downloads a dictionary at run time.) For Dutch this
undercounts words with vowel sequences ("amyotrofie": 3, not 5). On the
hand-counted passage in tests/test_readability.py it counts 55 syllables where
a person counts 57 (3.5 % fewer), which raises the Flesch-Douma score by 5
points (60.6 instead of 55.6): read the scores as a little too kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import pyphen

from .. import reading
from ..language import locale_names, primary_subtag
from ..model import ReadabilityTargets

#: A word of this many syllables or more counts as a long word (B1 guidance:
#: "lange woorden" have more than three syllables).
LONG_WORD_SYLLABLES = 4
#: (base, per word in a sentence, per syllable in a word) of each adaptation.
FLESCH = {
    "nl": (206.835, 0.93, 77.0),  # Douma
    "de": (180.0, 1.0, 58.5),  # Amstad
    "fr": (207.0, 1.015, 73.6),  # Kandel and Moles
    "en": (206.835, 1.015, 84.6),  # Flesch
}
FORMULA = {"nl": "Flesch-Douma", "de": "Amstad", "fr": "Kandel-Moles", "en": "Flesch"}


@dataclass(frozen=True)
class Readability:
    """The figures of one edition's text."""

    sentences: int
    words: int
    average_sentence_words: float
    longest_sentence_words: int
    long_word_share: float | None  # 0..1; None: syllables cannot be counted in the language
    flesch: float | None  # reading ease in the language's adaptation (Douma for Dutch), or None
    longest_sentences: tuple[str, ...]  # the worst few, longest first


@dataclass(frozen=True)
class Verdict:
    """One figure against its audience's target, decided once for the warnings and the report."""

    name: str  # as the report's table names it
    value: float | None  # None: not measured in this language
    unit: str  # "words", "%" (a share, 0..1) or ""
    target: float | None  # None: the audience has no target
    bound: str  # "at most" or "at least"
    miss: str  # the miss in words, as the warning says it
    key: str = ""  # which figure, for the report's words: average_sentence, long_words, ...

    @property
    def met(self) -> bool | None:
        """None when there is no figure to judge; True when there is no target to miss."""
        if self.value is None:
            return None
        if self.target is None:
            return True
        return self.value <= self.target if self.bound == "at most" else self.value >= self.target


def words_of(sentence: reading.Sentence | str) -> list[str]:
    """The words a sentence is measured in: numbers do not count."""
    text = sentence.text if isinstance(sentence, reading.Sentence) else sentence
    return [word for word in reading.WORD.findall(text) if any(c.isalpha() for c in word)]


def longest(sentences: Sequence[reading.Sentence], count: int) -> list[reading.Sentence]:
    """The `count` longest sentences, longest first (in reading order among equals)."""
    return sorted(sentences, key=lambda sentence: -len(words_of(sentence)))[:count]


@cache
def _hyphenator(language: str) -> pyphen.Pyphen | None:
    """Pyphen's dictionary for the language tag, or None."""
    for name in locale_names(language):
        if name in pyphen.LANGUAGES:
            return pyphen.Pyphen(lang=name)
    return None


def counts_syllables(language: str) -> bool:
    return _hyphenator(language) is not None


@lru_cache(maxsize=200_000)
def syllables(word: str, language: str) -> int:
    """Syllables of a word in a language that `counts_syllables`."""
    hyphenator = _hyphenator(language)
    if hyphenator is None:
        raise ValueError(f"no hyphenation dictionary for {language}")
    return len(hyphenator.positions(word.lower())) + 1


def flesch(words: int, sentences: int, syllable_count: int, language: str) -> float | None:
    """Reading ease in the language's adaptation of Flesch's formula, if it has one."""
    adaptation = FLESCH.get(primary_subtag(language))
    if adaptation is None:
        return None
    base, per_word, per_syllable = adaptation
    return base - per_word * words / sentences - per_syllable * syllable_count / words


def measure(text: Sequence[reading.Block], language: str, worst: int = 3) -> Readability:
    """The figures of a text (an edition's blocks) in its language."""
    found = reading.sentences(text)
    lengths = [len(words_of(sentence)) for sentence in found]
    words = [word for sentence in found for word in words_of(sentence)]
    long_word_share = reading_ease = None
    if words and counts_syllables(language):
        counts = [syllables(word, language) for word in words]
        long_word_share = round(sum(c >= LONG_WORD_SYLLABLES for c in counts) / len(words), 3)
        reading_ease = flesch(len(words), len(found), sum(counts), language)
    return Readability(
        sentences=len(found),
        words=len(words),
        average_sentence_words=round(sum(lengths) / len(found), 1) if found else 0.0,
        longest_sentence_words=max(lengths, default=0),
        long_word_share=long_word_share,
        flesch=round(reading_ease, 1) if reading_ease is not None else None,
        longest_sentences=tuple(sentence.text for sentence in longest(found, worst)),
    )


def verdicts(figures: Readability, targets: ReadabilityTargets | None,
             language: str) -> tuple[Verdict, ...]:
    """Each figure against its target, in the order a warning names the misses."""
    average, longest_words = figures.average_sentence_words, figures.longest_sentence_words
    share, ease = figures.long_word_share, figures.flesch
    most = targets.max_sentence_words if targets else None
    formula = FORMULA.get(primary_subtag(language), "Flesch")
    return (
        Verdict("Average sentence", average, "words",
                targets.max_average_sentence_words if targets else None, "at most",
                f"average sentence {average} words "
                f"(target ≤ {targets.max_average_sentence_words:g})" if targets else "",
                "average_sentence"),
        Verdict("Long words (4+ syllables)", share, "%",
                targets.max_long_word_share if targets else None, "at most",
                f"long words {share or 0:.0%} (target ≤ {targets.max_long_word_share:.0%})"
                if targets else "", "long_words"),
        Verdict(f"Reading ease ({formula})", ease, "", targets.min_flesch if targets else None,
                "at least", f"reading ease {ease:g} (target ≥ {targets.min_flesch:g})"
                if targets and ease is not None else "", "reading_ease"),
        Verdict("Longest sentence", longest_words, "words", most, "at most",
                f"longest sentence {longest_words} words (target ≤ {most})", "longest_sentence"),
    )
