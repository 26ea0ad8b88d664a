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

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pyphen

from .. import markdown, profiles
from ..model import Edition

#: A word of this many syllables or more counts as a long word (B1 guidance:
#: "lange woorden" have more than three syllables).
LONG_WORD_SYLLABLES = 4
WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\s])")
#: (base, per word in a sentence, per syllable in a word) of each adaptation.
FLESCH = {
    "nl": (206.835, 0.93, 77.0),  # Douma
    "de": (180.0, 1.0, 58.5),  # Amstad
    "fr": (207.0, 1.015, 73.6),  # Kandel and Moles
    "en": (206.835, 1.015, 84.6),  # Flesch
}


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


def sentences(edition: Edition) -> list[str]:
    """Every sentence the edition's reader reads: headings count as sentences."""
    found = []
    for section in edition.sections:
        for block in [section.heading, *markdown.blocks(section.body)]:
            found.extend(part.strip() for part in SENTENCE_END.split(block) if WORD.search(part))
    return found


@cache
def _hyphenator(language: str) -> pyphen.Pyphen | None:
    """Pyphen's dictionary for the language tag, or None."""
    for name in profiles.locale_names(language):
        if name in pyphen.LANGUAGES:
            return pyphen.Pyphen(lang=name)
    return None


def counts_syllables(language: str) -> bool:
    return _hyphenator(language) is not None


@lru_cache(maxsize=200_000)
def syllables(word: str, language: str) -> int:
    """Syllables of a word in a language that `counts_syllables`."""
    return len(_hyphenator(language).positions(word.lower())) + 1


def flesch(words: int, sentences: int, syllable_count: int, language: str) -> float | None:
    """Reading ease in the language's adaptation of Flesch's formula, if it has one."""
    adaptation = FLESCH.get(profiles.primary_subtag(language))
    if adaptation is None:
        return None
    base, per_word, per_syllable = adaptation
    return base - per_word * words / sentences - per_syllable * syllable_count / words


def measure(edition: Edition, worst: int = 3) -> Readability:
    found = sentences(edition)
    lengths = [len(WORD.findall(sentence)) for sentence in found]
    words = [word for sentence in found for word in WORD.findall(sentence)]
    long_word_share = reading_ease = None
    if words and counts_syllables(edition.language):
        counts = [syllables(word, edition.language) for word in words]
        long_word_share = round(sum(c >= LONG_WORD_SYLLABLES for c in counts) / len(words), 3)
        reading_ease = flesch(len(words), len(found), sum(counts), edition.language)
    return Readability(
        sentences=len(found),
        words=len(words),
        average_sentence_words=round(sum(lengths) / len(found), 1) if found else 0.0,
        longest_sentence_words=max(lengths, default=0),
        long_word_share=long_word_share,
        flesch=round(reading_ease, 1) if reading_ease is not None else None,
        longest_sentences=tuple(s for _, s in sorted(
            zip(lengths, found), key=lambda pair: -pair[0])[:worst]),
    )
