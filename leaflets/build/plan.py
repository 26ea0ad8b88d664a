"""Reading and checking a sources folder: the one planning loop that `build` and `lint` share.

For each leaflet file, in a stable order: its content key, then either what
the caller can reuse for that key (the build's manifest) or the leaflet read,
validated and checked. The glossary is read first, because every edition may
use it; the terms no leaflet uses, and the misspellings in the terms the
leaflets use, are reported at the end.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..checks import control, editorial
from ..checks.findings import EditionFindings
from ..checks.spelling import WORDLIST
from ..model import Edition, Glossary, Leaflet, Shared
from ..problems import LeafletError, Problem, problem
from ..resolve import resolve
from ..source import archive, yamlfile
from ..source import leaflet as leaflet_file
from ..source.catalogue import display, find_sources
from ..source.entries import read_file
from ..source.glossary import FILE as GLOSSARY
from ..source.glossary import load_glossary
from ..source.shared import read_shared
from ..source.siteconfig import load_site_url
from .limits import CHECK_SECONDS, TimeLimitExceeded, time_limit
from .manifest import Keys

#: What `reuse` is given to compute a leaflet's key from what it used last time.
KeyFor = Callable[[Iterable[str]], str]

Kept = TypeVar("Kept")  # what the caller keeps for an unchanged leaflet


@dataclass(frozen=True)
class Checked:
    """A leaflet read and checked: its findings, or the errors that stop it."""

    name: str  # the file, as messages name it
    key: str  # the content key of its PDFs
    leaflet: Leaflet | None  # None: it has errors
    findings: tuple[EditionFindings, ...] = ()
    warnings: tuple[Problem, ...] = ()  # from reading it and from the editorial checks
    errors: tuple[Problem, ...] = ()
    terms: frozenset[str] = frozenset()  # the glossary terms its editions use
    #: The audiences whose text is not that of the last released edition (drafts).
    changed: frozenset[str] = frozenset()

    def problems(self, strict: bool) -> tuple[Problem, ...]:
        """What stops the leaflet: its errors, and under --strict its warnings as errors."""
        return self.errors + tuple(w.as_error() for w in self.warnings) if strict else self.errors


def read_site_url(sources: Path) -> tuple[str | None, tuple[Problem, ...]]:
    """The address the leaflet site is published at (None: not set), or its problems."""
    try:
        return load_site_url(sources), ()
    except LeafletError as error:
        return None, error.problems


def read_glossary(sources: Path) -> tuple[Glossary | None, tuple[Problem, ...]]:
    try:
        return load_glossary(sources, display(sources / GLOSSARY)), ()
    except LeafletError as error:
        return None, error.problems


def wordlist_problems(sources: Path) -> tuple[Problem, ...]:
    """Why the word list cannot be read, if it cannot: the leaflets are checked without it."""
    path = sources / WORDLIST
    if not os.path.lexists(path):
        return ()
    try:
        yamlfile.decode(read_file(path), display(path), max_bytes=None)
    except OSError as error:
        return (yamlfile.unreadable(display(path), error),)
    except LeafletError as error:
        return error.problems
    return ()


def plan(sources: Path, glossary: Glossary | None, today: dt.date | None,
         reuse: Callable[[str, KeyFor], Kept | None] = lambda name, key: None,
         files: Sequence[Path] | None = None,
         shared: Shared | None = None,
         seconds: float | None = CHECK_SECONDS) -> Iterator[Checked | Kept]:
    """Each leaflet of `sources` (or those `files`): what `reuse(name, key_for)` gives, else
    checked. `key_for(uses)` is the leaflet's key if it uses those parts of `shared`.

    Reading and checking one leaflet may take at most `seconds`, in this process too.
    """
    shared = shared or Shared()
    keys = Keys(sources, shared)
    for path in find_sources(sources) if files is None else files:
        name = display(path)
        try:
            raw = read_file(path)
        except OSError as error:
            yield _failed(name, "", LeafletError([yamlfile.unreadable(name, error)]))
            continue
        def key_for(uses: Iterable[str], raw: bytes = raw + archive.fingerprint(
                sources, path.stem)) -> str:
            return keys.key(raw, uses)

        if (kept := reuse(name, key_for)) is not None:
            yield kept
            continue
        try:
            with time_limit(seconds):
                checked = check(path, name, key_for, raw, sources, glossary, today, shared)
        except TimeLimitExceeded:
            checked = _failed(name, "", LeafletError([problem(
                name, 1, 1, "E-time-limit", f"reading and checking the leaflet took longer "
                f"than {seconds:g} seconds and was stopped")]))
        yield checked


def check(path: Path, name: str, key_for: KeyFor, raw: bytes, sources: Path,
          glossary: Glossary | None, today: dt.date | None,
          shared: Shared | None = None) -> Checked:
    try:
        loaded = leaflet_file.load(yamlfile.decode(raw, name), path, shared, today)
    except LeafletError as error:
        return _failed(name, "", error)
    leaflet = loaded.leaflet
    key = key_for(leaflet.uses)
    status, controlled = control.control(leaflet, sources, glossary)
    findings, warnings = editorial.check_leaflet(leaflet, sources, today, glossary,
                                                 status.changed)
    terms = editorial.glossary_terms(glossary, leaflet) if glossary else set()
    return Checked(name, key, leaflet, tuple(findings), (*loaded.warnings, *controlled,
                                                         *warnings),
                   terms=frozenset(terms), changed=status.changed)


def resolver(sources: Path, site_url: str | None) -> Callable[[str], tuple[Edition, ...] | None]:
    """Reads a leaflet file (by the name messages give it) again and resolves its editions.

    For the site's pages of a leaflet whose PDFs are up to date; None when it
    cannot be read (the build has said why).
    """
    read: list[tuple[Glossary | None, Shared]] = []

    def editions(name: str) -> tuple[Edition, ...] | None:
        if not read:
            read.append((read_glossary(sources)[0], read_shared(sources)[0]))
        glossary, shared = read[0]
        try:
            leaflet = leaflet_file.load(yamlfile.read(Path(name), name), Path(name),
                                        shared).leaflet
        except (LeafletError, OSError):
            return None
        status, _ = control.control(leaflet, sources, glossary)
        # The site's page is that of the publisher whose id comes first (see site.py).
        publisher = min(leaflet.publishers, key=lambda p: p.id) if leaflet.publishers else None
        return tuple(resolve(leaflet, audience, glossary, publisher,
                             changed=audience in status.changed,
                             site_url=site_url)
                     for audience in leaflet.audience_ids)

    return editions


def glossary_warnings(glossary: Glossary | None, sources: Path,
                      uses: Iterable[tuple[str, Iterable[str]]],
                      every_leaflet: bool = True) -> list[Problem]:
    """Warnings about the glossary file itself: the terms no leaflet uses, and misspellings.

    `uses` gives, for each leaflet read or kept, its language and the glossary
    terms its editions use: a term's explanations are spelled in the languages
    of the leaflets that print them. Whether a term is used by no leaflet is
    only said when `uses` covers `every_leaflet` (not when a command names some).
    """
    if glossary is None:
        return []
    languages: dict[str, set[str]] = {}
    for language, terms in uses:
        for term in terms:
            languages.setdefault(term, set()).add(language)
    unused = editorial.unused_glossary_terms(glossary, set(languages)) if every_leaflet else []
    return [*unused, *editorial.glossary_spelling(glossary, languages, sources)]


def _failed(name: str, key: str, error: LeafletError) -> Checked:
    return Checked(name, key, None, errors=error.problems)
