"""Spelling: every word of an edition against a Hunspell dictionary and the project word list.

The dictionary is the system's Hunspell dictionary for the leaflet's language
(Debian's hunspell-nl for Dutch), read by spylls. Medical terms the dictionary
does not know go in `sources/wordlist.txt`, one per line.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spylls.hunspell import Dictionary

from . import markdown
from .model import Edition

DICTIONARY_FOLDERS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
WORDLIST = "wordlist.txt"
WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")


@cache
def dictionary(language: str) -> Dictionary | None:
    """The Hunspell dictionary for a language tag (nl-BE: nl_BE, then nl), if installed."""
    from spylls.hunspell import Dictionary  # slow to import: only when a text is checked

    parts = language.replace("_", "-").split("-")
    names = [f"{parts[0].lower()}_{parts[1].upper()}"] if len(parts) > 1 else []
    names += [parts[0].lower(), f"{parts[0].lower()}_{parts[0].upper()}"]
    for folder in DICTIONARY_FOLDERS:
        for name in names:
            if (folder / f"{name}.dic").exists() and (folder / f"{name}.aff").exists():
                return Dictionary.from_files(str(folder / name))
    return None


def wordlist(sources: Path) -> frozenset[str]:
    """The project's own words (lower case); lines starting with # are comments."""
    path = sources / WORDLIST
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines
                     if line.strip() and not line.lstrip().startswith("#"))


def words(edition: Edition) -> list[tuple[int, str]]:
    """(section index, word) for every word the edition's reader reads."""
    found = []
    for index, section in enumerate(edition.sections):
        for block in [section.heading, *markdown.blocks(section.body)]:
            found.extend((index, word) for word in WORD.findall(block))
    return found


def unknown(word: str, known: Dictionary, own: frozenset[str]) -> bool:
    """Whether `word` is neither in the dictionary nor in the project's word list."""
    return _unknown(word, id(known), known, own)


@lru_cache(maxsize=200_000)
def _unknown(word: str, dictionary_id: int, known: Dictionary, own: frozenset[str]) -> bool:
    # Hunspell lookups are slow in pure Python; a catalogue repeats its words.
    plain = word.replace("’", "'")
    if (any(ch.isdigit() for ch in word) or plain.casefold() in own
            or re.fullmatch(r"[A-Z]{2,}(?:'s)?", plain)):  # numbers, codes, abbreviations
        return False
    if known.lookup(plain) or known.lookup(plain.lower()):
        return False
    parts = re.split(r"[-']", plain)
    return not (len(parts) > 1 and all(
        part.casefold() in own or known.lookup(part) or known.lookup(part.lower())
        or part.lower() == "s" for part in parts if part))
