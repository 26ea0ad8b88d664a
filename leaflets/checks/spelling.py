"""Spelling: every word of an edition against a Hunspell dictionary and the project word list.

The dictionary for the leaflet's language comes from `dictionaries.py` (Hunspell
and its dictionaries, from pinned Python packages). Medical terms the dictionary
does not know go in `sources/wordlist.txt`, one per line. E-mail and web
addresses are not words, and are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .. import reading
from ..source.entries import read_file
from .dictionaries import Dictionary

WORDLIST = "wordlist.txt"


def wordlist(sources: Path) -> frozenset[str]:
    """The project's own words (lower case); lines starting with # are comments."""
    try:  # a word list that is no file or no UTF-8 is reported by the build's planning
        lines = read_file(sources / WORDLIST).decode("utf-8", "replace").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip().casefold() for line in lines
                     if line.strip() and not line.lstrip().startswith("#"))


def words(text: Iterable[reading.Block]) -> list[reading.Word]:
    """Every word of the text to spell: the reader's words outside e-mail and web addresses."""
    return reading.words(text, addresses=False)


def unknown(word: str, known: Dictionary, own: frozenset[str]) -> bool:
    """Whether `word` is neither in the dictionary nor in the project's word list."""
    return _unknown(word, id(known), known, own)


@lru_cache(maxsize=200_000)
def _unknown(word: str, dictionary_id: int, known: Dictionary, own: frozenset[str]) -> bool:
    # A catalogue repeats its words: each is looked up once.
    plain = word.replace("’", "'")
    if (any(ch.isdigit() for ch in word) or plain.casefold() in own
            or re.fullmatch(r"[A-Z]{2,}(?:'s)?", plain)):  # numbers, codes, abbreviations
        return False
    if _known(plain, known):
        return False
    parts = re.split(r"[-']", plain)
    return not (len(parts) > 1 and all(
        part.casefold() in own or _known(part, known) or part.lower() == "s"
        for part in parts if part))


def _known(word: str, known: Dictionary) -> bool:
    """In the dictionary as written or in lower case (looked up once when they are the same)."""
    return known.lookup(word) or (word != word.lower() and known.lookup(word.lower()))
