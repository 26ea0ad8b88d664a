"""Spelling: every word of an edition against a Hunspell dictionary and the project word list.

The dictionary is the system's Hunspell dictionary for the leaflet's language
(Debian's hunspell-nl for Dutch). It is read by the system's Hunspell library
(Debian's libhunspell, through ctypes) and, where that library is missing, by
spylls, its pure-Python port: both give the same verdicts, but spylls needs
about 1.5 s to read the Dutch dictionary where Hunspell needs 0.05 s, which a
build pays once. Medical terms the dictionary does not know go in
`sources/wordlist.txt`, one per line.
"""

from __future__ import annotations

import codecs
import ctypes
import ctypes.util
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Protocol

from .. import reading
from ..language import locale_names
from ..model import Edition

DICTIONARY_FOLDERS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
WORDLIST = "wordlist.txt"
HUNSPELL_LIBRARIES = ("hunspell-1.7", "hunspell")


class Dictionary(Protocol):
    def lookup(self, word: str) -> bool:
        """Whether the dictionary accepts the word as written."""

    def __hash__(self) -> int: ...  # kept in a cache of verdicts


class Hunspell:
    """A dictionary read by the Hunspell library itself (kept for the life of the process)."""

    def __init__(self, library: ctypes.CDLL, path: Path) -> None:
        self._library = library
        self._handle = library.Hunspell_create(bytes(path.with_suffix(".aff")),
                                               bytes(path.with_suffix(".dic")))
        # Hunspell names encodings its own way ("ISO8859-1", "microsoft-cp1251").
        name = library.Hunspell_get_dic_encoding(self._handle).decode("ascii", "replace")
        try:
            self._encoding = codecs.lookup(name.removeprefix("microsoft-")).name
        except LookupError:
            self._encoding = "utf-8"

    def lookup(self, word: str) -> bool:
        try:
            encoded = word.encode(self._encoding)
        except UnicodeEncodeError:  # a letter the dictionary's alphabet lacks
            return False
        return bool(self._library.Hunspell_spell(self._handle, encoded))


@cache
def hunspell_library() -> ctypes.CDLL | None:
    """The system's Hunspell library, or None if it is not installed."""
    for name in HUNSPELL_LIBRARIES:
        found = ctypes.util.find_library(name)
        if found is None:
            continue
        try:
            library = ctypes.CDLL(found)
        except OSError:
            continue
        library.Hunspell_create.restype = ctypes.c_void_p
        library.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        library.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        library.Hunspell_get_dic_encoding.restype = ctypes.c_char_p
        library.Hunspell_get_dic_encoding.argtypes = [ctypes.c_void_p]
        return library
    return None


def dictionary_path(language: str) -> Path | None:
    """The installed Hunspell dictionary for a language tag, without its suffix, or None."""
    for folder in DICTIONARY_FOLDERS:
        for name in locale_names(language):
            if (folder / f"{name}.dic").exists() and (folder / f"{name}.aff").exists():
                return folder / name
    return None


@cache
def dictionary(language: str, use_hunspell: bool = True) -> Dictionary | None:
    """The Hunspell dictionary for a language tag, if installed."""
    path = dictionary_path(language)
    if path is None:
        return None
    library = hunspell_library() if use_hunspell else None
    if library is not None:
        return Hunspell(library, path)
    from spylls.hunspell import Dictionary as Spylls  # slow to import: only when needed

    spylls: Dictionary = Spylls.from_files(str(path))
    return spylls


def wordlist(sources: Path) -> frozenset[str]:
    """The project's own words (lower case); lines starting with # are comments."""
    path = sources / WORDLIST
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines
                     if line.strip() and not line.lstrip().startswith("#"))


def words(edition: Edition) -> list[reading.Word]:
    """Every word the edition's reader reads, with the block it is in."""
    return reading.words(reading.blocks(edition.sections))


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
